"""What every command shares: the message language and how known errors end a command.

``cli.main`` lists the command modules (each imported when its command runs), so these live
here rather than in ``main`` (the commands used to import ``main`` inside functions to dodge
the cycle).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from vnadmin_docs.errors import DataError, LayoutError, TemplateError, VnAdminError
from vnadmin_docs.i18n import resolve_language

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_PARTIAL", "current_lang", "report_errors"]

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


def report_errors(func: F) -> F:
    """Turn the library's known errors into a message and an exit code: 2 for input that
    cannot be used (data, template, layout), 1 for the rest."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (DataError, TemplateError, LayoutError) as exc:
            click.echo(exc.localized(current_lang()), err=True)
            sys.exit(EXIT_BAD_INPUT)
        except VnAdminError as exc:
            click.echo(exc.localized(current_lang()), err=True)
            sys.exit(EXIT_PARTIAL)

    return wrapper  # type: ignore[return-value]
