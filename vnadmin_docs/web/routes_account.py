"""Signing in and out, the accounts page and the audit log (office mode)."""

from __future__ import annotations

import time

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from vnadmin_docs.web.context import lang_of, need, page, post, services, user_of
from vnadmin_docs.web.users import Role, UserError

__all__ = ["routes"]

_FAILS: dict[str, list[float]] = {}
_WINDOW, _TRIES = 300.0, 8


def _safe_next(value: object) -> str:
    text = value if isinstance(value, str) else "/"
    ok = text.startswith("/") and not text.startswith("//") and "\\" not in text
    return text if ok else "/"


async def login_page(request: Request) -> Response:
    return page(request, "login.html", next=_safe_next(request.query_params.get("next")),
                error=None)


@post
async def login(request: Request) -> Response:
    svc = services(request)
    form = request.state.form
    name = str(form.get("name") or "").strip().lower()
    password = str(form.get("password") or "")
    now = time.monotonic()
    recent = [t for t in _FAILS.get(name, []) if now - t < _WINDOW]
    user = None if len(recent) >= _TRIES else svc.users.verify(name, password)
    if user is None:
        _FAILS[name] = [*recent, now]
        svc.users.audit(name or "?", "login.failed", client=request.client.host
                        if request.client else "")
        en = lang_of(request) == "en"
        error = ("Wrong user name or password (or too many tries: wait 5 minutes)." if en
                 else "Sai tên đăng nhập hoặc mật khẩu (hoặc thử quá nhiều lần: chờ 5 phút).")
        return page(request, "login.html", http_status=401, next=_safe_next(form.get("next")),
                    error=error)
    _FAILS.pop(name, None)
    lang = request.session.get("lang")
    request.session.clear()  # a fresh session (and CSRF token) on every sign-in
    request.session.update({"user": user.name, **({"lang": lang} if lang else {})})
    svc.users.audit(user.name, "login")
    return RedirectResponse(_safe_next(form.get("next")), status_code=303)


@post
async def logout(request: Request) -> Response:
    lang = request.session.get("lang")
    request.session.clear()
    if lang:
        request.session["lang"] = lang
    return RedirectResponse("/login", status_code=303)


@need(Role.ADMIN)
async def users_page(request: Request) -> Response:
    svc = services(request)
    return page(request, "users.html", users=svc.users.all(), roles=list(Role), error=None,
                audit=svc.users.audit_log(200))


@need(Role.ADMIN)
@post
async def add_user(request: Request) -> Response:
    svc = services(request)
    form = request.state.form
    try:
        made = svc.users.add(str(form.get("name") or "").strip().lower(),
                             str(form.get("password") or ""),
                             str(form.get("role") or "clerk"),
                             str(form.get("full_name") or "").strip())
    except (UserError, ValueError) as exc:
        text = exc.localized(lang_of(request)) if isinstance(exc, UserError) else str(exc)
        return page(request, "users.html", http_status=400, users=svc.users.all(),
                    roles=list(Role), error=text, audit=svc.users.audit_log(200))
    svc.users.audit(user_of(request).name, "user.add", name=made.name, role=made.role.value)
    return RedirectResponse("/admin/users", status_code=303)


@need(Role.ADMIN)
@post
async def disable_user(request: Request) -> Response:
    svc = services(request)
    name = request.path_params["name"]
    if name == user_of(request).name:
        return RedirectResponse("/admin/users", status_code=303)
    on = request.state.form.get("disabled") == "1"
    svc.users.set_disabled(name, on)
    svc.users.audit(user_of(request).name, "user.disable" if on else "user.enable", name=name)
    return RedirectResponse("/admin/users", status_code=303)


routes = [
    Route("/login", login_page, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/admin/users", users_page, methods=["GET"]),
    Route("/admin/users", add_user, methods=["POST"]),
    Route("/admin/users/{name}/disable", disable_user, methods=["POST"]),
]
