"""The signing time as Decree 30 writes it (R-DAU-4, Mẫu 2.2 note 6): date; hours,
minutes, seconds; Vietnam time zone, ISO 8601 — ``2026-12-07T10:15:30+07:00`` by default.

The format is a setting (``decree30.toml [electronic] time_format``): strftime codes plus
``%:z`` for the offset written ``+07:00`` (Python 3.11's strftime lacks it).

>>> import datetime as dt
>>> when = dt.datetime(2026, 12, 7, 3, 15, 30, tzinfo=dt.UTC)
>>> format_signing_time(when)
'2026-12-07T10:15:30+07:00'
>>> format_signing_time(when, "%d.%m.%Y %H:%M:%S %:z")
'07.12.2026 10:15:30 +07:00'
"""

from __future__ import annotations

import datetime as dt

__all__ = ["DEFAULT_TIME_FORMAT", "VIETNAM", "format_signing_time"]

DEFAULT_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S%:z"
VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")


def format_signing_time(
    when: dt.datetime, fmt: str = DEFAULT_TIME_FORMAT, zone: dt.tzinfo = VIETNAM
) -> str:
    """``when`` in ``zone`` (Vietnam time by default) written with ``fmt``."""
    local = when.astimezone(zone)
    offset = local.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    colon_z = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return local.strftime(fmt.replace("%:z", colon_z.replace("%", "%%")))
