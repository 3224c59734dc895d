"""Security headers on every response: a strict Content-Security-Policy, nosniff, no framing, no referrer.

The chat page is Gradio's HTML with a few inline scripts of its own; each response gets a fresh nonce that is written
into those <script> tags and into the policy, so no other inline script (nor eval, nor a foreign script) can run.
"""
from __future__ import annotations

import re
import secrets

# Responses that are not pages (JSON, assets, errors) may not run or embed anything.
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# Gradio styles its components inline, loads its modules and fonts from this origin and talks to it over fetch/SSE.
PAGE_POLICY = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob: data:; "
               "worker-src 'self' blob:; manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
               "frame-ancestors 'none'")
HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"no-referrer",
    b"cross-origin-opener-policy": b"same-origin",
}
_SCRIPT_TAG = re.compile(rb"<script(?=[\s>])", re.I)


class SecurityHeadersMiddleware:
    """Adds HEADERS and, where a route set none, a CSP: PAGE_POLICY (with a nonce) for HTML, API_POLICY otherwise."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start: dict | None = None
        body: list[bytes] = []

        async def secured_send(message):
            nonlocal start
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in HEADERS]
                start = {**message, "headers": headers + list(HEADERS.items())}
                page = scope.get("method") != "HEAD" and _rewritable_html(headers)
                if _header(headers, b"content-security-policy") is None and not page:
                    start["headers"].append((b"content-security-policy", API_POLICY.encode()))
                if _header(start["headers"], b"content-security-policy") is not None:
                    await send(start)
                    start = None
                return
            if start is None:  # already sent: stream the body through
                return await send(message)
            body.append(message.get("body", b""))
            if not message.get("more_body"):
                await _send_page(send, start, b"".join(body))

        await self.app(scope, receive, secured_send)


async def _send_page(send, start: dict, html: bytes) -> None:
    """The HTML page with a fresh nonce in each <script> tag and in its policy."""
    nonce = secrets.token_urlsafe(18)
    html = _SCRIPT_TAG.sub(b'<script nonce="' + nonce.encode() + b'"', html)
    headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
    headers += [(b"content-length", str(len(html)).encode()),
                (b"content-security-policy", PAGE_POLICY.format(nonce=nonce).encode())]
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": html, "more_body": False})


def _header(headers, name: bytes) -> bytes | None:
    return next((v for k, v in headers if k.lower() == name), None)


def _rewritable_html(headers) -> bool:
    """An uncompressed HTML page: its scripts can be given the nonce (a compressed one keeps API_POLICY)."""
    content_type = (_header(headers, b"content-type") or b"").lower()
    return content_type.startswith(b"text/html") and _header(headers, b"content-encoding") is None
