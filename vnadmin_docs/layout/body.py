"""The body (ô 6): blocks from the content stage set as Decree 30 body text.

Every paragraph: body size, justified, first-line indent, space between paragraphs and line
spacing from the data file (R-ND-1..4); numbered, dash and lettered points keep their
literal markers at the start of the indented line, as văn thư type them. The last
paragraph ends with "./." (R-ND-5).

The pieces of documents with a type name: căn cứ lines (italic; ";" after each, "." after
the last, repaired here, R-CC-2), the authority line and "QUYẾT ĐỊNH:" (R-CC-3), Phần/
Chương/Mục headings (R-BC-2/3), "Điều N." (R-BC-4), report-style "I." headings (R-BC-7)
and tables whose header row repeats on every page.
"""

from __future__ import annotations

from dataclasses import replace

from vnadmin_docs.blocks import Block, Paragraph, Span, Table
from vnadmin_docs.layout.figures import ElementStyle, Figures
from vnadmin_docs.layout.forms import AFTER_SIGNATURE, telegram_paras
from vnadmin_docs.layout.measure import text_width
from vnadmin_docs.layout.page_model import ZERO, Cell, Grid, Para, Row, Run
from vnadmin_docs.text.case import upper_vi
from vnadmin_docs.units import Length, Mm, Pt

__all__ = [
    "article_title_line",
    "body_paras",
    "column_widths",
    "end_with_closing_mark",
    "fix_can_cu_punctuation",
    "unmarked_article_lines",
]

_TRAILING = ";,.:"
_BODY_SIZE = Pt(14)
_NO_CLOSING_MARK = {
    "authority",
    "enacting",
    "division_label",
    "division_heading",
    "telegram_from",
    "telegram_to",
}
_TELEGRAM = ("telegram_from", "telegram_to")


def _runs(
    spans: tuple[Span, ...], size: Length, *, bold: bool = False, italic: bool = False
) -> tuple[Run, ...]:
    return tuple(
        Run(s.text, size, bold=s.bold or bold, italic=s.italic or italic, underline=s.underline)
        for s in spans
    )


def article_title_line(block: Paragraph, figs: Figures, text_w: Length) -> bool:
    """Whether an unmarked "Điều N. …" reads as a title: no final punctuation, no line
    break, and it fits on one line after the first-line indent (R-BC-4: "Điều" + number +
    heading on one line). Anything longer is a sentence, whatever its punctuation."""
    text = block.text.rstrip()
    if not text or text.endswith(tuple(_TRAILING)) or any(s.text == "\n" for s in block.spans):
        return False
    style = figs.element("article")
    room = text_w - figs.cm("element", "body", "first_line_indent_cm")
    return text_width(text, style.size, bold=True) + Pt(2) <= room


def unmarked_article_lines(blocks: tuple[Block, ...], figs: Figures, text_w: Length) -> list[str]:
    """The "Điều N." paragraphs that are neither marked as a title (``@dieu``) nor a short
    title line nor a sentence ending in punctuation: the reader cannot tell which they are.
    They are set as sentences; the caller warns, naming each line."""
    return [
        b.text
        for b in blocks
        if isinstance(b, Paragraph)
        and b.kind == "article"
        and not b.text.rstrip().endswith(tuple(_TRAILING))
        and not article_title_line(b, figs, text_w)
    ]


def _paragraph(block: Paragraph, figs: Figures, text_w: Length) -> Para:
    size = figs.element("body").size
    # R-BC-5: a khoản whose text is a bold heading has its number in bold too.
    bold_label = bool(block.spans) and all(s.bold or not s.text.strip() for s in block.spans)
    label = (Run(f"{block.label} ", size, bold=bold_label),) if block.label else ()
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
    if block.kind == "can_cu":
        style = figs.element("can_cu")
        return replace(
            base,
            runs=_runs(block.spans, style.size, bold=style.bold, italic=style.italic),
            size=style.size,
        )
    if block.kind in ("authority", "enacting"):
        return _centred_upper(block.spans, block.kind, figs)
    if block.kind in ("article", "article_heading"):
        style = figs.element("article")
        # A titled article ("@dieu 1 Phạm vi điều chỉnh", or an unmarked short title line)
        # is bold throughout; an article that runs on as a sentence ("Điều 1. Phê duyệt …;")
        # has only its label in bold. A missing full stop alone never makes a heading.
        heading = block.kind == "article_heading" or article_title_line(block, figs, text_w)
        return _labelled(base, block.label, block.spans, style, style.bold and heading, heading)
    if block.kind == "roman":
        style = figs.element("roman_heading")
        text_spans = tuple(Span(upper_vi(s.text), s.bold, s.italic) for s in block.spans)
        return _labelled(base, block.label, text_spans, style, style.bold, True)
    return base


