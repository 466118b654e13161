"""What every command shares: the message language and how known errors end a command.

``cli.main`` lists the command modules (each imported when its command runs), so these live
here rather than in ``main`` (the commands used to import ``main`` inside functions to dodge
the cycle).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from vnadmin_docs._files import file_named_in, why_not_written
from vnadmin_docs.errors import DataError, LayoutError, TemplateError, VnAdminError
from vnadmin_docs.i18n import resolve_language
from vnadmin_docs.registry.model import RegisterFileError

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "current_lang",
    "file_error_text",
    "report_errors",
]

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_BAD_INPUT = 2


def current_lang() -> str:
    """Language of messages: ``--lang``, then ``VNADMIN_DOCS_LANG``, ``LC_ALL``/``LANG``,
    else Vietnamese (see :mod:`vnadmin_docs.i18n`)."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    explicit = root.obj.get("lang") if root is not None and root.obj else None
    return resolve_language(explicit)


def file_error_text(exc: OSError, lang: str) -> str:
    """A file that could not be written or read (full disk, read-only disk, no permission, a
    file open in Word on Windows): what happened and what to do, in ``lang``."""
    name = file_named_in(exc) or os.fspath(exc.filename or "")
    vi, en = why_not_written(exc)
    if lang.startswith("en"):
        return (f"Cannot write or read the file “{name}”: {en}. Nothing half-written was "
                "left; fix this (free some space, choose another folder) and run again.")
    return (f"Không ghi hoặc đọc được tệp “{name}”: {vi}. Không có tệp nào bị ghi dở; hãy "
            "khắc phục (giải phóng chỗ trống trên ổ đĩa, chọn thư mục khác) rồi chạy lại.")


def report_errors(func: F) -> F:
    """Turn the library's known errors into a message and an exit code: 2 for input that
    cannot be used (data, template, layout) and for a file that cannot be written or read
    (:func:`file_error_text`), 1 for the rest."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (DataError, TemplateError, LayoutError, RegisterFileError) as exc:
            click.echo(exc.localized(current_lang()), err=True)
            sys.exit(EXIT_BAD_INPUT)
        except VnAdminError as exc:
            click.echo(exc.localized(current_lang()), err=True)
            sys.exit(EXIT_PARTIAL)
        except OSError as exc:
            click.echo(file_error_text(exc, current_lang()), err=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper  # type: ignore[return-value]
