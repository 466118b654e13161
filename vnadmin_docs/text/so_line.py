"""The number and symbol line "Số: 05/BNV-VP" (R-SO-2..R-SO-7, R-SO-11)."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["number_text", "so_line", "symbol_text"]


def number_text(number: int) -> str:
    """Numbers below 10 get one leading zero, nothing else is padded (R-SO-2).

    >>> number_text(5), number_text(15), number_text(123)
    ('05', '15', '123')
    """
    return f"{number:02d}"


def symbol_text(groups: Sequence[str]) -> str:
    """Symbol groups joined by "-" with no spaces (R-SO-5).

    >>> symbol_text(["SLĐTBXH", "VP"])
    'SLĐTBXH-VP'
    """
    return "-".join(g.strip() for g in groups)


def so_line(number: int | None, groups: Sequence[str], *, blank: str = "      ") -> str:
    """``Số: <number>/<symbol>``; a draft (no number) leaves a blank before the slash.

    >>> so_line(5, ["TB", "VP"])
    'Số: 05/TB-VP'
    >>> so_line(None, ["SLĐTBXH", "VP"])
    'Số:       /SLĐTBXH-VP'
    """
    num = number_text(number) if number is not None else blank
    return f"Số: {num}/{symbol_text(groups)}"
