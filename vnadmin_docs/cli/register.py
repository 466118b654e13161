"""``vnadmin-docs register``: the clerk's commands for the outgoing-document number book.

``allocate`` (cấp số), ``list`` (xem sổ), ``show`` (một số), ``cancel`` (hủy số), ``attach``
(ghi tệp văn bản vào sổ), ``export`` (xuất sổ .xlsx theo Phụ lục IV). The group is a plain
click group, attached to the main command with ``cli.add_command(register)``.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from vnadmin_docs.cli.common import current_lang, report_errors
from vnadmin_docs.registry import Entry, Register, RegisterError, Series

__all__ = ["SERIES_CHOICE", "parse_day", "parse_reference", "register", "register_db_option"]

F = TypeVar("F", bound=Callable[..., Any])

SERIES_CHOICE = click.Choice([s.value for s in Series])
"""The ``--series`` values: thuong, mat, sao."""
_DAY_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def parse_day(text: str) -> date:
    """A date written the Vietnamese way (``05/03/2026``, ``5/3/2026``) or ISO.

    >>> parse_day("5/3/2026"), parse_day("2026-03-05")
    (datetime.date(2026, 3, 5), datetime.date(2026, 3, 5))
    """
    text = text.strip()
    match = _DAY_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return date(year, month, day)
    return date.fromisoformat(text)


def _day_option(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """Click callback turning an option's text into a date (or a usage error)."""
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError:
        raise click.BadParameter(
            f"“{value}” không phải ngày hợp lệ (viết dạng 05/03/2026)", ctx, param
        ) from None


_REF_RE = re.compile(r"^\s*(?:Số:\s*)?0*(\d+)\s*(?:/\s*(\S+))?\s*$")


def parse_reference(text: str) -> tuple[int, str | None]:
    """A number as the clerk types it: ``15``, ``05``, ``15/QĐ-BNV`` or ``Số: 15/QĐ-BNV``.

    >>> parse_reference("05"), parse_reference("Số: 15/QĐ-BNV")
    ((5, None), (15, 'QĐ-BNV'))
    """
    match = _REF_RE.match(text)
    if match is None or int(match.group(1)) < 1:
        raise ValueError(text)
    return int(match.group(1)), match.group(2)


def _number_argument(
    ctx: click.Context, param: click.Parameter, value: str
) -> tuple[int, str | None]:
    try:
        return parse_reference(value)
    except ValueError:
        raise click.BadParameter(
            f"“{value}” không phải số văn bản (ví dụ 15 hoặc 15/QĐ-BNV)", ctx, param
        ) from None


def _find(
    register_: Register,
    number: tuple[int, str | None],
    issuer: str | None,
    year: int | None,
    series: str,
) -> Entry:
    """The entry of a typed number; a typed symbol must match the one in the book."""
    entry = register_.get(number[0], issuer_abbr=issuer, year=year, series=series)
    if number[1] is not None and number[1] != entry.symbol:
        raise RegisterError(
            f"Số {entry.number_text} năm {entry.year} trong sổ có ký hiệu {entry.symbol}, "
            f"không phải {number[1]}.",
            f"Number {entry.number_text} of {entry.year} has the symbol {entry.symbol} in the "
            f"book, not {number[1]}.",
        )
    return entry


def _say(vi: str, en: str) -> str:
    return en if current_lang().startswith("en") else vi


def _open(ctx: click.Context) -> Register:
    register_ = Register.open(ctx.obj["register_db"], timeout=ctx.obj["timeout"])
    ctx.call_on_close(register_.close)
    return register_


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "issuer_abbr": entry.issuer_abbr,
        "year": entry.year,
        "series": entry.series.value,
        "number": entry.number,
        "so": entry.so_line,
        "reference": entry.reference,
        "symbol": entry.symbol,
        "date": entry.doc_date.isoformat(),
        "type_name": entry.type_name,
        "summary": entry.summary,
        "signer": entry.signer,
        "recipients": list(entry.recipients),
        "copies": entry.copies,
        "archive": entry.archive,
        "sent_on": entry.sent_on.isoformat() if entry.sent_on else None,
        "note": entry.note,
        "status": entry.status.value,
        "cancel_reason": entry.cancel_reason,
        "cancelled_at": entry.cancelled_at.isoformat() if entry.cancelled_at else None,
        "output_path": entry.output_path,
        "output_sha256": entry.output_sha256,
    }


