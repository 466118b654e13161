"""The issuing body (ô 2) and where it sits (ô 4 place name)."""

from __future__ import annotations

import re

from pydantic import field_validator

from vnadmin_docs.model._base import Line, Model, MultiLine, rule_error

__all__ = ["Issuer"]

_ABBR = re.compile(r"^[0-9A-ZĐÀ-Ỹa-zđà-ỹ]+$")


class Issuer(Model):
    """Who issues the document.

    ``superior`` is the direct superior body (R-CQ-1/2, may be abbreviated: "UBND TỈNH
    ĐẮK NÔNG"); ``name`` the issuing body in full (a line break in it is kept: clerks often
    set a long name on two lines); ``abbreviation`` its short code used in Số/ký hiệu
    (R-SO-8); ``place`` the địa danh of the date line (R-DD-1); ``name_in_text`` the name
    as written inside a sentence, with the capitals of R-VH-5 ("Sở Tư pháp"), used by the
    "(Kèm theo … của …)" line of appendices and by templates.
    """

    superior: MultiLine | None = None
    name: MultiLine
    abbreviation: Line
    place: Line
    name_in_text: Line | None = None

    @field_validator("abbreviation")
    @classmethod
    def _abbreviation(cls, value: str) -> str:
        if not _ABBR.match(value):
            raise rule_error(
                "chữ viết tắt chỉ gồm chữ và số, không có dấu cách, “/” hay “-” (R-SO-5).",
                "the abbreviation may only hold letters and digits, no spaces, '/' or '-'.",
            )
        return value

    @field_validator("place")
    @classmethod
    def _place(cls, value: str) -> str:
        if value.endswith(","):
            value = value[:-1].rstrip()
        if not value[:1].isupper():
            raise rule_error(
                "địa danh phải viết hoa chữ cái đầu (R-DD-2), ví dụ “Hà Nội”.",
                "the place name must start with a capital letter (R-DD-2), e.g. 'Hà Nội'.",
            )
        return value
