"""``vnadmin-docs batch``: one letter per spreadsheet row, a merged file and a report.

Attach to the main group with ``cli.add_command(batch)``. Exit codes: 0 every row gave a
letter; 1 some rows did not (they are listed, with row, column, value and reason); 2 the data
file, profile or template cannot be used at all, or the command line is wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from vnadmin_docs.batch.manifest import STATUS_VI
from vnadmin_docs.batch.problems import InputFileError, OutputFolderError
from vnadmin_docs.batch.profile import load_mapping, load_profile
from vnadmin_docs.batch.run import BatchResult, run_batch
from vnadmin_docs.cli.common import EXIT_BAD_INPUT, current_lang
from vnadmin_docs.cli.options import templates_option
from vnadmin_docs.cli.problem_list import problem_lines
from vnadmin_docs.errors import DataError, LayoutError, TemplateError
from vnadmin_docs.pdf import ConversionOptions
from vnadmin_docs.registry import Register, RegisterError

__all__ = ["batch"]



def _parse_columns(values: tuple[str, ...]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for item in values:
        header, sep, field = item.partition("=")
        if not sep or not header.strip():
            raise click.BadParameter(
                f"“{item}” phải có dạng “Tên cột=tên_trường” (để trống tên trường để bỏ qua cột)",
                param_hint="--column",
            )
        out[header.strip()] = field.strip() or None
    return out


def _print_problems(console: Console, result: BatchResult, lang: str) -> None:
    vi = lang == "vi"
    warning = "Cảnh báo" if vi else "Warning"
    lines: list[tuple[str, str]] = []
    if result.hidden_sheets:
        names = ", ".join(f"“{n}”" for n in result.hidden_sheets)
        lines.append((warning, (
            f"bảng tính có {len(result.hidden_sheets)} trang bị ẩn ({names}), không được "
            "đọc; nếu hồ sơ nằm ở đó, hãy bỏ ẩn trang rồi chạy lại" if vi else
            f"the workbook has {len(result.hidden_sheets)} hidden sheet(s) ({names}), not "
            "read; if the dossiers are there, unhide the sheet and run again")))
    hidden = result.hidden_rows
    if hidden:
        shown = ", ".join(map(str, hidden[:10])) + ("…" if len(hidden) > 10 else "")
        lines.append((warning, (
            f"{len(hidden)} dòng đang bị ẩn trong Excel (lọc hoặc ẩn dòng) vẫn được đọc: "
            f"dòng {shown}" if vi else
            f"{len(hidden)} row(s) hidden in Excel (a filter, or hidden) were read: rows "
            f"{shown}")))
    report = str(result.manifest[0]) if result.manifest else None
    lines += problem_lines(result.problems, lang, report=report, strict=result.strict_blocked)
    # One Text, printed once (thousands of prints took longer than a thousand letters); sheet
    # names and cell values are never read as rich markup ("[b]" stays as typed).
    text = Text()
    for tag, line in lines:
        text.append(tag, style="bold").append(f" {line}\n")
    if text:
        text.rstrip()
        console.print(text, highlight=False, soft_wrap=True)


def _summary(console: Console, result: BatchResult, lang: str) -> None:
    vi = lang == "vi"
    table = Table(title="Kết quả" if vi else "Summary", show_header=True)
    table.add_column("Mục" if vi else "Item")
    table.add_column("Số lượng / tệp" if vi else "Count / file", overflow="fold")
    skipped = result.skipped
    table.add_row("Dòng hồ sơ đọc được" if vi else "Dossier rows read", str(result.rows))
    if skipped:
        table.add_row("Dòng bỏ qua (tiêu đề nhóm, tổng cộng…)" if vi else "Rows skipped",
                      str(len(skipped)))
    if result.dry_run or result.strict_blocked:
        table.add_row("Dòng hợp lệ (chưa tạo văn bản)" if vi else "Valid rows (nothing written)",
                      str(result.valid))
    else:
        table.add_row(STATUS_VI["written"].capitalize() if vi else "Letters written",
                      str(result.written))
        if result.unchanged:
            table.add_row("Đã có từ lần chạy trước" if vi else "Already there (unchanged)",
                          str(result.unchanged))
        if result.pdf_dir is not None:
            table.add_row("Tệp PDF đã tạo" if vi else "PDFs made", str(result.pdf_converted))
            if result.pdf_unchanged:
                table.add_row("Tệp PDF có sẵn (không đổi)" if vi else "PDFs already there",
                              str(result.pdf_unchanged))
        if result.numbers_taken:
            first, last = result.numbers_taken[0], result.numbers_taken[-1]
            span = f"{first:02d}" if first == last else f"{first:02d}–{last:02d}"
            table.add_row("Số lấy từ sổ đăng ký" if vi else "Numbers taken from the register",
                          f"{len(result.numbers_taken)} ({span})")
        if result.numbers_reused:
            table.add_row("Giữ số đã cấp lần trước" if vi else "Numbers kept from before",
                          str(result.numbers_reused))
        if result.retired:
            table.add_row("Tệp cũ chuyển vào cu/ (dữ liệu đã đổi)" if vi
                          else "Old files moved to cu/ (the data changed)",
                          str(len(result.retired)))
    table.add_row("Dòng lỗi, không tạo" if vi else "Rows failed", str(result.failed_rows))
    warnings = result.warning_count
    if warnings:
        table.add_row("Cảnh báo" if vi else "Warnings", str(warnings))
    table.add_row("Mẫu" if vi else "Template", result.template.id)
    console.print(table)
    # Paths on their own lines, never folded, so they can be copied.
    places: list[tuple[str, str]] = []
    if result.out_dir is not None:
        places.append(("Văn bản từng người" if vi else "Letters", str(result.out_dir / "van-ban")))
        if result.merged:
            places.append(("Tệp gộp để in" if vi else "Merged file for printing",
                           str(result.merged)))
        if result.pdf_dir is not None:
            places.append(("Tệp PDF từng người" if vi else "PDFs", str(result.pdf_dir)))
        if result.print_pdf:
            places.append(("Tệp PDF gộp để in" if vi else "PDF for printing",
                           str(result.print_pdf)))
        if result.manifest:
            places.append(("Báo cáo" if vi else "Report", str(result.manifest[0])))
            places.append(("Báo cáo (JSON)" if vi else "Report (JSON)", str(result.manifest[1])))
        if result.archive:
            places.append(("Tệp nén" if vi else "Zip", str(result.archive)))
        if result.retired:
            places.append(("Tệp của lần chạy trước, không còn đúng với dữ liệu" if vi
                           else "Files of an earlier run that no longer match the data",
                           str(result.out_dir / "cu")))
    for label, path in places:
        console.print(f"{label}: {path}", soft_wrap=True, markup=False)
    if result.strict_blocked:
        console.print("--strict: có dòng lỗi nên không tạo văn bản nào." if vi else
                      "--strict: some rows failed, so nothing was written.")
    elif result.dry_run:
        console.print("--dry-run: chỉ kiểm tra, không tạo tệp nào." if vi else
                      "--dry-run: checked only, nothing was written.")


@click.command("batch")
@click.argument("template")
@click.argument("data", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--profile", "profile_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp cấu hình lô (YAML): cơ quan ban hành, người ký, Nơi nhận, số bắt đầu…")
@click.option("-o", "--output", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục kết quả (tạo nếu chưa có).")
@click.option("--strict", is_flag=True,
              help="Có dòng lỗi thì không tạo văn bản nào.")
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra dữ liệu, không tạo tệp.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Số tiến trình tạo văn bản song song.")
@click.option("--zip", "make_zip", is_flag=True, default=None,
              help="Nén tất cả văn bản, tệp gộp và báo cáo thành van-ban.zip.")
@click.option("--mapping", "mapping_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp YAML ánh xạ “Tên cột: tên_trường” (ưu tiên hơn nhận dạng tự động).")
@click.option("--column", "column_items", multiple=True, metavar="'TÊN CỘT=trường'",
              help="Ánh xạ một cột ngay trên dòng lệnh; dùng nhiều lần được.")
@templates_option
@click.option("--pdf", "pdf", is_flag=True,
              help="Xuất thêm PDF từng văn bản (thư mục pdf/) và tat-ca-de-in.pdf "
                   "(cần LibreOffice).")
@click.option("--pdf-a", "pdf_a", is_flag=True,
              help="Như --pdf, mỗi văn bản là PDF/A-2b (lưu trữ, nhúng phông).")
@click.option("--assign-number", is_flag=True,
              help="Lấy số văn bản từ sổ đăng ký văn bản đi (thay cho numbering.start), ghi từng "
                   "văn bản vào sổ.")
@click.option("--db", "register_db", envvar="VNADMIN_DOCS_REGISTER", default=None,
              metavar="ĐƯỜNG-DẪN|URL",
              help="Sổ đăng ký dùng với --assign-number (mặc định như `vnadmin-docs register`).")
@click.option("--series", type=click.Choice(["thuong", "mat", "sao"]), default="thuong",
              show_default=True, help="Hệ thống số dùng với --assign-number.")
def batch(
    template: str,
    data: Path,
    profile_path: Path,
    out_dir: Path,
    strict: bool,
    dry_run: bool,
    workers: int,
    make_zip: bool | None,
    mapping_path: Path | None,
    column_items: tuple[str, ...],
    template_dirs: tuple[Path, ...],
    pdf: bool,
    pdf_a: bool,
    assign_number: bool,
    register_db: str | None,
    series: str,
) -> None:
    """Tạo hàng loạt văn bản từ bảng tính: mỗi dòng hồ sơ một văn bản, một tệp gộp để in
    và báo cáo (manifest.csv, manifest.json).

    MẪU là mã mẫu, ví dụ xin-loi (tự chọn mẫu đúng theo ngày ban hành). DỮ LIỆU là tệp
    .xlsx, .xls, .csv, .json, .yaml xuất từ hệ thống một cửa.

    Ví dụ: vnadmin-docs batch xin-loi ho-so.xlsx --profile cau-hinh.yaml -o ket-qua
    """
    lang = current_lang()
    out = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    book: Register | None = None
    try:
        profile = load_profile(profile_path)
        columns = load_mapping(mapping_path) if mapping_path else {}
        columns.update(_parse_columns(column_items))
        if assign_number and not dry_run:
            book = Register.open(register_db)
        show_bar = err.is_terminal and not dry_run
        progress = Progress(
            TextColumn("[bold]Đang tạo văn bản" if lang == "vi" else "[bold]Rendering"),
            BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=err, transient=True, disable=not show_bar,
        )
        with progress:
            task = progress.add_task("letters", total=None)

            def tick(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            result = run_batch(
                data, profile, out_dir, strict=strict, dry_run=dry_run, workers=workers,
                make_zip=make_zip, columns=columns, template=template,
                template_dirs=template_dirs, profile_source=str(profile_path), progress=tick,
                pdf=pdf or pdf_a,
                pdf_options=ConversionOptions(processes=workers if workers > 1 else None,
                                              pdf_a=pdf_a),
                register=book, series=series,
            )
    except (InputFileError, OutputFolderError, DataError, TemplateError, LayoutError,
            RegisterError) as exc:
        err.print(exc.localized(lang), markup=False, soft_wrap=True)
        sys.exit(EXIT_BAD_INPUT)
    finally:
        if book is not None:
            book.close()
    _print_problems(err, result, lang)
    _summary(out, result, lang)
    if result.pdf_error is not None:
        err.print(result.pdf_error.localized(lang), markup=False, soft_wrap=True)
    sys.exit(result.exit_code)
