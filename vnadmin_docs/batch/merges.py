"""Fill merged ranges so that every cell of a merged header carries the header's text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from vnadmin_docs.batch.grid import CellValue, GridRow

__all__ = ["Span", "apply_spans", "parse_a1_range"]

# (first_row, first_col, last_row, last_col): rows as sheet row numbers, columns 0-based.
Span = tuple[int, int, int, int]
_A1 = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def parse_a1_range(ref: str) -> Span | None:
    """``"A5:C6"`` → ``(5, 0, 6, 2)``.

    >>> parse_a1_range("A5:C6")
    (5, 0, 6, 2)
    >>> parse_a1_range("B2") is None
    True
    """
    if ":" not in ref:
        return None
    a, b = ref.split(":", 1)
    ma, mb = _A1.match(a), _A1.match(b)
    if not ma or not mb:
        return None
    return (int(ma.group(2)), _col(ma.group(1)), int(mb.group(2)), _col(mb.group(1)))


def apply_spans(rows: list[GridRow], spans: Iterable[Span]) -> list[GridRow]:
    """Copy each merged range's top-left value into the rest of the range. Rows no range
    covers are returned as they are (a 10,000-row sheet with a merged header is not copied).

    >>> rows = [GridRow(1, ("Ngày", None)), GridRow(2, ("x", "y"))]
    >>> [r.values for r in apply_spans(rows, [(1, 0, 1, 1)])]
    [('Ngày', 'Ngày'), ('x', 'y')]
    """
    spans = list(spans)
    index = {row.number: i for i, row in enumerate(rows)}
    last = max(index, default=0)
    by_number = {n: index[n] for r1, _c1, r2, _c2 in spans
                 for n in range(r1, min(r2, last) + 1) if n in index}
    del index
    values = {i: list(rows[i].values) for i in by_number.values()}
    fonts = {i: list(rows[i].fonts) for i in by_number.values()}
    merged = {i: [False] * len(rows[i].values) for i in by_number.values()}
    for r1, c1, r2, c2 in spans:
        top = by_number.get(r1)
        if top is None or c1 >= len(values[top]):
            continue
        value: CellValue = values[top][c1]
        font = fonts[top][c1] if c1 < len(fonts[top]) else None
        for rn in range(r1, r2 + 1):
            i = by_number.get(rn)
            if i is None:
                continue
            need = c2 + 1
            if len(values[i]) < need:
                values[i].extend([None] * (need - len(values[i])))
                merged[i].extend([False] * (need - len(merged[i])))
            if fonts[i] and len(fonts[i]) < need:
                fonts[i].extend([None] * (need - len(fonts[i])))
            for c in range(c1, c2 + 1):
                if (rn, c) == (r1, c1):
                    continue
                values[i][c] = value
                merged[i][c] = True
                if fonts[i]:
                    fonts[i][c] = font
    return [
        GridRow(r.number, tuple(values[i]), tuple(fonts[i]), tuple(merged[i]))
        if i in values else r
        for i, r in enumerate(rows)
    ]
