"""``vnadmin-docs copy``: a bản sao (SAO Y, SAO LỤC, TRÍCH SAO) of a .docx (R-BS-1..3)."""

from __future__ import annotations

from pathlib import Path

import click

from vnadmin_docs import api
from vnadmin_docs.cli.common import current_lang, report_errors
from vnadmin_docs.i18n import translator
from vnadmin_docs.pdf import convert_files

__all__ = ["copy"]


def _(message: str, **values: object) -> str:
    return translator(current_lang()).gettext(message, **values)


@click.command()
@click.argument("original", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("data", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Tệp .docx bản sao.",
)
@click.option(
    "--profile",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Hồ sơ cấu hình của cơ quan (lề, cỡ chữ trong phạm vi Nghị định 30).",
)
@click.option("--pdf", "pdf", is_flag=True, help="Xuất thêm tệp PDF cùng tên (cần LibreOffice).")
@report_errors
def copy(original: Path, data: Path, output: Path, profile: Path | None, pdf: bool) -> None:
    """Tạo bản sao (SAO Y, SAO LỤC, TRÍCH SAO) của văn bản GỐC (.docx) theo tệp DỮ LIỆU.

    Thể thức bản sao (cơ quan sao, số bản sao, ngày, người ký, nơi nhận) được thêm ngay sau
    dòng cuối của bản gốc, dưới một đường kẻ hết chiều ngang vùng trình bày.

    Ví dụ: vnadmin-docs copy cong-van.docx sao-y.yaml -o cong-van-sao-y.docx
    """
    if output.suffix.lower() != ".docx":
        raise click.BadParameter(_("the output file must end in .docx"), param_hint="--output")
    if output.resolve() == original.resolve():
        raise click.BadParameter(
            _("the copy must not overwrite the original"), param_hint="--output"
        )
    copied = api.copy_document(original, api.load_data(data), profile=profile, source=str(data))
    path = copied.save(output)
    click.echo(_("Wrote {path}", path=path))
    if pdf:
        [pdf_path] = convert_files([(path, path.with_suffix(".pdf"))])
        click.echo(_("Wrote {path}", path=pdf_path))
