"""Read a real BIFF .xls workbook (xlrd), keeping merged ranges and cell fonts."""

from __future__ import annotations

import xlrd

from vnadmin_docs.batch.grid import CellValue, Grid, GridRow
from vnadmin_docs.batch.merges import Span, apply_spans
from vnadmin_docs.batch.problems import InputFileError

__all__ = ["read_xls"]


def read_xls(data: bytes, path: str, sheet: int = 0) -> Grid:
    """Every row of visible sheet number ``sheet`` (0 = the first). Date cells become naive
    datetimes; numbers stay numbers (a "General" date serial is converted later, knowing
    the column)."""
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd raises XLRDError and struct errors on damaged files
        raise InputFileError(
            path, f"không đọc được bảng tính .xls ({exc}).",
            f"cannot read the .xls workbook ({exc}).",
        ) from None
    visible = [i for i in range(book.nsheets)
               if getattr(book.sheet_by_index(i), "visibility", 0) == 0] or [0]
    chosen = book.sheet_by_index(visible[min(sheet, len(visible) - 1)])
    rows: list[GridRow] = []
    for r in range(chosen.nrows):
        values: list[CellValue] = []
        fonts: list[str | None] = []
        for c in range(chosen.ncols):
            cell = chosen.cell(r, c)
            value: CellValue
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    value = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                except (ValueError, OverflowError):
                    value = cell.value
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                value = None
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(cell.value)
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                # As Excel shows it ("#N/A"): cleaning reports it, never a blank.
                value = xlrd.error_text_from_code.get(cell.value, "#N/A")
            else:
                value = cell.value
            values.append(value)
            font: str | None = None
            if isinstance(value, str) and book.xf_list:
                xf = book.xf_list[cell.xf_index]
                font = book.font_list[xf.font_index].name
            fonts.append(font)
        info = chosen.rowinfo_map.get(r)
        rows.append(GridRow(r + 1, tuple(values), tuple(fonts),
                            hidden=bool(info is not None and info.hidden)))
    spans: list[Span] = [
        (rlo + 1, clo, rhi, chi - 1) for rlo, rhi, clo, chi in chosen.merged_cells
    ]
    epoch = 1904 if book.datemode == 1 else 1900
    name = chosen.name
    book.release_resources()
    return Grid(path, "xls", tuple(apply_spans(rows, spans)), sheet=name, epoch=epoch,
                sheets=len(visible),
                hidden_sheets=tuple(book.sheet_by_index(i).name for i in range(book.nsheets)
                                    if getattr(book.sheet_by_index(i), "visibility", 0) != 0))
