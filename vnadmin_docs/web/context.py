"""What every page handler needs: the app's services, the user, the language, and the
page renderer with the translated strings."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.templating import Jinja2Templates

from vnadmin_docs.web.config import WebConfig
from vnadmin_docs.web.jobs import JobStore
from vnadmin_docs.web.security import CsrfError, check_csrf, csrf_token
from vnadmin_docs.web.texts import translate
from vnadmin_docs.web.users import LOCAL_USER, Role, User, UserStore
from vnadmin_docs.web.workers import WorkerPool

__all__ = ["Services", "lang_of", "page", "post", "services", "user_of"]

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True))


@dataclass
class Services:
    config: WebConfig
    users: UserStore
    jobs: JobStore
    pool: WorkerPool


def services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def lang_of(request: Request) -> str:
    """``?lang=en|vi`` (remembered for the session), else the session's, else Vietnamese."""
    asked = request.query_params.get("lang")
    if asked in ("vi", "en"):
        request.session["lang"] = asked
    return "en" if request.session.get("lang") == "en" else "vi"


def user_of(request: Request) -> User:
    """The signed-in user (the local user on a server without accounts)."""
    svc = services(request)
    if not svc.config.needs_login:
        return LOCAL_USER
    name = request.session.get("user")
    user = svc.users.get(name) if isinstance(name, str) else None
    if user is None:
        raise PermissionError
    return user


def page(request: Request, name: str, http_status: int = 200, **values: Any) -> HTMLResponse:
    lang = lang_of(request)
    svc = services(request)
    try:
        user: User | None = user_of(request)
    except PermissionError:
        user = None
    context = {
        "request": request, "lang": lang, "_": functools.partial(translate, lang),
        "csrf": csrf_token(request), "user": user, "accounts": svc.config.needs_login,
        "Role": Role, **values,
    }
    response: HTMLResponse = templates.TemplateResponse(request, name, context,
                                                        status_code=http_status)
    return response


def message(request: Request, text_vi: str, text_en: str, status: int) -> HTMLResponse:
    lang = lang_of(request)
    return page(request, "message.html", http_status=status,
                text=text_en if lang == "en" else text_vi)


Handler = Callable[[Request], Awaitable[Response]]


def post(handler: Handler) -> Handler:
    """A POST handler: the form is read once, the CSRF token checked, the user known."""

    @functools.wraps(handler)
    async def wrapped(request: Request) -> Response:
        form = await request.form(max_files=3, max_fields=2000, max_part_size=1024 * 1024)
        request.state.form = form
        try:
            check_csrf(request, form)
        except CsrfError:
            return PlainTextResponse("Phiên làm việc đã hết hạn hoặc yêu cầu không hợp lệ "
                                     "(CSRF); hãy tải lại trang. / Invalid or expired form "
                                     "(CSRF); reload the page.", status_code=403)
        return await handler(request)

    wrapped.csrf_checked = True  # type: ignore[attr-defined]
    return wrapped


def need(role: Role) -> Callable[[Handler], Handler]:
    """Only users with ``role`` (or higher) reach the handler; others get 403."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapped(request: Request) -> Response:
            try:
                user = user_of(request)
            except PermissionError:
                return PlainTextResponse("Cần đăng nhập. / Please sign in.", status_code=401)
            if not user.may(role):
                return message(request, f"Tài khoản {user.name} không có quyền này "
                               f"(cần vai trò {role.label('vi')}).",
                               f"The account {user.name} may not do this (needs the role "
                               f"{role.label('en')}).", 403)
            return await handler(request)

        for attr in ("csrf_checked",):
            if hasattr(handler, attr):
                setattr(wrapped, attr, getattr(handler, attr))
        return wrapped

    return decorate
