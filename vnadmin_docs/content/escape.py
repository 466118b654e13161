"""Escaping data values for the body markup.

Template authors write the body in a small Markdown subset; values coming from data are
escaped so that a citizen called ``*Lan*`` or a company ``A & B | C`` appears literally.
Every ASCII punctuation character gets a backslash (CommonMark lets any of them be escaped),
so no value can open emphasis, a list, a table cell, a heading or a link.
"""

from __future__ import annotations

import re

__all__ = ["Markup", "escape_markup"]

_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


class Markup(str):
    """Text that is already body markup and must not be escaped again."""

    __slots__ = ()


def escape_markup(value: object) -> str:
    r"""Escape ``value`` so the markup parser reads it as literal text.

    Line breaks inside a value become hard line breaks of the same paragraph, so a
    multi-line address stays one paragraph.

    >>> escape_markup("Công ty A & B *TNHH*")
    'Công ty A \\& B \\*TNHH\\*'
    >>> escape_markup(Markup("**đậm**"))
    '**đậm**'
    """
    if isinstance(value, Markup):
        return str(value)
    text = _PUNCT.sub(r"\\\1", str(value))
    return text.replace("\n", "\\\n")
