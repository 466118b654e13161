"""Where each dossier code was first seen, without one Python object per row.

A batch warns when a dossier code repeats ("the same dossier code as row 12"), so it must
remember every code it has read. A ``dict`` of 10,000 codes is ~1 MB of small objects that
live for the whole run and keep the interpreter's memory pools from being returned;
:class:`FirstSeen` keeps a 64-bit hash and the row number per code in two flat arrays
(open addressing). Two different codes share a hash with probability about 2⁻⁶⁴ per pair.
"""

from __future__ import annotations

import hashlib
from array import array

__all__ = ["FirstSeen"]


def _hash(key: str) -> int:
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") | 1  # 0 marks an empty slot


class FirstSeen:
    """The first row each key was seen on.

    >>> seen = FirstSeen()
    >>> seen.first("H41-0001", 5), seen.first("H41-0002", 6), seen.first("H41-0001", 9)
    (None, None, 5)
    >>> all(seen.first(f"code-{n}", n) is None for n in range(5000))
    True
    >>> seen.first("code-4321", 9999), len(seen)
    (4321, 5002)
    """

    def __init__(self) -> None:
        self._hashes = array("Q", bytes(8 * 1024))
        self._rows = array("q", bytes(8 * 1024))
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def first(self, key: str, row: int) -> int | None:
        """The row ``key`` was first seen on, or ``None`` (and ``row`` is remembered)."""
        h = _hash(key)
        mask = len(self._hashes) - 1
        i = h & mask
        while (found := self._hashes[i]) != 0:
            if found == h:
                return self._rows[i]
            i = (i + 1) & mask
        self._hashes[i] = h
        self._rows[i] = row
        self._count += 1
        if self._count * 2 > len(self._hashes):
            self._grow()
        return None

    def _grow(self) -> None:
        old = [(h, r) for h, r in zip(self._hashes, self._rows, strict=True) if h]
        size = len(self._hashes) * 2
        self._hashes = array("Q", bytes(8 * size))
        self._rows = array("q", bytes(8 * size))
        mask = size - 1
        for h, r in old:
            i = h & mask
            while self._hashes[i]:
                i = (i + 1) & mask
            self._hashes[i] = h
            self._rows[i] = r
