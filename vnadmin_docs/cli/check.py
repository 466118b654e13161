"""``vnadmin-docs check``: the conformance checker on the command line.

Exit codes: 0 every file conforms, 1 findings at or above ``--fail-on``, 2 a file (or the
profile) could not be read. The lead attaches it with ``cli.add_command(check)``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from vnadmin_docs.check import RULES, Report, Severity, check_documents
from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.layout.rules import load_profile

__all__ = ["check"]

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def _rule_id(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [v for v in value if v not in RULES]
    if unknown:
        raise click.BadParameter(f"mã quy tắc không có / unknown rule ID: {', '.join(unknown)}")
    return value


def _inherited_lang() -> str:
    """The group's ``--lang`` (``vnadmin-docs --lang en check …``), then the environment."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    if root is not None and isinstance(root.obj, dict) and root.obj.get("lang"):
        return str(root.obj["lang"])
    return os.environ.get("VNADMIN_DOCS_LANG", "vi")


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON / JSON output.")
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default=None,
    help="Ngôn ngữ thông báo (mặc định: --lang của vnadmin-docs, rồi VNADMIN_DOCS_LANG, rồi vi)"
    " / message language.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Mức phát hiện làm lệnh trả mã 1 / severity that makes the exit code 1.",
)
@click.option(
    "--disable",
    multiple=True,
    callback=_rule_id,
    metavar="R-…",
    help="Tắt một quy tắc (lặp lại được) / switch a rule off (repeatable).",
)
@click.option(
    "--profile",
    type=click.Path(path_type=Path),
    default=None,
    help="Hồ sơ cấu hình của cơ quan (TOML) / agency profile (TOML).",
)
@click.option(
    "--render",
    is_flag=True,
    help="Dàn trang bằng LibreOffice để kiểm tra cả trang in / also check the "
    "printed page (LibreOffice).",
)
@click.option(
    "--draft",
    is_flag=True,
    help="Bản dự thảo: chấp nhận số, ngày để trống / a draft: accept a blank number and day.",
)
def check(
    files: tuple[Path, ...],
    as_json: bool,
    lang: str | None,
    fail_on: str,
    disable: tuple[str, ...],
    profile: Path | None,
    render: bool,
    draft: bool,
) -> None:
    """Kiểm tra thể thức văn bản .docx theo Nghị định 30/2020/NĐ-CP.

    Mã thoát: 0 đúng thể thức; 1 có phát hiện từ mức --fail-on trở lên; 2 không đọc được
    tệp. Check .docx files against Decree 30/2020/NĐ-CP (exit 0 conformant, 1 findings,
    2 unreadable file).
    """
    lang = lang or _inherited_lang()
    threshold = Severity(fail_on)
    try:
        data = load_profile(profile)
    except VnAdminError as exc:
        click.echo(exc.localized(lang), err=True)
        raise SystemExit(EXIT_UNREADABLE) from None
    unreadable = False
    pdf_failed = False
    for pdf in (p for p in files if p.suffix.lower() == ".pdf"):  # issue 16: check/pdf.py
        from vnadmin_docs.check.pdf import check_pdf

        try:
            result = check_pdf(pdf)
        except VnAdminError as exc:
            unreadable = True
            click.echo(exc.localized(lang), err=True)
            continue
        click.echo(result.to_json() if as_json else result.to_text(lang))
        pdf_failed = pdf_failed or result.errors > 0
    files = tuple(p for p in files if p.suffix.lower() != ".pdf")

    def tell(path: Path, exc: VnAdminError) -> None:
        nonlocal unreadable
        unreadable = True
        click.echo(exc.localized(lang), err=True)

    # One warm LibreOffice run for every file with --render (not one start per file).
    try:
        reports: list[Report] = check_documents(
            files,
            profile=data,
            disabled=disable,
            lang=lang,
            render=render,
            draft=draft,
            on_unreadable=tell,
        )
    except VnAdminError as exc:  # LibreOffice missing or failing on every file
        click.echo(exc.localized(lang), err=True)
        raise SystemExit(EXIT_UNREADABLE) from None
    if as_json:
        click.echo(
            json.dumps([json.loads(r.to_json(lang)) for r in reports], ensure_ascii=False, indent=2)
        )
    else:
        for report in reports:
            click.echo(report.to_text(lang))
    if unreadable:
        raise SystemExit(EXIT_UNREADABLE)
    if pdf_failed or any(r.at_or_above(threshold) for r in reports):
        raise SystemExit(EXIT_FINDINGS)
    raise SystemExit(EXIT_OK)
