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
from vnadmin_docs.batch.textclean import unmangle
from vnadmin_docs.model.fields import FieldSpec
from vnadmin_docs.text.legacy import (
    DETECT_CELLS,
    Encoding,
    detect_cell_encoding,
    detect_encoding,
    encoding_from_font,
    has_unicode_vietnamese,
    to_unicode,
)

__all__ = [
    "HIDDEN_ROW",
    "RawRecord",
    "SkippedRow",
    "Table",
    "build_table",
    "group_name",
    "is_footer_row",
    "is_group_row",
]

# Folded first text of a row that closes the list: totals ("Tổng cộng", "Tổng: 12 hồ sơ",
# "Cộng: 5"), signature titles ("NGƯỜI LẬP BIỂU", "KT. GIÁM ĐỐC", "(Ký, họ tên)"), the
# place-and-date line above them ("Lâm Đồng, ngày 31 tháng 10 năm 2025"), "Nơi nhận:" and
# notes under the table ("Ghi chú:", "Lưu ý:"). Folding drops punctuation, so "Cộng:" is
# "cong": the word must stand alone, never "Công ty"/"Công an".
_FOOTER = re.compile(
    r"^(?:tong cong(?! ty)|tong so|(?:tong|cong)(?= \d| hs\b| ho so\b|$)|nguoi lap"
    r"|thu truong (?:don vi|co quan)|ky ho ten|ky ghi ro ho ten|xac nhan cua|lanh dao don vi"
    r"|(?:kt|tm|tl|q|tuq) (?:giam doc|chu tich|thu truong|truong|pho|lanh dao|uy ban|ubnd)"
    r"|(?:pho )?giam doc$|noi nhan\b|ghi chu\b|luu y\b"
    r"|(?:[a-z ]{1,40} )?ngay(?: \S{1,4})? thang(?: \S{1,4})? nam(?: \d{4})?$)"
)
# "I. Sở Tư pháp", "B) …", "1. UBND xã …", "1.2. Bộ phận một cửa": a unit heading's numbering.
_GROUP = re.compile(
    r"^(?:(?:[IVXLC]{1,6}|[A-Z])\s*[.)\-]\s*\S|\d{1,2}(?:\.\d{1,2})*\s*[.)]\s*[^\W\d_])",
    re.UNICODE,
)
# The numbering alone in its own cell (the STT column), the unit's name in the next cells.
_BARE_MARK = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z]|\d{1,2}(?:\.\d{1,2})*)\s*[.)]?$")
_LETTER = re.compile(r"[^\W\d_]")
HIDDEN_ROW = "hidden"
"""The note of a record whose row is hidden in the workbook (:attr:`RawRecord.notes`)."""
# Distinct texts in the bound columns from which a row is a dossier, whatever its first
# cell says: a code, a procedure, a name and dates. Totals and signature rows have fewer.
DATA_TEXTS = 4
_DMY_TEXT = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}")
_GROUP_MARK = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z]|\d{1,2}(?:\.\d{1,2})*)\s*[.)\-]\s*",
                         re.UNICODE)
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
    legacy_fonts: Mapping[tuple[str, str], Encoding] = field(default_factory=dict)
    """(field, encoding its font names) → encoding, for the cells of a column whose own font
    is a legacy one (``.VnTime``, ``VNI-Times``) when the column as a whole is not: a
    half-converted sheet, where some names were retyped in Unicode and others were not."""
    text_fields: tuple[str, ...] = ()
    """Text fields in Unicode whose single cells are checked for TCVN3/VNI pasted in."""

    def iter_records(self) -> Iterator[RawRecord]:
        """The data rows as records, in sheet order, legacy text already converted."""
        legacy = dict(self.legacy_columns)
        by_font = dict(self.legacy_fonts)
        single = tuple(f for f in self.text_fields if f not in legacy)
        columns = {c.field: c.index for c in self.header.columns}
        for row, record in _walk(self.grid, self.header):
            if not isinstance(record, RawRecord):
                continue
            if legacy or by_font or single:
                record = _converted(record, row, columns, legacy, by_font, single)
            yield record

    @property
    def records(self) -> tuple[RawRecord, ...]:
        return tuple(self.iter_records())


def _first_text(row: GridRow) -> str:
    for i in range(len(row.values)):
        if row.text(i):
            return row.text(i)
    return ""


@dataclass(frozen=True, slots=True)
class _RowTexts:
    """A row's cell texts, computed once for all the checks of :func:`_walk`: ``cells``
    every cell, ``filled`` the non-empty ones in order, ``bound`` those of the bound
    columns ("" when empty)."""

    cells: tuple[str, ...]
    filled: tuple[str, ...]
    bound: tuple[str, ...]

    @classmethod
    def of(cls, row: GridRow, bound: Sequence[int]) -> _RowTexts:
        cells = tuple("" if v is None else str(v).strip() for v in row.values)  # row.text
        width = len(cells)
        return cls(cells, tuple(t for t in cells if t),
                   tuple(cells[i] if i < width else "" for i in bound))

    def looks_like_data(self) -> bool:
        return len(set(self.bound) - {""}) >= DATA_TEXTS


