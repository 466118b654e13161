"""Rows parked on disk between the two passes of a batch run.

The first pass checks every row before anything is written; the second renders. Keeping each
good row's cleaned values in memory between the two made a run's memory grow with the sheet
(~1.3 kB per row). A :class:`Spill` writes them, in order, to an anonymous temporary file
(deleted when closed, also on Windows) and reads them back in order; memory holds one frame.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from typing import Generic, TypeVar

__all__ = ["Spill"]

T = TypeVar("T")


class Spill(Generic[T]):
    """Append-then-read storage for picklable items.

    >>> spill = Spill[int](frame=2)
    >>> for n in range(5):
    ...     spill.append(n)
    >>> len(spill), list(spill), list(spill)
    (5, [0, 1, 2, 3, 4], [0, 1, 2, 3, 4])
    >>> spill.close()
    """

    def __init__(self, frame: int = 256) -> None:
        self._file = tempfile.TemporaryFile(prefix="vnadmin-batch-")  # noqa: SIM115 (closed by close())
        self._frame = frame
        self._buffer: list[T] = []
        self._count = 0
        self._reading = False

    def __len__(self) -> int:
        return self._count

    def append(self, item: T) -> None:
        if self._reading:
            raise RuntimeError("Spill: append while a pass is reading")
        self._buffer.append(item)
        self._count += 1
        if len(self._buffer) >= self._frame:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            self._file.seek(0, 2)
            pickle.dump(self._buffer, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._buffer = []

    def __iter__(self) -> Iterator[T]:
        """The items in the order they were appended (one pass at a time)."""
        if self._reading:
            raise RuntimeError("Spill: only one pass at a time")
        self._flush()
        self._reading = True
        try:
            self._file.seek(0)
            while True:
                try:
                    frame: list[T] = pickle.load(self._file)
                except EOFError:
                    return
                yield from frame
        finally:
            self._reading = False

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spill[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
