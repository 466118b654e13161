"""The Starlette application: services, middleware (body limit → signed session → gate)
and the routes of every page."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from vnadmin_docs.web import routes_account, routes_batch, routes_book, routes_check, routes_forms
from vnadmin_docs.web.config import WebConfig
from vnadmin_docs.web.context import HERE, Services, page
from vnadmin_docs.web.jobs import JobStore
from vnadmin_docs.web.security import BodyLimit, Gate
from vnadmin_docs.web.users import UserStore
from vnadmin_docs.web.workers import WorkerPool

__all__ = ["create_app"]

SESSION_HOURS = 10


async def home(request: Request) -> Response:
    return page(request, "home.html")


async def set_lang(request: Request) -> Response:
    lang = request.path_params["lang"]
    request.session["lang"] = "en" if lang == "en" else "vi"
    back = request.query_params.get("next", "/")
    if not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = "/"
    return RedirectResponse(back, status_code=303)


async def _server_error(request: Request, exc: Exception) -> Response:
    return PlainTextResponse("Có lỗi trong chương trình; việc đang làm chưa xong. Hãy thử lại "
                             "hoặc báo cho quản trị. / A program error; please try again.",
                             status_code=500)


def create_app(config: WebConfig, *, pool: WorkerPool | None = None) -> Starlette:
    """The web app for ``config``. ``pool``: share worker processes between apps (tests)."""
    config.data_dir.mkdir(parents=True, exist_ok=True)
    services = Services(
        config=config,
        users=UserStore(config.data_dir / "users.sqlite3"),
        jobs=JobStore(config.data_dir / "jobs", config.job_timeout),
        pool=pool or WorkerPool(config.workers),
    )
    routes = [
        Route("/", home),
        Route("/lang/{lang}", set_lang),
        *routes_account.routes,
        *routes_batch.routes,
        *routes_check.routes,
        *routes_forms.routes,
        *routes_book.routes,
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    middleware = [
        Middleware(BodyLimit, max_bytes=config.max_upload + 256 * 1024),
        Middleware(SessionMiddleware, secret_key=config.secret_key(),
                   session_cookie="vnadmin_phien", max_age=SESSION_HOURS * 3600,
                   same_site="strict", https_only=config.secure_cookies),
        Middleware(Gate, config=config),
    ]
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={500: _server_error})
    app.state.services = services
    return app
