"""The grid every reader produces: rows of raw cell values with the sheet's own row numbers.

Readers do no cleaning and no type guessing beyond what the file format itself says (a
number cell stays a number, a date cell a ``datetime``); merged cells are filled with the
value of their top-left cell so that a merged two-row header can be joined later.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Literal, overload

from vnadmin_docs.batch.spill import Spill

__all__ = ["CellValue", "Grid", "GridRow", "LazyRows", "SourceFormat"]

CellValue = str | int | float | bool | datetime | None
SourceFormat = Literal["xlsx", "xls", "html", "spreadsheetml", "csv", "json", "yaml"]


@dataclass(frozen=True)
class GridRow:
    """One row as the spreadsheet shows it.

    ``number`` is the row number a clerk sees in Excel (1-based; for CSV the record's
    position, as Excel shows the file; for JSON/YAML the position in the list). ``fonts``
    holds the font name of each cell when the format carries one (used to spot TCVN3/VNI
    text). ``merged`` marks cells filled from a merged range. ``hidden``: the row is hidden
    in the workbook (filtered out or hidden by hand).
    """

    number: int
    values: tuple[CellValue, ...]
    fonts: tuple[str | None, ...] = ()
    merged: tuple[bool, ...] = ()
    hidden: bool = False

    def text(self, index: int) -> str:
        """The cell at ``index`` as stripped text ("" when empty or missing)."""
        if index >= len(self.values):
            return ""
        value = self.values[index]
        if value is None:
            return ""
        return str(value).strip()

    def font(self, index: int) -> str | None:
        return self.fonts[index] if index < len(self.fonts) else None

    def is_merged(self, index: int) -> bool:
        """True when the cell is part of a merged range but not its top-left cell."""
        return self.merged[index] if index < len(self.merged) else False

    def is_empty(self) -> bool:
        return all(self.text(i) == "" for i in range(len(self.values)))


HEAD_ROWS = 64
"""Rows a :class:`LazyRows` keeps: more than the header search looks at."""


class LazyRows(Sequence[GridRow]):
    """The rows of a large file, read again from its bytes each time they are iterated.

    A batch goes over the rows a few times (count, legacy-encoding check, clean and check)
    and keeps none of them, so a 10,000-row sheet is never held as 10,000 row objects. The
    first :data:`HEAD_ROWS` rows are kept for the header search; indexing past them reads.

    >>> rows = LazyRows(lambda: (GridRow(n, (str(n),)) for n in range(1, 101)), 100)
    >>> len(rows), rows[0].number, rows[-1].number, [r.number for r in rows[98:]]
    (100, 1, 100, [99, 100])
    >>> sum(1 for _ in rows) == sum(1 for _ in rows) == 100
    True
    """

    def __init__(self, read: Callable[[], Iterator[GridRow]], count: int) -> None:
        self._read = read
        self._count = count
        self.head = tuple(islice(read(), HEAD_ROWS))

    @classmethod
    def parked(cls, rows: Iterable[GridRow]) -> LazyRows:
        """Rows a reader produces once (an .xlsx sheet parsed by openpyxl, ~80 µs a row),
        parked on disk as they come and read back on each pass (~5 µs a row)."""
        spill: Spill[GridRow] = Spill()
        try:
            for row in rows:
                spill.append(row)
        except BaseException:  # the reader gave up part-way: nothing half-parked is kept
            spill.close()
            raise
        lazy = cls(spill.__iter__, len(spill))
        weakref.finalize(lazy, spill.close)
        return lazy

    def __iter__(self) -> Iterator[GridRow]:
        return self._read()

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> GridRow: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[GridRow, ...]: ...

    def __getitem__(self, index: int | slice) -> GridRow | tuple[GridRow, ...]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            if step == 1 and stop <= len(self.head):
                return self.head[start:stop]
            return tuple(islice(self._read(), start, stop, step))
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        if index < len(self.head):
            return self.head[index]
        return next(islice(self._read(), index, None))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class Grid:
    """A table read from one file (one sheet).

    ``epoch`` is the Excel date system of the workbook (1900 or 1904) for bare serial numbers.
    ``records`` is true for JSON/YAML input, whose first row holds the keys.
    """

    path: str
    format: SourceFormat
    rows: Sequence[GridRow]
    """A tuple, or :class:`LazyRows` for the formats read as a stream (CSV)."""
    sheet: str = ""
    epoch: int = 1900
    encoding: str = ""
    records: bool = False
    sheets: int = 1  # visible sheets in the workbook (the grid is one of them)
    hidden_sheets: tuple[str, ...] = ()
    """Names of the workbook's hidden sheets: never read, named in a warning."""

    def head(self, count: int) -> tuple[GridRow, ...]:
        """The first ``count`` rows (fewer when the sheet is shorter)."""
        rows = self.rows
        if isinstance(rows, LazyRows) and count <= len(rows.head):
            return rows.head[:count]
        return tuple(islice(rows, count))

    def iter_rows(self, start: int = 0) -> Iterator[GridRow]:
        """The rows from index ``start`` on, without copying them."""
        return islice(iter(self.rows), start, None)
