"""The place and date line of Decree 30 (R-DD-2..R-DD-4).

Zero padding: days 1–9 become 01–09; months 1 and 2 become 01 and 02; months 3–12 are not
padded. Drafts may leave the day, or the day and month, or everything blank.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["date_line", "day_text", "month_text"]


def day_text(day: int) -> str:
    """Day of month as Decree 30 writes it (R-DD-4).

    >>> day_text(5), day_text(15)
    ('05', '15')
    """
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Month as Decree 30 writes it: only January and February are padded (R-DD-4).

    >>> month_text(1), month_text(2), month_text(3), month_text(12)
    ('01', '02', '3', '12')
    """
    return f"{month:02d}" if month < 3 else str(month)


def date_line(
    place: str,
    date: dt.date | None = None,
    *,
    year: int | None = None,
    month: int | None = None,
    blank: str = "    ",
) -> str:
    """``<Place>, ngày DD tháng M năm YYYY`` (R-DD-3), or a draft with blanks.

    A full ``date`` gives the complete line; otherwise ``month``/``year`` fill what is known
    and each unknown part is left as ``blank`` for the clerk to write by hand.

    >>> date_line("Hà Nội", dt.date(2020, 1, 5))
    'Hà Nội, ngày 05 tháng 01 năm 2020'
    >>> date_line("Thành phố Hồ Chí Minh", dt.date(2019, 6, 29))
    'Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019'
    >>> date_line("Đắk Nông", month=3, year=2023)
    'Đắk Nông, ngày      tháng 3 năm 2023'
    >>> date_line("Đắk Nông")
    'Đắk Nông, ngày      tháng      năm     '
    """
    if date is not None:
        return f"{place}, ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"
    m = month_text(month) if month is not None else blank
    y = str(year) if year is not None else blank
    return f"{place}, ngày {blank} tháng {m} năm {y}"
