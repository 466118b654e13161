"""From a grid to raw records: header found, columns bound, title/footer/group rows skipped.

A record keeps the spreadsheet's own row number and, per field, the raw cell value and the
column header, so that every later message can say "Dòng 12, cột “Ngày hẹn trả”".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from vnadmin_docs.batch.fold import fold, fold_once
from vnadmin_docs.batch.grid import CellValue, Grid, GridRow
from vnadmin_docs.batch.header import HeaderMatch, find_header
from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.batch.textclean import unescape_ooxml
from vnadmin_docs.model.fields import FieldSpec
from vnadmin_docs.text.legacy import (
    DETECT_CELLS,
    Encoding,
    detect_cell_encoding,
    detect_encoding,
    to_unicode,
)

__all__ = [
    "RawRecord",
    "SkippedRow",
    "Table",
    "build_table",
    "group_name",
    "is_footer_row",
    "is_group_row",
]

_FOOTER_STARTS = (
    "tong cong", "tong so", "cong:", "nguoi lap bieu", "nguoi lap", "thu truong don vi",
    "thu truong co quan", "ky ho ten", "xac nhan cua", "giam doc", "lanh dao don vi",
)
_FOOTER_FOLDED = tuple(fold(s) for s in _FOOTER_STARTS)
_GROUP = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z])\s*[.)\-]\s*\S", re.UNICODE)
_DMY_TEXT = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}")
_GROUP_MARK = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z])\s*[.)\-]\s*", re.UNICODE)
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$|^\([A-Za-z0-9=+\-*/ ]{1,12}\)$")
_TEXT_TYPES = ("text", "multiline")


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One data row: ``values`` per field (raw as read, legacy text already converted),
    ``raw`` the value before any change, ``headers`` the column header per field."""

    row: int
    values: Mapping[str, CellValue]
    raw: Mapping[str, CellValue]
    headers: Mapping[str, str]
    group: str | None = None
    notes: tuple[str, ...] = ()
    guessed: Mapping[str, Encoding] = field(default_factory=dict)
    """Cells converted from TCVN3/VNI on their own, in a column that reads as Unicode (a
    guess worth a warning): field -> encoding."""


@dataclass(frozen=True)
class SkippedRow:
    row: int
    reason: str
    reason_en: str


@dataclass(frozen=True)
class Table:
    """Everything read from one file, before cleaning: the grid, where its header is, the
    rows skipped and the columns found in a legacy encoding.

    Records are not stored: :meth:`iter_records` makes them one at a time from the grid (a
    batch cleans, checks and spills each row, then drops it), and :attr:`records` collects
    them for callers that want a list.
    """

    grid: Grid
    header: HeaderMatch
    count: int
    """How many records :meth:`iter_records` yields."""
    skipped: tuple[SkippedRow, ...] = ()
    legacy_columns: Mapping[str, Encoding] = field(default_factory=dict)
    mixed_dates: tuple[str, ...] = ()
    """Date fields whose column holds both real Excel dates and dd/mm/yyyy text: the mark
    of a workbook opened under an en-US locale, where 05/03 became 3 May but 25/03 stayed
    text (input notes §1.3); each real date there is worth a warning."""
    text_fields: tuple[str, ...] = ()
    """Text fields in Unicode whose single cells are checked for TCVN3/VNI pasted in."""

    def iter_records(self) -> Iterator[RawRecord]:
        """The data rows as records, in sheet order, legacy text already converted."""
        legacy = dict(self.legacy_columns)
        single = tuple(f for f in self.text_fields if f not in legacy)
        for _row, record in _walk(self.grid, self.header):
            if not isinstance(record, RawRecord):
                continue
            if legacy or single:
                record = _converted(record, legacy, single)
            yield record

    @property
    def records(self) -> tuple[RawRecord, ...]:
        return tuple(self.iter_records())


def _first_text(row: GridRow) -> str:
    for i in range(len(row.values)):
        if row.text(i):
            return row.text(i)
    return ""


def is_footer_row(row: GridRow) -> bool:
    """Rows that end the data: "Tổng cộng", "NGƯỜI LẬP BIỂU", "(Ký, họ tên)"…

    >>> is_footer_row(GridRow(40, ("Tổng cộng: 12 hồ sơ", None)))
    True
    >>> is_footer_row(GridRow(41, (None, None, "NGƯỜI LẬP BIỂU")))
    True
    >>> is_footer_row(GridRow(9, ("1", "000.00.06.H56-231027-0361")))
    False
    """
    text = fold_once(_first_text(row))
    return text.startswith(_FOOTER_FOLDED)


