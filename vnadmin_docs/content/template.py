"""Template files: YAML front matter (the contract) + a Jinja body in the markup subset.

A template is one text file a clerk can read and edit::

    ---
    id: cong-van
    layout: cong-van
    title: Công văn (Mẫu 1.5)
    fields:
      body: {type: markup, required: true, label: "Nội dung"}
    ---
    {{ body }}

The front matter is strict: unknown keys, unknown field types and bad dates are
:class:`TemplateError` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vnadmin_docs.errors import TemplateError
from vnadmin_docs.model.fields import FIELD_TYPES, FieldSpec

__all__ = ["LAYOUTS", "TemplateSpec", "parse_template"]

LAYOUTS = ("cong-van", "ten-loai")
_KEYS = {
    "id",
    "layout",
    "title",
    "description",
    "type_name",
    "fields",
    "defaults",
    "alias",
    "in_force_from",
    "in_force_until",
    "legal_basis",
}
_FIELD_KEYS = {"type", "required", "label", "aliases", "description", "default"}


@dataclass(frozen=True)
class TemplateSpec:
    """A parsed template file. ``body_line`` is the file line where the Jinja body starts,
    used to turn Jinja line numbers into file line numbers."""

    id: str
    layout: str
    title: str
    path: Path
    body: str
    body_line: int
    builtin: bool
    fields: tuple[FieldSpec, ...] = ()
    type_name: str | None = None
    description: str = ""
    defaults: dict[str, Any] = field(default_factory=dict)
    alias: str | None = None
    in_force_from: dt.date | None = None
    in_force_until: dt.date | None = None
    legal_basis: str = ""

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the form this template reproduces is in force on ``day``."""
        if self.in_force_from and day < self.in_force_from:
            return False
        return not (self.in_force_until and day > self.in_force_until)


def _line_of(text: str, key: str) -> int | None:
    for n, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(f"{key}:"):
            return n
    return None


def _file_line(head: str, key: str) -> int:
    """The file line of ``key`` in the front matter ``head`` (which starts on line 2);
    line 1 when the key is not written there."""
    return (_line_of(head, key) or 0) + 1


def parse_template(path: Path, *, builtin: bool = False) -> TemplateSpec:
    """Read and check one template file."""
    name = str(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise TemplateError(
            name, f"không đọc được tệp ({exc.strerror}).", f"cannot read the file ({exc.strerror})."
        ) from exc
    except UnicodeDecodeError as exc:
        raise TemplateError(
            name, "tệp mẫu phải ở mã UTF-8.", "the template must be UTF-8."
        ) from exc
    raw = raw.replace("\r\n", "\n")
    lines = raw.split("\n")
    if not lines or lines[0].strip() != "---":
        raise TemplateError(
            name,
            "mẫu phải mở đầu bằng dòng “---” của phần khai báo (front matter).",
            "a template must start with a '---' front-matter line.",
            line=1,
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise TemplateError(
            name,
            "thiếu dòng “---” đóng phần khai báo.",
            "the closing '---' of the front matter is missing.",
        ) from None
    head = "\n".join(lines[1:end])
    try:
        meta = yaml.safe_load(head) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        raise TemplateError(
            name,
            f"phần khai báo YAML sai: {getattr(exc, 'problem', exc)}.",
            f"bad YAML front matter: {getattr(exc, 'problem', exc)}.",
            line=line,
        ) from None
    if not isinstance(meta, dict):
        raise TemplateError(
            name,
            "phần khai báo phải là các cặp khóa: giá trị.",
            "the front matter must be key: value pairs.",
            line=2,
        )
    for key in meta:
        if key not in _KEYS:
            ln = _line_of(head, str(key))
            raise TemplateError(
                name,
                f"khóa “{key}” không được hỗ trợ; dùng: {', '.join(sorted(_KEYS))}.",
                f"unknown key '{key}'; use: {', '.join(sorted(_KEYS))}.",
                line=ln + 1 if ln else None,
            )
    for required in ("id", "layout"):
        if not meta.get(required):
            raise TemplateError(
                name,
                f"thiếu khóa bắt buộc “{required}”.",
                f"the key '{required}' is required.",
                line=2,
            )
    layout = str(meta["layout"])
    if layout not in LAYOUTS:
        raise TemplateError(
            name,
            f"layout “{layout}” không có; dùng: {', '.join(LAYOUTS)}.",
            f"unknown layout '{layout}'; use: {', '.join(LAYOUTS)}.",
            line=_file_line(head, "layout"),
        )
    if layout == "ten-loai" and not meta.get("type_name"):
        raise TemplateError(
            name,
            "layout ten-loai cần khóa type_name (tên loại văn bản).",
            "layout ten-loai needs type_name.",
            line=2,
        )
    fields = _fields(meta.get("fields") or {}, name, head)
    dates: dict[str, dt.date | None] = {}
    for key in ("in_force_from", "in_force_until"):
        value = meta.get(key)
        if value is not None and not isinstance(value, dt.date):
            raise TemplateError(
                name,
                f"“{key}” phải là ngày dạng YYYY-MM-DD.",
                f"'{key}' must be a YYYY-MM-DD date.",
                line=_file_line(head, key),
            )
        dates[key] = value
    defaults = meta.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise TemplateError(
            name,
            "“defaults” phải là một nhóm khóa.",
            "'defaults' must be a mapping.",
            line=_file_line(head, "defaults"),
        )
    return TemplateSpec(
        id=str(meta["id"]),
        layout=layout,
        title=str(meta.get("title") or meta["id"]),
        path=path,
        body="\n".join(lines[end + 1 :]),
        body_line=end + 2,
        builtin=builtin,
        fields=fields,
        type_name=str(meta["type_name"]) if meta.get("type_name") else None,
        description=str(meta.get("description") or ""),
        defaults=defaults,
        alias=str(meta["alias"]) if meta.get("alias") else None,
        in_force_from=dates["in_force_from"],
        in_force_until=dates["in_force_until"],
        legal_basis=str(meta.get("legal_basis") or ""),
    )


def _fields(raw: Any, name: str, head: str) -> tuple[FieldSpec, ...]:
    if not isinstance(raw, dict):
        raise TemplateError(
            name,
            "“fields” phải là một nhóm khóa.",
            "'fields' must be a mapping.",
            line=_file_line(head, "fields"),
        )
    out: list[FieldSpec] = []
    for fname, spec in raw.items():
        line = _file_line(head, str(fname))
        spec = spec or {}
        if not isinstance(spec, dict):
            raise TemplateError(
                name,
                f"khai báo trường “{fname}” phải là một nhóm khóa.",
                f"field '{fname}' must be a mapping.",
                line=line,
            )
        unknown = set(spec) - _FIELD_KEYS
        if unknown:
            bad = ", ".join(sorted(unknown))
            raise TemplateError(
                name,
                f"trường “{fname}” có khóa lạ: {bad}.",
                f"field '{fname}' has unknown keys: {bad}.",
                line=line,
            )
        ftype = spec.get("type", "text")
        if ftype not in FIELD_TYPES:
            raise TemplateError(
                name,
                f"kiểu “{ftype}” của trường “{fname}” không có; dùng: {', '.join(FIELD_TYPES)}.",
                f"unknown type '{ftype}' of field '{fname}'.",
                line=line,
            )
        aliases = spec.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        out.append(
            FieldSpec(
                name=str(fname),
                type=ftype,
                required=bool(spec.get("required", False)),
                label=str(spec.get("label") or fname),
                aliases=tuple(str(a) for a in aliases),
                description=str(spec.get("description") or ""),
                default=spec.get("default"),
            )
        )
    return tuple(out)
