"""A template's declared fields as a web form, and the submitted form back to the data a
document is rendered from (the same mapping a YAML data file holds)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from vnadmin_docs.content import TemplateSpec

__all__ = ["COMMON", "FormField", "data_from_form", "form_fields", "values_of"]


@dataclass(frozen=True)
class FormField:
    """One input: ``name`` is the dotted data path (``signer.full_name``,
    ``content.can_cu``); ``kind`` picks the control."""

    name: str
    label: str
    kind: str  # text | multiline | markup | date | datetime | number | bool | list | yaml
    required: bool = False
    hint: str = ""


COMMON: tuple[FormField, ...] = (
    FormField("issuer.superior", "Cơ quan chủ quản", "text"),
    FormField("issuer.name", "Tên cơ quan ban hành", "multiline", True),
    FormField("issuer.abbreviation", "Chữ viết tắt của cơ quan", "text", True),
    FormField("issuer.place", "Địa danh", "text", True),
    FormField("number.unit", "Đơn vị soạn thảo (trong ký hiệu)", "text"),
    FormField("date", "Ngày ban hành", "date", False,
              "Để trống nếu văn thư điền khi đăng ký văn bản."),
    FormField("subject", "Trích yếu nội dung", "text"),
    FormField("addressees", "Kính gửi", "list"),
    FormField("signer.authority", "Quyền hạn ký (KT., TM., TL., Q.)", "text"),
    FormField("signer.on_behalf_of", "Ký thay cho (GIÁM ĐỐC…)", "text"),
    FormField("signer.title", "Chức vụ người ký", "text", True),
    FormField("signer.full_name", "Họ tên người ký", "text", True),
    FormField("recipients", "Nơi nhận", "list"),
    FormField("archive.unit", "Đơn vị lưu (Lưu: VT, …)", "text", True),
)
_KIND = {"text": "text", "multiline": "multiline", "markup": "markup", "int": "number",
         "decimal": "number", "date": "date", "datetime": "datetime", "bool": "bool",
         "list": "list", "object": "yaml"}


def form_fields(spec: TemplateSpec) -> tuple[FormField, ...]:
    """The document's common fields, then the template's own under ``content.``."""
    own = tuple(FormField(f"content.{f.name}", f.label or f.name, _KIND.get(f.type, "text"),
                          f.required, f.description) for f in spec.fields)
    return COMMON + own


def _get(data: Mapping[str, Any], dotted: str) -> Any:
    cur: Any = data
    for key in dotted.split("."):
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(key)
    return cur


def values_of(data: Mapping[str, Any], fields: tuple[FormField, ...]) -> dict[str, Any]:
    """What each control shows for ``data`` (strings; lists for growing lists)."""
    out: dict[str, Any] = {}
    for f in fields:
        value = _get(data, f.name)
        if f.kind == "list":
            out[f.name] = [str(v) for v in value] if isinstance(value, list) else (
                [str(value)] if value else [])
        elif f.kind == "yaml":
            out[f.name] = "" if value is None else yaml.safe_dump(
                value, allow_unicode=True, sort_keys=False)
        elif f.kind == "bool":
            out[f.name] = bool(value)
        elif f.kind == "date" and isinstance(value, dt.date):
            out[f.name] = value.isoformat()
        elif f.kind == "date" and isinstance(value, str) and value.count("/") == 2:
            d, m, y = value.split("/")
            out[f.name] = f"{y}-{int(m):02d}-{int(d):02d}" if y.isdigit() else value
        elif f.kind == "datetime" and isinstance(value, dt.datetime):
            out[f.name] = value.strftime("%Y-%m-%dT%H:%M")
        else:
            out[f.name] = "" if value is None else str(value)
    return out


def _put(data: dict[str, Any], dotted: str, value: Any) -> None:
    keys = dotted.split(".")
    cur = data
    for key in keys[:-1]:
        cur = cur.setdefault(key, {})
    cur[keys[-1]] = value


def data_from_form(form: Any, fields: tuple[FormField, ...]) -> dict[str, Any]:
    """The data mapping of a submitted form; empty controls are left out."""
    data: dict[str, Any] = {}
    for f in fields:
        if f.kind == "list":
            items = [str(v).strip() for v in form.getlist(f.name) if str(v).strip()]
            if items:
                _put(data, f.name, items)
            continue
        if f.kind == "bool":
            if form.get(f.name) == "1":
                _put(data, f.name, True)
            continue
        raw = form.get(f.name)
        text = raw.replace("\r\n", "\n").strip() if isinstance(raw, str) else ""
        if not text:
            continue
        value: Any = text
        if f.kind == "date":
            try:
                value = dt.date.fromisoformat(text).strftime("%d/%m/%Y")
            except ValueError:
                value = text
        elif f.kind == "number":
            try:
                value = int(text)
            except ValueError:
                try:
                    value = float(text.replace(",", "."))
                except ValueError:
                    value = text
        elif f.kind == "yaml":
            try:
                value = yaml.safe_load(text)
            except yaml.YAMLError:
                value = text
        _put(data, f.name, value)
    return data
