"""Kính gửi (ô 9a), Nơi nhận (ô 9b), the Lưu line and the drafter code (ô 12)."""

from __future__ import annotations

from pydantic import Field, field_validator

from vnadmin_docs.model._base import Line, Model, rule_error

__all__ = ["Drafter", "Luu", "strip_list_punctuation"]


def strip_list_punctuation(item: str) -> str:
    """Remove a leading dash and a trailing ``;``/``.``/``,``: the layout adds its own.

    >>> strip_list_punctuation("- Như trên;")
    'Như trên'
    >>> strip_list_punctuation("Bộ Nội vụ.")
    'Bộ Nội vụ'
    """
    item = item.strip()
    if item[:1] in "-–•+":
        item = item[1:].strip()
    while item[-1:] in (";", ",") or (item.endswith(".") and not item.endswith("./.")):
        item = item[:-1].rstrip()
    return item


class Luu(Model):
    """``- Lưu: VT, <unit>[, <copies>].`` (R-NN-5)."""

    unit: Line = Field(description="Chữ viết tắt đơn vị soạn thảo, ví dụ VP")
    copies: int | None = Field(default=None, ge=1, le=999)

    @field_validator("unit")
    @classmethod
    def _unit(cls, value: str) -> str:
        if value.upper().startswith("VT"):
            raise rule_error(
                "chỉ ghi đơn vị soạn thảo; “VT” được thêm tự động (R-NN-5).",
                "give only the drafting unit; 'VT' is added automatically (R-NN-5).",
            )
        return value

    def text(self) -> str:
        """The Lưu line body without the leading dash.

        >>> Luu(unit="VP").text()
        'Lưu: VT, VP.'
        >>> Luu(unit="TCCB", copies=2).text()
        'Lưu: VT, TCCB, 02b.'
        """
        copies = f", {self.copies:02d}b" if self.copies else ""
        return f"Lưu: VT, {self.unit}{copies}."


class Drafter(Model):
    """Drafter initials and number of copies issued, e.g. ``PL.(300)`` (R-KHST-1/2)."""

    code: Line
    copies: int | None = Field(default=None, ge=1)

    @field_validator("code")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()

    def text(self) -> str:
        """The drafter line, e.g. ``PL.(300)``.

        >>> Drafter(code="pl", copies=300).text()
        'PL.(300)'
        """
        return f"{self.code}.({self.copies})" if self.copies else f"{self.code}."
