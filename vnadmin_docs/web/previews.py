"""Page images of a .docx, drawn in a worker and kept beside the job (``pages.json`` and
``trang/trang-N.png``), so a preview asked twice is drawn once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.web.context import services
from vnadmin_docs.web.jobs import read_json, write_json

__all__ = ["draw_pages", "preview_response", "render_preview"]


def draw_pages(docx: str, folder: str) -> dict[str, Any]:
    """(In a worker.) The PDF and PNG pages of ``docx`` in ``folder``."""
    from vnadmin_docs.web.pages import docx_pages

    try:
        pdf, pngs = docx_pages(Path(docx), Path(folder))
    except VnAdminError as exc:
        return {"error": exc.localized("vi"), "error_en": exc.localized("en")}
    return {"pdf": str(pdf), "pages": [p.name for p in pngs]}


async def render_preview(request: Request, docx: Path, folder: Path) -> dict[str, Any]:
    cached = read_json(folder / "pages.json")
    if cached and "error" not in cached and cached.get("docx_mtime") == docx.stat().st_mtime:
        return dict(cached)
    svc = services(request)
    try:
        result = await svc.pool.run(svc.config.parse_timeout, draw_pages, str(docx), str(folder))
    except VnAdminError as exc:
        result = {"error": exc.localized("vi"), "error_en": exc.localized("en")}
    if "error" not in result:
        result["docx_mtime"] = docx.stat().st_mtime
        write_json(folder / "pages.json", result)
    return result


def preview_response(folder: Path, n: int) -> Response:
    """Page ``n`` (1-based) of the preview kept in ``folder``."""
    data = read_json(folder / "pages.json") or {}
    pages = data.get("pages") or []
    if not 1 <= n <= len(pages):
        return Response(status_code=404)
    path = folder / "trang" / Path(pages[n - 1]).name
    if not path.is_file():
        return Response(status_code=404)
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "no-store"})
