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
    """

    title: MultiLine | None = None
    body: MultiLine
    number: Line | None = None
    attached_to: Line | None = None

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

    @field_validator("attached_to")
    @classmethod
    def _no_brackets(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return value.strip().removeprefix("(").removesuffix(")").strip()
