"""The number book (sổ đăng ký văn bản đi): list, search, cancel (văn thư), export."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.registry import Entry, Register
from vnadmin_docs.web.context import message, need, page, post, services, user_of
from vnadmin_docs.web.users import Role

__all__ = ["routes"]


def _fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFD", text.casefold()).replace("đ", "d")
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def _matches(entry: Entry, query: str) -> bool:
    hay = _fold(" ".join([entry.so_line, entry.summary, entry.signer, entry.type_name,
                          " ".join(entry.recipients), entry.note, entry.output_path or ""]))
    return all(word in hay for word in _fold(query).split())


def _read(url: str | None, year: int, series: str | None, status: str | None
          ) -> tuple[list[Entry], list[Any]]:
    book = Register.open(url)
    try:
        return book.list(year=year, series=series, status=status), book.books()
    finally:
        book.close()


def _year(request: Request) -> int:
    text = request.query_params.get("year", "")
    return int(text) if text.isdigit() and 1900 < int(text) < 3000 else dt.date.today().year


async def index(request: Request) -> Response:
    svc = services(request)
    year = _year(request)
    series = request.query_params.get("series") or None
    series = series if series in ("thuong", "mat", "sao") else None
    status = request.query_params.get("status") or None
    status = status if status in ("issued", "cancelled") else None
    query = request.query_params.get("q", "").strip()
    try:
        entries, books = await run_in_threadpool(_read, svc.config.register_url, year, series,
                                                 status)
    except VnAdminError as exc:
        return message(request, exc.localized("vi"), exc.localized("en"), 500)
    if query:
        entries = [e for e in entries if _matches(e, query)]
    return page(request, "book.html", entries=entries, books=books, year=year, q=query,
                series=series or "", status=status or "")


@need(Role.VAN_THU)
@post
async def cancel(request: Request) -> Response:
    svc = services(request)
    entry_id = int(request.path_params["entry"])
    reason = str(request.state.form.get("reason") or "")

    def work() -> Entry:
        book = Register.open(svc.config.register_url)
        try:
            return book.cancel(book.get_by_id(entry_id), reason)
        finally:
            book.close()

    try:
        entry = await run_in_threadpool(work)
    except VnAdminError as exc:
        return message(request, exc.localized("vi"), exc.localized("en"), 400)
    svc.users.audit(user_of(request).name, "number.cancel", number=entry.so_line,
                    entry=entry.id, reason=reason)
    return RedirectResponse(f"/book?year={entry.doc_date.year}", status_code=303)


async def export(request: Request) -> Response:
    svc = services(request)
    year = _year(request)
    issuer = request.query_params.get("issuer") or None
    series = request.query_params.get("series") or "thuong"
    tmp = Path(tempfile.mkdtemp(prefix="vnadmin-web-so-"))
    target = tmp / f"so-van-ban-di-{year}.xlsx"

    def work() -> Path:
        book = Register.open(svc.config.register_url)
        try:
            return book.export_xlsx(target, year, issuer_abbr=issuer, series=series)
        finally:
            book.close()

    try:
        path = await run_in_threadpool(work)
    except VnAdminError as exc:
        return message(request, exc.localized("vi"), exc.localized("en"), 400)

    def clean() -> None:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)

    return FileResponse(path, filename=target.name, background=BackgroundTask(clean),
                        media_type="application/vnd.openxmlformats-officedocument."
                        "spreadsheetml.sheet")


routes = [
    Route("/book", index, methods=["GET"]),
    Route("/book/export", export, methods=["GET"]),
    Route("/book/{entry:int}/cancel", cancel, methods=["POST"]),
]
