"""Read the first visible sheet of an .xlsx workbook: openpyxl (read-only) opens the
workbook, the rows are streamed from the sheet XML by :mod:`.read_xlsx_rows`, or by openpyxl
when that reader does not follow the sheet."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any
from xml.sax.saxutils import unescape as xml_unescape

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils.cell import column_index_from_string  # type: ignore[import-untyped]
from openpyxl.utils.datetime import CALENDAR_MAC_1904  # type: ignore[import-untyped]

from vnadmin_docs.batch.grid import CellValue, Grid, GridRow, LazyRows
from vnadmin_docs.batch.merges import Span, SpanFiller, parse_a1_range
from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.batch.read_xlsx_rows import Unsupported, cell_value, sheet_rows, styles_of

__all__ = ["read_xlsx"]

_log = logging.getLogger(__name__)

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z0-9:$]+)"')
# A row Excel hides (a filter, or hidden by hand): <row r="12" ... hidden="1" ...>.
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\s[^>]*?\bhidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
# A formula cell saved without its result (files written by programs that do not compute
# formulas): <c r="J11"><f>WORKDAY(I11,5)</f></c>, or <v/> / <v></v> after the formula.
_UNCACHED = re.compile(
    rb'<(?:\w+:)?c\s([^>]*?)>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)\s*'
    rb'(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>'
)
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s>/]")
# Bytes of the sheet XML read at a time when looking for merged ranges (the sheet of a
# 10,000-row export is several MB once unzipped; it is never held whole).
CHUNK_BYTES = 1 << 16


def _merge_refs(stream: IO[bytes], hidden: set[int] | None = None,
                uncached: dict[tuple[int, int], str] | None = None) -> list[str]:
    """The ``ref`` of every ``<mergeCell>`` in a sheet's XML, read in chunks; a tag cut by
    a chunk boundary is kept whole for the next chunk. The numbers of hidden rows are added
    to ``hidden`` on the way, and the formula cells saved without a result to ``uncached``
    ((row, 0-based column) → formula).

    >>> rows: set[int] = set()
    >>> formulas: dict[tuple[int, int], str] = {}
    >>> _merge_refs(io.BytesIO(b'<row r="4" hidden="1" spans="1:3"><c r="A4"/>'
    ...                        b'<c r="B4" s="1"><f>WORKDAY(A4,5)</f><v></v></c>'
    ...                        b'<c r="C4"><f>A4+1</f><v>45000</v></c></row><row r="5">'
    ...                        b'<mergeCells><mergeCell ref="A1:B2"/><x:mergeCell ref="C3:C9"/>'),
    ...             rows, formulas), rows, formulas
    (['A1:B2', 'C3:C9'], {4}, {(4, 1): 'WORKDAY(A4,5)'})
    """
    refs: list[str] = []
    rest = b""  # from the last "<" of the text read so far: maybe an unfinished tag
    cells = b""  # from the last cell start: maybe an unfinished <c>…</c>
    while chunk := stream.read(CHUNK_BYTES):
        if uncached is not None:
            cells = _uncached_cells(cells + chunk, uncached)
        text = rest + chunk if rest else chunk
        # A match starts at "<" and holds no other "<", so every match that starts
        # before the last "<" also ends before it.
        cut = text.rfind(b"<")
        if cut < 0:
            rest = b""
            continue
        refs.extend(ref.decode("ascii") for ref in _MERGE.findall(text, 0, cut))
        if hidden is not None:
            _hidden_rows(text, cut, hidden)
        rest = text[cut:]
    refs.extend(ref.decode("ascii") for ref in _MERGE.findall(rest))
    if hidden is not None:
        _hidden_rows(rest, len(rest), hidden)
    if uncached is not None:
        _uncached_cells(cells, uncached, final=True)
    return refs


def _uncached_cells(text: bytes, found: dict[tuple[int, int], str],
                    final: bool = False) -> bytes:
    """Adds the formula cells without a result in ``text`` to ``found``; returns the text
    from the last cell start on (maybe unfinished), unless ``final``."""
    end = len(text)
    if not final:
        starts = [m.start() for m in _CELL_START.finditer(text)]
        end = starts[-1] if starts else len(text)
    for match in _UNCACHED.finditer(text, 0, end):
        ref = _CELL_REF.search(match.group(1))
        if ref:
            col = column_index_from_string(ref.group(1).decode("ascii")) - 1
            formula = xml_unescape((match.group(2) or b"").decode("utf-8", "replace"))
            found[(int(ref.group(2)), col)] = formula
    return b"" if final else text[end:]


def _hidden_rows(text: bytes, end: int, found: set[int]) -> None:
    for tag in _HIDDEN_ROW.finditer(text, 0, end):
        number = _ROW_NUMBER.search(tag.group())
        if number:
            found.add(int(number.group(1)))


def _rows(ws: Any, hidden: set[int], uncached: dict[tuple[int, int], str]) -> Iterator[GridRow]:
    """The sheet's rows as the clerk sees them, with the font of each text cell. A formula
    saved without its result is given as its text ("=WORKDAY(I11,5)"), never as empty."""
    for number, cells in enumerate(ws.iter_rows(), start=1):
        values: list[CellValue] = []
        fonts: list[str | None] = []
        rn = int(getattr(cells[0], "row", number) or number) if cells else number
        for cell in cells:
            raw = getattr(cell, "value", None)
            if raw is None and uncached and (rn, len(values)) in uncached:
                raw = "=" + uncached[(rn, len(values))]
            values.append(cell_value(raw))
            fonts.append(cell.font.name if isinstance(raw, str) and cell.font else None)
        yield GridRow(rn, tuple(values), tuple(fonts), hidden=rn in hidden)


def _unreadable(path: str, exc: Exception) -> InputFileError:
    return InputFileError(
        path, f"không đọc được bảng tính .xlsx ({exc}).",
        f"cannot read the .xlsx workbook ({exc}).",
    )


def _spans(refs: list[str]) -> list[Span]:
    return [span for span in map(parse_a1_range, refs) if span]


def _fast_rows(data: bytes, sheet_path: str, wb: Any, ws: Any) -> LazyRows | None:
    """The sheet's rows by :func:`~.read_xlsx_rows.sheet_rows`; None when it cannot follow
    this sheet as openpyxl would (the rows parked so far are dropped)."""
    member = sheet_path.lstrip("/")
    try:
        styles = styles_of(wb)
        strings = getattr(ws, "_shared_strings", None)
        if strings is None:
            raise Unsupported("no shared strings table on the sheet")
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            with zf.open(member) as xml:
                filler = SpanFiller(_spans(_merge_refs(xml)))
            with zf.open(member) as xml:
                return LazyRows.parked(filler.fill(row)
                                       for row in sheet_rows(xml, strings, styles))
    except Exception as exc:
        # Unsupported, a damaged member, or a case this reader gets wrong: openpyxl reads
        # the sheet, or says what is wrong with it.
        _log.info("read by openpyxl: %r", exc)
        return None


def _openpyxl_rows(data: bytes, sheet_path: str | None, ws: Any) -> LazyRows:
    spans: list[Span] = []
    hidden: set[int] = set()
    uncached: dict[tuple[int, int], str] = {}
    if sheet_path:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(sheet_path.lstrip("/")) as xml:
            spans = _spans(_merge_refs(xml, hidden, uncached))
    filler = SpanFiller(spans)
    return LazyRows.parked(filler.fill(row) for row in _rows(ws, hidden, uncached))


def read_xlsx(data: bytes, path: str, sheet: int = 0) -> Grid:
    """Every row of visible sheet number ``sheet`` (0 = the first), with merged ranges
    filled and cell fonts kept."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on damaged files
        raise _unreadable(path, exc) from None
    try:
        sheets = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
        sheets = sheets or list(wb.worksheets)
        ws = sheets[min(sheet, len(sheets) - 1)]
        # Exports written by other tools often carry a wrong <dimension>; read every row.
        ws.reset_dimensions()
        sheet_path = getattr(ws, "_worksheet_path", None)
        # Parsed once, parked on disk as they come, read back on each pass: a 10,000-row
        # sheet is never held as row objects. Our own reader first (openpyxl's values, in
        # less than half the time); openpyxl itself for what that reader does not follow.
        rows = _fast_rows(data, sheet_path, wb, ws) if sheet_path else None
        if rows is None:
            try:
                rows = _openpyxl_rows(data, sheet_path, ws)
            except Exception as exc:  # a damaged sheet (bad XML, an entity bomb, a bad index)
                raise _unreadable(path, exc) from None
        epoch = 1904 if wb.epoch == CALENDAR_MAC_1904 else 1900
        hidden_sheets = tuple(w.title for w in wb.worksheets
                              if getattr(w, "sheet_state", "visible") != "visible")
        return Grid(path, "xlsx", rows, sheet=ws.title, epoch=epoch, sheets=len(sheets),
                    hidden_sheets=hidden_sheets)
    finally:
        wb.close()
