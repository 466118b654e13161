"""What stands between the network and the pages.

* :class:`BodyLimit`: a request body over the limit is refused with 413 before it is read
  (``Content-Length``) or as soon as it grows past it (chunked uploads).
* :class:`Gate`: a server without accounts answers only to this machine (the client
  address and the ``Host`` header must both be loopback, which also defeats DNS
  rebinding); a server with accounts sends every page but the login page to ``/login``.
* CSRF: a random token per session, required in every POST (form field ``csrf`` or header
  ``X-CSRF-Token``), compared in constant time.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vnadmin_docs.web.config import WebConfig, is_loopback

__all__ = ["BodyLimit", "CsrfError", "Gate", "check_csrf", "csrf_token"]

OPEN_PATHS = ("/login", "/static/", "/lang/")


class CsrfError(Exception):
    pass


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, form: Any = None) -> None:
    """Raise :class:`CsrfError` unless the request carries this session's token."""
    expected = request.session.get("csrf")
    given = request.headers.get("x-csrf-token")
    if given is None and form is not None:
        value = form.get("csrf")
        given = value if isinstance(value, str) else None
    if not (isinstance(expected, str) and isinstance(given, str)
            and hmac.compare_digest(expected.encode(), given.encode())):
        raise CsrfError


class _TooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await _too_large(self.max_bytes)(scope, receive, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if not started:
                await _too_large(self.max_bytes)(scope, receive, send)


def _too_large(max_bytes: int) -> PlainTextResponse:
    mb = max_bytes // (1024 * 1024)
    return PlainTextResponse(
        f"Tệp gửi lên quá lớn (giới hạn {mb} MB). / The upload is too large (limit {mb} MB).",
        status_code=413)


class Gate:
    def __init__(self, app: ASGIApp, config: WebConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if not self.config.needs_login:
            client = scope.get("client")
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0][1:]
            if client is None or not is_loopback(client[0]) or not is_loopback(name):
                await PlainTextResponse(
                    "Máy chủ này chỉ phục vụ máy tại chỗ (127.0.0.1). Dùng chế độ văn phòng "
                    "(--host 0.0.0.0, có tài khoản) để mở từ máy khác. / This server answers "
                    "this machine only.", status_code=403)(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        session = scope.get("session") or {}
        if not path.startswith(OPEN_PATHS) and not session.get("user"):
            if scope.get("method", "GET") == "GET" and scope["type"] == "http":
                await RedirectResponse(f"/login?next={quote(path)}", status_code=303)(
                    scope, receive, send)
            else:
                await PlainTextResponse("Cần đăng nhập. / Please sign in.",
                                        status_code=401)(scope, receive, send)
            return
        await self.app(scope, receive, send)
