"""Jinja filters that number structural pieces: ``{{ i | la_ma }}`` → "IV",
``{{ i | chu_cai }}`` → "đ" (the điểm letters come from decree30.toml, R-BC-6)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vnadmin_docs.layout.rules import load_decree30
from vnadmin_docs.text.numbering import letter, roman

__all__ = ["NUMBERING_FILTERS", "chu_cai", "la_ma"]


def la_ma(n: int) -> str:
    """Roman numeral of ``n``.

    >>> la_ma(3)
    'III'
    """
    return roman(int(n))


def chu_cai(n: int) -> str:
    """The ``n``-th điểm letter in Vietnamese alphabet order.

    >>> [chu_cai(i) for i in (1, 5, 6, 7)]
    ['a', 'đ', 'e', 'g']
    """
    letters: list[str] = load_decree30()["structure"]["diem_letters"]
    return letter(int(n), letters)


NUMBERING_FILTERS: dict[str, Callable[..., Any]] = {"la_ma": la_ma, "chu_cai": chu_cai}
