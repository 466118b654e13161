"""The body markup: a small Markdown subset parsed with markdown-it-py into blocks.

Supported: paragraphs (blank line between), ``**bold**``, ``*italic*``, numbered points
with their literal numbers (``1.``), dash items (``-``), lettered points (``a)``), headings
(``#``), GFM tables and hard line breaks. Everything that could surprise a template author
(indented code, raw HTML, links, block quotes, setext headings, rules) is switched off, so
those characters are simply text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from vnadmin_docs.blocks import Block, CellAlign, Paragraph, ParagraphKind, Span, Table

__all__ = ["parse_markup"]

_ALIGNS: dict[str, CellAlign] = {"left": "left", "center": "center", "right": "right"}
_LETTERED = re.compile(r"^([a-zđ])\)\s+")

_MD = (
    MarkdownIt("commonmark", {"html": False, "typographer": False, "linkify": False})
    .enable("table")
    .disable(
        [
            "code",
            "fence",
            "blockquote",
            "hr",
            "html_block",
            "lheading",
            "reference",
            "backticks",
            "html_inline",
            "autolink",
            "link",
            "image",
            "entity",
        ]
    )
)


def _spans(inline: Token) -> tuple[Span, ...]:
    spans: list[Span] = []
    bold = italic = False
    for tok in inline.children or []:
        if tok.type == "strong_open":
            bold = True
        elif tok.type == "strong_close":
            bold = False
        elif tok.type == "em_open":
            italic = True
        elif tok.type == "em_close":
            italic = False
        elif tok.type == "softbreak":
            spans.append(Span(" ", bold, italic))
        elif tok.type == "hardbreak":
            spans.append(Span("\n", bold, italic))
        elif tok.content:
            spans.append(Span(tok.content, bold, italic))
    return _merge(spans)


def _merge(spans: Sequence[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for s in spans:
        if (
            out
            and s.text != "\n"
            and out[-1].text != "\n"
            and (
                (out[-1].bold, out[-1].italic, out[-1].underline) == (s.bold, s.italic, s.underline)
            )
        ):
            out[-1] = Span(out[-1].text + s.text, s.bold, s.italic, s.underline)
        else:
            out.append(s)
    return tuple(out)


def _strip_prefix(spans: tuple[Span, ...], n: int) -> tuple[Span, ...]:
    first = spans[0]
    return (Span(first.text[n:], first.bold, first.italic, first.underline), *spans[1:])


def parse_markup(text: str) -> tuple[Block, ...]:
    """Parse body markup into blocks.

    >>> [b.text for b in parse_markup("Mở đầu.\\n\\n1. Một;\\n2. Hai.\\n\\n- gạch")]
    ['Mở đầu.', '1. Một;', '2. Hai.', '- gạch']
    >>> parse_markup("a) điểm a")[0].kind
    'lettered'
    """
    tokens = _MD.parse(text)
    blocks: list[Block] = []
    list_stack: list[tuple[str, str]] = []  # (kind, markup) per open list
    item_label: list[str | None] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "ordered_list_open":
            list_stack.append(("numbered", tok.markup or "."))
        elif tok.type == "bullet_list_open":
            list_stack.append(("dash", "-"))
        elif tok.type in ("ordered_list_close", "bullet_list_close"):
            list_stack.pop()
        elif tok.type == "list_item_open":
            list_kind, markup = list_stack[-1]
            item_label.append(f"{tok.info}{markup}" if list_kind == "numbered" else "-")
        elif tok.type == "list_item_close":
            item_label.pop()
        elif tok.type == "heading_open":
            spans = _spans(tokens[i + 1])
            blocks.append(Paragraph(spans, kind="heading", level=int(tok.tag[1:])))
            i += 2
        elif tok.type == "paragraph_open":
            spans = _spans(tokens[i + 1])
            level = max(len(list_stack) - 1, 0)
            if item_label and item_label[-1] is not None:
                item_kind: ParagraphKind = "numbered" if list_stack[-1][0] == "numbered" else "dash"
                blocks.append(Paragraph(spans, kind=item_kind, label=item_label[-1], level=level))
                item_label[-1] = None  # later paragraphs of the same item carry no label
            elif spans and (m := _LETTERED.match(spans[0].text)):
                blocks.append(
                    Paragraph(
                        _strip_prefix(spans, m.end()), kind="lettered", label=f"{m.group(1)})"
                    )
                )
            else:
                blocks.append(Paragraph(spans, kind="body", level=level))
            i += 2
        elif tok.type == "table_open":
            i = _table(tokens, i, blocks)
            continue
        i += 1
    return tuple(b for b in blocks if not isinstance(b, Paragraph) or b.spans or b.label)


def _table(tokens: list[Token], i: int, blocks: list[Block]) -> int:
    header: list[tuple[tuple[Span, ...], ...]] = []
    rows: list[tuple[tuple[Span, ...], ...]] = []
    align: list[CellAlign] = []
    in_head = False
    row: list[tuple[Span, ...]] = []
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            (header if in_head else rows).append(tuple(row))
        elif tok.type in ("th_open", "td_open"):
            style = str(tok.attrGet("style") or "")
            if in_head:
                align.append(_ALIGNS.get(style.replace("text-align:", ""), "left"))
            row.append(_spans(tokens[i + 1]))
            i += 1
        i += 1
    blocks.append(Table(tuple(header), tuple(rows), tuple(align)))
    return i + 1
