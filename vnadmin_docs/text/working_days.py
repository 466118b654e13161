"""Working days: weekends, public holidays and compensatory days, from data.

Fixed-date holidays (1/1, 30/4, 1/5, 2/9) are built in for every year; the days that move
(Tết, Giỗ Tổ Hùng Vương, the second Quốc khánh day, swaps announced for civil servants) come
per year from ``data/holidays.toml`` and optionally from an agency's own file of the same
shape. A holiday on a Saturday or Sunday gives a compensatory day off on the next working
day (Bộ luật Lao động 2019, Điều 111 khoản 3), except the Tết days, which the data lists as
announced.

A date in a year the data does not cover raises instead of being silently counted as an
ordinary working day; ``HolidayCalendar.load(..., fixed_only_outside=True)`` accepts the
fixed-date holidays alone for such years.
"""

from __future__ import annotations

import datetime as dt
import logging
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from vnadmin_docs.text._errors import TextValueError
from vnadmin_docs.text.datetime_vi import coerce_date

__all__ = [
    "FIXED_HOLIDAYS",
    "HolidayCalendar",
    "add_working_days",
    "default_calendar",
    "is_working_day",
    "working_days_between",
]

log = logging.getLogger(__name__)

#: (month, day) → name, every year (Bộ luật Lao động 2019, Điều 112).
FIXED_HOLIDAYS: Mapping[tuple[int, int], str] = {
    (1, 1): "Tết Dương lịch",
    (4, 30): "Ngày Chiến thắng",
    (5, 1): "Ngày Quốc tế Lao động",
    (9, 2): "Quốc khánh",
}

_WEEKEND = frozenset({5, 6})
_ONE_DAY = dt.timedelta(days=1)
_YEAR_KEYS = {
    "tet",
    "gio_to",
    "quoc_khanh_extra",
    "days_off",
    "working_days",
    "known_until",
    "source",
}


def _data_error(source: str, where: str, reason: str, reason_en: str) -> TextValueError:
    return TextValueError(
        where,
        f"Dữ liệu ngày nghỉ {source}, mục “{where}”: {reason}",
        f"Holiday data {source}, entry “{where}”: {reason_en}",
    )


