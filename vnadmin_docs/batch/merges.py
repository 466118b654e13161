"""Fill merged ranges so that every cell of a merged header carries the header's text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from vnadmin_docs.batch.grid import CellValue, GridRow

__all__ = ["Span", "SpanFiller", "apply_spans", "parse_a1_range"]

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


class SpanFiller:
    """Fills merged ranges in rows that arrive one at a time, in sheet order: each range's
    top-left value (and font) is taken when its row passes and copied into the rest of the
    range. Rows no range covers pass through as they are.

    >>> filler = SpanFiller([(1, 0, 2, 1)])
    >>> [filler.fill(r).values for r in [GridRow(1, ("Ngày", None)), GridRow(2, (None, "x")),
    ...                                  GridRow(3, ("a", "b"))]]
    [('Ngày', 'Ngày'), ('Ngày', 'Ngày'), ('a', 'b')]
    """

    def __init__(self, spans: Iterable[Span]) -> None:
        self._waiting = sorted(spans, reverse=True)  # by first row, the next one last
        self._active: list[Span] = []
        self._tops: dict[Span, tuple[CellValue, str | None]] = {}

    def fill(self, row: GridRow) -> GridRow:
        number = row.number
        while self._waiting and self._waiting[-1][0] <= number:
            self._active.append(self._waiting.pop())
        if not self._active:
            return row
        self._active = [s for s in self._active if s[2] >= number]
        covering = []
        for span in self._active:
            r1, c1, _r2, _c2 = span
            if r1 == number and c1 < len(row.values):
                self._tops[span] = (row.values[c1], row.font(c1))
            if span in self._tops:
                covering.append(span)
        if not covering:
            return row
        values = list(row.values)
        fonts = list(row.fonts)
        merged = [False] * len(values)
        for span in covering:
            r1, c1, _r2, c2 = span
            value, font = self._tops[span]
            need = c2 + 1
            if len(values) < need:
                values.extend([None] * (need - len(values)))
                merged.extend([False] * (need - len(merged)))
            if fonts and len(fonts) < need:
                fonts.extend([None] * (need - len(fonts)))
            for c in range(c1, c2 + 1):
                if (number, c) == (r1, c1):
                    continue
                values[c] = value
                merged[c] = True
                if fonts:
                    fonts[c] = font
        return GridRow(number, tuple(values), tuple(fonts), tuple(merged), row.hidden)


def apply_spans(rows: list[GridRow], spans: Iterable[Span]) -> list[GridRow]:
    """Copy each merged range's top-left value into the rest of the range (``rows`` in
    sheet order). Rows no range covers are returned as they are.

    >>> rows = [GridRow(1, ("Ngày", None)), GridRow(2, ("x", "y"))]
    >>> [r.values for r in apply_spans(rows, [(1, 0, 1, 1)])]
    [('Ngày', 'Ngày'), ('x', 'y')]
    """
    filler = SpanFiller(spans)
    return [filler.fill(row) for row in rows]
