"""Thời gian ban hành (ô 4): a full date, or month/year with a blank day, or all blank."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import Field, model_validator

from vnadmin_docs.model._base import Model, rule_error

__all__ = ["IssueDate"]

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_MY = re.compile(r"^\s*(\d{1,2})[/.-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
# As the clerk reads it on the original: "ngày 5 tháng 1 năm 2021", "tháng 01 năm 2021".
_WORDS = re.compile(
    r"^\s*(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s*năm\s+(\d{4})\s*\.?\s*$",
    re.IGNORECASE,
)
_WORDS_MY = re.compile(r"^\s*tháng\s+(\d{1,2})\s*,?\s*năm\s+(\d{4})\s*\.?\s*$", re.IGNORECASE)


class IssueDate(Model):
    """A date that may be partly blank for drafts.

    Accepts a ``datetime.date``, ISO text ("2023-03-15"), day-first text ("15/3/2023"),
    the date in words as printed ("ngày 15 tháng 3 năm 2023"), month/year text ("3/2023",
    "tháng 3 năm 2023"), a mapping ``{day, month, year}``, or nothing (all blank).
    """

    day: int | None = Field(default=None, ge=1, le=31)
    month: int | None = Field(default=None, ge=1, le=12)
    year: int | None = Field(default=None, ge=1945, le=2200)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return {"day": value.day, "month": value.month, "year": value.year}
        if value is None or (isinstance(value, str) and not value.strip()):
            return {}
        if isinstance(value, str):
            patterns = (
                (_ISO, "ymd"), (_DMY, "dmy"), (_WORDS, "dmy"), (_MY, "my"), (_WORDS_MY, "my")
            )
            for pattern, order in patterns:
                m = pattern.match(value)
                if m:
                    parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
                    return {"day": parts.get("d"), "month": parts.get("m"), "year": parts["y"]}
            raise rule_error(
                f"ngày “{value}” không đọc được; hãy ghi dạng 15/03/2023, 2023-03-15, "
                "“ngày 15 tháng 3 năm 2023” hoặc 03/2023.",
                f"cannot read the date '{value}'; write 15/03/2023, 2023-03-15, "
                "'ngày 15 tháng 3 năm 2023' or 03/2023.",
            )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> IssueDate:
        if self.day is not None and (self.month is None or self.year is None):
            raise rule_error(
                "có ngày thì phải có cả tháng và năm.", "a day needs a month and a year too."
            )
        if self.month is not None and self.year is None:
            raise rule_error("có tháng thì phải có năm.", "a month needs a year too.")
        if self.day is not None and self.month is not None and self.year is not None:
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError:
                raise rule_error(
                    f"ngày {self.day}/{self.month}/{self.year} không có trong lịch.",
                    f"{self.day}/{self.month}/{self.year} is not a calendar date.",
                ) from None
        return self

    @property
    def date(self) -> dt.date | None:
        """The full date, or ``None`` for a draft."""
        if self.day is None or self.month is None or self.year is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @property
    def is_draft(self) -> bool:
        return self.date is None