def _status(entry: Entry) -> str:
    return _say("Đã hủy", "Cancelled") if entry.is_cancelled else _say("Đã cấp", "Issued")


def _table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A rich table on a terminal; tab-separated lines (paste into Excel) otherwise."""
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for header in headers:
            table.add_column(header)
        for row in rows:
            table.add_row(*row)
        Console().print(table)
        return
    click.echo("\t".join(headers))
    for row in rows:
        click.echo("\t".join(cell.replace("\t", " ").replace("\n", "; ") for cell in row))


def register_db_option(help_text: str) -> Callable[[F], F]:
    """``--db ĐƯỜNG-DẪN|URL`` naming the register, arriving as ``register_db``. Left out, it is
    ``None`` and :meth:`Register.open` falls back to ``$VNADMIN_DOCS_REGISTER``, then the
    per-user file."""
    return click.option(
        "--db", "register_db", default=None, metavar="ĐƯỜNG-DẪN|URL", help=help_text
    )


def _book_options(func: F) -> F:
    """--issuer / --year / --series, naming one book."""
    func = click.option(
        "--series",
        type=SERIES_CHOICE,
        default=Series.ORDINARY.value,
        show_default=True,
        help="Hệ thống số: thuong (văn bản thường), mat (văn bản mật), sao (bản sao).",
    )(func)
    func = click.option("--year", type=int, default=None, help="Năm của sổ (mặc định: năm nay).")(
        func
    )
    return click.option(
        "--issuer",
        default=None,
        help="Chữ viết tắt cơ quan ban hành (bỏ trống nếu sổ chỉ có một cơ quan).",
    )(func)


@click.group("register", context_settings={"help_option_names": ["-h", "--help"]})
@register_db_option(
    "Sổ đăng ký: tệp SQLite, sqlite:///… hoặc postgresql://… (mặc định: biến "
    "VNADMIN_DOCS_REGISTER, nếu không có thì tệp so-van-ban.sqlite3 trong thư mục dữ liệu "
    "của người dùng)."
)
@click.option(
    "--timeout",
    type=float,
    default=30.0,
    show_default=True,
    help="Số giây chờ khi người khác đang cấp số.",
)
@click.pass_context
def register(ctx: click.Context, register_db: str | None, timeout: float) -> None:
    """Sổ đăng ký văn bản đi: cấp số, xem, hủy số, xuất sổ (Điều 15–16, Phụ lục IV
    Nghị định 30/2020/NĐ-CP).

    Mỗi cơ quan có một hệ thống số cho mỗi năm, bắt đầu từ 01 ngày 01/01; văn bản mật và
    bản sao có hệ thống số riêng. Số đã cấp không bao giờ dùng lại, kể cả khi đã hủy.
    """
    ctx.ensure_object(dict)
    ctx.obj["register_db"] = register_db
    ctx.obj["timeout"] = timeout


@register.command("allocate")
@click.option("--issuer", required=True, help="Chữ viết tắt cơ quan ban hành (ví dụ BNV).")
@click.option("--symbol", required=True, help="Ký hiệu sau dấu “/”, ví dụ QĐ-BNV, BNV-VP.")
@click.option("--type", "type_name", required=True, help="Tên loại văn bản (Công văn, …).")
@click.option("--summary", required=True, help="Trích yếu nội dung văn bản.")
@click.option("--date", "doc_date", default=None, callback=_day_option, metavar="NGÀY",
              help="Ngày văn bản, dạng 05/03/2026 (mặc định hôm nay).")  # fmt: skip
@click.option("--series", type=SERIES_CHOICE, default=Series.ORDINARY.value, show_default=True,
              help="Hệ thống số: thuong, mat hoặc sao.")  # fmt: skip
@click.option("--signer", default="", help="Người ký.")
@click.option("--recipient", "recipients", multiple=True, help="Nơi nhận (dùng nhiều lần).")
@click.option("--copies", type=click.IntRange(min=1), default=None, help="Số lượng bản.")
@click.option("--archive", default="", help="Đơn vị, người nhận bản lưu (ví dụ: VT, VP).")
@click.option("--sent-on", default=None, callback=_day_option, metavar="NGÀY", help="Ngày chuyển.")
@click.option("--note", default="", help="Ghi chú.")
@click.option("--allow-earlier-date", is_flag=True,
              help="Cho phép ngày sớm hơn số trước (đăng ký bổ sung).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.pass_context
@report_errors
def allocate_cmd(
    ctx: click.Context,
    issuer: str,
    symbol: str,
    type_name: str,
    summary: str,
    doc_date: date | None,
    series: str,
    signer: str,
    recipients: tuple[str, ...],
    copies: int | None,
    archive: str,
    sent_on: date | None,
    note: str,
    allow_earlier_date: bool,
    as_json: bool,
) -> None:
    """Cấp số tiếp theo cho một văn bản (cấp số thủ công) và ghi vào sổ."""
    entry = _open(ctx).allocate(
        issuer,
        doc_date,
        series,
        symbol=symbol,
        type_name=type_name,
        summary=summary,
        signer=signer,
        recipients=recipients,
        copies=copies,
        archive=archive,
        sent_on=sent_on,
        note=note,
        allow_earlier_date=allow_earlier_date,
    )
    if as_json:
        click.echo(json.dumps(_entry_json(entry), ensure_ascii=False, indent=2))
        return
    click.echo(
        _say(
            f"Đã cấp {entry.so_line}, ngày {entry.doc_date:%d/%m/%Y} "
            f"(sổ {entry.series.label} năm {entry.year} của {entry.issuer_abbr}).",
            f"Issued {entry.so_line}, dated {entry.doc_date:%d/%m/%Y} "
            f"({entry.series.value} book of {entry.issuer_abbr} for {entry.year}).",
        )
    )


@register.command("list")
@click.option("--issuer", default=None, help="Chỉ cơ quan ban hành này.")
@click.option("--year", type=int, default=None, help="Năm (mặc định: năm nay).")
@click.option("--series", type=SERIES_CHOICE, default=None, help="Chỉ hệ thống số này.")
@click.option("--status", type=click.Choice(["issued", "cancelled"]), default=None,
              help="Chỉ số đã cấp (issued) hoặc đã hủy (cancelled).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.pass_context
@report_errors
def list_cmd(
    ctx: click.Context,
    issuer: str | None,
    year: int | None,
    series: str | None,
    status: str | None,
    as_json: bool,
) -> None:
    """Liệt kê các số trong sổ của một năm."""
    year = year or date.today().year
    entries = _open(ctx).list(issuer_abbr=issuer, year=year, series=series, status=status)
    if as_json:
        click.echo(json.dumps([_entry_json(e) for e in entries], ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo(_say(f"Sổ chưa có số nào năm {year}.", f"No numbers in {year}."), err=True)
        return
    headers = [
        _say("Số, ký hiệu", "Number"),
        _say("Ngày", "Date"),
        _say("Hệ thống số", "Series"),
        _say("Tên loại và trích yếu", "Type and summary"),
        _say("Người ký", "Signer"),
        _say("Trạng thái", "Status"),
    ]
    rows = [
        [
            e.reference,
            f"{e.doc_date:%d/%m/%Y}",
            e.series.value,
            f"{e.type_name} {e.summary}",
            e.signer,
            _status(e),
        ]
        for e in entries
    ]
    _table(_say(f"Sổ đăng ký văn bản đi năm {year}", f"Outgoing register {year}"), headers, rows)


@register.command("show")
@click.argument("number", callback=_number_argument, metavar="SỐ")
@_book_options
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.pass_context
@report_errors
def show_cmd(
    ctx: click.Context,
    number: tuple[int, str | None],
    issuer: str | None,
    year: int | None,
    series: str,
    as_json: bool,
) -> None:
    """Xem đầy đủ một số trong sổ (SỐ: 15, 05 hoặc 15/QĐ-BNV)."""
    register_ = _open(ctx)
    entry = _find(register_, number, issuer, year, series)
    if as_json:
        click.echo(json.dumps(_entry_json(entry), ensure_ascii=False, indent=2))
        return
    file_state = ""
    if entry.output_path:
        matches = register_.output_matches(entry)
        file_state = (
            _say(" (khớp mã kiểm tra)", " (checksum matches)")
            if matches
            else _say(" (THIẾU hoặc ĐÃ BỊ SỬA sau khi cấp số)", " (MISSING or CHANGED)")
        )
    lines = [
        (_say("Số", "Number"), entry.so_line),
        (_say("Ngày", "Date"), f"{entry.doc_date:%d/%m/%Y}"),
        (_say("Sổ", "Book"), f"{entry.issuer_abbr} {entry.year}, {entry.series.label}"),
        (_say("Tên loại", "Type"), entry.type_name),
        (_say("Trích yếu", "Summary"), entry.summary),
        (_say("Người ký", "Signer"), entry.signer),
        (_say("Nơi nhận", "Recipients"), "; ".join(entry.recipients)),
        (_say("Số lượng bản", "Copies"), "" if entry.copies is None else str(entry.copies)),
        (_say("Bản lưu", "Archive"), entry.archive),
        (_say("Ngày chuyển", "Sent on"), f"{entry.sent_on:%d/%m/%Y}" if entry.sent_on else ""),
        (_say("Ghi chú", "Note"), entry.note),
        (_say("Trạng thái", "Status"), _status(entry)),
    ]
    if entry.is_cancelled:
        when = f"{entry.cancelled_at:%d/%m/%Y}" if entry.cancelled_at else ""
        lines.append((_say("Hủy ngày", "Cancelled on"), when))
        lines.append((_say("Lý do hủy", "Reason"), entry.cancel_reason or ""))
    if entry.output_path:
        lines.append((_say("Tệp", "File"), entry.output_path + file_state))
        lines.append(("SHA-256", entry.output_sha256 or ""))
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        click.echo(f"{label:<{width}} : {value}")


@register.command("cancel")
@click.argument("number", callback=_number_argument, metavar="SỐ")
@click.option("--reason", required=True, help="Lý do hủy số (ghi vào cột Ghi chú).")
@_book_options
@click.option("-y", "--yes", is_flag=True, help="Không hỏi lại.")
@click.pass_context
@report_errors
def cancel_cmd(
    ctx: click.Context,
    number: tuple[int, str | None],
    reason: str,
    issuer: str | None,
    year: int | None,
    series: str,
    yes: bool,
) -> None:
    """Hủy một số đã cấp. Số vẫn nằm trong sổ và không bao giờ được cấp lại."""
    register_ = _open(ctx)
    entry = _find(register_, number, issuer, year, series)
    if not yes:
        click.confirm(
            _say(
                f"Hủy {entry.so_line} ({entry.type_name} {entry.summary})?",
                f"Cancel {entry.so_line} ({entry.type_name} {entry.summary})?",
            ),
            abort=True,
        )
    done = register_.cancel(entry, reason)
    click.echo(
        _say(
            f"Đã hủy {done.so_line} năm {done.year}. Lý do: {done.cancel_reason}",
            f"Cancelled {done.so_line} ({done.year}). Reason: {done.cancel_reason}",
        )
    )


@register.command("attach")
@click.argument("number", callback=_number_argument, metavar="SỐ")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_book_options
@click.pass_context
@report_errors
def attach_cmd(
    ctx: click.Context,
    number: tuple[int, str | None],
    file: Path,
    issuer: str | None,
    year: int | None,
    series: str,
) -> None:
    """Ghi TỆP văn bản đã phát hành vào sổ, kèm mã kiểm tra SHA-256."""
    register_ = _open(ctx)
    entry = _find(register_, number, issuer, year, series)
    done = register_.attach_output(entry, file)
    click.echo(
        _say(
            f"Đã ghi tệp {done.output_path} cho {done.so_line} (SHA-256 {done.output_sha256}).",
            f"Recorded {done.output_path} for {done.so_line} (SHA-256 {done.output_sha256}).",
        )
    )


@register.command("export")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@_book_options
@click.option("--body-name", default=None, help="Tên cơ quan/đơn vị in trên bìa sổ.")
@click.option("--parent-name", default=None, help="Tên cơ quan chủ quản trực tiếp (bìa sổ).")
@click.option("--volume", type=click.IntRange(min=1), default=1, show_default=True,
              help="Quyển số.")  # fmt: skip
@click.pass_context
@report_errors
def export_cmd(
    ctx: click.Context,
    output: Path,
    issuer: str | None,
    year: int | None,
    series: str,
    body_name: str | None,
    parent_name: str | None,
    volume: int,
) -> None:
    """Xuất sổ của một năm ra tệp .xlsx theo mẫu Phụ lục IV (Sổ đăng ký văn bản đi)."""
    year = year or date.today().year
    register_ = _open(ctx)
    path = register_.export_xlsx(
        output,
        year,
        issuer_abbr=issuer,
        series=series,
        body_name=body_name,
        parent_name=parent_name,
        volume=volume,
    )
    count = len(register_.list(issuer_abbr=issuer, year=year, series=series))
    click.echo(
        _say(
            f"Đã xuất sổ năm {year} ({count} số) ra {path}.",
            f"Exported the {year} book ({count} numbers) to {path}.",
        )
    )
