"""The one configured Jinja environment.

- ``StrictUndefined``: a misspelt variable is an error naming the template line.
- ``finalize`` escapes every printed value for the body markup (see ``escape.py``), unless
  it is declared ``markup`` by the template.
- Templates that do not ship with the package render in Jinja's ``SandboxedEnvironment``.
- Includes resolve through user folders first, then the built-in templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from vnadmin_docs.content.escape import escape_markup
from vnadmin_docs.content.filters import FOUNDATION_FILTERS
from vnadmin_docs.content.piece_filters import PIECE_FILTERS
from vnadmin_docs.text.filters import FILTERS as TEXT_FILTERS

__all__ = ["make_environment"]


def make_environment(search_path: Sequence[Path], *, sandboxed: bool) -> Environment:
    """A Jinja environment for rendering template bodies to markup text."""
    cls = SandboxedEnvironment if sandboxed else Environment
    env = cls(
        loader=FileSystemLoader([str(p) for p in search_path]),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=escape_markup,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Three tables, no name in two of them (tests/content/test_filters_table.py).
    env.filters.update(FOUNDATION_FILTERS)
    env.filters.update(TEXT_FILTERS)
    env.filters.update(PIECE_FILTERS)
    return env
