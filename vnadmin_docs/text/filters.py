"""The Vietnamese language layer as template filters with short Vietnamese names.

A plain table of functions: ``content/`` registers it as Jinja filters (this module does
not import jinja2). Every filter takes the value first, so ``{{ so_tien | bang_chu }}`` is
``bang_chu(so_tien)``. The user page docs/vi/bo-loc.md lists them with examples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from vnadmin_docs.text.datetime_vi import (
    date_in_words,
    datetime_in_words,
    span_in_words,
    time_in_words,
    weekday_name,
)
from vnadmin_docs.text.money import format_money, format_number, format_percent
from vnadmin_docs.text.names import organization_name, person_name
from vnadmin_docs.text.numbers import (
    NumberStyle,
    amount_in_words,
    number_in_words,
    ordinal_in_words,
)
from vnadmin_docs.text.working_days import HolidayCalendar, add_working_days

__all__ = ["FILTERS", "make_filters"]

Number = int | Decimal | str | float
DateLike = dt.date | dt.datetime | str


def bang_chu(value: Number, chan: bool = False, don_vi: str = "đồng", hoa: bool = True) -> str:
    """Amount in words for "Bằng chữ:", first letter capitalised; ``chan`` adds "chẵn".

    >>> bang_chu(1500000)
    'Một triệu năm trăm nghìn đồng'
    >>> bang_chu("2.000.000", chan=True)
    'Hai triệu đồng chẵn'
    """
    return amount_in_words(value, unit=don_vi, even=chan, capitalize=hoa)


def doc_so(value: Number, le: str = "linh", bon: str = "tư", nghin: str = "nghìn") -> str:
    """A number in words; ``le="lẻ"``, ``bon="bốn"``, ``nghin="ngàn"`` for regional usage.

    >>> doc_so(2023), doc_so(105, le="lẻ"), doc_so("1,05")
    ('hai nghìn không trăm hai mươi ba', 'một trăm lẻ năm', 'một phẩy không năm')
    """
    return number_in_words(value, NumberStyle(zero_tens=le, four=bon, thousand=nghin))


def so_thu_tu(value: int | str) -> str:
    """An ordinal in words.

    >>> so_thu_tu(1), so_thu_tu(4), so_thu_tu(21)
    ('thứ nhất', 'thứ tư', 'thứ hai mươi mốt')
    """
    return ordinal_in_words(value)


def so(value: Number, le: int | None = None) -> str:
    """A number in figures, "." for thousands and "," for decimals; ``le`` decimal places.

    >>> so(1234567.5), so("2,5", le=2)
    ('1.234.567,5', '2,50')
    """
    return format_number(value, le)


def so_tien(value: Number, don_vi: str = "đồng", le: int | None = 0) -> str:
    """An amount in figures with its unit; never rounded (a fraction of a đồng is an error).

    >>> so_tien(1500000)
    '1.500.000 đồng'
    """
    return format_money(value, don_vi, le)


def phan_tram(value: Number, le: int | None = None) -> str:
    """A percentage given in percent: 12.5 → "12,5%".

    >>> phan_tram("12,5")
    '12,5%'
    """
    return format_percent(value, le)


def ngay(value: DateLike) -> str:
    """A date in words with Decree 30's padding.

    >>> ngay(dt.date(2026, 3, 5)), ngay("05/01/2026")
    ('ngày 05 tháng 3 năm 2026', 'ngày 05 tháng 01 năm 2026')
    """
    return date_in_words(value)


def thu(value: DateLike, hoa: bool = False) -> str:
    """The weekday ("thứ Năm", "Chủ nhật"); ``hoa=True`` at the start of a sentence.

    >>> thu(dt.date(2026, 3, 5)), thu("08/3/2026")
    ('thứ Năm', 'Chủ nhật')
    """
    return weekday_name(value, capitalize=hoa)


def gio(value: dt.time | dt.datetime | str) -> str:
    """A time of day: "14 giờ 30 phút".

    >>> gio(dt.datetime(2026, 3, 5, 8, 5))
    '08 giờ 05 phút'
    """
    return time_in_words(value)


def gio_ngay(value: dt.datetime | str) -> str:
    """Time and date, as appointment times are written.

    >>> gio_ngay(dt.datetime(2026, 3, 5, 14, 30))
    '14 giờ 30 phút, ngày 05 tháng 3 năm 2026'
    """
    return datetime_in_words(value)


def thoi_han(value: int, don_vi: str = "ngày làm việc") -> str:
    """A span with its unit, counts below 10 padded: "05 ngày làm việc".

    >>> thoi_han(5), thoi_han(3, "ngày")
    ('05 ngày làm việc', '03 ngày')
    """
    return span_in_words(value, don_vi)


def ho_ten(value: str) -> str:
    """A personal name, each syllable capitalised.

    >>> ho_ten("NGUYỄN văn an")
    'Nguyễn Văn An'
    """
    return person_name(value)


def ten_to_chuc(value: str) -> str:
    """An organisation name exactly as written (spaces and look-alike Đ cleaned).

    >>> ten_to_chuc("Công ty  TNHH Ðại Phát")
    'Công ty TNHH Đại Phát'
    """
    return organization_name(value)


def make_filters(calendar: HolidayCalendar | None = None) -> dict[str, Callable[..., Any]]:
    """The filter table; ``calendar`` (an agency's holidays) is used by ``cong_ngay_lam_viec``.

    >>> sorted(make_filters())[:4]
    ['bang_chu', 'cong_ngay_lam_viec', 'doc_so', 'gio']
    """

    def cong_ngay_lam_viec(value: DateLike, so_ngay: int) -> dt.date:
        """The date ``so_ngay`` working days after ``value`` (a date; chain ``| ngay``).

        >>> cong_ngay_lam_viec("12/02/2026", 3)
        datetime.date(2026, 2, 24)
        """
        return add_working_days(value, so_ngay, calendar)

    return {
        "bang_chu": bang_chu,
        "doc_so": doc_so,
        "so_thu_tu": so_thu_tu,
        "so": so,
        "so_tien": so_tien,
        "phan_tram": phan_tram,
        "ngay": ngay,
        "thu": thu,
        "gio": gio,
        "gio_ngay": gio_ngay,
        "thoi_han": thoi_han,
        "ho_ten": ho_ten,
        "ten_to_chuc": ten_to_chuc,
        "cong_ngay_lam_viec": cong_ngay_lam_viec,
    }


#: The filters with the shipped holiday calendar.
FILTERS: dict[str, Callable[..., Any]] = make_filters()
