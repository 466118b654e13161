"""Appendices (Phụ lục, R-PL-1..6): each one is printed on its own pages after the signature.

An appendix holds its own body in the same markup as a template body (căn cứ, Điều, tables
…). Its "(Kèm theo …)" line is filled from the parent document by the layout.
"""

from __future__ import annotations

from pydantic import Field, field_validator

from vnadmin_docs.model._base import Line, Model, MultiLine, rule_error
from vnadmin_docs.model.doc_number import DocNumber
from vnadmin_docs.model.issue_date import IssueDate
from vnadmin_docs.model.issuer import Issuer

__all__ = ["Appendix", "AttachedText", "ParentDocument"]

_ROMAN_CHARS = set("IVXLCDM")


class Appendix(Model):
    """One appendix.

    ``title`` is printed in upper case under "Phụ lục I" (R-PL-3); ``body`` is markup;
    ``number`` overrides the automatic numbering (Roman numerals I, II … when there are two
    or more appendices, none for a single one, R-PL-1); ``attached_to`` replaces the text
    inside "(Kèm theo …)" when the appendix belongs to another document.

    ``landscape`` sets the appendix across the page (a wide table; practice, see R-PAGE-2).

    ``type_name`` makes it a document issued with a decision instead (Mẫu 1.3, "văn bản
    được ban hành kèm theo quyết định"): the issuer and the Quốc hiệu with their rules, the
    type name ("QUY CHẾ") in upper case bold, the ``title`` under it as a bold trích yếu,
    then the "(Kèm theo …)" line; such documents are not counted in the Phụ lục I, II …
    numbering. Its "của …" names the authority that issued the decision (the decision's
    thẩm quyền line, e.g. "Chủ tịch Ủy ban nhân dân tỉnh"); ``issued_by`` overrides it
    while the number and date still come from the decision.
    """

    title: MultiLine | None = None
    body: MultiLine
    number: Line | None = None
    attached_to: Line | None = None
    type_name: Line | None = None
    issued_by: Line | None = None
    landscape: bool = False

    @field_validator("number")
    @classmethod
    def _roman(cls, value: str | None) -> str | None:
        if value is None:
            return None
        v = value.strip().upper()
        if not v or not set(v) <= _ROMAN_CHARS:
            raise rule_error(
                f"số phụ lục “{value}” phải là số La Mã (I, II, III …) (R-PL-1).",
                f"the appendix number '{value}' must be a Roman numeral (R-PL-1).",
            )
        return v

    @field_validator("type_name")
    @classmethod
    def _type_name(cls, value: str | None) -> str | None:
        if value is not None and value.strip().lower().startswith("phụ lục"):
            raise rule_error(
                "phụ lục thì bỏ trống type_name; type_name dành cho văn bản ban hành kèm theo "
                "quyết định (Mẫu 1.3), ví dụ “Quy chế”.",
                "leave type_name empty for an appendix; it is for a document issued with a "
                "decision (Mẫu 1.3), e.g. 'Quy chế'.",
            )
        return value

    @field_validator("attached_to")
    @classmethod
    def _no_brackets(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return value.strip().removeprefix("(").removesuffix(")").strip()


class ParentDocument(Model):
    """The decision an attached text was issued with, given as data (a Quy chế re-issued
    or printed on its own): its number and symbol, date, the authority that issued it (as
    written in a sentence: "Chủ tịch Ủy ban nhân dân tỉnh") and its kind ("Quyết định").

    Blank number or date parts are printed as blanks (a draft). Without ``number.symbol``
    the symbol is "QĐ-<issuer.abbreviation>" (R-SO-6).
    """

    kind: Line = "Quyết định"
    number: DocNumber = Field(default_factory=DocNumber)
    date: IssueDate = Field(default_factory=IssueDate)
    issued_by: Line

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: object) -> object:
        # "45" or 45 alone is the number; a mapping is the whole DocNumber.
        if isinstance(value, int | str) and not isinstance(value, bool):
            text = str(value).strip()
            return {"number": int(text)} if text.isdigit() else value
        return value


class AttachedText(Model):
    """A text issued with a decision (Mẫu 1.3) rendered on its own: the issuer's header,
    the type name, the title, "(Kèm theo <parent> …)" and the body (Chương, Mục, Điều …).

    ``electronic`` is the variant for a separate electronic file (Mẫu 1.3, "đối với văn bản
    điện tử"): the "(Kèm theo …)" line is printed with its blanks unfilled, as the sample's
    note 2 says; the decision's number and signing time come with the digital signature.
    """

    issuer: Issuer
    parent: ParentDocument
    type_name: Line
    title: MultiLine | None = None
    body: MultiLine
    landscape: bool = False
    electronic: bool = False

    @field_validator("type_name")
    @classmethod
    def _type_name(cls, value: str) -> str:
        if value.strip().lower().startswith("phụ lục"):
            raise rule_error(
                "type_name là tên loại văn bản ban hành kèm theo (Quy chế, Quy định …), không "
                "phải “Phụ lục”.",
                "type_name is the attached text's type (Quy chế, Quy định …), not 'Phụ lục'.",
            )
        return value
