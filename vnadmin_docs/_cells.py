"""Report cells that are safe to open in Excel (issue 13; the OWASP "CSV injection" rule).

A spreadsheet program evaluates a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and one
that begins with a tab or a carriage return followed by one of them) as a formula:
``=cmd|' /C calc'!A0`` typed as an applicant's name would run when the clerk opens the report.

- CSV (:func:`csv_cell`): such a text cell is written with a leading apostrophe, which Excel
  and LibreOffice show as text; every other cell is written as it is.
- .xlsx (:func:`set_text_cell`): text is always written as a string cell (never a formula:
  openpyxl would otherwise make any string that begins with ``=`` a formula) and, when it
  begins with one of those characters, with the "quote prefix" style, so that editing the
  cell in Excel keeps it text too.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_START", "csv_cell", "looks_like_formula", "set_text_cell"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    """Whether a spreadsheet program could read ``value`` as a formula.

    >>> looks_like_formula("=000.00.12.H41-0007"), looks_like_formula("Nguyễn Văn A")
    (True, False)
    >>> looks_like_formula(-5)  # numbers are numbers
    False
    """
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_cell(value: Any) -> Any:
    """``value`` as a CSV report writes it.

    >>> csv_cell("=cmd|' /C calc'!A0")
    "'=cmd|' /C calc'!A0"
    >>> csv_cell("000.00.12.H41-0007"), csv_cell(7)
    ('000.00.12.H41-0007', 7)
    """
    return "'" + value if looks_like_formula(value) else value


def set_text_cell(cell: Any, value: object) -> None:
    """Put ``value`` into an openpyxl ``cell``: text as a string cell, never a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
