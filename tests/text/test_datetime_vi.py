"""Dates, times, weekdays and spans as a letter prints them."""

from __future__ import annotations

import datetime as dt

import pytest

from vnadmin_docs.text._errors import TextValueError
from vnadmin_docs.text.datetime_vi import (
    coerce_date,
    date_in_words,
    datetime_in_words,
    span_in_words,
    time_in_words,
    weekday_name,
)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (dt.date(2026, 3, 2), "thứ Hai"),
        (dt.date(2026, 3, 3), "thứ Ba"),
        (dt.date(2026, 3, 4), "thứ Tư"),
        (dt.date(2026, 3, 5), "thứ Năm"),
        (dt.date(2026, 3, 6), "thứ Sáu"),
        (dt.date(2026, 3, 7), "thứ Bảy"),
        (dt.date(2026, 3, 8), "Chủ nhật"),
    ],
)
def test_weekday_names(day: dt.date, name: str) -> None:
    assert weekday_name(day) == name


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
        (dt.date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (dt.date(2020, 2, 29), "ngày 29 tháng 02 năm 2020"),
        (dt.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (dt.date(2025, 9, 9), "ngày 09 tháng 9 năm 2025"),
        (dt.date(2025, 10, 10), "ngày 10 tháng 10 năm 2025"),
        (dt.date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
    ],
)
def test_date_padding_follows_decree_30(day: dt.date, words: str) -> None:
    # R-DD-4: days 01-09 padded, months 01 and 02 padded, months 3-12 not.
    assert date_in_words(day) == words


def test_appointment_time() -> None:
    assert datetime_in_words(dt.datetime(2026, 3, 5, 14, 30)) == (
        "14 giờ 30 phút, ngày 05 tháng 3 năm 2026"
    )
    assert time_in_words(dt.time(7, 0)) == "07 giờ 00 phút"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05/3/2026", dt.date(2026, 3, 5)),
        ("5/3/2026", dt.date(2026, 3, 5)),
        ("05-03-2026", dt.date(2026, 3, 5)),
        ("2026-03-05", dt.date(2026, 3, 5)),
        ("05/03/2026 14:30:00", dt.date(2026, 3, 5)),
        ("14:30, 05/03/2026", dt.date(2026, 3, 5)),
        ("20260305143000", dt.date(2026, 3, 5)),
        ("2026-03-05T07:30:00Z", dt.date(2026, 3, 5)),
    ],
)
def test_text_dates_are_day_first(text: str, day: dt.date) -> None:
    assert coerce_date(text) == day


@pytest.mark.parametrize("bad", ["31/02/2026", "hôm qua", "2026/13/01", ""])
def test_bad_date_names_the_value(bad: str) -> None:
    with pytest.raises(TextValueError) as info:
        date_in_words(bad)
    assert info.value.value == bad


def test_spans() -> None:
    assert span_in_words(5) == "05 ngày làm việc"
    assert span_in_words(12) == "12 ngày làm việc"
    assert span_in_words(0, "ngày") == "00 ngày"
    with pytest.raises(TextValueError):
        span_in_words(-1)


def test_utc_values_are_shown_in_vietnam_time() -> None:
    # A dossier received at 06:30 on 5 March (Hà Nội) is 23:30 UTC on 4 March.
    utc = dt.datetime(2026, 3, 4, 23, 30, tzinfo=dt.UTC)
    assert datetime_in_words(utc) == "06 giờ 30 phút, ngày 05 tháng 3 năm 2026"
    assert date_in_words("2026-03-04T23:30:00Z") == "ngày 05 tháng 3 năm 2026"
    assert weekday_name("2026-03-04T23:30:00+00:00") == "thứ Năm"
