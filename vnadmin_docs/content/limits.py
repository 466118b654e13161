"""Bounds on what rendering one document may cost, for every template (user templates also
run in Jinja's sandbox). Each is a :class:`TemplateError` naming the file and line, never a
traceback or gigabytes (see docs/dev/limits.md).

- a printed value (one field, one ``{{ … }}``): at most :data:`MAX_FIELD_CHARS` characters;
- the whole document's text: at most :data:`MAX_DOCUMENT_CHARS` (counted while rendering, so
  a loop that prints a little a million times stops at the limit, not after);
- ``*`` on text or lists and ``**`` in a sandboxed template: the result may not exceed the
  field limit (``'a' * 100000000`` is refused before it is built);
- ``range()`` past Jinja's ``MAX_RANGE`` and recursion too deep are reported as such.
"""

from __future__ import annotations

import operator
from typing import Any

from jinja2.exceptions import SecurityError

__all__ = [
    "MAX_DOCUMENT_CHARS",
    "MAX_FIELD_CHARS",
    "MAX_POWER_BITS",
    "OutputTooLarge",
    "bounded_binop",
    "check_field",
]

MAX_FIELD_CHARS = 200_000
"""One printed value: a letter's longest field (a list of dossiers) is a few thousand."""
MAX_DOCUMENT_CHARS = 2_000_000
"""One document's markup text: a 300-page decision is about 1,000,000 characters."""
MAX_POWER_BITS = 4096
"""``a ** b`` in a sandboxed template: a result past this many bits is refused."""


class OutputTooLarge(SecurityError):
    """A value or a document past its limit (a Jinja ``SecurityError``: the sandbox's own
    refusals are of that kind)."""

    def __init__(self, what: str, what_en: str, limit: int) -> None:
        self.what = what
        self.what_en = what_en
        self.limit = limit
        super().__init__(f"{what_en} exceeds {limit:,} characters")


def check_field(text: str) -> str:
    if len(text) > MAX_FIELD_CHARS:
        raise OutputTooLarge("một giá trị in ra", "a printed value", MAX_FIELD_CHARS)
    return text


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def bounded_binop(op: str, left: Any, right: Any) -> Any:
    """``left op right`` for the operators the sandbox intercepts, refusing a result past the
    limits before it is built."""
    if op == "*":
        for seq, times in ((left, right), (right, left)):
            size = _size(seq)
            if size is not None and isinstance(times, int) and size * times > MAX_FIELD_CHARS:
                raise OutputTooLarge("kết quả phép nhân", "the result of a multiplication",
                                     MAX_FIELD_CHARS)
        return operator.mul(left, right)
    if op == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0 \
                and abs(left) > 1 and abs(left).bit_length() * right > MAX_POWER_BITS:
            raise OutputTooLarge("kết quả phép lũy thừa", "the result of a power",
                                 MAX_POWER_BITS)
        return operator.pow(left, right)
    raise AssertionError(op)
