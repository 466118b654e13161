"""Apology letters in batch: upload, review (header matching, every row's problems,
exclusions, a preview of any letter), run in a worker process with live progress, download."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import yaml
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from vnadmin_docs.batch import LETTERS_DIR, MERGED_FILE, PRINT_PDF
from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.web import tasks
from vnadmin_docs.web.batchjob import OUT, REPORT_XLSX, command_line, run_job
from vnadmin_docs.web.context import message, need, page, post, services, user_of
from vnadmin_docs.web.jobs import Job, read_json, write_json
from vnadmin_docs.web.previews import preview_response, render_preview
from vnadmin_docs.web.profile_form import (
    form_to_profile,
    profile_problem,
    profile_to_form,
    profile_yaml,
)
from vnadmin_docs.web.uploads import EXPORT_SUFFIXES, PROFILE_SUFFIXES, UploadError, save_upload
from vnadmin_docs.web.users import Role

__all__ = ["routes"]

TEMPLATES = ("xin-loi", "van-ban-xin-loi", "phieu-xin-loi")


def _last_profile_path(request: Request) -> Path:
    svc = services(request)
    return svc.config.data_dir / "profiles" / f"{user_of(request).name}.yml"


def _last_profile(request: Request) -> dict[str, Any]:
    path = _last_profile_path(request)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


async def start(request: Request) -> Response:
    svc = services(request)
    jobs = [(j, svc.jobs.refresh(j)) for j in svc.jobs.list(user_of(request).name, "batch")]
    return page(request, "batch_start.html", form=profile_to_form(_last_profile(request)),
                templates=TEMPLATES, jobs=jobs[:10], errors=[])


def _job(request: Request) -> Job | None:
    return services(request).jobs.get(user_of(request).name, request.path_params["job"],
                                      "batch")


@post
async def upload(request: Request) -> Response:
    svc = services(request)
    form = request.state.form
    user = user_of(request)
    data = form.get("data")
    if not isinstance(data, UploadFile) or not data.filename:
        return _start_again(request, form, ["Hãy chọn tệp danh sách hồ sơ xuất từ hệ thống "
                                            "một cửa (.xlsx, .xls, .csv …)."],
                            ["Choose the dossier list exported from the one-stop system."])
    job = svc.jobs.create(user.name, "batch")
    try:
        path, shown = await save_upload(data, job.folder, "du-lieu", suffixes=EXPORT_SUFFIXES,
                                        max_bytes=svc.config.max_upload)
        uploaded = form.get("profile_file")
        if isinstance(uploaded, UploadFile) and uploaded.filename:
            ppath, _ = await save_upload(uploaded, job.folder, "cau-hinh-tai-len",
                                         suffixes=PROFILE_SUFFIXES, max_bytes=1024 * 1024)
            profile_text = ppath.read_bytes()
            job.path("cau-hinh.yml").write_bytes(profile_text)
        else:
            profile = form_to_profile(form, _last_profile(request))
            job.path("cau-hinh.yml").write_text(profile_yaml(profile), encoding="utf-8")
        refused = profile_problem(job.path("cau-hinh.yml").read_text(encoding="utf-8",
                                                                      errors="replace"))
        if refused is not None:
            raise UploadError(*refused)
    except UploadError as exc:
        shutil.rmtree(job.folder, ignore_errors=True)
        return _start_again(request, form, [exc.localized("vi")], [exc.localized("en")])
    options = {"pdf": form.get("pdf") == "1",
               "assign_number": form.get("assign_number") == "1" and user.may(Role.VAN_THU),
               "series": form.get("series") if form.get("series") in ("thuong", "mat", "sao")
               else "thuong"}
    write_json(job.path("meta.json"), {**job.meta, "data": path.name, "data_name": shown,
                                       "options": options})
    review = await _validate(request, job, [])
    if "error" in review:
        failed = review
        shutil.rmtree(job.folder, ignore_errors=True)
        return _start_again(request, form, [failed["error"]], [failed["error_en"]])
    # the profile worked: it fills the form next time
    last = _last_profile_path(request)
    last.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(job.path("cau-hinh.yml"), last)
    return RedirectResponse(f"/batch/{job.id}", status_code=303)


def _start_again(request: Request, form: Any, errors_vi: list[str],
                 errors_en: list[str]) -> Response:
    from vnadmin_docs.web.context import lang_of

    values = profile_to_form(form_to_profile(form, _last_profile(request)))
    return page(request, "batch_start.html", http_status=400, form=values, templates=TEMPLATES,
                jobs=[], errors=errors_en if lang_of(request) == "en" else errors_vi)


EDITED = "du-lieu-da-sua"
"""The copy of the uploaded workbook with the clerk's exclusions and corrections."""


