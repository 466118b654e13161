"""A minimal ZIP writer that can reuse already-compressed data.

The package parts that never change (styles, settings, theme, font table…) are deflated
once per skeleton and copied into every document; only the parts that change are
compressed per document. A part can also be put together from *pieces* deflated
elsewhere (:class:`Deflated`, each ending on a full flush, so it refers to nothing before
it): a batch's workers deflate each letter's body once, for the letter's own file, and the
merged print file splices those same bytes in (:class:`DeflateStream`,
:class:`ZipWriter`). Timestamps are fixed, so identical input gives identical bytes.
Design: docs/dev/batch.md, "The merged file from deflated pieces".
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO, NamedTuple

__all__ = [
    "DeflateStream",
    "Deflated",
    "Member",
    "ZipWriter",
    "crc_combine",
    "deflate",
    "deflate_piece",
    "zip_bytes",
]

# 2000-01-01 00:00:00 in MS-DOS format.
_DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1
_DOS_TIME = 0
_MAX = 0xFFFFFFFF
"""A 32-bit size or offset field holding this says "see the ZIP64 record"."""
_LIMIT = _MAX
"""Sizes and offsets above this go into ZIP64 records (lowered by a test)."""
_ZEROS = bytes(1 << 16)


@dataclass(frozen=True)
class Member:
    """One compressed ZIP member: name, CRC-32, sizes and raw deflate data."""

    name: str
    crc: int
    size: int
    data: bytes


class Deflated(NamedTuple):
    """Raw deflate data of ``size`` bytes of text whose CRC-32 is ``crc``, made by a fresh
    compressor and ending on a full flush: it can be put anywhere in a deflate stream."""

    data: bytes
    crc: int
    size: int


def deflate(name: str, payload: bytes | str, level: int = 6) -> Member:
    raw = payload.encode("utf-8") if isinstance(payload, str) else payload
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = compressor.compress(raw) + compressor.flush()
    return Member(name, zlib.crc32(raw) & 0xFFFFFFFF, len(raw), data)


def deflate_piece(payload: bytes | str, level: int) -> Deflated:
    """``payload`` as a :class:`Deflated` piece."""
    raw = payload.encode("utf-8") if isinstance(payload, str) else payload
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = compressor.compress(raw) + compressor.flush(zlib.Z_FULL_FLUSH)
    return Deflated(data, zlib.crc32(raw), len(raw))


def _zeros_crc(length: int, crc: int) -> int:
    while length > 0:
        step = min(length, len(_ZEROS))
        crc = zlib.crc32(memoryview(_ZEROS)[:step], crc)
        length -= step
    return crc


def crc_combine(crc_a: int, crc_b: int, length_b: int) -> int:
    """CRC-32 of ``A + B`` from the CRC-32 of each and the length of ``B`` (zlib's
    ``crc32_combine``, which Python does not expose). The CRC is affine in its start value
    and its data, so ``crc(A+B) = crc(zeros, crc_a) ^ crc(B) ^ crc(zeros)``, ``zeros``
    being ``length_b`` zero bytes."""
    return _zeros_crc(length_b, crc_a) ^ crc_b ^ _zeros_crc(length_b, 0)


class DeflateStream:
    """One part's raw deflate data put together from the caller's own text (deflated here)
    and :class:`Deflated` pieces (copied as they are). Each method returns the bytes to
    append; :attr:`crc` and :attr:`size` describe the text so far."""

    def __init__(self, level: int) -> None:
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        self.crc = 0
        self.size = 0

    def text(self, payload: str, *, last: bool = False) -> bytes:
        """Deflate ``payload``, ending on a full flush (a piece may follow), or with
        ``last`` ending the stream."""
        raw = payload.encode("utf-8")
        self.crc = zlib.crc32(raw, self.crc)
        self.size += len(raw)
        end = zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH
        return self._compressor.compress(raw) + self._compressor.flush(end)

    def piece(self, piece: Deflated) -> bytes:
        self.crc = crc_combine(self.crc, piece.crc, piece.size)
        self.size += piece.size
        return piece.data


def _shared(m: Member) -> tuple[int, ...]:
    # The fields the local header and the central directory entry share: version needed,
    # flags, method (deflate), time, date, CRC, sizes, name length, extra length.
    return (20, 0, 8, _DOS_TIME, _DOS_DATE, m.crc, len(m.data), m.size,
            len(m.name.encode("utf-8")), 0)


def zip_bytes(members: Iterable[Member]) -> bytes:
    """A complete ZIP archive of ``members`` in the given order."""
    out = io.BytesIO()
    zw = ZipWriter(out)
    for m in members:
        zw.add(m)
    zw.close()
    return out.getvalue()


class ZipWriter:
    """A ZIP archive written to ``fh`` member by member: whole :class:`Member` objects
    (:meth:`add`) and members streamed in (:meth:`begin`, :meth:`write`, :meth:`end`),
    whose local header is patched with the CRC and sizes once they are known. A streamed
    member carries ZIP64 sizes in its local header (its size is not known in advance; as
    Python's ``zipfile`` does with ``force_zip64``); the central directory uses ZIP64
    records only where a size, an offset or the count needs them."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self._central: list[tuple[str, int, int, int, int]] = []  # name, crc, size, packed, at
        self._stream: tuple[str, int] | None = None  # name, offset of its local header
        self._written = 0
        self._pos = 0

    def add(self, m: Member) -> None:
        assert self._stream is None, "a streamed member is open"
        self._central.append((m.name, m.crc, m.size, len(m.data), self._pos))
        self._put(struct.pack("<IHHHHHIIIHH", 0x04034B50, *_shared(m)))
        self._put(m.name.encode("utf-8"))
        self._put(m.data)

    def begin(self, name: str) -> None:
        assert self._stream is None, "a streamed member is open"
        self._stream = (name, self._pos)
        self._put(_local64(name, 0, 0, 0))
        self._written = 0

    def write(self, data: bytes) -> None:
        assert self._stream is not None, "no streamed member is open"
        self._put(data)
        self._written += len(data)

    def end(self, crc: int, size: int) -> None:
        """Close the streamed member: ``crc`` and ``size`` of its uncompressed data."""
        assert self._stream is not None, "no streamed member is open"
        name, offset = self._stream
        self._fh.seek(offset)
        self._fh.write(_local64(name, crc & 0xFFFFFFFF, size, self._written))
        self._fh.seek(self._pos)
        self._central.append((name, crc & 0xFFFFFFFF, size, self._written, offset))
        self._stream = None

    def close(self) -> None:
        """Write the central directory (the file handle stays open)."""
        assert self._stream is None, "a streamed member is open"
        start = self._pos
        for name, crc, size, packed, at in self._central:
            raw = name.encode("utf-8")
            extra = b""
            if max(size, packed, at) > _LIMIT:
                extra = struct.pack("<HH3Q", 1, 24, size, packed, at)
                size = packed = at = _MAX
            version = 45 if extra else 20
            # signature, made by, needed, flags, method, time, date, CRC, sizes, name and
            # extra lengths, comment length, disk, attributes x2, offset of the local header
            self._put(struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, version, version, 0, 8, _DOS_TIME,
                _DOS_DATE, crc, packed, size, len(raw), len(extra), 0, 0, 0, 0, at))
            self._put(raw + extra)
        length = self._pos - start
        count = len(self._central)
        if max(start, length) > _LIMIT or count > 0xFFFF:
            end64 = self._pos
            self._put(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count,
                                  length, start))
            self._put(struct.pack("<IIQI", 0x07064B50, 0, end64, 1))
            self._put(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF,
                                  min(length, _MAX), _MAX, 0))
        else:
            self._put(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, length,
                                  start, 0))

    def _put(self, data: bytes) -> None:
        self._fh.write(data)
        self._pos += len(data)


def _local64(name: str, crc: int, size: int, packed: int) -> bytes:
    """A local header whose sizes are in a ZIP64 extra field (same length whatever the
    sizes, so it can be patched in place)."""
    raw = name.encode("utf-8")
    extra = struct.pack("<HHQQ", 1, 16, size, packed)
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, _DOS_TIME, _DOS_DATE, crc,
                       _MAX, _MAX, len(raw), len(extra)) + raw + extra