def is_group_row(row: GridRow, bound: Sequence[int]) -> bool:
    """A unit heading such as "I. Sở Tư pháp": Roman numeral or letter, and every bound
    column empty or repeating the same text (a merged row).

    >>> is_group_row(GridRow(8, ("I. Sở Tư pháp", None, None)), [1, 2])
    True
    >>> is_group_row(GridRow(8, ("II. UBND xã Quảng Sơn",) * 3), [0, 1, 2])
    True
    >>> is_group_row(GridRow(9, ("1", "000.00.06.H56-231027-0361", "Lê Văn A")), [1, 2])
    False
    """
    first = _first_text(row)
    if not _GROUP.match(first):
        return False
    texts = {row.text(i) for i in bound} - {""}
    return texts <= {first}


def group_name(text: str) -> str:
    """The unit a group row names, without its numbering.

    >>> group_name("II. UBND xã Quảng Sơn"), group_name("B) Sở Tư pháp")
    ('UBND xã Quảng Sơn', 'Sở Tư pháp')
    """
    return _GROUP_MARK.sub("", " ".join(text.split()), count=1)


def _is_column_numbers(row: GridRow) -> bool:
    texts = [row.text(i) for i in range(len(row.values)) if row.text(i)]
    return len(texts) >= 3 and all(_COLUMN_NUMBER.match(t) for t in texts)


def build_table(
    grid: Grid,
    fields: Sequence[FieldSpec],
    overrides: Mapping[str, str | None] | None = None,
) -> Table:
    """Find the header, bind columns to ``fields``, collect the data rows.

    Raises :class:`InputFileError` when no header is found or a required field has no column
    (an aggregate report with no "Mã hồ sơ" column is not a list of dossiers).
    """
    header = find_header(grid, fields, overrides)
    bound = header.by_field()
    missing = [f for f in fields if f.required and f.name not in bound]
    if len(header.columns) < 2 or missing:
        wanted = missing or [f for f in fields if f.required]
        need = ", ".join(f"“{f.label or f.name}”" for f in wanted)
        if header.header_rows:
            seen_rows = grid.head(header.data_from)[header.data_from - len(header.header_rows):]
        else:
            seen_rows = grid.head(1)
        texts = [r.text(i) for r in seen_rows for i in range(len(r.values))]
        seen = ", ".join(f"“{t}”" for t in dict.fromkeys(texts) if t)
        where = f"dòng {header.header_rows[0]}" if header.header_rows else "đầu bảng"
        raise InputFileError(
            grid.path,
            f"không tìm thấy cột cho {need} (tiêu đề đọc được ở {where}: {seen or 'không có'}). "
            "Đây có phải danh sách hồ sơ trễ hạn không? Nếu tên cột khác, hãy khai báo trong tệp "
            "ánh xạ cột (--mapping).",
            f"no column found for {need} (headers read at row "
            f"{header.header_rows[0] if header.header_rows else 1}: {seen or 'none'}). Is this a "
            "list of late dossiers? If the columns are named differently, declare them in a "
            "column mapping file (--mapping).",
        )
    skipped: list[SkippedRow] = []
    count = 0
    legacy = _LegacyScan(header, fields)
    dates = _DateScan(fields)
    # One pass: count, skipped rows, legacy-encoded columns, mixed date columns.
    for row, item in _walk(grid, header):
        if isinstance(item, SkippedRow):
            skipped.append(item)
        else:
            count += 1
            legacy.feed(row, item)
            dates.feed(item)
    if not count:
        raise InputFileError(
            grid.path,
            f"không có dòng hồ sơ nào dưới dòng tiêu đề (dòng {header.header_rows[-1]}).",
            f"there are no dossier rows below the header (row {header.header_rows[-1]}).",
        )
    return Table(grid, header, count, tuple(skipped), legacy.encodings(), dates.mixed(),
                 tuple(c.field for c in legacy.columns))