def _is_footer(texts: _RowTexts) -> bool:
    first = texts.filled[0] if texts.filled else ""
    if not first or first[0].isdigit():  # an STT or a code: a dossier row, folded for nothing
        return False
    return bool(_FOOTER.match(fold_once(first))) and not texts.looks_like_data()


def is_footer_row(row: GridRow, bound: Sequence[int] = ()) -> bool:
    """Rows that close the list: "Tổng cộng", "NGƯỜI LẬP BIỂU", "(Ký, họ tên)", the
    place-and-date line of the signature block… A row that fills the bound columns like a
    dossier is never one, whatever its first cell says ("Công an tỉnh…", "Tổng công ty…").

    >>> is_footer_row(GridRow(40, ("Tổng cộng: 12 hồ sơ", None)))
    True
    >>> is_footer_row(GridRow(41, (None, None, "NGƯỜI LẬP BIỂU")))
    True
    >>> is_footer_row(GridRow(41, (None, "Lâm Đồng, ngày 31 tháng 10 năm 2025")))
    True
    >>> is_footer_row(GridRow(42, (None, "Nơi nhận:"))), is_footer_row(GridRow(43, ("Ghi chú: …",)))
    (True, True)
    >>> is_footer_row(GridRow(9, ("1", "000.00.06.H56-231027-0361")))
    False
    >>> is_footer_row(GridRow(9, ("Công ty TNHH An Phát", "X-2")))
    False
    >>> is_footer_row(GridRow(9, ("Tổng công ty Điện lực", "X-2", "Cấp phép", "27/10/2023",
    ...                           "03/11/2023")), [0, 1, 2, 3, 4])
    False
    """
    return _is_footer(_RowTexts.of(row, bound))


def _heading(texts: _RowTexts) -> str | None:
    """The heading of a group row ("I. Sở Tư pháp"), ``None`` for other rows.

    A group row is numbered ("I. …", "B) …", "1. UBND xã …") with every bound column empty or
    repeating its text; or has the numbering alone in the first cell and the unit's name
    in the next (for Arabic numbering only when the name is merged across several bound
    columns, so that a dossier row with only its STT and one cell is never taken for one);
    or is one text merged across several bound columns and nothing else (a heading without
    numbering: a dossier never has the same text as its code, name and dates).
    """
    filled = texts.filled
    if not filled:
        return None
    first = filled[0]
    in_bound = [t for t in texts.bound if t]
    if _GROUP.match(first) and set(in_bound) <= {first}:
        return first
    if len(filled) > 1 and _BARE_MARK.match(first):
        name = filled[1]
        if (all(t == name for t in filled[2:]) and _LETTER.search(name)
                and set(in_bound) <= {first, name}
                and (not first[0].isdigit() or in_bound.count(name) >= 2)):
            return f"{first.rstrip('.)')}. {name}"
    if len(in_bound) >= 2 and all(t == first for t in filled) and _LETTER.search(first):
        return first
    return None


def is_group_row(row: GridRow, bound: Sequence[int]) -> bool:
    """A unit heading such as "I. Sở Tư pháp" (see :func:`_heading`).

    >>> is_group_row(GridRow(8, ("I. Sở Tư pháp", None, None)), [1, 2])
    True
    >>> is_group_row(GridRow(8, ("II. UBND xã Quảng Sơn",) * 3), [0, 1, 2])
    True
    >>> is_group_row(GridRow(8, ("1. UBND xã Quảng Sơn",) * 3), [0, 1, 2])
    True
    >>> is_group_row(GridRow(8, ("I", "Sở Tư pháp", None)), [1, 2])
    True
    >>> is_group_row(GridRow(8, ("2", "UBND xã Tân Hà", "UBND xã Tân Hà")), [1, 2])
    True
    >>> is_group_row(GridRow(9, ("3", "Lê Văn A", None)), [1, 2])
    False
    >>> is_group_row(GridRow(9, ("1", "000.00.06.H56-231027-0361", "Lê Văn A")), [1, 2])
    False
    """
    return _heading(_RowTexts.of(row, bound)) is not None


def group_name(text: str) -> str:
    """The unit a group row names, without its numbering.

    >>> group_name("II. UBND xã Quảng Sơn"), group_name("B) Sở Tư pháp")
    ('UBND xã Quảng Sơn', 'Sở Tư pháp')
    >>> group_name("1.2. Bộ phận một cửa")
    'Bộ phận một cửa'
    """
    return _GROUP_MARK.sub("", " ".join(text.split()), count=1)


def _is_column_numbers(texts: _RowTexts) -> bool:
    filled = texts.filled
    return len(filled) >= 3 and all(_COLUMN_NUMBER.match(t) for t in filled)


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
                 legacy_fonts=legacy.font_encodings(),
                 text_fields=tuple(c.field for c in legacy.columns))


