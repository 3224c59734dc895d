"""Optional HTTP Basic login over the whole site (page, Gradio API and /api) as an ASGI middleware.

Turn it on with BXLBOT_AUTH="user:password" (or --auth), or point it at a file of `user:password` lines.
"""
from __future__ import annotations

import base64
import binascii
import hmac
import json
from pathlib import Path

OPEN_PATHS = frozenset({"/api/health"})  # probes need no password; they reveal only a release count
_REALM = 'Basic realm="Brussels press releases", charset="UTF-8"'


class AuthConfigError(ValueError):
    """The auth setting can be neither a user:password pair nor a readable file of them."""


def load_credentials(spec: str) -> dict[str, str]:
    """'user:password', or a path to a file of such lines ('#' comments and blank lines ignored)."""
    spec = (spec or "").strip()
    if not spec:
        return {}
    path = Path(spec).expanduser()
    if path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines()
        pairs = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
        origin = f"file {path}"
    elif ":" in spec:
        pairs, origin = [spec], "BXLBOT_AUTH"
    else:
        raise AuthConfigError(f"BXLBOT_AUTH={spec!r} is neither 'user:password' nor an existing file of such lines.")
    credentials = {}
    for pair in pairs:
        user, sep, password = pair.partition(":")
        if not sep or not user or not password:
            raise AuthConfigError(f"{origin}: each login must be 'user:password' with both parts non-empty.")
        credentials[user] = password
    if not credentials:
        raise AuthConfigError(f"{origin} holds no 'user:password' line.")
    return credentials


def check_header(header: str | None, credentials: dict[str, str]) -> bool:
    """True when an Authorization header carries one of the logins (constant-time comparison)."""
    if not header or not header[:6].lower() == "basic ":
        return False
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return False
    user, _, password = decoded.partition(":")
    expected = credentials.get(user, "")
    ok = hmac.compare_digest(password.encode(), expected.encode())
    return ok and user in credentials


class BasicAuthMiddleware:
    """Refuses every HTTP and WebSocket request without valid credentials, except OPEN_PATHS."""

    def __init__(self, app, credentials: dict[str, str]):
        self.app = app
        self.credentials = credentials

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket") or scope.get("path") in OPEN_PATHS:
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        header = headers.get(b"authorization", b"").decode("latin-1")
        if check_header(header, self.credentials):
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            return await send({"type": "websocket.close", "code": 1008})
        body = json.dumps({"detail": "Login required: use the user name and password set in BXLBOT_AUTH."}).encode()
        await send({"type": "http.response.start", "status": 401, "headers": [
            (b"content-type", b"application/json"), (b"www-authenticate", _REALM.encode()),
            (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