def _walk(grid: Grid, header: HeaderMatch) -> Iterator[tuple[GridRow, RawRecord | SkippedRow]]:
    """The rows below the header, each with its record or the reason it is skipped; empty
    rows are passed over silently and a footer row ends the data."""
    indexes = [c.index for c in header.columns]
    headers = {c.field: c.header for c in header.columns}  # one mapping shared by every row
    group: str | None = None
    for row in grid.iter_rows(header.data_from):
        if row.is_empty() or all(row.text(i) == "" for i in indexes):
            continue
        if is_footer_row(row):
            yield row, SkippedRow(row.number, "dòng tổng cộng/chữ ký cuối bảng — dừng đọc",
                                  "footer row (totals/signatures) — reading stops")
            return
        if is_group_row(row, indexes):
            group = _first_text(row)
            yield row, SkippedRow(row.number, f"dòng nhóm “{group}”", f"group row “{group}”")
            continue
        if _is_column_numbers(row):
            yield row, SkippedRow(row.number, "dòng đánh số cột", "column-number row")
            continue
        values: dict[str, CellValue] = {
            c.field: row.values[c.index] if c.index < len(row.values) else None
            for c in header.columns
        }
        # ``raw`` and ``values`` are the same mapping until a conversion changes ``values``.
        yield row, RawRecord(row.number, values, values, headers, group)


def _converted(record: RawRecord, legacy: Mapping[str, Encoding],
               single: Sequence[str] = ()) -> RawRecord:
    """``record`` with the text of its legacy-encoded columns converted, and single TCVN3/VNI
    cells of the ``single`` (Unicode) columns too (raw kept)."""
    changed = {
        name: to_unicode(unescape_ooxml(value), legacy[name])
        for name, value in record.values.items()
        if name in legacy and isinstance(value, str)
    }
    guessed: dict[str, Encoding] = {}
    for name in single:
        value = record.values.get(name)
        if isinstance(value, str) and not value.isascii():
            text = unescape_ooxml(value)
            encoding = detect_cell_encoding(text)
            if encoding != "unicode":
                changed[name] = to_unicode(text, encoding)
                guessed[name] = encoding
    if not changed:
        return record
    return replace(record, values={**record.values, **changed}, guessed=guessed)


class _DateScan:
    """Which date columns hold both real dates and dd/mm/yyyy text (see Table.mixed_dates)."""

    def __init__(self, fields: Sequence[FieldSpec]) -> None:
        self.names = [f.name for f in fields if f.type in ("date", "datetime")]
        self.real: set[str] = set()
        self.text: set[str] = set()

    def feed(self, record: RawRecord) -> None:
        for name in self.names:
            cell = record.raw.get(name)
            if isinstance(cell, datetime):
                self.real.add(name)
            elif isinstance(cell, str) and _DMY_TEXT.match(cell):
                self.text.add(name)

    def mixed(self) -> tuple[str, ...]:
        return tuple(n for n in self.names if n in self.real and n in self.text)


class _LegacyScan:
    """Finds the text columns written in TCVN3/VNI (field -> encoding), judged on the whole
    column (after ``_xHHHH_`` unescaping) and its most common font."""

    def __init__(self, header: HeaderMatch, fields: Sequence[FieldSpec]) -> None:
        types = {f.name: f.type for f in fields}
        self.columns = [c for c in header.columns if types.get(c.field) in _TEXT_TYPES]
        self.texts: dict[str, list[str]] = {c.field: [] for c in self.columns}
        self.fonts: dict[str, Counter[str | None]] = {c.field: Counter() for c in self.columns}

    def feed(self, row: GridRow, record: RawRecord) -> None:
        for col in self.columns:
            value = record.values.get(col.field)
            if isinstance(value, str):
                self.fonts[col.field][row.font(col.index)] += 1
                texts = self.texts[col.field]
                if len(texts) < DETECT_CELLS:  # all detection looks at: memory stays flat
                    text = unescape_ooxml(value)
                    if text and not text.isascii():
                        texts.append(text)

    def encodings(self) -> dict[str, Encoding]:
        found: dict[str, Encoding] = {}
        for col in self.columns:
            if not self.texts[col.field]:
                continue
            font = next((f for f, _ in self.fonts[col.field].most_common() if f), None)
            encoding = detect_encoding(self.texts[col.field], font)
            if encoding != "unicode":
                found[col.field] = encoding
        return found
