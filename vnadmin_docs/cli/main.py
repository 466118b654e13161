"""The clerk's command line: ``vnadmin-docs``.

A thin layer over :mod:`vnadmin_docs.api`: known errors become one clear message on stderr
and an exit code (2 for bad input or usage); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from gettext import gettext
from importlib import import_module

import click

__all__ = ["LAZY_COMMANDS", "LazyGroup", "cli", "main"]

LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "batch": (
        "vnadmin_docs.cli.batch",
        "Tạo hàng loạt văn bản từ bảng tính: mỗi dòng hồ sơ một văn bản, một tệp gộp để in"
        " và báo cáo (manifest.csv, manifest.json).",
    ),
    "check": (
        "vnadmin_docs.cli.check",
        "Kiểm tra thể thức văn bản .docx theo Nghị định 30/2020/NĐ-CP.",
    ),
    "copy": (
        "vnadmin_docs.cli.copy",
        "Tạo bản sao (SAO Y, SAO LỤC, TRÍCH SAO) của văn bản GỐC (.docx) theo tệp DỮ LIỆU.",
    ),
    "register": (
        "vnadmin_docs.cli.register",
        "Sổ đăng ký văn bản đi: cấp số, xem, hủy số, xuất sổ (Điều 15–16, Phụ lục IV"
        " Nghị định 30/2020/NĐ-CP).",
    ),
    "render": (
        "vnadmin_docs.cli.render",
        "Tạo một văn bản .docx từ MẪU và tệp DỮ LIỆU (YAML/JSON).",
    ),
    "serve": (
        "vnadmin_docs.cli.serve",
        "Mở trang web soạn văn bản: thư xin lỗi hàng loạt, biểu mẫu, kiểm tra thể thức,"
        " sổ văn bản đi.",
    ),
    "sign": (
        "vnadmin_docs.cli.sign",
        "Ký số tệp PDF (người có thẩm quyền ký trước, cơ quan ký sau).",
    ),
    "templates": (
        "vnadmin_docs.cli.templates",
        "Liệt kê các mẫu văn bản và các trường của chúng.",
    ),
    "users": (
        "vnadmin_docs.cli.serve",
        "Tài khoản của trang web (chế độ văn phòng).",
    ),
    "verify": (
        "vnadmin_docs.cli.sign",
        "Kiểm tra các chữ ký số của tệp PDF: ai ký, lúc nào, còn nguyên vẹn không, chuỗi"
        " chứng thư, có gì thay đổi sau khi ký.",
    ),
}
"""Command name -> (module defining a click command of that name, the first paragraph of
its help). A command's module is imported only when the command runs (or its own
``--help`` is asked for), so ``vnadmin-docs --help`` loads neither the PDF, checker, batch
nor register code. The first paragraph is repeated here for the top-level listing; a test
keeps it equal to the command's own (tests/cli/test_light_import.py)."""


class LazyGroup(click.Group):
    """A click group whose subcommands in :data:`LAZY_COMMANDS` are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in LAZY_COMMANDS:
            command = getattr(import_module(LAZY_COMMANDS[cmd_name][0]), cmd_name)
            self.add_command(command, cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The listing of ``--help`` as click writes it, with the help of a command not
        loaded yet taken from :data:`LAZY_COMMANDS` (a help screen imports nothing)."""
        rows: list[tuple[str, click.Command]] = []
        for name in self.list_commands(ctx):
            loaded = self.commands.get(name)
            if loaded is None:  # a stand-in carrying the help, shortened the way click does
                rows.append((name, click.Command(name, help=LAZY_COMMANDS[name][1])))
            elif not loaded.hidden:
                rows.append((name, loaded))
        if not rows:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in rows)
        listing = [(name, command.get_short_help_str(limit)) for name, command in rows]
        with formatter.section(gettext("Commands")):  # click's own heading, as click does
            formatter.write_dl(listing)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
