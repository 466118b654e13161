"""The whole input of one document: header, addressing, signature and content fields."""

from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationError, field_validator

from vnadmin_docs.errors import DataError, FieldProblem
from vnadmin_docs.model._base import Line, Model
from vnadmin_docs.model.appendix import Appendix
from vnadmin_docs.model.contact import Contact
from vnadmin_docs.model.doc_number import DocNumber
from vnadmin_docs.model.images import Images
from vnadmin_docs.model.issue_date import IssueDate
from vnadmin_docs.model.issuer import Issuer
from vnadmin_docs.model.marks import Marks
from vnadmin_docs.model.recipients import Drafter, Luu, strip_list_punctuation
from vnadmin_docs.model.signer import Signer

__all__ = ["Document", "parse_document"]


class Document(Model):
    """Everything Decree 30 puts around the body, plus the template's own ``content``.

    ``subject`` is the trích yếu (after "V/v" in a công văn); ``addressees`` the Kính gửi
    lines; ``recipients`` the Nơi nhận list without the Lưu line, which ``archive`` builds.
    ``content`` holds the template's declared fields (checked against the template).
    ``appendices`` are printed after the signature, each in its own section (R-PL-1..6).
    ``secretary`` is the second signature of a biên bản (THƯ KÝ, left, Mẫu 1.9).
    """

    issuer: Issuer
    number: DocNumber = Field(default_factory=DocNumber)
    date: IssueDate = Field(default_factory=IssueDate)
    subject: Line | None = None
    addressees: tuple[Line, ...] = ()
    signer: Signer
    secretary: Signer | None = None
    recipients: tuple[Line, ...] = ()
    archive: Luu
    drafter: Drafter | None = None
    marks: Marks = Field(default_factory=Marks)
    contact: Contact | None = None
    content: dict[str, Any] = Field(default_factory=dict)
    appendices: tuple[Appendix, ...] = ()
    images: Images | None = None
    """Signature and seal PNGs for an electronic document (ô 7c, ô 8; issue 16)."""

    @field_validator("addressees", "recipients", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        if isinstance(value, str):
            return (value,)
        return value

    @field_validator("addressees", "recipients")
    @classmethod
    def _strip(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(s for s in (strip_list_punctuation(v) for v in value) if s)


_REASONS_VI = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không có trong mẫu (viết sai tên?)",
    "string_type": "phải là chuỗi chữ",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "greater_than_equal": "quá nhỏ",
    "less_than_equal": "quá lớn",
    "literal_error": "giá trị không được phép",
    "model_type": "phải là một nhóm trường (ánh xạ)",
    "dict_type": "phải là một nhóm trường (ánh xạ)",
    "tuple_type": "phải là một danh sách",
    "list_type": "phải là một danh sách",
    "date_type": "phải là ngày",
    "date_from_datetime_parsing": "phải là ngày",
    "bool_type": "phải là có/không (true/false)",
    "bool_parsing": "phải là có/không (true/false)",
    "string_too_short": "không được để trống",
}


def problems_from(exc: ValidationError, prefix: str = "") -> list[FieldProblem]:
    """Turn pydantic errors into bilingual field problems with dotted paths."""
    out: list[FieldProblem] = []
    for err in exc.errors(include_url=False):
        path = ".".join(str(p) for p in err["loc"])
        if prefix:
            path = f"{prefix}.{path}" if path else prefix
        ctx = err.get("ctx") or {}
        if err["type"] == "vn_rule":
            vi, en = str(ctx.get("vi")), str(ctx.get("en"))
        else:
            vi = _REASONS_VI.get(err["type"], err["msg"])
            en = err["msg"]
            if err["type"] == "literal_error" and "expected" in ctx:
                # pydantic lists them in English: "'a', 'b' or 'c'"
                vi = f"{vi}; chỉ nhận: {str(ctx['expected']).replace(' or ', ' hoặc ')}"
            if err["type"] in ("greater_than_equal", "less_than_equal"):
                bound = ctx.get("ge", ctx.get("le"))
                vi = f"{vi} (giới hạn {bound})"
        value = None if err["type"] == "missing" else err.get("input")
        if isinstance(value, dict):
            value = None
        out.append(FieldProblem(path=path or "(gốc)", reason=vi, reason_en=en, value=value))
    return out


def parse_document(data: Any, *, source: str | None = None) -> Document:
    """Validate ``data`` (a mapping) into a :class:`Document` or raise :class:`DataError`
    listing every problem with its field path."""
    if isinstance(data, Document):
        return data
    if not isinstance(data, dict):
        raise DataError(
            [
                FieldProblem(
                    "(gốc)",
                    "dữ liệu phải là một ánh xạ (YAML/JSON object)",
                    "the data must be a mapping (a YAML/JSON object)",
                )
            ],
            source,
        )
    try:
        return Document.model_validate(data)
    except ValidationError as exc:
        raise DataError(problems_from(exc), source) from None
