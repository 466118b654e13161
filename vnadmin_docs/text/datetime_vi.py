"""Dates, times, weekdays and spans in Vietnamese words.

Days 1–9 and months 1–2 are written with a leading zero, other months are not
("ngày 05 tháng 01 năm 2026", "ngày 29 tháng 6 năm 2019"), as Decree 30 writes dates
(R-DD-4, via ``vnadmin_docs.text.date_line``, which also writes the place-and-date line).
"""

from __future__ import annotations

import datetime as dt
import re

from vnadmin_docs.text._errors import TextValueError
from vnadmin_docs.text.date_line import day_text, month_text

__all__ = [
    "VIETNAM_TZ",
    "WEEKDAY_NAMES",
    "coerce_date",
    "coerce_datetime",
    "date_in_words",
    "datetime_in_words",
    "span_in_words",
    "time_in_words",
    "weekday_name",
]

#: Monday first, as ``date.weekday()`` counts.
WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

_DATE = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
_TIME = r"(?P<H>\d{1,2})[:hg](?P<M>\d{2})(?::(?P<S>\d{2}))?"
_DMY = re.compile(f"{_DATE}(?:[ T,]+{_TIME})?")
# "14:30, 05/03/2026": time first, as some one-stop systems export it.
_TIME_FIRST = re.compile(f"{_TIME}[ ,]+{_DATE}")
# "20260305143000": the national portal's sync format.
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})")


#: Viet Nam's time zone (no daylight saving): aware datetimes are shown in it.
VIETNAM_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")


def _local(moment: dt.datetime) -> dt.datetime:
    # "2026-03-04T20:00:00Z" is 03:00 on 5 March in Viet Nam: never print the UTC date.
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(VIETNAM_TZ).replace(tzinfo=None)


def _bad_date(value: object) -> TextValueError:
    return TextValueError(
        value,
        f"“{value}” không phải là ngày hợp lệ (ví dụ: 05/3/2026, 2026-03-05, 05/3/2026 14:30).",
        f"“{value}” is not a valid date (examples: 05/3/2026, 2026-03-05, 05/3/2026 14:30).",
    )


def coerce_datetime(value: dt.date | dt.datetime | str) -> dt.datetime:
    """A naive Viet Nam local datetime from a date, datetime or day-first text (midnight
    when no time is given); aware values are converted to UTC+7 first.

    >>> coerce_datetime("05/3/2026 14:30")
    datetime.datetime(2026, 3, 5, 14, 30)
    >>> coerce_datetime("2026-03-05T08:05:00")
    datetime.datetime(2026, 3, 5, 8, 5)
    >>> coerce_datetime("14:30, 05/03/2026"), coerce_datetime("20260305143000")
    (datetime.datetime(2026, 3, 5, 14, 30), datetime.datetime(2026, 3, 5, 14, 30))
    >>> coerce_datetime("2026-03-04T20:00:00Z")
    datetime.datetime(2026, 3, 5, 3, 0)
    """
    if isinstance(value, dt.datetime):
        return _local(value)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        match = _DMY.fullmatch(text) or _TIME_FIRST.fullmatch(text) or _COMPACT.fullmatch(text)
        try:
            if match:
                return dt.datetime(
                    int(match["y"]),
                    int(match["m"]),
                    int(match["d"]),
                    int(match["H"] or 0),
                    int(match["M"] or 0),
                    int(match["S"] or 0),
                )
            return _local(dt.datetime.fromisoformat(text))
        except ValueError:
            raise _bad_date(value) from None
    raise _bad_date(value)


def coerce_date(value: dt.date | dt.datetime | str) -> dt.date:
    """A date from a date, datetime or day-first text ("05/3/2026" is 5 March).

    >>> coerce_date("05/03/2026")
    datetime.date(2026, 3, 5)
    >>> coerce_date(dt.datetime(2026, 3, 5, 14, 30))
    datetime.date(2026, 3, 5)
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return coerce_datetime(value).date()


def weekday_name(value: dt.date | dt.datetime | str, *, capitalize: bool = False) -> str:
    """The weekday: "thứ Hai" … "thứ Bảy", "Chủ nhật"; ``capitalize`` for a sentence start.

    >>> weekday_name(dt.date(2026, 3, 5)), weekday_name(dt.date(2026, 3, 8))
    ('thứ Năm', 'Chủ nhật')
    >>> weekday_name(dt.date(2026, 3, 2), capitalize=True)
    'Thứ Hai'
    """
    name = WEEKDAY_NAMES[coerce_date(value).weekday()]
    return name[:1].upper() + name[1:] if capitalize else name


def date_in_words(value: dt.date | dt.datetime | str) -> str:
    """ "ngày DD tháng M năm YYYY" with Decree 30's zero padding (R-DD-4).

    >>> date_in_words(dt.date(2026, 3, 5))
    'ngày 05 tháng 3 năm 2026'
    >>> date_in_words(dt.date(2020, 1, 5)), date_in_words("29/6/2019")
    ('ngày 05 tháng 01 năm 2020', 'ngày 29 tháng 6 năm 2019')
    """
    d = coerce_date(value)
    return f"ngày {day_text(d.day)} tháng {month_text(d.month)} năm {d.year}"


def time_in_words(value: dt.time | dt.datetime | str, *, pad_hour: bool = True) -> str:
    """ "HH giờ MM phút"; minutes always two digits, hours too unless ``pad_hour=False``.

    >>> time_in_words(dt.time(14, 30)), time_in_words(dt.time(8, 5))
    ('14 giờ 30 phút', '08 giờ 05 phút')
    >>> time_in_words(dt.time(8, 5), pad_hour=False)
    '8 giờ 05 phút'
    """
    t = value if isinstance(value, dt.time) else coerce_datetime(value).time()
    if t.tzinfo is not None:
        raise TextValueError(
            value,
            f"Giờ {value} có múi giờ nhưng không có ngày; hãy ghi cả ngày và giờ.",
            f"The time {value} has a time zone but no date; give the date and time.",
        )
    hour = f"{t.hour:02d}" if pad_hour else str(t.hour)
    return f"{hour} giờ {t.minute:02d} phút"


def datetime_in_words(value: dt.datetime | str, *, pad_hour: bool = True) -> str:
    """ "14 giờ 30 phút, ngày 05 tháng 3 năm 2026", as appointment times are written.

    >>> datetime_in_words(dt.datetime(2026, 3, 5, 14, 30))
    '14 giờ 30 phút, ngày 05 tháng 3 năm 2026'
    >>> datetime_in_words("05/01/2026 08:00")
    '08 giờ 00 phút, ngày 05 tháng 01 năm 2026'
    """
    moment = coerce_datetime(value)
    return f"{time_in_words(moment, pad_hour=pad_hour)}, {date_in_words(moment)}"


def span_in_words(count: int, unit: str = "ngày làm việc", *, pad: bool = True) -> str:
    """A count with its unit; counts 0–9 get a leading zero unless ``pad=False``.

    >>> span_in_words(5)
    '05 ngày làm việc'
    >>> span_in_words(15, "ngày")
    '15 ngày'
    >>> span_in_words(3, "tháng", pad=False)
    '3 tháng'
    """
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise TextValueError(
            count,
            f"Số ngày/thời hạn phải là số nguyên không âm, không phải {count!r}.",
            f"A span must be a non-negative whole number, not {count!r}.",
        )
    shown = f"{count:02d}" if pad else str(count)
    return f"{shown} {unit}"