def _source_name(job: Job, review: dict[str, Any]) -> str:
    """The file the batch reads: the upload, or its edited copy when rows were excluded or
    cells corrected."""
    name = str(job.meta["data"])
    if review.get("excluded") or review.get("fixes"):
        return f"{EDITED}{Path(name).suffix}"
    return name


async def _validate(request: Request, job: Job, exclude: list[int],
                    fixes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The dry run and the header matching, side by side in two workers (on a copy of the
    workbook without the excluded rows and with the corrected cells, when there are
    some)."""
    svc = services(request)
    meta = job.meta
    limit = svc.config.parse_timeout
    source = job.path(meta["data"])
    profile = str(job.path("cau-hinh.yml"))
    dirs = [str(d) for d in svc.config.template_dirs]
    try:
        fixes = fixes or []
        if exclude or fixes:
            found = await svc.pool.run(limit, tasks.header_of, str(source), profile, dirs)
            if "error" in found:
                return found
            edited = job.path(f"{EDITED}{source.suffix}")
            await svc.pool.run(limit, tasks.blank_rows, source, edited, exclude,
                               found["sheet"],
                               [(f["row"], f["index"], f["value"]) for f in fixes])
            source = edited
        checked, header = await asyncio.gather(
            svc.pool.run(limit, tasks.dry_run, str(source), profile, dirs),
            svc.pool.run(limit, tasks.header_of, str(source), profile, dirs))
    except VnAdminError as exc:  # over the time limit, or the worker died
        return tasks.failure(exc)
    for part in (checked, header):
        if "error" in part:
            return part
    review = {**checked, **header, "excluded": sorted(set(exclude)), "fixes": fixes}
    write_json(job.path("review.json"), review)
    return review


async def review(request: Request) -> Response:
    job = _job(request)
    if job is None:
        return message(request, "Không có việc này.", "No such job.", 404)
    svc = services(request)
    state = svc.jobs.refresh(job)
    meta = job.meta
    data = read_json(job.path("review.json")) or {}
    options = {**meta.get("options", {}), "template": data.get("template", "xin-loi")}
    return page(request, "batch_review.html", job=job, meta=meta, review=data, state=state,
                command=command_line(options, meta.get("data_name", "du-lieu.xlsx")),
                can_exclude=str(meta.get("data", "")).endswith(".xlsx"))


@post
async def exclude(request: Request) -> Response:
    job = _job(request)
    if job is None:
        return message(request, "Không có việc này.", "No such job.", 404)
    if job.state.get("status") == "running":
        return message(request, "Đang tạo văn bản, chưa đổi được danh sách.",
                       "The letters are being made; the list cannot change now.", 409)
    rows = sorted({int(v) for v in request.state.form.getlist("exclude") if str(v).isdigit()})
    before = read_json(job.path("review.json")) or {}
    result = await _validate(request, job, rows, before.get("fixes") or [])
    if "error" in result:
        return message(request, result["error"], result["error_en"], 400)
    return RedirectResponse(f"/batch/{job.id}", status_code=303)


@post
async def fix(request: Request) -> Response:
    """Corrected cells (``fix-<row>-<column index>`` = text) written into the edited copy,
    then everything checked again; an emptied field takes its correction back."""
    job = _job(request)
    if job is None:
        return message(request, "Không có việc này.", "No such job.", 404)
    if job.state.get("status") == "running":
        return message(request, "Đang tạo văn bản, chưa sửa được.",
                       "The letters are being made; nothing can change now.", 409)
    before = read_json(job.path("review.json")) or {}
    headers = {c["index"]: c["header"] for c in before.get("header", {}).get("columns", [])}
    fixes = {(f["row"], f["index"]): f for f in before.get("fixes") or []}
    for key, value in request.state.form.multi_items():
        parts = key.split("-")
        if len(parts) != 3 or parts[0] != "fix" or not (parts[1] + parts[2]).isdigit():
            continue
        row, index = int(parts[1]), int(parts[2])
        if index not in headers or not isinstance(value, str):
            continue
        text = value.strip()[:500]
        if text:
            fixes[(row, index)] = {"row": row, "index": index, "column": headers[index],
                                   "value": text}
        else:
            fixes.pop((row, index), None)
    result = await _validate(request, job, before.get("excluded") or [],
                             sorted(fixes.values(), key=lambda f: (f["row"], f["index"])))
    if "error" in result:
        return message(request, result["error"], result["error_en"], 400)
    return RedirectResponse(f"/batch/{job.id}#h-loi", status_code=303)


@post
async def run(request: Request) -> Response:
    job = _job(request)
    if job is None:
        return message(request, "Không có việc này.", "No such job.", 404)
    svc = services(request)
    state = svc.jobs.refresh(job)
    if state.get("status") == "running":
        return RedirectResponse(f"/batch/{job.id}", status_code=303)
    meta, data = job.meta, read_json(job.path("review.json")) or {}
    source = _source_name(job, data)  # the file the last check was made on
    options = {**meta.get("options", {}), "data": source, "template": data["template"],
               "template_dirs": [str(d) for d in svc.config.template_dirs],
               "register_url": svc.config.register_url, "workers": svc.config.batch_workers,
               "audit_db": str(svc.users.path)}
    svc.jobs.start(job, run_job, options)
    return RedirectResponse(f"/batch/{job.id}", status_code=303)


async def events(request: Request) -> Response:
    """Server-sent events: the job's state whenever it changes, until it ends. The browser
    reconnects by itself; the state lives on disk, so nothing is lost meanwhile."""
    job = _job(request)
    if job is None:
        return Response(status_code=404)
    svc = services(request)

    async def stream() -> AsyncIterator[bytes]:
        last = None
        beats = 0
        while True:
            state = svc.jobs.refresh(job)
            shown = {k: state.get(k) for k in ("status", "done", "total", "error")}
            if shown != last:
                last = shown
                yield f"data: {json.dumps(shown, ensure_ascii=False)}\n\n".encode()
            elif beats % 30 == 0:
                yield b": nghe\n\n"
            if state.get("status") not in ("running",):
                return
            if await request.is_disconnected():
                return
            beats += 1
            await asyncio.sleep(0.3)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


def _download_name(job: Job, what: str) -> tuple[Path, str, str] | None:
    out = job.path(OUT)
    table = {
        "zip": (out / "van-ban.zip", "van-ban.zip", "application/zip"),
        "merged": (out / MERGED_FILE, MERGED_FILE, "application/vnd.openxmlformats-"
                   "officedocument.wordprocessingml.document"),
        "merged-pdf": (out / PRINT_PDF, PRINT_PDF, "application/pdf"),
        "report": (job.path(REPORT_XLSX), REPORT_XLSX,
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "manifest": (out / "manifest.csv", "manifest.csv", "text/csv; charset=utf-8"),
        "profile": (job.path("cau-hinh.yml"), "cau-hinh.yml", "text/yaml; charset=utf-8"),
        "edited": (job.path(f"{EDITED}.xlsx"), f"{EDITED}.xlsx",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    }
    return table.get(what)


async def download(request: Request) -> Response:
    job = _job(request)
    found = _download_name(job, request.path_params["what"]) if job else None
    if job is None or found is None or not found[0].is_file():
        return message(request, "Không có tệp này (chưa tạo xong?).",
                       "No such file (not made yet?).", 404)
    path, name, media = found
    return FileResponse(path, media_type=media, filename=name)


def _letter(job: Job, row: int) -> Path | None:
    state = job.state
    for letter in (state.get("result") or {}).get("letters", []):
        if letter["row"] == row:
            path: Path = job.path(OUT) / str(letter["file"])
            if path.parent == (job.path(OUT) / LETTERS_DIR) and path.is_file():
                return path
    return None


async def letter(request: Request) -> Response:
    job = _job(request)
    path = _letter(job, int(request.path_params["row"])) if job else None
    if path is None:
        return message(request, "Không có văn bản này.", "No such letter.", 404)
    return FileResponse(path, filename=path.name, media_type="application/vnd."
                        "openxmlformats-officedocument.wordprocessingml.document")


async def preview(request: Request) -> Response:
    """One letter as page images: the letter already made, or (before the run) the letter
    the batch would make for that row, from a copy of the sheet with only that row."""
    job = _job(request)
    if job is None:
        return message(request, "Không có việc này.", "No such job.", 404)
    svc = services(request)
    row = int(request.path_params["row"])
    folder = job.path("xem-truoc") / str(row)
    made = _letter(job, row)
    if made is not None:
        result = await render_preview(request, made, folder)
    else:
        data = read_json(job.path("review.json")) or {}
        entries = data.get("entries", [])
        good = [e["row"] for e in entries if not e["failed"]]
        if row not in good or not str(job.meta.get("data", "")).endswith(".xlsx"):
            return message(request, "Dòng này chưa xem trước được (dòng lỗi, hoặc tệp không "
                           "phải .xlsx: hãy tạo văn bản rồi xem).",
                           "This row cannot be previewed yet (a failed row, or not an .xlsx "
                           "file: make the letters, then look).", 404)
        start = int((yaml.safe_load(job.path("cau-hinh.yml").read_text(encoding="utf-8"))
                     or {}).get("numbering", {}).get("start", 1))
        built = await svc.pool.run(
            svc.config.parse_timeout, tasks.one_letter, str(job.path(_source_name(job, data))),
            str(job.path("cau-hinh.yml")), [str(d) for d in svc.config.template_dirs], row,
            start + good.index(row), [e["row"] for e in entries] + data.get("excluded", []),
            str(folder / "van-ban"))
        if "error" in built:
            return message(request, built["error"], built["error_en"], 400)
        result = await render_preview(request, Path(built["docx"]), folder)
    return page(request, "preview.html", title=f"Dòng {row}", back=f"/batch/{job.id}",
                preview=result, base=f"/batch/{job.id}/trang/{row}")


async def page_image(request: Request) -> Response:
    job = _job(request)
    if job is None:
        return Response(status_code=404)
    folder = job.path("xem-truoc") / str(int(request.path_params["row"]))
    return preview_response(folder, int(request.path_params["n"]))


routes = [
    Route("/batch", start, methods=["GET"]),
    Route("/batch", upload, methods=["POST"]),
    Route("/batch/{job}", review, methods=["GET"]),
    Route("/batch/{job}/exclude", exclude, methods=["POST"]),
    Route("/batch/{job}/fix", fix, methods=["POST"]),
    Route("/batch/{job}/run", need(Role.CLERK)(run), methods=["POST"]),
    Route("/batch/{job}/events", events, methods=["GET"]),
    Route("/batch/{job}/download/{what}", download, methods=["GET"]),
    Route("/batch/{job}/letter/{row:int}", letter, methods=["GET"]),
    Route("/batch/{job}/preview/{row:int}", preview, methods=["GET"]),
    Route("/batch/{job}/trang/{row:int}/{n:int}.png", page_image, methods=["GET"]),
]
