"""A template's declared fields as a web form, and the submitted form back to the data a
document is rendered from (the same mapping a YAML data file holds)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from vnadmin_docs.content import TemplateSpec

__all__ = ["COMMON", "EXTRA", "FormField", "data_from_form", "extra_of", "form_fields",
           "values_of"]

EXTRA = "_extra"
"""The form control holding, as YAML, whatever the data has that no other control shows
faithfully (``number.symbol``, ``appendices``, ``marks``, lists of objects …), so a data file
loaded into the form and saved again loses nothing."""


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


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | dt.date) and not isinstance(value, bool)


def _faithful(f: FormField, value: Any) -> bool:
    """Whether the control of ``f`` can show ``value`` and give it back unchanged enough."""
    if value is None or f.kind == "yaml":
        return True
    if f.kind == "list":
        return isinstance(value, list) and all(_scalar(v) for v in value)
    if f.kind == "bool":
        return isinstance(value, bool)
    if f.kind == "date":  # a date picker holds a whole day, not "03/2023" or a blank day
        return isinstance(value, dt.date) or (
            isinstance(value, str) and bool(re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}|"
                                                         r"\d{4}-\d{2}-\d{2}", value.strip())))
    if f.kind == "datetime":
        return isinstance(value, dt.datetime)
    return _scalar(value)


def _drop(data: dict[str, Any], dotted: str) -> None:
    keys = dotted.split(".")
    trail: list[tuple[dict[str, Any], str]] = []
    cur: Any = data
    for key in keys[:-1]:
        if not isinstance(cur, dict) or not isinstance(cur.get(key), dict):
            return
        trail.append((cur, key))
        cur = cur[key]
    if isinstance(cur, dict):
        cur.pop(keys[-1], None)
    for parent, key in reversed(trail):  # no empty mappings left behind
        if parent[key] == {}:
            del parent[key]


def extra_of(data: Mapping[str, Any], fields: tuple[FormField, ...]) -> str:
    """The YAML of what no control shows faithfully ("" when nothing)."""
    import copy

    rest: dict[str, Any] = copy.deepcopy(dict(data))
    for f in fields:
        if _faithful(f, _get(data, f.name)):
            _drop(rest, f.name)
    if not rest:
        return ""
    return yaml.safe_dump(rest, allow_unicode=True, sort_keys=False)


def values_of(data: Mapping[str, Any], fields: tuple[FormField, ...]) -> dict[str, Any]:
    """What each control shows for ``data`` (strings; lists for growing lists); a value a
    control cannot show faithfully is left to :func:`extra_of`."""
    out: dict[str, Any] = {}
    for f in fields:
        value = _get(data, f.name)
        if not _faithful(f, value):
            value = None
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


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def data_from_form(form: Any, fields: tuple[FormField, ...]) -> dict[str, Any]:
    """The data mapping of a submitted form; empty controls are left out. The YAML of
    :data:`EXTRA` is the base the controls are laid over. Raises ``ValueError`` naming the
    line when that YAML is not a mapping."""
    extra = form.get(EXTRA)
    base: dict[str, Any] = {}
    if isinstance(extra, str) and extra.strip():
        try:
            loaded = yaml.safe_load(extra)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" (dòng {mark.line + 1})" if mark is not None else ""
            raise ValueError(f"Các mục khác (YAML) sai cú pháp{line}") from None
        if not isinstance(loaded, dict):
            raise ValueError("Các mục khác (YAML) phải là các cặp khóa: giá trị")
        base = loaded
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
    return _merge(base, data)
