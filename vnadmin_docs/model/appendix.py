"""Appendices (Phụ lục, R-PL-1..6): each one is printed on its own pages after the signature.

An appendix holds its own body in the same markup as a template body (căn cứ, Điều, tables
…). Its "(Kèm theo …)" line is filled from the parent document by the layout.
"""

from __future__ import annotations

from pydantic import field_validator

from vnadmin_docs.model._base import Line, Model, MultiLine, rule_error

__all__ = ["Appendix"]

_ROMAN_CHARS = set("IVXLCDM")


class Appendix(Model):
    """One appendix.

    ``title`` is printed in upper case under "Phụ lục I" (R-PL-3); ``body`` is markup;
    ``number`` overrides the automatic numbering (Roman numerals I, II … when there are two
    or more appendices, none for a single one, R-PL-1); ``attached_to`` replaces the text
    inside "(Kèm theo …)" when the appendix belongs to another document.

    ``landscape`` sets the appendix across the page (a wide table; practice, see R-PAGE-2).

    ``type_name`` makes it a document issued with a decision instead (Mẫu 1.3, "văn bản
    được ban hành kèm theo quyết định"): the type name ("QUY CHẾ") in upper case bold, the
    ``title`` under it as a bold trích yếu, then the "(Kèm theo …)" line; such documents are
    not counted in the Phụ lục I, II … numbering.
    """

    title: MultiLine | None = None
    body: MultiLine
    number: Line | None = None
    attached_to: Line | None = None
    type_name: Line | None = None
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
