"""/docs: Swagger UI served from the swagger-ui-bundle-v2 package (no CDN), started by a script file (no inline code)."""
from __future__ import annotations

import html
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/docs/assets"
_START = Path(__file__).parent / "static" / "docs.js"
# Swagger UI sets inline styles and data: images; its scripts are the two files below.
_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def add_docs(app: FastAPI) -> None:
    """GET /docs (the page), /docs/start.js (its start-up) and /docs/assets/* (Swagger UI's files)."""
    page = (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(app.title)} · API</title>"
        f"<link rel=\"stylesheet\" href=\"{ASSETS}/swagger-ui.css\"></head>"
        f"<body><div id=\"swagger-ui\" data-openapi=\"{html.escape(app.openapi_url or '/openapi.json')}\"></div>"
        f"<script src=\"{ASSETS}/swagger-ui-bundle.js\"></script><script src=\"/docs/start.js\"></script></body></html>"
    )

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": _CSP})

    @app.get("/docs/start.js", include_in_schema=False)
    def start() -> FileResponse:
        return FileResponse(_START, media_type="text/javascript")

    app.mount(ASSETS, StaticFiles(directory=Path(str(swagger_ui_path))), name="swagger-ui")
