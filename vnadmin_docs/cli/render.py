"""``vnadmin-docs render``: one document from a template and a data file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from vnadmin_docs import api
from vnadmin_docs.cli.common import current_lang, report_errors
from vnadmin_docs.cli.options import templates_option
from vnadmin_docs.cli.register import SERIES_CHOICE, register_db_option
from vnadmin_docs.errors import FieldProblem
from vnadmin_docs.i18n import translator
from vnadmin_docs.pdf import ConversionOptions, convert_files
from vnadmin_docs.registry import Register, Series

__all__ = ["render"]


def _(message: str, **values: object) -> str:
    """``message`` (English id) in the clerk's language, placeholders filled."""
    return translator(current_lang()).gettext(message, **values)


@click.command()
@click.argument("template")
@click.argument("data", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Tệp .docx kết quả.",
)
@templates_option
@click.option(
    "--profile",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Hồ sơ cấu hình của cơ quan (lề, cỡ chữ trong phạm vi Nghị định 30).",
)
@click.option(
    "--pdf",
    "pdf",
    is_flag=True,
    help="Xuất thêm tệp PDF cùng tên cạnh tệp .docx (cần LibreOffice).",
)
@click.option(
    "--pdf-a",
    "pdf_a",
    is_flag=True,
    help="Xuất tệp PDF/A-2b (lưu trữ, nhúng phông chữ) cạnh tệp .docx; dùng được riêng.",
)
@click.option(
    "--electronic",
    is_flag=True,
    help="Văn bản điện tử (Nghị định 30): ảnh chữ ký (ô 7c) và con dấu (ô 8) từ "
    "images: trong dữ liệu, để trống số, ngày ở dòng “(Kèm theo …)” của phụ lục.",
)
@click.option(
    "--sign-ready",
    is_flag=True,
    help="Xuất PDF sẵn sàng ký số: các ô chữ ký trống đúng vị trí ô 7c/ô 8 và tệp "
    ".json mô tả vị trí (cần gói vnadmin-docs[sign]).",
)
@click.option(
    "--assign-number",
    is_flag=True,
    help="Cấp số và ngày ban hành từ sổ đăng ký văn bản đi, ghi văn bản vào sổ.",
)
@register_db_option("Sổ đăng ký dùng với --assign-number (mặc định như `vnadmin-docs register`).")
@click.option(
    "--series",
    type=SERIES_CHOICE,
    default=Series.ORDINARY.value,
    show_default=True,
    help="Hệ thống số dùng với --assign-number.",
)
@report_errors
def render(
    template: str,
    data: Path,
    output: Path,
    template_dirs: tuple[Path, ...],
    profile: Path | None,
    pdf: bool,
    pdf_a: bool,
    electronic: bool,
    sign_ready: bool,
    assign_number: bool,
    register_db: str | None,
    series: str,
) -> None:
    """Tạo một văn bản .docx từ MẪU và tệp DỮ LIỆU (YAML/JSON).

    MẪU là mã mẫu (xem `vnadmin-docs templates`) hoặc đường dẫn tệp .md.
    """
    if output.suffix.lower() != ".docx":
        raise click.BadParameter(_("the output file must end in .docx"), param_hint="--output")
    if template == api.ATTACHED_TEMPLATE:
        _render_attached(data, output, profile, pdf or pdf_a, assign_number, pdf_a)
        return
    book = Register.open(register_db) if assign_number else None
    try:
        doc = api.render(
            template,
            api.load_data(data),
            template_dirs=template_dirs,
            profile=profile,
            source=str(data),
            register=book,
            series=series,
            electronic=electronic or sign_ready,
            data_dir=data.parent,
        )
        path = doc.save(output)
        if book is not None and doc.entry is not None:
            entry = book.attach_output(doc.entry, path)
            click.echo(
                _(
                    "Issued {number}, dated {date}.",
                    number=entry.so_line,
                    date=f"{entry.doc_date:%d/%m/%Y}",
                )
            )
    finally:
        if book is not None:
            book.close()
    if sign_ready:
        _written(path, doc.warnings, False)
        pdf_path, manifest = api.sign_ready(doc, path.with_suffix(".pdf"), pdf_a=True)
        click.echo(_("Wrote {path}", path=pdf_path))
        click.echo(_("Wrote {path}", path=manifest))
        return
    _written(path, doc.warnings, pdf or pdf_a, pdf_a)


def _render_attached(
    data: Path,
    output: Path,
    profile: Path | None,
    pdf: bool,
    assign_number: bool,
    pdf_a: bool = False,
) -> None:
    """``render van-ban-kem-theo``: a text issued with a decision, on its own (Mẫu 1.3)."""
    if assign_number:
        raise click.BadParameter(
            _("an attached text takes the number of its decision; give it as parent.number"),
            param_hint="--assign-number",
        )
    doc = api.render_attached(api.load_data(data), profile=profile, source=str(data))
    _written(doc.save(output), doc.warnings, pdf, pdf_a)


def _written(
    path: Path, warnings: Sequence[FieldProblem], pdf: bool, pdf_a: bool = False
) -> None:
    """Say what was written and warned, then convert to PDF when asked."""
    click.echo(_("Wrote {path}", path=path))
    for warning in warnings:
        click.echo(_("Warning: {what}", what=warning.describe(current_lang())), err=True)
    if pdf:
        options = ConversionOptions(pdf_a=pdf_a)
        [pdf_path] = convert_files([(path, path.with_suffix(".pdf"))], options)
        click.echo(_("Wrote {path}", path=pdf_path))
