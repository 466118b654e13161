"""Jinja filters of the foundation, as plain functions in one table.

The Vietnamese language layer (``vnadmin_docs.text.filters``) adds its own table (``ngay``,
``bang_chu``, ``so_tien`` …); all are registered by
:func:`vnadmin_docs.content.environment.make_environment`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from vnadmin_docs.text.case import upper_vi
from vnadmin_docs.text.date_line import day_text, month_text

__all__ = ["FOUNDATION_FILTERS"]


def ngay_so(value: dt.date | dt.datetime) -> str:
    """A date as dd/mm/yyyy, as citations of other documents write it.

    >>> ngay_so(dt.date(2023, 3, 1))
    '01/3/2023'
    """
    return f"{day_text(value.day)}/{month_text(value.month)}/{value.year}"


def hoa(value: str) -> str:
    """Upper case with diacritics kept.

    >>> hoa("thông báo")
    'THÔNG BÁO'
    """
    return upper_vi(value)


def khong_ngat(value: object) -> str:
    """A code or number that must not be split at the end of a line: its hyphens become
    non-breaking (Word's non-breaking hyphen, printed as "-").

    >>> khong_ngat("000.00.12.H41-251002-0012")
    '000.00.12.H41\u2011251002\u20110012'
    """
    return str(value).replace("-", "\u2011")


FOUNDATION_FILTERS: dict[str, Callable[..., Any]] = {
    "ngay_so": ngay_so,
    "hoa": hoa,
    "khong_ngat": khong_ngat,
}