def _labelled(
    base: Para,
    label: str | None,
    spans: tuple[Span, ...],
    style: ElementStyle,
    bold_text: bool,
    keep_next: bool,
) -> Para:
    """``base`` as "<label> <text>" in ``style``: the label bold when the style is."""
    return replace(
        base,
        runs=(
            Run(f"{label} ", style.size, bold=style.bold),
            *_runs(spans, style.size, bold=bold_text),
        ),
        size=style.size,
        keep_next=keep_next,
    )


def _upper_runs(spans: tuple[Span, ...], style: ElementStyle) -> tuple[Run, ...]:
    """The spans in UPPER case, in the size and weight of ``style``."""
    return tuple(
        Run(upper_vi(s.text) if s.text != "\n" else s.text, style.size, bold=style.bold)
        for s in spans
    )


def _centred_upper(spans: tuple[Span, ...], kind: str, figs: Figures) -> Para:
    element = "authority" if kind == "authority" else "enacting"
    style = figs.element(element)
    return Para(
        _upper_runs(spans, style),
        style.size,
        role=kind,
        align="center",
        space_before=figs.pt("element", element, "space_before_pt"),
        space_after=figs.pt("element", element, "space_after_pt"),
        line=float(figs.value("element", "body", "line_spacing")),
        keep_next=True,
    )


def _division(block: Paragraph, figs: Figures) -> list[Para]:
    """ "Chương I" on its own centred bold line, its UPPER heading on the next (R-BC-2/3)."""
    lab = figs.element("division_label")
    head = figs.element("division_heading")
    line = float(figs.value("element", "body", "line_spacing"))
    paras = [
        Para(
            (Run(block.label or "", lab.size, bold=lab.bold),),
            lab.size,
            role="division_label",
            align="center",
            space_before=figs.pt("element", "division_label", "space_before_pt"),
            line=line,
            keep_next=True,
        )
    ]
    if block.spans:
        paras.append(
            Para(
                _upper_runs(block.spans, head),
                head.size,
                role="division_heading",
                align="center",
                space_after=figs.pt("element", "division_heading", "space_after_pt"),
                line=line,
                keep_next=True,
            )
        )
    return paras


def fix_can_cu_punctuation(paras: list[Para | Grid]) -> list[Para | Grid]:
    """Each căn cứ line ends with ";", the last of a run of them with "." (R-CC-2, R-CC-3:
    "Theo đề nghị của …" is the last line and ends with ".").

    Whatever the author typed at the end (",", ";", "." or nothing) is replaced.
    """
    out = list(paras)
    for i, para in enumerate(out):
        if not (isinstance(para, Para) and para.role == "can_cu" and para.runs):
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        last = not (isinstance(nxt, Para) and nxt.role == "can_cu")
        mark = "." if last else ";"
        runs = list(para.runs)
        while runs and not runs[-1].text.strip():
            runs.pop()
        if not runs:
            continue
        end = runs[-1]
        text = end.text.rstrip().rstrip(_TRAILING).rstrip()
        runs[-1] = replace(end, text=text + mark)
        out[i] = replace(para, runs=tuple(runs))
    return out


def _cell_text(cell: tuple[Span, ...]) -> str:
    return "".join(s.text for s in cell)


def column_widths(
    rows: list[tuple[tuple[Span, ...], ...]],
    ncols: int,
    text_w: Length,
    size: Length,
    *,
    minimum: Length,
    padding: Length,
    weights: tuple[float, ...] = (),
) -> tuple[Length, ...]:
    """Column widths that add up to the text width.

    With ``weights`` (the author's ``@cot`` line) the widths are proportional to them.
    Otherwise the space left after the floors is shared in proportion to how much more each
    column would need to set its longest cell on one line. Either way every column gets at
    least its longest word (so no word is split) and at least ``minimum``.
    """
    floor: list[float] = [minimum.pt] * ncols
    want: list[float] = [minimum.pt] * ncols
    for row in rows:
        for i, cell in enumerate(row[:ncols]):
            text = _cell_text(cell)
            bold = any(s.bold for s in cell)
            longest_word = max(
                (text_width(word, size, bold=bold).pt for word in text.split()), default=0.0
            )
            floor[i] = max(floor[i], longest_word + padding.pt)
            widest_line = max(text_width(ln, size, bold=bold).pt for ln in text.split("\n"))
            want[i] = max(want[i], widest_line + padding.pt)
    avail = text_w.pt
    if sum(floor) >= avail:
        scale = avail / sum(floor)
        return tuple(Pt(f * scale) for f in floor)
    if weights:
        w = [float(weights[i]) if i < len(weights) else 1.0 for i in range(ncols)]
        fixed: dict[int, float] = {}
        while True:  # columns below their floor get the floor; the rest share what is left
            free = [i for i in range(ncols) if i not in fixed]
            room = avail - sum(fixed.values())
            total = sum(w[i] for i in free)
            short = [i for i in free if room * w[i] / total < floor[i]]
            if not short:
                return tuple(
                    Pt(fixed[i] if i in fixed else room * w[i] / total) for i in range(ncols)
                )
            for i in short:
                fixed[i] = floor[i]
    extra = [max(w - f, 0.0) for w, f in zip(want, floor, strict=True)]
    spare = avail - sum(floor)
    if sum(extra) <= spare:
        # Everything fits on one line: share what is left in proportion to the content.
        widths = [w for w in want]
        rest = avail - sum(widths)
        total = sum(widths)
        return tuple(Pt(w + rest * w / total) for w in widths)
    share = spare / sum(extra)
    return tuple(Pt(f + e * share) for f, e in zip(floor, extra, strict=True))


