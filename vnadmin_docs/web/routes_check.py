"""The checker: upload a .docx, see its pages with every finding marked where it is."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.web.checking import check_task
from vnadmin_docs.web.context import lang_of, message, page, post, services, user_of
from vnadmin_docs.web.jobs import read_json, write_json
from vnadmin_docs.web.previews import preview_response
from vnadmin_docs.web.uploads import DOCX_SUFFIXES, UploadError, save_upload

__all__ = ["routes"]


async def start(request: Request) -> Response:
    svc = services(request)
    jobs = svc.jobs.list(user_of(request).name, "check")[:10]
    return page(request, "check_start.html", jobs=jobs, error=None)


@post
async def upload(request: Request) -> Response:
    svc = services(request)
    doc = request.state.form.get("docx")
    en = lang_of(request) == "en"
    if not isinstance(doc, UploadFile) or not doc.filename:
        return page(request, "check_start.html", http_status=400, jobs=[],
                    error="Choose a Word file (.docx)." if en else "Hãy chọn một tệp Word (.docx).")
    job = svc.jobs.create(user_of(request).name, "check")
    try:
        path, shown = await save_upload(doc, job.folder, "van-ban", suffixes=DOCX_SUFFIXES,
                                        max_bytes=svc.config.max_upload)
        write_json(job.path("meta.json"), {**job.meta, "data_name": shown})
        result = await svc.pool.run(svc.config.parse_timeout, check_task, str(path),
                                    str(job.path("xem")))
    except (UploadError, VnAdminError) as exc:
        import shutil

        shutil.rmtree(job.folder, ignore_errors=True)
        return page(request, "check_start.html", http_status=400, jobs=[],
                    error=exc.localized(lang_of(request)))
    write_json(job.path("result.json"), result)
    if "pages" in result:
        write_json(job.path("xem") / "pages.json", {"pages": result["pages"]})
    return RedirectResponse(f"/check/{job.id}", status_code=303)


async def report(request: Request) -> Response:
    svc = services(request)
    job = svc.jobs.get(user_of(request).name, request.path_params["job"], "check")
    if job is None:
        return message(request, "Không có việc này.", "No such job.", 404)
    result = read_json(job.path("result.json")) or {}
    if "error" in result:
        return message(request, result["error"], result["error_en"], 400)
    return page(request, "check_report.html", job=job, meta=job.meta, result=result)


async def page_image(request: Request) -> Response:
    svc = services(request)
    job = svc.jobs.get(user_of(request).name, request.path_params["job"], "check")
    if job is None:
        return Response(status_code=404)
    return preview_response(job.path("xem"), int(request.path_params["n"]))


routes = [
    Route("/check", start, methods=["GET"]),
    Route("/check", upload, methods=["POST"]),
    Route("/check/{job}", report, methods=["GET"]),
    Route("/check/{job}/trang/{n:int}.png", page_image, methods=["GET"]),
]