def _as_date(value: object, source: str, where: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise _data_error(
        source,
        where,
        f"cần một ngày dạng 2026-04-26, không phải {value!r}.",
        f"expected a date like 2026-04-26, not {value!r}.",
    )


def _dates(value: object, source: str, where: str) -> list[dt.date]:
    if not isinstance(value, list):
        raise _data_error(
            source,
            where,
            "cần một danh sách ngày.",
            "expected a list of dates.",
        )
    return [_as_date(v, source, f"{where}[{i}]") for i, v in enumerate(value)]


@dataclass(frozen=True)
class HolidayCalendar:
    """Which days are working days, and for which dates that is known.

    Build it with :meth:`load` (the shipped data plus optional agency files) or directly.

    >>> cal = default_calendar()
    >>> cal.is_working_day(dt.date(2026, 2, 16)), cal.holiday_name(dt.date(2026, 2, 16))
    (False, 'Tết Âm lịch')
    >>> cal.holiday_name(dt.date(2026, 4, 27))
    'Nghỉ bù Giỗ Tổ Hùng Vương'
    """

    days_off: Mapping[dt.date, str]
    working_weekend_days: frozenset[dt.date] = frozenset()
    covered: tuple[tuple[dt.date, dt.date], ...] = ()
    fixed_only_outside: bool = False
    weekend: frozenset[int] = field(default=_WEEKEND)

    @classmethod
    def load(
        cls, extra_files: Iterable[str | Path] = (), *, fixed_only_outside: bool = False
    ) -> HolidayCalendar:
        """The shipped data, then each of ``extra_files`` (a year there replaces ours).

        >>> cal = HolidayCalendar.load(fixed_only_outside=True)
        >>> cal.is_working_day(dt.date(2030, 9, 2)), cal.is_working_day(dt.date(2030, 9, 3))
        (False, True)
        """
        packaged = resources.files("vnadmin_docs.text").joinpath("data/holidays.toml")
        years = _read_years(packaged.read_text(encoding="utf-8"), "holidays.toml")
        for path in extra_files:
            text = Path(path).read_text(encoding="utf-8")
            years.update(_read_years(text, str(path)))
        return _build(years, fixed_only_outside)

    def _check_covered(self, day: dt.date) -> None:
        if any(start <= day <= end for start, end in self.covered):
            return
        if self.fixed_only_outside:
            _warn_uncovered(day.year)
            return
        raise TextValueError(
            day,
            f"Chưa có dữ liệu ngày nghỉ lễ, Tết cho ngày {day:%d/%m/%Y} (năm {day.year}); "
            "không thể tính ngày làm việc chính xác. Hãy bổ sung tệp lịch nghỉ của năm đó.",
            f"No public-holiday data for {day:%d/%m/%Y} (year {day.year}); working days "
            "cannot be counted correctly. Supply a holiday file for that year.",
        )

    def holiday_name(self, day: dt.date) -> str | None:
        """Why ``day`` is a day off (``None`` for a working day or plain weekend).

        >>> cal = default_calendar()
        >>> cal.holiday_name(dt.date(2025, 9, 1)), cal.holiday_name(dt.date(2025, 9, 3))
        ('Quốc khánh', None)
        """
        if day in self.days_off:
            return self.days_off[day]
        if self.fixed_only_outside and (day.month, day.day) in FIXED_HOLIDAYS:
            return FIXED_HOLIDAYS[(day.month, day.day)]
        return None

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day; raises for a date the data does not cover.

        >>> cal = default_calendar()
        >>> cal.is_working_day(dt.date(2025, 4, 26))  # Saturday worked for the 2/5 swap
        True
        >>> cal.is_working_day(dt.date(2025, 5, 2))
        False
        """
        self._check_covered(day)
        if day in self.working_weekend_days:
            return True
        if day.weekday() in self.weekend:
            return False
        return self.holiday_name(day) is None


@cache
def _warn_uncovered(year: int) -> None:
    # Once per year and process, not once per day counted.
    log.warning("No holiday data for %s; only fixed-date holidays are counted.", year)


def _read_years(text: str, source: str) -> dict[int, dict[str, Any]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _data_error(source, "(tệp)", f"không đọc được: {exc}", f"unreadable: {exc}") from exc
    years = data.get("years", {})
    if not isinstance(years, dict) or set(data) - {"years"}:
        raise _data_error(
            source, "(tệp)", "chỉ được có bảng [years.NNNN].", "only [years.NNNN] tables allowed."
        )
    result: dict[int, dict[str, Any]] = {}
    for key, table in years.items():
        if not (key.isdigit() and len(key) == 4) or not isinstance(table, dict):
            raise _data_error(
                source, f"years.{key}", "tên năm phải có 4 chữ số.", "year must be 4 digits."
            )
        unknown = set(table) - _YEAR_KEYS
        if unknown:
            names = ", ".join(sorted(unknown))
            raise _data_error(
                source, f"years.{key}", f"khóa không biết: {names}.", f"unknown keys: {names}."
            )
        year = int(key)
        parsed: dict[str, Any] = {"source": str(table.get("source", source))}
        for name in ("tet", "days_off", "working_days"):
            parsed[name] = _dates(table.get(name, []), source, f"years.{key}.{name}")
        for name in ("gio_to", "quoc_khanh_extra", "known_until"):
            if name in table:
                parsed[name] = _as_date(table[name], source, f"years.{key}.{name}")
        for name in ("tet", "days_off", "working_days", "gio_to", "quoc_khanh_extra"):
            values = parsed.get(name, [])
            for day in values if isinstance(values, list) else [values]:
                if day.year != year:
                    raise _data_error(
                        source,
                        f"years.{key}.{name}",
                        f"ngày {day:%d/%m/%Y} không thuộc năm {year}.",
                        f"{day:%d/%m/%Y} is not in {year}.",
                    )
        result[year] = parsed
    return result


def _build(years: Mapping[int, Mapping[str, Any]], fixed_only_outside: bool) -> HolidayCalendar:
    off: dict[dt.date, str] = {}
    working: set[dt.date] = set()
    covered: list[tuple[dt.date, dt.date]] = []
    compensable: list[tuple[dt.date, str]] = []
    for year, table in sorted(years.items()):
        for (month, mday), name in FIXED_HOLIDAYS.items():
            compensable.append((dt.date(year, month, mday), name))
        if "gio_to" in table:
            compensable.append((table["gio_to"], "Giỗ Tổ Hùng Vương"))
        if "quoc_khanh_extra" in table:
            compensable.append((table["quoc_khanh_extra"], "Quốc khánh"))
        for day in table["tet"]:
            off[day] = "Tết Âm lịch"
        for day in table["days_off"]:
            off.setdefault(day, "Nghỉ hoán đổi")
        working.update(table["working_days"])
        complete = bool(table["tet"]) and {"gio_to", "quoc_khanh_extra"} <= set(table)
        end = table.get("known_until", dt.date(year, 12, 31) if complete else None)
        if end is not None:
            covered.append((dt.date(year, 1, 1), end))
    for day, name in compensable:
        off.setdefault(day, name)
    for day, name in sorted(compensable):
        if day.weekday() in _WEEKEND:
            # Điều 111 khoản 3: the next working day is given off instead.
            nxt = day + _ONE_DAY
            while nxt.weekday() in _WEEKEND or nxt in off:
                nxt += _ONE_DAY
            off[nxt] = f"Nghỉ bù {name}"
    return HolidayCalendar(
        days_off=off,
        working_weekend_days=frozenset(working),
        covered=tuple(covered),
        fixed_only_outside=fixed_only_outside,
    )


@lru_cache(maxsize=1)
def default_calendar() -> HolidayCalendar:
    """The calendar from the shipped data only (cached).

    >>> default_calendar().holiday_name(dt.date(2024, 4, 18))
    'Giỗ Tổ Hùng Vương'
    """
    return HolidayCalendar.load()


def is_working_day(
    value: dt.date | dt.datetime | str, calendar: HolidayCalendar | None = None
) -> bool:
    """Whether the date is a working day.

    >>> is_working_day("30/4/2026"), is_working_day("04/5/2026")
    (False, True)
    """
    return (calendar or default_calendar()).is_working_day(coerce_date(value))


def add_working_days(
    value: dt.date | dt.datetime | str, n: int, calendar: HolidayCalendar | None = None
) -> dt.date:
    """The ``n``-th working day after the date (before it when ``n`` is negative).

    ``n == 0`` returns the date itself. The start date need not be a working day.

    >>> add_working_days(dt.date(2026, 2, 12), 3)  # Thu; Tết 16-20/02 is skipped
    datetime.date(2026, 2, 24)
    >>> add_working_days("24/4/2025", 5)  # Sat 26/4 worked; 30/4-02/5 off
    datetime.date(2025, 5, 5)
    >>> add_working_days("05/5/2025", -5)
    datetime.date(2025, 4, 24)
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TextValueError(
            n,
            f"Số ngày làm việc phải là số nguyên, không phải {n!r}.",
            f"The number of working days must be a whole number, not {n!r}.",
        )
    cal = calendar or default_calendar()
    day = coerce_date(value)
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    remaining = abs(n)
    while remaining:
        day += step
        if cal.is_working_day(day):
            remaining -= 1
    return day


def working_days_between(
    start: dt.date | dt.datetime | str,
    end: dt.date | dt.datetime | str,
    calendar: HolidayCalendar | None = None,
) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if end < start).

    >>> working_days_between("13/02/2026", "23/02/2026")
    1
    """
    cal = calendar or default_calendar()
    first, last = coerce_date(start), coerce_date(end)
    sign = 1
    if last < first:
        first, last, sign = last, first, -1
    count = 0
    day = first
    while day < last:
        day += _ONE_DAY
        count += cal.is_working_day(day)
    return sign * count
