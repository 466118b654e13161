"""Adding working days: new due date = original due date + N working days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vnadmin_docs.text._errors import TextValueError
from vnadmin_docs.text.working_days import (
    HolidayCalendar,
    add_working_days,
    default_calendar,
    is_working_day,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("day", "off"),
    [
        (D(2024, 1, 1), True),
        (D(2024, 2, 8), True),
        (D(2024, 2, 14), True),
        (D(2024, 2, 15), False),
        (D(2024, 4, 18), True),  # Giỗ Tổ
        (D(2024, 4, 29), True),  # swapped day off
        (D(2024, 5, 4), False),  # Saturday worked for it
        (D(2024, 9, 3), True),
        (D(2025, 1, 27), True),
        (D(2025, 4, 7), True),
        (D(2025, 9, 1), True),
        (D(2025, 9, 3), False),
        (D(2026, 2, 20), True),
        (D(2026, 2, 23), False),
        (D(2026, 4, 27), True),  # Giỗ Tổ on Sunday 26/4 → Monday off
        (D(2026, 4, 30), True),
        (D(2026, 5, 1), True),
        (D(2026, 9, 2), True),
        (D(2027, 1, 1), True),
        (D(2026, 3, 7), True),  # plain Saturday
        (D(2026, 3, 9), False),
    ],
)
def test_days_off(day: dt.date, off: bool) -> None:
    assert is_working_day(day) is not off


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2026, 3, 5), 0, D(2026, 3, 5)),
        (D(2026, 3, 5), 1, D(2026, 3, 6)),
        (D(2026, 3, 6), 1, D(2026, 3, 9)),  # Friday + 1 = Monday
        (D(2026, 3, 7), 1, D(2026, 3, 9)),  # from a Saturday
        (D(2026, 3, 5), 5, D(2026, 3, 12)),
        (D(2026, 2, 12), 3, D(2026, 2, 24)),  # across Tết Bính Ngọ
        (D(2026, 4, 24), 3, D(2026, 5, 4)),  # 27/4 nghỉ bù, 30/4, 1/5
        (D(2024, 4, 26), 2, D(2024, 5, 3)),  # 29/4 swapped off, 30/4, 1/5
        (D(2024, 5, 3), 1, D(2024, 5, 4)),  # Saturday 4/5/2024 is worked
        (D(2025, 12, 31), 1, D(2026, 1, 2)),
        (D(2026, 3, 12), -5, D(2026, 3, 5)),
    ],
)
def test_add_working_days(start: dt.date, n: int, expected: dt.date) -> None:
    assert add_working_days(start, n) == expected


def test_between_counts_what_add_adds() -> None:
    start = D(2025, 1, 20)
    for n in range(0, 60):
        assert working_days_between(start, add_working_days(start, n)) == n


def test_uncovered_year_is_refused_not_guessed() -> None:
    # Tết 2027 (06/02/2027) had no published schedule when the data was written.
    assert add_working_days(D(2027, 1, 27), 2) == D(2027, 1, 29)
    with pytest.raises(TextValueError, match="2027"):
        add_working_days(D(2027, 1, 28), 5)
    with pytest.raises(TextValueError, match="2023"):
        add_working_days(D(2024, 1, 3), -5)


def test_fixed_only_outside_counts_fixed_holidays() -> None:
    cal = HolidayCalendar.load(fixed_only_outside=True)
    assert add_working_days(D(2028, 4, 28), 1, cal) == D(2028, 5, 2)


def test_agency_file_adds_a_year(tmp_path: Path) -> None:
    extra = tmp_path / "nghi-le.toml"
    extra.write_text(
        "[years.2027]\n"
        "tet = [2027-02-04, 2027-02-05, 2027-02-08, 2027-02-09, 2027-02-10]\n"
        "gio_to = 2027-04-16\n"
        "quoc_khanh_extra = 2027-09-03\n",
        encoding="utf-8",
    )
    cal = HolidayCalendar.load([extra])
    assert add_working_days(D(2027, 2, 3), 1, cal) == D(2027, 2, 11)
    assert not cal.is_working_day(D(2027, 9, 3))


def test_bad_agency_file_names_the_entry(tmp_path: Path) -> None:
    extra = tmp_path / "nghi-le.toml"
    extra.write_text('[years.2027]\ntet = ["4/2/2027"]\n', encoding="utf-8")
    with pytest.raises(TextValueError, match=r"years\.2027\.tet\[0\]"):
        HolidayCalendar.load([extra])


def test_default_calendar_is_shared() -> None:
    assert default_calendar() is default_calendar()


def test_fixed_only_outside_warns_once_per_year(caplog: pytest.LogCaptureFixture) -> None:
    cal = HolidayCalendar.load(fixed_only_outside=True)
    add_working_days(D(2031, 3, 2), 40, cal)
    warnings = [r for r in caplog.records if "2031" in r.getMessage()]
    assert len(warnings) <= 1
