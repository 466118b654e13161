"""A minimal ZIP writer that can reuse already-compressed members.

The package parts that never change (styles, settings, theme, font table…) are deflated
once per skeleton and copied into every document; only the parts that change are
compressed per document. Timestamps are fixed, so identical input gives identical bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Member", "deflate", "zip_bytes"]

# 2000-01-01 00:00:00 in MS-DOS format.
_DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1
_DOS_TIME = 0


@dataclass(frozen=True)
class Member:
    """One compressed ZIP member: name, CRC-32, sizes and raw deflate data."""

    name: str
    crc: int
    size: int
    data: bytes


def deflate(name: str, payload: bytes | str, level: int = 6) -> Member:
    raw = payload.encode("utf-8") if isinstance(payload, str) else payload
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = compressor.compress(raw) + compressor.flush()
    return Member(name, zlib.crc32(raw) & 0xFFFFFFFF, len(raw), data)


def zip_bytes(members: Iterable[Member]) -> bytes:
    """A complete ZIP archive of ``members`` in the given order."""
    out = bytearray()
    central = bytearray()
    count = 0
    for m in members:
        name = m.name.encode("utf-8")
        offset = len(out)
        # The fields the local header and the central directory entry share: version
        # needed, flags, method (deflate), time, date, CRC, sizes, name length, extra length.
        shared = (20, 0, 8, _DOS_TIME, _DOS_DATE, m.crc, len(m.data), m.size, len(name), 0)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *shared)
        out += name
        out += m.data
        # central: signature, version made by, shared, comment length, disk, attributes x2,
        # offset of the local header.
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *shared, 0, 0, 0, 0, offset)
        central += name
        count += 1
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), cd_offset, 0)
    return bytes(out)
