"""Check and convert a document's ``content`` against the template's declared fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from vnadmin_docs.content.escape import Markup
from vnadmin_docs.errors import FieldProblem
from vnadmin_docs.model.fields import FieldSpec
from vnadmin_docs.model.issue_date import IssueDate
from vnadmin_docs.text.normalize import clean_text

__all__ = ["coerce_content"]


def _problem(spec: FieldSpec, value: Any, vi: str, en: str) -> FieldProblem:
    return FieldProblem(f"content.{spec.name}", vi, en, value=value, label=spec.label)


def _coerce(spec: FieldSpec, value: Any) -> Any:
    kind = spec.type
    if kind in ("text", "multiline", "markup"):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise ValueError("phải là chữ|must be text")
        text = clean_text(value, multiline=kind != "text")
        return Markup(text) if kind == "markup" else text
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError("phải là số nguyên|must be a whole number")
        try:
            return int(str(value).strip())
        except ValueError:
            raise ValueError("phải là số nguyên|must be a whole number") from None
    if kind == "decimal":
        try:
            return Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise ValueError("phải là số|must be a number") from None
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        date = IssueDate.model_validate(value).date
        if date is None:
            raise ValueError("phải là ngày đầy đủ, ví dụ 15/03/2023|must be a full date")
        return date
    if kind == "datetime":
        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.datetime.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(
                    "phải là ngày giờ dạng 2023-03-15 14:30|must be a datetime"
                ) from None
        raise ValueError("phải là ngày giờ|must be a datetime")
    if kind == "bool":
        if isinstance(value, bool):
            return value
        raise ValueError("phải là true hoặc false|must be true or false")
    if kind == "list":
        if isinstance(value, str):
            return [value]
        if isinstance(value, list | tuple):
            return [clean_text(v) if isinstance(v, str) else v for v in value]
        raise ValueError("phải là một danh sách|must be a list")
    if kind == "object":
        if isinstance(value, dict):
            return value
        raise ValueError("phải là một nhóm khóa|must be a mapping")
    raise ValueError(f"kiểu không biết {kind}|unknown type {kind}")


def coerce_content(
    specs: tuple[FieldSpec, ...], content: dict[str, Any]
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Converted values and every problem (missing, unknown, wrong type), all at once."""
    values: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    declared = {s.name: s for s in specs}
    for name, value in content.items():
        if name not in declared:
            problems.append(
                FieldProblem(
                    f"content.{name}",
                    "trường không được mẫu khai báo (viết sai tên?)",
                    "the template declares no such field (a typo?)",
                    value=value,
                )
            )
    for spec in specs:
        value = content.get(spec.name, spec.default)
        empty = value is None or (isinstance(value, str) and not value.strip())
        if empty:
            if spec.required:
                problems.append(
                    _problem(spec, None, "thiếu trường bắt buộc", "required field missing")
                )
            else:
                values[spec.name] = None if spec.type not in ("list",) else []
            continue
        try:
            values[spec.name] = _coerce(spec, value)
        except ValueError as exc:
            vi, _, en = str(exc).partition("|")
            problems.append(_problem(spec, value, vi, en or vi))
        except Exception as exc:  # pydantic errors from IssueDate carry their own text
            problems.append(_problem(spec, value, f"giá trị không hợp lệ ({exc})", str(exc)))
    return values, problems
