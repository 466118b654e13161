"""Keys a batch must remember for every row, without one Python object per row.

A batch warns when a dossier code repeats ("the same dossier code as row 12") and gives
every letter a file name no other letter has, so it must remember every code and name it has
seen. A ``dict`` of 10,000 of them is ~1.5 MB of small objects that live for the whole run
and keep the interpreter's memory pools from being returned; :class:`HashTable` keeps a
64-bit hash and an integer per key in two flat arrays (open addressing). Two different keys
share a hash with probability about 2⁻⁶⁴ per pair (blake2b, the same in every run).
"""

from __future__ import annotations

import hashlib
from array import array

__all__ = ["FirstSeen", "HashTable"]


_FULL_NUM, _FULL_DEN = 4, 5
"""The table doubles when more than 4/5 of its slots are taken: linear probing stays at a
few probes a lookup, and 50,000 keys fit 65,536 slots (1 MB) instead of twice that."""


def _hash(key: str) -> int:
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") | 1  # 0 marks an empty slot


class HashTable:
    """An integer per string key, in flat arrays.

    >>> table = HashTable()
    >>> table.get("a"), table.put("a", 3), table.get("a"), len(table)
    (None, None, 3, 1)
    >>> for n in range(5000):
    ...     table.put(f"key-{n}", n)
    >>> table.get("key-4321"), table.get("key-5000"), len(table)
    (4321, None, 5001)
    """

    def __init__(self) -> None:
        self._hashes = array("Q", bytes(8 * 1024))
        self._values = array("q", bytes(8 * 1024))
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def _slot(self, h: int) -> int:
        mask = len(self._hashes) - 1
        i = h & mask
        while (found := self._hashes[i]) != 0 and found != h:
            i = (i + 1) & mask
        return i

    def get(self, key: str) -> int | None:
        h = _hash(key)
        i = self._slot(h)
        return self._values[i] if self._hashes[i] == h else None

    def put(self, key: str, value: int) -> None:
        h = _hash(key)
        i = self._slot(h)
        if self._hashes[i] != h:
            self._hashes[i] = h
            self._count += 1
        self._values[i] = value
        if self._count * _FULL_DEN > len(self._hashes) * _FULL_NUM:
            self._grow()

    def _grow(self) -> None:
        # Straight from the old arrays into the new: a list of (hash, value) pairs here
        # was, for a moment, larger than both tables (issue 18: memory flat in N).
        hashes, values = self._hashes, self._values
        size = len(hashes) * 2
        self._hashes = array("Q", bytes(8 * size))
        self._values = array("q", bytes(8 * size))
        for h, v in zip(hashes, values, strict=True):
            if h:
                i = self._slot(h)
                self._hashes[i] = h
                self._values[i] = v


class FirstSeen:
    """The first row each key was seen on.

    >>> seen = FirstSeen()
    >>> seen.first("H41-0001", 5), seen.first("H41-0002", 6), seen.first("H41-0001", 9)
    (None, None, 5)
    """

    def __init__(self) -> None:
        self._rows = HashTable()

    def first(self, key: str, row: int) -> int | None:
        """The row ``key`` was first seen on, or ``None`` (and ``row`` is remembered)."""
        found = self._rows.get(key)
        if found is None:
            self._rows.put(key, row)
        return found
