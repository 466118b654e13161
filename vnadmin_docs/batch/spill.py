"""Rows parked on disk between the passes of a batch run.

The first pass checks every row before anything is written; the second renders. Keeping each
good row's cleaned values in memory between the two made a run's memory grow with the sheet
(~1.3 kB per row). A :class:`Spill` writes them, in order, to an anonymous temporary file
(deleted when closed, also on Windows) in pickled frames and reads them back in order; memory
holds one frame and the position of each frame. Several passes may read at the same time
(each read seeks to its frame first).
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
    >>> len(spill), list(spill), [(a, b) for a in spill for b in spill][:3]
    (5, [0, 1, 2, 3, 4], [(0, 0), (0, 1), (0, 2)])
    >>> spill.close()
    """

    def __init__(self, frame: int = 256) -> None:
        self._file = tempfile.TemporaryFile(prefix="vnadmin-batch-")  # noqa: SIM115 (closed by close())
        self._frame = frame
        self._buffer: list[T] = []
        self._frames: list[tuple[int, int]] = []  # (offset, length) of each pickled frame
        self._end = 0
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, item: T) -> None:
        self._buffer.append(item)
        self._count += 1
        if len(self._buffer) >= self._frame:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            payload = pickle.dumps(self._buffer, protocol=pickle.HIGHEST_PROTOCOL)
            self._file.seek(self._end)
            self._file.write(payload)
            self._frames.append((self._end, len(payload)))
            self._end += len(payload)
            self._buffer = []

    def __iter__(self) -> Iterator[T]:
        """The items in the order they were appended (those appended before the pass
        began)."""
        self._flush()
        for offset, length in list(self._frames):
            self._file.seek(offset)
            frame: list[T] = pickle.loads(self._file.read(length))
            yield from frame

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spill[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
