"""The row problems of a batch, parked on disk in row order (issue 18: memory flat in N).

A portal export of 50,000 dossiers gives ~29,000 warnings; as Python objects they, and the
per-row index the report built over them, were most of what a long batch's memory grew by.
A :class:`ProblemLog` writes them to a :class:`~.spill.Spill` as the check pass finds them
and keeps only the counts; it reads like the list it replaces (``len``, iteration,
indexing, ``==``), and :meth:`ProblemLog.rows` hands the report each row's problems while it
walks the rows in the same order.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import overload

from vnadmin_docs.batch.record import RowProblem
from vnadmin_docs.batch.spill import Spill

__all__ = ["ProblemLog", "RowCursor"]


class ProblemLog(Sequence[RowProblem]):
    """Row problems in the order they were found (row order), on disk.

    >>> log = ProblemLog()
    >>> log.extend([RowProblem(2, "A", "x", "sai", "wrong"),
    ...             RowProblem(5, None, "", "thiếu", "missing", "warning")])
    >>> len(log), log.count("warning"), log[1].row, log == [log[0], log[1]], log == []
    (2, 1, 5, True, False)
    >>> cursor = log.rows()
    >>> [p.row for p in cursor.of(2)], cursor.of(3), [p.reason for p in cursor.of(5)]
    ([2], (), ['thiếu'])
    """

    def __init__(self) -> None:
        self._spill = Spill[RowProblem]()
        self._counts: dict[str, int] = {}
        weakref.finalize(self, self._spill.close)

    def extend(self, problems: Iterable[RowProblem]) -> None:
        for p in problems:
            self._spill.append(p)
            self._counts[p.severity] = self._counts.get(p.severity, 0) + 1

    def count(self, severity: str) -> int:
        """How many problems of ``severity`` (``"error"``, ``"warning"``)."""
        return self._counts.get(severity, 0)

    def rows(self) -> RowCursor:
        return RowCursor(self)

    def __len__(self) -> int:
        return len(self._spill)

    def __iter__(self) -> Iterator[RowProblem]:
        return iter(self._spill)

    @overload
    def __getitem__(self, index: int) -> RowProblem: ...

    @overload
    def __getitem__(self, index: slice) -> list[RowProblem]: ...

    def __getitem__(self, index: int | slice) -> RowProblem | list[RowProblem]:
        if isinstance(index, slice):
            return list(islice(self, *index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return next(islice(self, index, None))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        head = ", ".join(repr(p) for p in islice(self, 3))
        return f"ProblemLog([{head}{', …' if len(self) > 3 else ''}], {len(self)} problems)"


class RowCursor:
    """Each row's problems, for rows asked in increasing order (the manifest's order), in
    one pass over a log in row order (the check pass finds them row by row). A row asked
    again gets the same answer; a row asked out of order makes the cursor index every row
    instead (correct, only larger)."""

    def __init__(self, log: Sequence[RowProblem]) -> None:
        self._log = log
        self._index: dict[int, tuple[RowProblem, ...]] | None = None
        self._items = iter(log)
        self._next: RowProblem | None = next(self._items, None)
        self._last = -1
        self._found: tuple[RowProblem, ...] = ()

    def _build_index(self) -> None:
        index: dict[int, list[RowProblem]] = {}
        for p in self._log:
            index.setdefault(p.row, []).append(p)
        self._index = {row: tuple(found) for row, found in index.items()}

    def of(self, row: int) -> tuple[RowProblem, ...]:
        if self._index is None and row < self._last:
            self._build_index()
        if self._index is not None:
            return self._index.get(row, ())
        if row == self._last:
            return self._found
        self._last = row
        found: list[RowProblem] = []
        while self._next is not None and self._next.row <= row:
            if self._next.row == row:
                found.append(self._next)
            self._next = next(self._items, None)
        self._found = tuple(found)
        return self._found
