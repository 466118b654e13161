"""The book as a spreadsheet in the form of Phụ lục IV, mục I ("Sổ đăng ký văn bản đi").

Sheet "Sổ đăng ký văn bản đi": the ten contents of the decree, headers word for word, the
``(1)…(10)`` numbering row, one row per number (cancelled numbers stay, marked in Ghi chú).
Sheet "Bìa": the cover and first page (organisation, title, year, date and number range,
volume). Sheet "Tệp văn bản": the file recorded for each number and its SHA-256. The file is
written to a temporary name beside the target and renamed, so it is never half-written.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vnadmin_docs._cells import set_text_cell
from vnadmin_docs._files import atomic_target
from vnadmin_docs.registry.columns import REGISTER_COLUMNS, REGISTER_SHEET
from vnadmin_docs.registry.model import Entry, RegisterError, Series

__all__ = ["REGISTER_COLUMNS", "REGISTER_SHEET", "register_row", "write_register_xlsx"]

# Imported by name and typed as Any so that the result does not depend on whether openpyxl
# stubs are installed (same choice as batch/staff.py).
_openpyxl: Any = importlib.import_module("openpyxl")
_styles: Any = importlib.import_module("openpyxl.styles")
Workbook = _openpyxl.Workbook
Alignment, Border, Font, Side = _styles.Alignment, _styles.Border, _styles.Font, _styles.Side


_WIDTHS = (16, 12, 45, 22, 35, 18, 9, 12, 12, 28)
_DATE_FORMAT = "DD/MM/YYYY"
_FONT = "Times New Roman"


def _column_letter(index: int) -> str:
    """Spreadsheet column letter for a 1-based index below 27.

    >>> _column_letter(1), _column_letter(10)
    ('A', 'J')
    """
    return chr(ord("A") + index - 1)


def type_label(type_name: str) -> str:
    """The type name as it reads inside a sentence: ``QUYẾT ĐỊNH`` → ``Quyết định``.

    >>> type_label("QUYẾT ĐỊNH"), type_label("Công văn")
    ('Quyết định', 'Công văn')
    """
    text = type_name.strip()
    if text.isupper():
        return text[:1] + text[1:].lower()
    return text


def register_row(entry: Entry) -> tuple[object, ...]:
    """The ten cells of one entry, in the order of :data:`REGISTER_COLUMNS`.

    Column (9) "Ký nhận" is left empty for the receiver's signature on paper.
    """
    title = f"{type_label(entry.type_name)} {entry.summary.strip()}".strip()
    note = entry.note.strip()
    if entry.is_cancelled:
        when = f" ngày {entry.cancelled_at:%d/%m/%Y}" if entry.cancelled_at else ""
        cancelled = f"Đã hủy số{when}: {entry.cancel_reason}"
        note = f"{cancelled}. {note}".strip() if note else cancelled
    return (
        entry.reference,
        entry.doc_date,
        title,
        entry.signer,
        "\n".join(entry.recipients),
        entry.archive,
        entry.copies,
        entry.sent_on,
        None,
        note or None,
    )


def _cover(
    sheet: Any,
    rows: Sequence[Entry],
    *,
    year: int,
    issuer: str,
    series: Series,
    body_name: str | None,
    parent_name: str | None,
    volume: int,
) -> None:
    first = rows[0] if rows else None
    last = rows[-1] if rows else None
    title = "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
    if series is Series.SECRET:
        title = "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐI"
    elif series is Series.COPY:
        title = "SỔ ĐĂNG KÝ BẢN SAO VĂN BẢN ĐI"
    lines: list[tuple[str, bool]] = [
        ((parent_name or "").upper(), False),
        ((body_name or issuer).upper(), True),
        ("", False),
        (title, True),
        ("", False),
        (f"Năm: {year}", False),
        (
            "Từ ngày {} đến ngày {}".format(
                first.doc_date.strftime("%d/%m/%Y") if first else "……",
                last.doc_date.strftime("%d/%m/%Y") if last else "……",
            ),
            False,
        ),
        (
            "Từ số {} đến số {}".format(
                first.number_text if first else "……", last.number_text if last else "……"
            ),
            False,
        ),
        (f"Quyển số: {volume:02d}", False),
    ]
    sheet.column_dimensions["A"].width = 70
    for index, (text, bold) in enumerate(lines, start=1):
        cell = sheet.cell(row=index, column=1)
        set_text_cell(cell, text or None)
        cell.font = Font(name=_FONT, size=16 if text == title else 13, bold=bold)
        cell.alignment = Alignment(horizontal="center")


def _register(sheet: Any, rows: Sequence[Entry]) -> None:
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    # One style object each, shared by every cell that uses it.
    plain = Font(name=_FONT, size=12)
    centred = Alignment(horizontal="center")
    top_wrap = Alignment(vertical="top", wrap_text=True)
    for col, (header, width) in enumerate(zip(REGISTER_COLUMNS, _WIDTHS, strict=True), 1):
        sheet.column_dimensions[_column_letter(col)].width = width
        head = sheet.cell(row=1, column=col, value=header)
        head.font = Font(name=_FONT, size=12, bold=True)
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        head.border = box
        mark = sheet.cell(row=2, column=col, value=f"({col})")
        mark.font = plain
        mark.alignment = centred
        mark.border = box
    for row_index, entry in enumerate(rows, start=3):
        for col, value in enumerate(register_row(entry), start=1):
            cell = sheet.cell(row=row_index, column=col)
            set_text_cell(cell, value)  # recorded text is text, never a live formula
            cell.font = plain
            cell.alignment = top_wrap
            cell.border = box
            if col in (2, 8):
                cell.number_format = _DATE_FORMAT
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "1:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _files(sheet: Any, rows: Sequence[Entry]) -> None:
    headers = ("Số, ký hiệu văn bản", "Trạng thái", "Tệp văn bản", "SHA-256")
    for col, (header, width) in enumerate(zip(headers, (16, 12, 60, 68), strict=True), 1):
        sheet.column_dimensions[_column_letter(col)].width = width
        sheet.cell(row=1, column=col, value=header).font = Font(name=_FONT, bold=True)
    for row_index, entry in enumerate(rows, start=2):
        status = "Đã hủy" if entry.is_cancelled else "Đã cấp"
        values = (entry.reference, status, entry.output_path, entry.output_sha256)
        for col, value in enumerate(values, start=1):
            set_text_cell(sheet.cell(row=row_index, column=col), value)


def write_register_xlsx(
    path: Path,
    rows: Sequence[Entry],
    *,
    year: int,
    issuer_abbr: str,
    series: Series,
    body_name: str | None = None,
    parent_name: str | None = None,
    volume: int = 1,
) -> Path:
    """Write one book (rows in number order) to ``path``; returns the path written."""
    workbook = Workbook()
    register = workbook.active
    assert register is not None
    register.title = REGISTER_SHEET
    _register(register, rows)
    _cover(
        workbook.create_sheet("Bìa"),
        rows,
        year=year,
        issuer=issuer_abbr,
        series=series,
        body_name=body_name,
        parent_name=parent_name,
        volume=volume,
    )
    _files(workbook.create_sheet("Tệp văn bản"), rows)
    workbook.properties.title = f"Sổ đăng ký văn bản đi {issuer_abbr} {year} ({series.label})"
    try:
        with atomic_target(path) as temp_path:
            workbook.save(temp_path)
    except OSError as exc:
        raise RegisterError(
            f"Không ghi được tệp sổ “{path}”: {exc.strerror or exc}.",
            f"Cannot write the register file “{path}”: {exc.strerror or exc}.",
        ) from exc
    return path
