"""The one configured Jinja environment.

- ``StrictUndefined``: a misspelt variable is an error naming the template line.
- ``finalize`` escapes every printed value for the body markup (see ``escape.py``), unless
  it is declared ``markup`` by the template.
- Templates that do not ship with the package render in Jinja's ``SandboxedEnvironment``.
- Includes resolve through user folders first, then the built-in templates; a symbolic
  link in a template folder is refused, never followed (:class:`NoLinkLoader`).
- Limits (:mod:`.limits`): each printed value, and ``*``/``**`` in the sandbox.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from vnadmin_docs._files import is_link
from vnadmin_docs.content.escape import escape_markup
from vnadmin_docs.content.filters import FOUNDATION_FILTERS
from vnadmin_docs.content.limits import bounded_binop, check_field
from vnadmin_docs.content.piece_filters import PIECE_FILTERS
from vnadmin_docs.text.filters import FILTERS as TEXT_FILTERS

__all__ = ["IncludeIsLink", "NoLinkLoader", "make_environment"]


class IncludeIsLink(TemplateNotFound):
    """``{% include %}`` / ``{% import %}`` of a name that is, or passes through, a symbolic
    link in a template folder."""

    def __init__(self, name: str, path: str) -> None:
        self.path = path
        super().__init__(name, f"{name!r} is a symbolic link ({path}); links are not followed")


class NoLinkLoader(FileSystemLoader):
    """:class:`FileSystemLoader` that refuses a name reaching a symbolic link below a search
    folder (the folder itself is the user's choice); ``..`` and absolute names are already
    refused by Jinja."""

    def get_source(self, environment: Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for searchpath in self.searchpath:
            path = searchpath
            for piece in pieces:
                path = posixpath.join(path, piece)
                if is_link(path):
                    raise IncludeIsLink(template, os.path.realpath(path))
            if os.path.isfile(path):
                break
        return super().get_source(environment, template)


class _BoundedSandbox(SandboxedEnvironment):
    """The sandbox, with ``*`` and ``**`` bounded (:func:`.limits.bounded_binop`)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        return bounded_binop(operator, left, right)


def _finalize(value: object) -> str:
    return check_field(escape_markup(value))


def make_environment(search_path: Sequence[Path], *, sandboxed: bool) -> Environment:
    """A Jinja environment for rendering template bodies to markup text."""
    cls = _BoundedSandbox if sandboxed else Environment
    env = cls(
        loader=NoLinkLoader([str(p) for p in search_path]),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Three tables, no name in two of them (tests/content/test_filters_table.py).
    env.filters.update(FOUNDATION_FILTERS)
    env.filters.update(TEXT_FILTERS)
    env.filters.update(PIECE_FILTERS)
    return env
