"""What the worker processes run (module-level functions, so they pickle). Each takes
paths and plain values and returns plain data (dicts, lists, str), never library objects;
known errors come back as ``{"error": vi, "error_en": en}`` so the page can show them."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from vnadmin_docs.batch import (
    BatchProfile,
    InputFileError,
    OutputFolderError,
    data_fields,
    load_profile,
    open_table,
    run_batch,
)
from vnadmin_docs.errors import VnAdminError

__all__ = [
    "blank_rows",
    "dry_run",
    "failure",
    "header_of",
    "one_letter",
]


def failure(exc: VnAdminError) -> dict[str, Any]:
    return {"error": exc.localized("vi"), "error_en": exc.localized("en")}


def _jsonable(value: object) -> object:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def blank_rows(source: Path, target: Path, rows: Collection[int], sheet: str = "",
               fixes: Sequence[tuple[int, int, str]] = ()) -> Path:
    """A copy of the workbook ``source`` whose rows ``rows`` (sheet row numbers) are empty:
    the batch reads them as blank lines, every other row keeps its number. ``fixes``:
    (row, 0-based column, text) cells the clerk corrected, written as text."""
    import openpyxl  # type: ignore[import-untyped]

    wb = openpyxl.load_workbook(source)
    ws = wb[sheet] if sheet and sheet in wb.sheetnames else wb.worksheets[0]
    for row, column, text in fixes:
        cell = ws.cell(row=row, column=column + 1)
        for rng in ws.merged_cells.ranges:  # a merged cell is written at its top-left
            if cell.coordinate in rng:
                cell = ws.cell(row=rng.min_row, column=rng.min_col)
                break
        cell.value = text
    wanted = set(rows)
    merged_tops = {}
    for rng in list(ws.merged_cells.ranges):
        if any(rng.min_row <= r <= rng.max_row for r in wanted):
            merged_tops[rng.coord] = rng
    for coord in merged_tops:
        ws.unmerge_cells(coord)
    for r in wanted:
        for cell in ws[r]:
            cell.value = None
    wb.save(target)
    return target


def dry_run(data: str, profile_path: str, template_dirs: Sequence[str]) -> dict[str, Any]:
    """(In a worker.) The batch's dry run: every row checked, nothing written."""
    try:
        profile = load_profile(profile_path)
        with tempfile.TemporaryDirectory(prefix="vnadmin-web-check-") as tmp:
            result = run_batch(data, profile, Path(tmp) / "out", dry_run=True,
                               template_dirs=template_dirs, profile_source=profile_path)
    except (InputFileError, OutputFolderError, VnAdminError) as exc:
        return failure(exc)
    spec = result.template
    return {
        "template": spec.id,
        "template_title": spec.title,
        "rows": result.rows,
        "valid": result.valid,
        "failed": result.failed_rows,
        "skipped": [{"row": s.row, "reason": s.reason, "reason_en": s.reason_en}
                    for s in result.skipped],
        "problems": [{"row": p.row, "column": p.column or "", "value": _jsonable(p.value),
                      "reason": p.reason, "reason_en": p.reason_en, "severity": p.severity}
                     for p in result.problems],
        "entries": [{"row": e.row, "dossier_code": e.dossier_code, "applicant": e.applicant,
                     "output_file": e.output_file, "failed": e.status == "failed"}
                    for e in result.entries],
    }


def header_of(data: str, profile_path: str, template_dirs: Sequence[str]) -> dict[str, Any]:
    """(In a worker, beside :func:`dry_run`.) How the header was matched to the fields."""
    from vnadmin_docs.content import TemplateLibrary

    try:
        profile = load_profile(profile_path)
        spec = TemplateLibrary(template_dirs).get(profile.template,
                                                  on=profile.issue_date or dt.date.today())
        fields = data_fields(spec)
        table = open_table(data, fields, columns=profile.columns)
    except (InputFileError, OutputFolderError, VnAdminError) as exc:
        return failure(exc)
    by_name = {f.name: f for f in fields}
    matched = {c.field for c in table.header.columns}
    return {
        "sheet": table.grid.sheet,
        "format": table.grid.format,
        "header": {
            "rows": list(table.header.header_rows),
            "columns": [{"header": c.header, "field": c.field, "index": c.index,
                         "label": by_name[c.field].label if c.field in by_name else c.field}
                        for c in table.header.columns],
            "unmatched": list(table.header.unmatched),
            "missing": [{"field": f.name, "label": f.label} for f in fields
                        if f.required and f.name not in matched],
        },
    }


def _sheet_of(data: str, profile: BatchProfile, template_dirs: Sequence[str]) -> str:
    from vnadmin_docs.content import TemplateLibrary

    spec = TemplateLibrary(template_dirs).get(profile.template,
                                              on=profile.issue_date or dt.date.today())
    return open_table(data, data_fields(spec), columns=profile.columns).grid.sheet


def one_letter(data: str, profile_path: str, template_dirs: Sequence[str], row: int,
               number: int, others: Sequence[int], out_dir: str) -> dict[str, Any]:
    """The letter of sheet row ``row`` alone, numbered ``number`` (as the batch would
    number it), as a .docx in ``out_dir``: the batch run on a copy of the workbook whose
    other data rows ``others`` are blank."""
    try:
        profile = load_profile(profile_path)
        profile = profile.model_copy(update={"numbering": profile.numbering.model_copy(
            update={"start": number})})
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        source = blank_rows(Path(data), out / f"mot-dong{Path(data).suffix}",
                            [r for r in others if r != row],
                            _sheet_of(data, profile, template_dirs))
        result = run_batch(source, profile, out / "ban-xem", template_dirs=template_dirs,
                           merged=False, make_zip=False, profile_source=profile_path)
    except (InputFileError, OutputFolderError, VnAdminError) as exc:
        return failure(exc)
    written = [e for e in result.entries if e.output_file and e.status != "failed"]
    if not written:
        reasons = "; ".join(p.reason for p in result.problems if p.severity == "error")
        return {"error": f"dòng {row} không tạo được văn bản: {reasons}",
                "error_en": f"row {row} gives no letter"}
    return {"docx": str(out / "ban-xem" / written[0].output_file)}

