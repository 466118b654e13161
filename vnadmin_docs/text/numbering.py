"""Numbering of structural pieces: Roman numerals (Phần, Chương, report sections, Phụ lục)
and the letters of điểm in Vietnamese alphabet order (R-BC-2, R-BC-6, R-PL-1)."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["letter", "roman"]

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    """``n`` (1–3999) in Roman numerals.

    >>> roman(1), roman(4), roman(9), roman(14), roman(2024)
    ('I', 'IV', 'IX', 'XIV', 'MMXXIV')
    """
    if not 1 <= n <= 3999:
        raise ValueError(f"{n} cannot be written in Roman numerals")
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def letter(n: int, letters: Sequence[str]) -> str:
    """The ``n``-th (1-based) điểm letter; after the last letter the sequence doubles
    ("aa", "bb", …), as long legal lists do.

    >>> abc = ["a", "b", "c", "d", "đ", "e"]
    >>> [letter(i, abc) for i in (1, 4, 5, 6, 7)]
    ['a', 'd', 'đ', 'e', 'aa']
    """
    if n < 1:
        raise ValueError("điểm numbering starts at 1")
    index, repeat = (n - 1) % len(letters), (n - 1) // len(letters) + 1
    return letters[index] * repeat
