"""Server-rendered pages a citation marker opens: the source card and the whole release (escaped, no script)."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse

from web import render

_CSS = (Path(__file__).parent / "static" / "app.css").read_text(encoding="utf-8")
# The pages hold release text only: nothing on them may run a script, whatever the text contains.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"


def _page(title: str, body: str, fragment: bool) -> HTMLResponse:
    if fragment:
        content = body
    else:
        content = (
            "<!doctype html><html><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{render.esc(title)}</title><style>{_CSS}</style></head>"
            f"<body class=\"bxl-page\"><main>{body}<p><a href=\"/\">Back to the chat</a></p></main></body></html>"
        )
    return HTMLResponse(content, headers={"Content-Security-Policy": _CSP})  # other headers: web.security


def _release(bot, release_id: str):
    try:
        return bot.release(release_id)
    except (KeyError, LookupError):
        raise HTTPException(404, f"No release with id {release_id!r}.") from None


def _span(release, start: int | None, end: int | None) -> tuple[int, int] | None:
    if start is None and end is None:
        return None
    if start is None or end is None or not 0 <= start <= end <= len(release.text):
        raise HTTPException(400, f"start and end must satisfy 0 <= start <= end <= {len(release.text)}.")
    return start, end


def make_router(bot) -> APIRouter:
    router = APIRouter(prefix="/view", include_in_schema=False)

    @router.get("/source/{release_id}", response_class=HTMLResponse)
    def source(release_id: str, start: int = Query(..., ge=0), end: int = Query(..., ge=0),
               n: int | None = Query(None, ge=1, le=999), fragment: bool = False):
        release = _release(bot, release_id)
        span = _span(release, start, end)
        return _page(release.title, render.source_card(release, *span, number=n), fragment)

    @router.get("/release/{release_id}", response_class=HTMLResponse)
    def release(release_id: str, start: int | None = Query(None, ge=0), end: int | None = Query(None, ge=0),
                fragment: bool = False):
        rel = _release(bot, release_id)
        span = _span(rel, start, end) or (None, None)
        return _page(rel.title, render.release_view(rel, *span), fragment)

    return router
