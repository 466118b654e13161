"""Single documents from forms: every template's fields as a form, a preview as page
images, downloads as .docx and PDF, the data saved and loaded as YAML."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from vnadmin_docs import api
from vnadmin_docs.content import TemplateLibrary
from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.web.context import lang_of, message, page, post, services, user_of
from vnadmin_docs.web.forms import data_from_form, form_fields, values_of
from vnadmin_docs.web.jobs import Job
from vnadmin_docs.web.previews import preview_response
from vnadmin_docs.web.profile_form import TEMPLATE_NAME
from vnadmin_docs.web.rendering import render_task
from vnadmin_docs.web.users import Role

__all__ = ["routes"]

FORM_JOB_HOURS = 12
"""A form's previews and downloads are kept this long (the data itself is in the form)."""


def _dirs(request: Request) -> list[str]:
    return [str(d) for d in services(request).config.template_dirs]


def _spec(request: Request) -> Any:
    name = request.path_params["tid"]
    if not TEMPLATE_NAME.match(name):  # an id or alias, never a path
        return None
    try:
        return TemplateLibrary(_dirs(request)).get(name)
    except VnAdminError:
        return None


def _example(template_id: str) -> dict[str, Any]:
    folder = api.example_path(template_id)
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            return api.load_data(path)
        except VnAdminError:
            continue
    return {}


async def index(request: Request) -> Response:
    specs = api.list_templates(_dirs(request))
    return page(request, "forms_index.html", specs=specs)


def _form_page(request: Request, spec: Any, data: dict[str, Any], status: int = 200,
               error: str | None = None) -> Response:
    fields = form_fields(spec)
    return page(request, "form.html", http_status=status, spec=spec, fields=fields,
                values=values_of(data, fields), error=error)


async def form(request: Request) -> Response:
    spec = _spec(request)
    if spec is None:
        return message(request, "Không có mẫu này.", "No such template.", 404)
    return _form_page(request, spec, _example(spec.id))


@post
async def load(request: Request) -> Response:
    """Fill the form from an uploaded data file (YAML), as ``vnadmin-docs render`` reads."""
    spec = _spec(request)
    if spec is None:
        return message(request, "Không có mẫu này.", "No such template.", 404)
    upload = request.state.form.get("yaml")
    if not isinstance(upload, UploadFile):
        return _form_page(request, spec, {}, 400, "Hãy chọn tệp .yaml")
    raw = await upload.read(512 * 1024 + 1)
    try:
        if len(raw) > 512 * 1024:
            raise ValueError("tệp dữ liệu quá lớn (giới hạn 512 KB)")
        data = yaml.safe_load(raw.decode("utf-8-sig"))
        if not isinstance(data, dict):
            raise ValueError("tệp phải chứa một ánh xạ (các cặp khóa: giá trị)")
    except (ValueError, yaml.YAMLError, UnicodeDecodeError) as exc:
        return _form_page(request, spec, {}, 400, f"Không đọc được tệp dữ liệu: {exc}")
    return _form_page(request, spec, data)


async def _render(request: Request, *, pages: bool, pdf: bool,
                  take_number: bool = False) -> tuple[Job, dict[str, Any]] | Response:
    spec = _spec(request)
    if spec is None:
        return message(request, "Không có mẫu này.", "No such template.", 404)
    svc = services(request)
    user = user_of(request)
    data = data_from_form(request.state.form, form_fields(spec))
    svc.jobs.prune(user.name, "form", FORM_JOB_HOURS * 3600)
    job = svc.jobs.create(user.name, "form", template=spec.id)
    work = functools.partial(render_task, pages=pages, pdf=pdf,
                             register_url=svc.config.register_url,
                             take_number=take_number and user.may(Role.VAN_THU))
    result = await svc.pool.run(svc.config.parse_timeout, work, spec.id, data,
                                _dirs(request), str(job.folder))
    if "docx" in result:
        svc.users.audit(user.name, "document.render", template=spec.id, job=job.id)
    if "entry" in result:
        svc.users.audit(user.name, "number.take", template=spec.id,
                        number=result["entry"]["so_line"], entry=result["entry"]["id"])
    return job, result


def _problems(request: Request, result: dict[str, Any]) -> Response:
    """The problems as a fragment for the preview pane, or as a page (plain form post)."""
    fragment = request.headers.get("x-csrf-token") is not None
    return page(request, "form_problems.html" if fragment else "form_problems_page.html",
                http_status=400, result=result, en=lang_of(request) == "en")


@post
async def preview(request: Request) -> Response:
    done = await _render(request, pages=True, pdf=False)
    if isinstance(done, Response):
        return done
    job, result = done
    if "docx" not in result:
        return _problems(request, result)
    return page(request, "form_pages.html", job=job, result=result)


@post
async def download(request: Request) -> Response:
    kind = request.path_params["kind"]
    if kind == "yaml":
        spec = _spec(request)
        if spec is None:
            return message(request, "Không có mẫu này.", "No such template.", 404)
        data = data_from_form(request.state.form, form_fields(spec))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        return Response(text, media_type="text/yaml; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="{spec.id}.yaml"'})
    take = request.state.form.get("take_number") == "1"
    done = await _render(request, pages=False, pdf=kind == "pdf", take_number=take)
    if isinstance(done, Response):
        return done
    _job, result = done
    if "docx" not in result:
        return _problems(request, result)
    name = request.path_params["tid"]
    if kind == "pdf":
        return FileResponse(result["pdf"], media_type="application/pdf", filename=f"{name}.pdf")
    return FileResponse(result["docx"], filename=f"{name}.docx", media_type="application/vnd."
                        "openxmlformats-officedocument.wordprocessingml.document")


async def page_image(request: Request) -> Response:
    svc = services(request)
    job = svc.jobs.get(user_of(request).name, request.path_params["job"], "form")
    if job is None:
        return Response(status_code=404)
    folder = job.folder
    if not (folder / "pages.json").is_file():
        pngs = sorted((folder / "trang").glob("trang-*.png"),
                      key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
        from vnadmin_docs.web.jobs import write_json

        write_json(folder / "pages.json", {"pages": [p.name for p in pngs]})
    return preview_response(Path(folder), int(request.path_params["n"]))


routes = [
    Route("/forms", index, methods=["GET"]),
    Route("/forms/{tid}", form, methods=["GET"]),
    Route("/forms/{tid}/load", load, methods=["POST"]),
    Route("/forms/{tid}/preview", preview, methods=["POST"]),
    Route("/forms/{tid}/download/{kind:str}", download, methods=["POST"]),
    Route("/forms/page/{job}/{n:int}.png", page_image, methods=["GET"]),
]
