"""The body (ô 6): blocks from the content stage set as Decree 30 body text.

Every paragraph: body size, justified, first-line indent, space between paragraphs and line
spacing from the data file (R-ND-1..4); numbered, dash and lettered points keep their
literal markers at the start of the indented line, as văn thư type them. The last
paragraph ends with "./." (R-ND-5).
"""

from __future__ import annotations

from dataclasses import replace

from vnadmin_docs.blocks import Block, Paragraph, Span, Table
from vnadmin_docs.layout.figures import Figures
from vnadmin_docs.layout.page_model import ZERO, Cell, Grid, Para, Row, Run
from vnadmin_docs.units import Length, Pt

__all__ = ["body_paras", "end_with_closing_mark"]


def _runs(
    spans: tuple[Span, ...], size: Length, *, bold: bool = False, italic: bool = False
) -> tuple[Run, ...]:
    return tuple(
        Run(s.text, size, bold=s.bold or bold, italic=s.italic or italic, underline=s.underline)
        for s in spans
    )


def _paragraph(block: Paragraph, figs: Figures) -> Para:
    size = figs.element("body").size
    label = (Run(f"{block.label} ", size),) if block.label else ()
    base = Para(
        label + _runs(block.spans, size),
        size,
        role=block.kind,
        align="both",
        space_before=figs.pt("element", "body", "space_before_pt"),
        space_after=figs.pt("element", "body", "space_after_pt"),
        line=float(figs.value("element", "body", "line_spacing")),
        first_line=figs.cm("element", "body", "first_line_indent_cm"),
    )
    if block.kind == "heading":
        return replace(base, runs=label + _runs(block.spans, size, bold=True), keep_next=True)
    if block.kind == "centered":
        return replace(base, align="center", first_line=ZERO)
    if block.kind == "plain":
        return replace(base, align="left", first_line=ZERO)
    return base


def _table(block: Table, figs: Figures, text_w: Length) -> Grid:
    size = figs.element("body").size
    ncols = max((len(r) for r in (*block.header, *block.rows)), default=1)
    weights = [1.0] * ncols
    for row in (*block.header, *block.rows):
        for i, cell in enumerate(row):
            weights[i] = max(weights[i], min(sum(len(s.text) for s in cell), 40) / 10 + 1)
    total = sum(weights)
    columns = tuple(text_w * (w / total) for w in weights)

    def make_cell(spans: tuple[Span, ...], i: int, head: bool) -> Cell:
        align = block.align[i] if i < len(block.align) else "left"
        para = Para(
            _runs(spans, size, bold=head),
            size,
            role="table_cell",
            align="center" if head else align,
            space_before=Pt(3),
            space_after=Pt(3),
        )
        return Cell(columns[i], (para,))

    rows = [
        Row(tuple(make_cell(c, i, True) for i, c in enumerate(r)), repeat_header=True)
        for r in block.header
    ]
    rows += [Row(tuple(make_cell(c, i, False) for i, c in enumerate(r))) for r in block.rows]
    return Grid(
        columns, tuple(rows), role="table", borders=True, cell_margin=Pt(5.4), space_after=Pt(6)
    )


def end_with_closing_mark(paras: list[Para | Grid], mark: str) -> list[Para | Grid]:
    """Make the last body paragraph end with ``./.`` (R-ND-5).

    A final "." becomes "./."; a final ":" or ";" is replaced; otherwise the mark is added.
    """
    for i in range(len(paras) - 1, -1, -1):
        para = paras[i]
        if isinstance(para, Para) and para.runs:
            last = para.runs[-1]
            text = last.text.rstrip()
            if text.endswith(mark):
                return paras
            if text.endswith((".", ";", ":", ",")):
                text = text[:-1]
            runs = (
                *para.runs[:-1],
                Run(text + mark, last.size, last.bold, last.italic, last.underline, last.color),
            )
            paras[i] = replace(para, runs=runs)
            return paras
    return paras


def body_paras(blocks: tuple[Block, ...], figs: Figures, text_w: Length) -> list[Para | Grid]:
    """The body blocks as paragraphs and tables, ending with "./."."""
    out: list[Para | Grid] = []
    for block in blocks:
        if isinstance(block, Table):
            out.append(_table(block, figs, text_w))
        else:
            out.append(_paragraph(block, figs))
    return end_with_closing_mark(out, str(figs.value("element", "body", "ending")))
