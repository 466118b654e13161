"""The clerk's command line: ``vnadmin-docs``.

A thin layer over :mod:`vnadmin_docs.api`: known errors become one clear message on stderr
and an exit code (2 for bad input or usage); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from vnadmin_docs import api
from vnadmin_docs.cli.batch import batch
from vnadmin_docs.cli.check import check
from vnadmin_docs.cli.common import (
    current_lang,
    report_errors,
)
from vnadmin_docs.cli.options import templates_option
from vnadmin_docs.cli.register import SERIES_CHOICE, register, register_db_option
from vnadmin_docs.cli.sign import sign, verify
from vnadmin_docs.i18n import translator
from vnadmin_docs.pdf import ConversionOptions, convert_files
from vnadmin_docs.registry import Register, Series

__all__ = ["cli", "main"]

def _(message: str, **values: object) -> str:
    """``message`` (English id) in the clerk's language, placeholders filled."""
    return translator(current_lang()).gettext(message, **values)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default=None,
    help="Ngôn ngữ thông báo (vi mặc định) / message language.",
)
@click.version_option(package_name="vnadmin-docs")
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """Soạn văn bản hành chính đúng Nghị định 30/2020/NĐ-CP từ dữ liệu có cấu trúc.

    Ví dụ: vnadmin-docs render cong-van du-lieu.yaml -o cong-van.docx
    """
    ctx.ensure_object(dict)
    ctx.obj["lang"] = lang


@cli.command()
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
    "--separate-appendices",
    is_flag=True,
    help="Mỗi phụ lục một tệp riêng (<tên>-phu-luc-1.docx …, Mẫu 2.2): cơ quan ký số "
    "từng tệp bằng chữ ở góc phải trên trang 1.",
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
    separate_appendices: bool,
    assign_number: bool,
    register_db: str | None,
    series: str,
) -> None:
    """Tạo một văn bản .docx từ MẪU và tệp DỮ LIỆU (YAML/JSON).

    MẪU là mã mẫu (xem `vnadmin-docs templates`) hoặc đường dẫn tệp .md.
    """
    if output.suffix.lower() != ".docx":
        raise click.BadParameter(_("the output file must end in .docx"), param_hint="--output")
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
        for warning in doc.warnings:
            click.echo(_("Warning: {text}", text=warning.describe(current_lang())), err=True)
        parts: list[api.RenderedDocument] = []
        if separate_appendices:
            doc, parts = api.separate_appendices(doc)
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
    click.echo(_("Wrote {path}", path=path))
    files = [(doc, path)]
    for number, part in enumerate(parts, start=1):
        part_path = part.save(path.with_name(f"{path.stem}-phu-luc-{number}.docx"))
        click.echo(_("Wrote {path}", path=part_path))
        files.append((part, part_path))
    for item, item_path in files:
        if sign_ready:
            pdf_path, manifest = api.sign_ready(item, item_path.with_suffix(".pdf"), pdf_a=True)
            click.echo(_("Wrote {path}", path=pdf_path))
            click.echo(_("Wrote {path}", path=manifest))
    if not sign_ready and (pdf or pdf_a):
        options = ConversionOptions(pdf_a=pdf_a)
        pairs = [(p, p.with_suffix(".pdf")) for _d, p in files]
        for pdf_path in convert_files(pairs, options):
            click.echo(_("Wrote {path}", path=pdf_path))


@cli.group(invoke_without_command=True)
@templates_option
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.pass_context
@report_errors
def templates(ctx: click.Context, template_dirs: tuple[Path, ...], as_json: bool) -> None:
    """Liệt kê các mẫu văn bản và các trường của chúng."""
    ctx.obj["template_dirs"] = template_dirs
    if ctx.invoked_subcommand is not None:
        return
    specs = api.list_templates(template_dirs)
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": s.id,
                        "title": s.title,
                        "layout": s.layout,
                        "alias": s.alias,
                        "fields": [f.name for f in s.fields],
                        "builtin": s.builtin,
                    }
                    for s in specs
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for s in specs:
        alias = "  " + _("(short name: {alias})", alias=s.alias) if s.alias else ""
        click.echo(f"{s.id:<24} {s.title}{alias}")
        for f in s.fields:
            req = _("required") if f.required else _("optional")
            click.echo(f"    - {f.name} [{f.type}, {req}]: {f.label}")


@templates.command("fields")
@click.argument("template")
@click.pass_context
@report_errors
def template_fields(ctx: click.Context, template: str) -> None:
    """Các trường của một MẪU, với nhãn tiếng Việt và tên cột tương đương."""
    from vnadmin_docs.content import TemplateLibrary

    spec = TemplateLibrary(ctx.obj.get("template_dirs", ())).get(template)
    click.echo(f"{spec.id}: {spec.title}")
    for f in spec.fields:
        req = _("required") if f.required else _("optional")
        aliases = " — " + _("columns: {names}", names=", ".join(f.aliases)) if f.aliases else ""
        click.echo(f"  {f.name} [{f.type}, {req}] {f.label}{aliases}")
        if f.description:
            click.echo(f"      {f.description}")


cli.add_command(register)
cli.add_command(check)
cli.add_command(batch)
cli.add_command(sign)
cli.add_command(verify)


def _vietnamese_streams() -> None:
    """Make stdout and stderr able to carry Vietnamese. A Windows console is UTF-8 for
    Python, but output redirected to a file or a pipe (``> nhat-ky.txt``, a scheduled task)
    uses the ANSI code page (cp1252, or cp1258, which has no precomposed “ễ”): the first
    message would crash with UnicodeEncodeError. Such a stream is switched to UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "Nguyễn Đức ắ".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8")


def main() -> None:
    """Console-script entry point."""
    _vietnamese_streams()
    cli(prog_name="vnadmin-docs")