def _walk(grid: Grid, header: HeaderMatch) -> Iterator[tuple[GridRow, RawRecord | SkippedRow]]:
    """The rows below the header, each with its record or the reason it is skipped; empty
    rows are passed over silently. A footer row (totals, signatures) closes the list: the
    rows after it are passed over too, until one fills the columns like a dossier or is a
    group row (a subtotal "Cộng: 5 hồ sơ" after each unit is not the end of the list)."""
    indexes = [c.index for c in header.columns]
    headers = {c.field: c.header for c in header.columns}  # one mapping shared by every row
    header_texts = [{fold(p) for p in c.header.split(" / ")} for c in header.columns]
    group: str | None = None
    closed = False
    for row in grid.iter_rows(header.data_from):
        texts = _RowTexts.of(row, indexes)
        if not any(texts.bound):
            continue
        heading = _heading(texts)
        numbered = heading is not None and _GROUP.match(heading) is not None
        if closed and not numbered and not texts.looks_like_data():
            continue
        closed = False
        if _is_footer(texts):
            closed = True
            yield row, SkippedRow(row.number, "dòng tổng cộng/chữ ký — không phải hồ sơ",
                                  "totals/signature row — not a dossier")
            continue
        if heading is not None:
            group = heading
            yield row, SkippedRow(row.number, f"dòng nhóm “{group}”", f"group row “{group}”")
            continue
        if _is_column_numbers(texts):
            yield row, SkippedRow(row.number, "dòng đánh số cột", "column-number row")
            continue
        if _repeats_header(texts, header_texts):
            yield row, SkippedRow(row.number, "dòng tiêu đề cột lặp lại", "repeated header row")
            continue
        values: dict[str, CellValue] = {
            c.field: row.values[c.index] if c.index < len(row.values) else None
            for c in header.columns
        }
        # ``raw`` and ``values`` are the same mapping until a conversion changes ``values``.
        notes = (HIDDEN_ROW,) if row.hidden else ()
        yield row, RawRecord(row.number, values, values, headers, group, notes)


def _repeats_header(texts: _RowTexts, header_texts: Sequence[set[str]]) -> bool:
    """The header printed again inside the data (exports that repeat it on every page)."""
    filled = [(i, t) for i, t in enumerate(texts.bound) if t]
    return len(filled) >= 2 and all(fold_once(t) in header_texts[i] for i, t in filled)


def _converted(
    record: RawRecord,
    row: GridRow,
    columns: Mapping[str, int],
    legacy: Mapping[str, Encoding],
    by_font: Mapping[tuple[str, str], Encoding],
    single: Sequence[str] = (),
) -> RawRecord:
    """``record`` with the text of its legacy-encoded columns converted, then the cells
    whose own font is a legacy one (``by_font``), then single TCVN3/VNI cells of the
    ``single`` (Unicode) columns, told by their content alone (raw kept)."""
    changed = {}
    for name, value in record.values.items():
        if not isinstance(value, str):
            continue
        encoding = legacy.get(name)
        hint = encoding_from_font(row.font(columns[name])) if by_font else None
        if hint is not None:
            encoding = by_font.get((name, hint), encoding)
        if encoding is not None:
            changed[name] = to_unicode(unmangle(value), encoding)
    guessed: dict[str, Encoding] = {}
    for name in single:
        value = record.values.get(name)
        # A cell with a letter only Unicode has (most names) is Unicode: skip the check.
        if (name not in changed and isinstance(value, str) and not value.isascii()
                and not has_unicode_vietnamese(value)):
            text = unmangle(value)
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
    column (after ``_xHHHH_`` unescaping) and its most common font; and, in a column that
    is not, the cells whose own font is a legacy one, judged on those cells alone."""

    def __init__(self, header: HeaderMatch, fields: Sequence[FieldSpec]) -> None:
        types = {f.name: f.type for f in fields}
        self.columns = [c for c in header.columns if types.get(c.field) in _TEXT_TYPES]
        self.texts: dict[str, list[str]] = {c.field: [] for c in self.columns}
        self.fonts: dict[str, Counter[str | None]] = {c.field: Counter() for c in self.columns}
        # (field, encoding the font names) → (a font name, the cells in it)
        self.by_font: dict[tuple[str, str], tuple[str, list[str]]] = {}

    def feed(self, row: GridRow, record: RawRecord) -> None:
        for col in self.columns:
            value = record.values.get(col.field)
            if isinstance(value, str):
                font = row.font(col.index)
                self.fonts[col.field][font] += 1
                texts = self.texts[col.field]
                if len(texts) < DETECT_CELLS:  # all detection looks at: memory stays flat
                    text = unmangle(value)
                    if text and not text.isascii():
                        texts.append(text)
                hint = encoding_from_font(font) if font is not None else None
                if hint is not None and font is not None:
                    _, cells = self.by_font.setdefault((col.field, hint), (font, []))
                    if len(cells) < DETECT_CELLS:
                        text = unmangle(value)
                        if text and not text.isascii():
                            cells.append(text)

    def font_encodings(self) -> dict[tuple[str, str], Encoding]:
        found: dict[tuple[str, str], Encoding] = {}
        for key, (font, cells) in self.by_font.items():
            if cells:
                encoding = detect_encoding(cells, font)
                if encoding != "unicode":
                    found[key] = encoding
        return found

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