def _table(block: Table, figs: Figures, text_w: Length) -> Grid:
    style = figs.element("table_cell")
    size = style.size
    margin = figs.pt("element", "table_cell", "cell_margin_pt")
    ncols = max((len(r) for r in (*block.header, *block.rows)), default=1)
    # Header cells are set bold, so measure them bold: a bold "STT" is wider than a plain one.
    bold_header = [
        tuple(tuple(Span(s.text, True, s.italic, s.underline) for s in cell) for cell in row)
        for row in block.header
    ]
    columns = column_widths(
        [*bold_header, *block.rows],
        ncols,
        text_w,
        size,
        minimum=Mm(float(figs.value("element", "table_cell", "min_column_mm"))),
        padding=margin * 2 + Pt(2),
        weights=block.widths,
    )
    before = figs.pt("element", "table_cell", "space_before_pt")
    after = figs.pt("element", "table_cell", "space_after_pt")

    def make_cell(spans: tuple[Span, ...], i: int, head: bool) -> Cell:
        align = block.align[i] if i < len(block.align) else "left"
        para = Para(
            _runs(spans, size, bold=head),
            size,
            role="table_header" if head else "table_cell",
            align="center" if head else align,
            space_before=before,
            space_after=after,
        )
        return Cell(columns[i], (para,), valign="center" if head else "top")

    def full(row: tuple[tuple[Span, ...], ...]) -> tuple[tuple[Span, ...], ...]:
        return row + ((),) * (ncols - len(row))

    rows = [
        Row(tuple(make_cell(c, i, True) for i, c in enumerate(full(r))), repeat_header=True)
        for r in block.header
    ]
    rows += [Row(tuple(make_cell(c, i, False) for i, c in enumerate(full(r)))) for r in block.rows]
    return Grid(
        columns, tuple(rows), role="table", borders=True, cell_margin=margin, space_after=Pt(6)
    )


def end_with_closing_mark(
    paras: list[Para | Grid], mark: str, size: Length = _BODY_SIZE
) -> list[Para | Grid]:
    """Make the last body paragraph end with ``./.`` (R-ND-5).

    A final "." becomes "./."; a final ":" or ";" is replaced; otherwise the mark is added.
    Headings (a chapter title, "QUYẾT ĐỊNH:") never take it: it goes on the last text. A body
    that ends with a table gets the mark on a line of its own under the table, at the right
    margin where the samples' last line ends (it must not land on the text above the table).
    """
    for i in range(len(paras) - 1, -1, -1):
        para = paras[i]
        if isinstance(para, Grid):
            closing = Para((Run(mark, size),), size, role="closing_mark", align="right")
            return [*paras, closing]
        if isinstance(para, Para) and para.runs and para.role not in _NO_CLOSING_MARK:
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
    telegram: list[Paragraph] = []
    for block in (*blocks, None):
        if isinstance(block, Paragraph) and block.kind in _TELEGRAM:
            telegram.append(block)
            continue
        if telegram:
            out.extend(telegram_paras(telegram, figs, text_w))
            telegram = []
        if block is None or (isinstance(block, Paragraph) and block.kind in AFTER_SIGNATURE):
            continue
        if isinstance(block, Table):
            # A table has no paragraph spacing of its own: an empty line of the body's
            # paragraph spacing keeps it off the text above and below (R-ND-3).
            gap = figs.pt("element", "body", "space_before_pt")
            spacer = Para((), Pt(2), role="table_gap", exact_line=gap)
            out.extend((spacer, _table(block, figs, text_w), spacer))
        elif block.kind == "division":
            out.extend(_division(block, figs))
        else:
            out.append(_paragraph(block, figs, text_w))
    out = fix_can_cu_punctuation(out)
    ending = str(figs.value("element", "body", "ending"))
    return end_with_closing_mark(out, ending, figs.element("body").size)
