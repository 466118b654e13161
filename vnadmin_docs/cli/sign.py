"""``vnadmin-docs sign`` and ``vnadmin-docs verify``: digital signatures of electronic
documents (issue 16), through :func:`vnadmin_docs.api.sign` / :func:`~vnadmin_docs.api.verify`.

Exit codes of ``verify``: 0 every signature holds, 1 a signature is broken, untrusted or
followed by forbidden changes (or there is none), 2 the file cannot be read.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path

import click

from vnadmin_docs import api
from vnadmin_docs.cli.common import current_lang, report_errors
from vnadmin_docs.i18n import translator
from vnadmin_docs.sign import Pkcs11Key, Pkcs12Key, SigningKey

__all__ = ["sign", "verify"]

# pyHanko logs path-building failures with tracebacks; the report below says it plainly.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())
logging.getLogger("pyhanko_certvalidator").addHandler(logging.NullHandler())


def _(message: str, **values: object) -> str:
    return translator(current_lang()).gettext(message, **values)


@click.command("sign")
@click.argument("pdf", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Tệp PDF đã ký (không ghi đè tệp gốc).",
)
@click.option(
    "--role",
    type=click.Choice(["signer", "agency", "attachment"]),
    required=True,
    help="signer: người có thẩm quyền (ô 7c, ký trước); agency: cơ quan (ô 8, ảnh "
    "con dấu, ký sau); attachment: cơ quan ký tệp đính kèm riêng (chữ, góc phải "
    "trên trang 1).",
)
@click.option(
    "--pkcs12",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Tệp chứng thư số .p12/.pfx.",
)
@click.option(
    "--password",
    envvar="VNADMIN_DOCS_P12_PASSWORD",
    default=None,
    help="Mật khẩu tệp .p12 (hoặc biến VNADMIN_DOCS_P12_PASSWORD; hỏi nếu thiếu).",
)
@click.option(
    "--pkcs11-module",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Thư viện PKCS#11 của thiết bị ký số (USB token), ví dụ .dll/.so của hãng.",
)
@click.option("--token-label", help="Nhãn thiết bị ký số (PKCS#11).")
@click.option("--key-label", help="Nhãn khóa trên thiết bị (PKCS#11).")
@click.option(
    "--pin",
    envvar="VNADMIN_DOCS_TOKEN_PIN",
    default=None,
    help="Mã PIN của thiết bị (hoặc biến VNADMIN_DOCS_TOKEN_PIN).",
)
@click.option(
    "--image",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Ảnh PNG hiển thị: chữ ký (signer) hoặc con dấu (agency).",
)
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Tệp .json vị trí chữ ký (khi PDF chưa có ô chữ ký).",
)
@click.option("--number", help="Số, ký hiệu văn bản in trên tệp đính kèm (attachment).")
@click.option("--tsa", "tsa_url", help="Địa chỉ máy chủ cấp dấu thời gian (RFC 3161).")
@click.option(
    "--time-format",
    help="Định dạng thời gian ký (mặc định theo Nghị định 30, "
    "ISO 8601 giờ Việt Nam: %Y-%m-%dT%H:%M:%S%:z).",
)
@click.option(
    "--profile",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Hồ sơ cấu hình của cơ quan.",
)
@click.option(
    "--issue-number",
    type=click.IntRange(1, 999999),
    help="Khi phát hành (agency): số văn bản điền vào ô SoVanBan của bản lãnh đạo đã ký.",
)
@click.option(
    "--issue-date",
    type=click.DateTime(["%d/%m/%Y", "%Y-%m-%d"]),
    help="Khi phát hành (agency): ngày ban hành (dd/mm/yyyy) điền vào ô NgayBanHanh.",
)
@report_errors
def sign(
    pdf: Path,
    output: Path,
    role: str,
    pkcs12: Path | None,
    password: str | None,
    pkcs11_module: Path | None,
    token_label: str | None,
    key_label: str | None,
    pin: str | None,
    image: Path | None,
    manifest: Path | None,
    number: str | None,
    tsa_url: str | None,
    time_format: str | None,
    profile: Path | None,
    issue_number: int | None,
    issue_date: dt.datetime | None,
) -> None:
    """Ký số tệp PDF (người có thẩm quyền ký trước, cơ quan ký sau)."""
    key: SigningKey
    if pkcs12 is not None:
        if password is None:
            password = click.prompt(
                _("Certificate password"), hide_input=True, default="", show_default=False
            )
        key = Pkcs12Key(pkcs12, password or None)
    elif pkcs11_module is not None and token_label and key_label:
        key = Pkcs11Key(pkcs11_module, token_label, pin, key_label)
    else:
        raise click.UsageError(
            _("give --pkcs12 FILE, or --pkcs11-module with --token-label and --key-label")
        )
    if (issue_number is not None or issue_date is not None) and role != "agency":
        raise click.UsageError(_("--issue-number and --issue-date go with --role agency"))
    if output.resolve() == pdf.resolve():
        raise click.BadParameter(
            _("the signed file must not overwrite the original"), param_hint="--output"
        )
    path, shown = api.sign(
        pdf,
        output,
        role=role,
        key=key,
        image=image,
        manifest=manifest,
        number=number,
        tsa_url=tsa_url,
        time_format=time_format,
        profile=profile,
        issue_number=issue_number,
        issue_date=issue_date.date() if issue_date is not None else None,
    )
    click.echo(_("Signed {path} at {time}", path=path, time=shown))


@click.command("verify")
@click.argument("pdf", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--trust",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    multiple=True,
    help="Chứng thư gốc tin cậy (PEM/DER), dùng nhiều lần được.",
)
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@report_errors
def verify(pdf: Path, trust: tuple[Path, ...], as_json: bool) -> None:
    """Kiểm tra các chữ ký số của tệp PDF: ai ký, lúc nào, còn nguyên vẹn không, chuỗi
    chứng thư, có gì thay đổi sau khi ký."""
    reports = api.verify(pdf, trust)
    if as_json:
        click.echo(json.dumps([r.as_json() for r in reports], ensure_ascii=False, indent=2))
    elif not reports:
        click.echo(_("{path}: no digital signature", path=pdf))
    for r in reports if not as_json else ():
        verdict = _("VALID") if r.ok else _("NOT VALID")
        click.echo(f"{r.field_name} ({r.role or '?'}): {verdict}")
        click.echo("  " + _("Signer: {name}", name=r.signer))
        click.echo("  " + _("Signing time: {time}", time=r.signing_time or "?"))
        if r.timestamp_time:
            click.echo("  " + _("Timestamp: {time}", time=r.timestamp_time))
        click.echo("  " + _("Intact: {value}", value=_("yes") if r.intact else _("no")))
        click.echo(
            "  " + _("Trusted chain: {value}", value=" → ".join(r.chain) if r.trusted else _("no"))
        )
        changes = r.changes_after_vi if current_lang() == "vi" else r.changes_after
        click.echo("  " + _("Changes after it: {value}", value=changes))
        if not r.trusted and not trust:
            click.echo("  " + _("(no trusted root given: add --trust ROOT.pem)"))
    if not reports or not all(r.ok for r in reports):
        sys.exit(1)
