"""One batch run in its own process (started by :meth:`JobStore.start`): exactly the
``vnadmin-docs batch`` call (same :func:`run_batch` arguments), so the browser and the
command line make byte-identical files; progress goes to the job's ``state.json``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from vnadmin_docs.batch import ManifestEntry, load_profile, run_batch
from vnadmin_docs.batch.manifest import STATUS_VI
from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.pdf import ConversionOptions
from vnadmin_docs.web.jobs import Job

__all__ = ["REPORT_XLSX", "command_line", "run_job", "write_report_xlsx"]

REPORT_XLSX = "bao-cao.xlsx"
OUT = "ket-qua"


def command_line(options: dict[str, Any], data_name: str) -> str:
    """The terminal command that makes the same files."""
    parts = ["vnadmin-docs", "batch", options["template"], data_name,
             "--profile", "cau-hinh.yml", "-o", OUT, "--zip"]
    if options.get("pdf"):
        parts.append("--pdf")
    if options.get("assign_number"):
        parts += ["--assign-number", "--series", options.get("series", "thuong")]
    if int(options.get("workers", 1)) > 1:
        parts += ["--workers", str(options["workers"])]
    return " ".join(f'"{p}"' if " " in p else p for p in parts)


def write_report_xlsx(entries: list[ManifestEntry], target: Path) -> Path:
    """The batch report as an Excel sheet for the clerk (from the manifest)."""
    import openpyxl  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    from vnadmin_docs._files import atomic_target

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Báo cáo"
    head = ["Dòng", "Mã hồ sơ", "Người nhận", "Số văn bản", "Tệp văn bản", "Tình trạng",
            "Lỗi", "Cảnh báo", "Tệp PDF"]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for e in entries:
        ws.append([e.row, e.dossier_code, e.applicant, e.number, e.output_file,
                   STATUS_VI.get(e.status, e.status), e.errors, e.warnings, e.pdf_file])
    for col, width in zip("ABCDEFGHI", (7, 30, 30, 10, 50, 22, 60, 60, 40), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    with atomic_target(target) as tmp:
        wb.save(tmp)
    return target


def run_job(folder: str, options: dict[str, Any]) -> None:
    """The process body: run the batch, then write the report and the final state."""
    job = Job(Path(folder).name, Path(folder).parent.name, Path(folder))
    last = 0.0

    def tick(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last > 0.25 or done == total:
            last = now
            job.set_state(done=done, total=total)

    book = None
    try:
        profile = load_profile(job.path("cau-hinh.yml"))
        if options.get("assign_number"):
            from vnadmin_docs.registry import Register

            book = Register.open(options.get("register_url"))
        workers = int(options.get("workers", 1))
        result = run_batch(
            job.path(options["data"]), profile, job.path(OUT), make_zip=True,
            template=options["template"], template_dirs=tuple(options.get("template_dirs", ())),
            profile_source=str(job.path("cau-hinh.yml")), progress=tick, workers=workers,
            pdf=bool(options.get("pdf")),
            pdf_options=ConversionOptions(processes=workers if workers > 1 else None),
            register=book, series=options.get("series", "thuong"))
        write_report_xlsx(result.entries, job.path(REPORT_XLSX))
        summary = {
            "rows": result.rows, "written": result.written, "unchanged": result.unchanged,
            "failed": result.failed_rows,
            "numbers": list(result.numbers_taken),
            "zip": bool(result.archive), "merged": bool(result.merged),
            "print_pdf": bool(result.print_pdf),
            "pdf_error": (result.pdf_error.localized("vi"), result.pdf_error.localized("en"))
            if result.pdf_error else None,
            "letters": [{"row": e.row, "file": e.output_file, "number": e.number,
                         "applicant": e.applicant, "status": e.status}
                        for e in result.entries if e.output_file and e.status != "failed"],
        }
        if options.get("audit_db"):
            from vnadmin_docs.web.users import UserStore

            audit = UserStore(Path(options["audit_db"]))
            audit.audit(job.user, "batch.run", job=job.id, letters=result.written,
                        template=result.template.id)
            if result.numbers_taken:
                audit.audit(job.user, "number.take", job=job.id, series=options.get("series"),
                            numbers=list(result.numbers_taken))
        job.set_state(status="done", finished=time.time(), result=summary)
    except VnAdminError as exc:
        job.set_state(status="failed", finished=time.time(),
                      error=(exc.localized("vi"), exc.localized("en")))
    except Exception as exc:  # a bug: the page says so, the details go to the job folder
        import traceback

        job.path("loi.txt").write_text(traceback.format_exc(), encoding="utf-8")
        job.set_state(status="failed", finished=time.time(), error=(
            f"lỗi chương trình ({type(exc).__name__}); chi tiết trong loi.txt của việc này",
            f"program error ({type(exc).__name__}); details in this job's loi.txt"))
    finally:
        if book is not None:
            book.close()
