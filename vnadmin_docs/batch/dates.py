"""Day-first date and time parsing for every shape late-dossier exports use.

Shapes (input notes §1.3): ``27/10/2023 08:15:22``, ``27/10/2023 08:15``, ``27/10/2023``,
``08:15, 27/10/2023`` (time first), ``20231027081522`` (national-portal compact form),
``2023-10-27T01:15:22.000Z`` (UTC, converted to Vietnam time UTC+7), Excel serial numbers in
the 1900 system (with Excel's fictitious 29/02/1900) and the 1904 system, and
``ngày 27 tháng 10 năm 2023``. Results are naive local datetimes rounded to the second.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

__all__ = ["VIETNAM_TZ", "DateParseError", "excel_serial_to_datetime", "parse_datetime"]

VIETNAM_TZ = timezone(timedelta(hours=7))

_TIME = r"(?P<H>\d{1,2})[:hg](?P<M>\d{2})(?:[:p](?P<S>\d{2})(?:[.,]\d+)?)?\s*(?P<ampm>[AaPp][Mm])?"
_DATE = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4}|\d{2})"
_DAY_FIRST = re.compile(rf"^{_DATE}(?:[\sT,]+(?:lúc\s+)?{_TIME})?$", re.IGNORECASE)
_TIME_FIRST = re.compile(rf"^{_TIME}\s*(?:,|\s)\s*(?:ngày\s+)?{_DATE}$", re.IGNORECASE)
_WORDS = re.compile(
    r"^(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})$", re.IGNORECASE
)
_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?P<frac>[.,]\d+)?)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
_COMPACT = re.compile(
    r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})"
    r"(?:(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})?)?$"
)
_SERIAL = re.compile(r"^\d{4,5}(?:[.,]\d+)?$")
_WORDY = re.compile(r"[^\W\d_]|^\d{4}/")
_YEAR_FIRST_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?=$|[\sT])")
# Wordings rewritten to the shapes above before matching (receipts and .NET exports in the
# vi-VN culture): "17 giờ 00 phút, ngày 03/11/2023", "17 giờ ngày 03/11/2023", "Thứ Sáu,
# 27/10/2023", "27/10/2023 8:15:22 CH" (SA/CH are the culture's AM/PM).
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ\s+nhật)\s*,?\s*", re.IGNORECASE), ""),
    (re.compile(r"(\d{1,2})\s*giờ\s*(\d{1,2})\s*phút", re.IGNORECASE), r"\1:\2"),
    (re.compile(r"(\d{1,2})\s*giờ(?!\s*\d)", re.IGNORECASE), r"\1:00"),
    (re.compile(r"(?<=[\s,])ngày\s+(?=\d{1,2}\s*[/.\-])|^ngày\s+(?=\d{1,2}\s*[/.\-])",
                re.IGNORECASE), ""),
    (re.compile(r"(?<=\d)\s*SA$", re.IGNORECASE), " AM"),
    (re.compile(r"(?<=\d)\s*CH$", re.IGNORECASE), " PM"),
)


def _rewrite(text: str) -> str:
    """``text`` with the wordings of :data:`_REWRITES` put in the shapes the patterns read.

    >>> _rewrite("17 giờ 00 phút, ngày 03/11/2023")
    '17:00, 03/11/2023'
    >>> _rewrite("Thứ Sáu, 27/10/2023 8:15:22 CH")
    '27/10/2023 8:15:22 PM'
    """
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return _YEAR_FIRST_SLASH.sub(r"\1-\2-\3", text)


class DateParseError(ValueError):
    """A value that is not a date in any known shape; ``reason``/``reason_en`` say why."""

    def __init__(self, reason: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.reason = reason
        self.reason_en = reason_en


def _round(dt: datetime) -> datetime:
    if dt.microsecond >= 500_000:
        dt += timedelta(seconds=1)
    return dt.replace(microsecond=0)


def excel_serial_to_datetime(serial: float, epoch: int = 1900) -> datetime:
    """An Excel serial number as a datetime, rounded to the second.

    The 1900 system counts Excel's non-existent 29/02/1900 (serial 60), so serials from 61
    on are one day ahead of a plain count.

    >>> excel_serial_to_datetime(45226.3439)
    datetime.datetime(2023, 10, 27, 8, 15, 13)
    >>> excel_serial_to_datetime(44990.6041666667)
    datetime.datetime(2023, 3, 5, 14, 30)
    >>> excel_serial_to_datetime(59)
    datetime.datetime(1900, 2, 28, 0, 0)
    >>> excel_serial_to_datetime(43764.3439, epoch=1904)
    datetime.datetime(2023, 10, 27, 8, 15, 13)
    """
    if epoch == 1904:
        base = datetime(1904, 1, 1)
    elif serial >= 61:
        base = datetime(1899, 12, 30)
    elif serial >= 60:
        raise DateParseError(
            "số ngày 60 của Excel là ngày 29/02/1900 không có thật",
            "Excel serial 60 is the non-existent 29/02/1900",
        )
    else:
        base = datetime(1899, 12, 31)
    return _round(base + timedelta(days=float(serial)))


def _build(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime:
    if y < 100:
        y += 2000
    try:
        return datetime(y, m, d, hh, mm, ss)
    except ValueError:
        raise DateParseError(
            f"ngày {d:02d}/{m:02d}/{y} không có thật (đọc theo thứ tự ngày/tháng/năm)",
            f"{d:02d}/{m:02d}/{y} is not a real date (read as day/month/year)",
        ) from None


def _clock(m: re.Match[str]) -> tuple[int, int, int]:
    hh = int(m.group("H") or 0)
    mm = int(m.group("M") or 0)
    ss = int(m.group("S") or 0)
    ampm = (m.groupdict().get("ampm") or "").lower()
    if ampm == "pm" and hh < 12:
        hh += 12
    elif ampm == "am" and hh == 12:
        hh = 0
    if hh > 23 or mm > 59 or ss > 59:
        raise DateParseError(f"giờ {hh}:{mm:02d} không hợp lệ", f"invalid time {hh}:{mm:02d}")
    return hh, mm, ss


def parse_datetime(value: object, *, epoch: int = 1900) -> datetime:
    """A cell value as a naive Vietnam-time datetime, reading text day-first.

    >>> parse_datetime("27/10/2023 08:15:22")
    datetime.datetime(2023, 10, 27, 8, 15, 22)
    >>> parse_datetime("08:15, 27/10/2023")
    datetime.datetime(2023, 10, 27, 8, 15)
    >>> parse_datetime("05/03/2023")
    datetime.datetime(2023, 3, 5, 0, 0)
    >>> parse_datetime("20231027081522")
    datetime.datetime(2023, 10, 27, 8, 15, 22)
    >>> parse_datetime("2023-10-27T01:15:22.000Z")
    datetime.datetime(2023, 10, 27, 8, 15, 22)
    >>> parse_datetime("ngày 7 tháng 3 năm 2024")
    datetime.datetime(2024, 3, 7, 0, 0)
    >>> parse_datetime("17 giờ 00 phút, ngày 03/11/2023")
    datetime.datetime(2023, 11, 3, 17, 0)
    >>> parse_datetime("03/11/2023 5:00:00 CH")
    datetime.datetime(2023, 11, 3, 17, 0)
    >>> parse_datetime(45226.3439)
    datetime.datetime(2023, 10, 27, 8, 15, 13)
    >>> parse_datetime("31/02/2023")
    Traceback (most recent call last):
    ...
    vnadmin_docs.batch.dates.DateParseError: 31/02/2023 is not a real date (read as day/month/year)
    """
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(VIETNAM_TZ).replace(tzinfo=None)
        return _round(value)
    if isinstance(value, bool):
        raise DateParseError("không phải ngày tháng", "not a date")
    if isinstance(value, int | float):
        if not 1 <= value < 2_958_466:
            raise DateParseError(f"số {value} không phải ngày tháng",
                                 f"the number {value} is not a date")
        return excel_serial_to_datetime(float(value), epoch)
    shown = " ".join(str(value).split())
    if not shown:
        raise DateParseError("để trống", "empty")
    # Most cells are digits and separators only: they need no rewriting.
    text = _rewrite(shown) if _WORDY.search(shown) else shown
    m = _DAY_FIRST.match(text)
    if m:
        return _build(int(m["y"]), int(m["m"]), int(m["d"]), *(_clock(m) if m["H"] else (0, 0, 0)))
    m = _TIME_FIRST.match(text)
    if m:
        return _build(int(m["y"]), int(m["m"]), int(m["d"]), *_clock(m))
    m = _WORDS.match(text)
    if m:
        return _build(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _ISO.match(text)
    if m:
        dt = _build(int(m["y"]), int(m["m"]), int(m["d"]), *(_clock(m) if m["H"] else (0, 0, 0)))
        if m["frac"]:
            dt += timedelta(seconds=float("0" + m["frac"].replace(",", ".")))
        if m["tz"]:
            tz_text = m["tz"].upper()
            if tz_text == "Z":
                tz = UTC
            else:
                sign = 1 if tz_text[0] == "+" else -1
                digits = tz_text[1:].replace(":", "")
                tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
            dt = dt.replace(tzinfo=tz).astimezone(VIETNAM_TZ).replace(tzinfo=None)
        return _round(dt)
    m = _COMPACT.match(text)
    if m:
        return _build(int(m["y"]), int(m["m"]), int(m["d"]),
                      int(m["H"] or 0), int(m["M"] or 0), int(m["S"] or 0))
    if _SERIAL.match(text):
        return parse_datetime(float(text.replace(",", ".")), epoch=epoch)
    raise DateParseError(
        f"“{shown}” không phải ngày tháng (cần dạng ngày/tháng/năm, ví dụ 27/10/2023 08:15)",
        f"“{shown}” is not a date (expected day/month/year, e.g. 27/10/2023 08:15)",
    )
