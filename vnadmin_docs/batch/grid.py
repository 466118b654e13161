"""The grid every reader produces: rows of raw cell values with the sheet's own row numbers.

Readers do no cleaning and no type guessing beyond what the file format itself says (a
number cell stays a number, a date cell a ``datetime``); merged cells are filled with the
value of their top-left cell so that a merged two-row header can be joined later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

__all__ = ["CellValue", "Grid", "GridRow", "SourceFormat"]

CellValue = str | int | float | bool | datetime | None
SourceFormat = Literal["xlsx", "xls", "html", "spreadsheetml", "csv", "json", "yaml"]


@dataclass(frozen=True)
class GridRow:
    """One row as the spreadsheet shows it.

    ``number`` is the row number a clerk sees in Excel (1-based; for CSV the record's
    position, as Excel shows the file; for JSON/YAML the position in the list). ``fonts``
    holds the font name of each cell when the format carries one (used to spot TCVN3/VNI
    text). ``merged`` marks cells filled from a merged range.
    """

    number: int
    values: tuple[CellValue, ...]
    fonts: tuple[str | None, ...] = ()
    merged: tuple[bool, ...] = ()

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


@dataclass(frozen=True)
class Grid:
    """A table read from one file (one sheet).

    ``epoch`` is the Excel date system of the workbook (1900 or 1904) for bare serial numbers.
    ``records`` is true for JSON/YAML input, whose first row holds the keys.
    """

    path: str
    format: SourceFormat
    rows: tuple[GridRow, ...]
    sheet: str = ""
    epoch: int = 1900
    encoding: str = ""
    records: bool = False
    sheets: int = 1  # visible sheets in the workbook (the grid is one of them)
