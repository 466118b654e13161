"""The body markup: a small Markdown subset parsed with markdown-it-py into blocks.

Supported: paragraphs (blank line between), ``**bold**``, ``*italic*``, numbered points
(khoản) with their literal numbers (``1.``), dash items (``-``), lettered points (điểm,
``a)``, ``đ)``), headings (``#``), GFM tables and hard line breaks. Everything that could
surprise a template author (indented code, raw HTML, links, block quotes, setext headings,
rules) is switched off, so those characters are simply text.

Decree 30 pieces (docs/vi/viet-mau.md explains them to template authors):

- a paragraph starting ``Điều 1.`` is an article (R-BC-4); one starting with a Roman
  numeral and a dot (``I. KẾT QUẢ``) is a report-style section heading (R-BC-7);
- a line starting with ``@`` and a keyword (typed with or without diacritics) is a
  directive, one paragraph each:
  ``@can-cu …`` (căn cứ line, R-CC-2), ``@tham-quyen …`` (authority line), ``@quyet-dinh``
  / ``@quyet-nghi`` (the enacting heading, R-CC-3), ``@phan I …``, ``@chuong I …``,
  ``@muc 1 …``, ``@tieu-muc 1 …`` (divisions with their heading, R-BC-2/3), ``@dieu 1 …``
  (an article with its title, bold on one line, R-BC-4), ``@dien …`` / ``@nhan-dien …``
  (a công điện's sender and receivers, Mẫu 1.6), ``@xac-nhan …`` (the confirmation block of
  a giấy nghỉ phép, Mẫu 1.10), ``@giua …``
  (a centred line) and ``@cot 10 50 40`` (relative column widths of the next table).

Lines that start a piece (directives, ``Điều N.``, Roman headings, ``a)``) start a new
paragraph even without a blank line before them, so a clerk can type them one per line.
Values from data are escaped (``escape.py``), so data can never create a piece.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from vnadmin_docs.blocks import Block, CellAlign, Paragraph, ParagraphKind, Span, Table

__all__ = ["DIRECTIVES", "parse_markup"]

_ALIGNS: dict[str, CellAlign] = {"left": "left", "center": "center", "right": "right"}
_LETTERED = re.compile(r"^([a-zđ])\)\s+")
_ARTICLE = re.compile(r"^(Điều\s+\d+[a-zđ]?\.)\s*")
# Roman numerals I … XXXIX only: a report never has more sections, and "C." or "L." at the
# start of a paragraph is far more likely an initial than 100 or 50.
_ROMAN_NUMERAL = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})\."
_ROMAN = re.compile(rf"^({_ROMAN_NUMERAL})\s+")
_BR = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
_DIRECTIVE = re.compile(r"^@(\w[\w-]*)(?:\s+|$)")
# Lines that start a new paragraph even without a blank line before them.
_STARTS_PIECE = re.compile(
    r"^[ \t]*(?:@\w[\w-]*(?:\s|$)|Điều\s+\d+[a-zđ]?\.\s|[a-zđ]\)\s|\d{1,3}[.)]\s|"
    rf"{_ROMAN_NUMERAL}\s)"
)

# Directive keyword → (paragraph kind, fixed text, division word). Keywords are ASCII so that
# they type the same on every keyboard (diacritics typed anyway are folded away).
DIRECTIVES: dict[str, tuple[ParagraphKind, str, str]] = {
    "can-cu": ("can_cu", "", ""),
    "tham-quyen": ("authority", "", ""),
    "quyet-dinh": ("enacting", "QUYẾT ĐỊNH:", ""),
    "quyet-nghi": ("enacting", "QUYẾT NGHỊ:", ""),
    "phan": ("division", "", "Phần"),
    "chuong": ("division", "", "Chương"),
    "muc": ("division", "", "Mục"),
    "tieu-muc": ("division", "", "Tiểu mục"),
    "dieu": ("article_heading", "", ""),  # "@dieu 1 Phạm vi điều chỉnh": a titled article
    "giua": ("centered", "", ""),
    "dien": ("telegram_from", "", ""),  # công điện: "@dien Chủ tịch UBND tỉnh" → "… điện:"
    "nhan-dien": ("telegram_to", "", ""),  # công điện: one receiver per line
    "xac-nhan": ("confirmation", "", ""),  # giấy nghỉ phép: confirmation under the signature
    "cot": ("plain", "", ""),  # column widths of the next table; produces no paragraph
}

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


def _separate_pieces(text: str) -> str:
    """Put a blank line before every line that starts a piece, so consecutive căn cứ lines
    or điểm typed one per line stay separate paragraphs. Table rows are left alone.

    >>> _separate_pieces("@can-cu A;\\n@can-cu B.")
    '@can-cu A;\\n\\n@can-cu B.'
    """
    out: list[str] = []
    for line in text.split("\n"):
        if out and out[-1].strip() and _STARTS_PIECE.match(line):
            out.append("")
        out.append(line)
    return "\n".join(out)


def _fold_keyword(word: str) -> str:
    """Directive keywords may be typed with diacritics, capitals or "_".

    >>> _fold_keyword("Căn_Cứ")
    'can-cu'
    """
    plain = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c)).lower().replace("_", "-")


def _directive_error(keyword: str) -> ValueError:
    known = ", ".join(f"@{k}" for k in DIRECTIVES)
    return ValueError(
        f"không có lệnh “@{keyword}”; các lệnh có: {known}|"
        f"unknown directive '@{keyword}'; known: {known}"
    )


_DIEU_NUMBER = re.compile(r"^(?:Điều\s+)?(\d+[a-zđ]?)\.?(?:\s+|$)", re.IGNORECASE)


def _article_heading(rest: tuple[Span, ...]) -> Paragraph:
    """ ``@dieu 1 Phạm vi điều chỉnh`` (also ``@dieu 1. …``, ``@dieu Điều 1. …``): an article
    whose text is its title — bold on its own line whatever its punctuation (R-BC-4)."""
    text = rest[0].text if rest else ""
    m = _DIEU_NUMBER.match(text)
    if not m:
        raise ValueError(
            f"“@dieu {text}” cần số điều, ví dụ “@dieu 1 Phạm vi điều chỉnh”|"
            f"'@dieu {text}' needs the article number, e.g. '@dieu 1 Phạm vi điều chỉnh'"
        )
    title = tuple(s for s in _strip_prefix(rest, m.end()) if s.text)
    return Paragraph(title, kind="article_heading", label=f"Điều {m.group(1)}.")


def _piece(spans: tuple[Span, ...], raw: str, level: int) -> Paragraph | tuple[float, ...] | None:
    """A paragraph recognised by its start (directive, article, Roman heading), or the
    column widths of a ``@cot`` line, or ``None`` for an ordinary paragraph.

    ``raw`` is the paragraph's source text: an escaped ``\\@`` or ``Điều 1\\.`` coming from
    data does not match there, so data cannot create a piece."""
    first = spans[0].text if spans else ""
    if not (_DIRECTIVE.match(raw) or _ARTICLE.match(raw) or _ROMAN.match(raw)):
        return None
    if m := _DIRECTIVE.match(first):
        keyword = _fold_keyword(m.group(1))
        if keyword not in DIRECTIVES:
            raise _directive_error(keyword)
        kind, fixed, word = DIRECTIVES[keyword]
        rest = _strip_prefix(spans, m.end())
        if keyword == "cot":
            text = "".join(s.text for s in rest)
            try:
                widths = tuple(float(w.replace(",", ".")) for w in text.split())
            except ValueError:
                widths = ()
            if not widths or any(w <= 0 for w in widths):
                raise ValueError(
                    f"“@cot {text}” cần các số dương, ví dụ “@cot 10 50 40”|"
                    f"'@cot {text}' needs positive numbers, e.g. '@cot 10 50 40'"
                )
            return widths
        if fixed:
            return Paragraph((Span(fixed),), kind=kind)
        if keyword == "dieu":
            return _article_heading(rest)
        if word:
            text = rest[0].text if rest else ""
            # "Phần I", "Mục 2", or the ordinal words "Phần thứ nhất".
            m_num = re.match(r"(thứ\s+\S+|\S+)(\s+|$)", text, re.IGNORECASE)
            number = m_num.group(1) if m_num else ""
            cut = m_num.end() if m_num else 0
            heading = _strip_prefix(rest, cut) if rest else ()
            heading = tuple(s for s in heading if s.text)
            return Paragraph(heading, kind="division", label=f"{word} {number}".strip())
        return Paragraph(rest, kind=kind, level=level)
    if m := _ARTICLE.match(first):
        label = re.sub(r"\s+", " ", m.group(1))
        return Paragraph(_strip_prefix(spans, m.end()), kind="article", label=label)
    if m := _ROMAN.match(first):
        return Paragraph(_strip_prefix(spans, m.end()), kind="roman", label=m.group(1))
    return None


def parse_markup(text: str) -> tuple[Block, ...]:
    """Parse body markup into blocks.

    >>> [b.text for b in parse_markup("Mở đầu.\\n\\n1. Một;\\n2. Hai.\\n\\n- gạch")]
    ['Mở đầu.', '1. Một;', '2. Hai.', '- gạch']
    >>> parse_markup("a) điểm a")[0].kind
    'lettered'
    >>> [(b.kind, b.text) for b in parse_markup("@can-cu Căn cứ A\\n@can-cu Căn cứ B")]
    [('can_cu', 'Căn cứ A'), ('can_cu', 'Căn cứ B')]
    >>> [(b.kind, b.label) for b in parse_markup("@chuong I QUY ĐỊNH CHUNG\\nĐiều 1. Phạm vi")]
    [('division', 'Chương I'), ('article', 'Điều 1.')]
    >>> [(b.kind, b.label, b.text) for b in parse_markup("@dieu 2 Giải thích từ ngữ")]
    [('article_heading', 'Điều 2.', 'Điều 2. Giải thích từ ngữ')]
    >>> [(b.label, b.text) for b in parse_markup("@phan thứ nhất Kết quả")]
    [('Phần thứ nhất', 'Phần thứ nhất Kết quả')]
    >>> [b.text for b in parse_markup("Gồm:\\n- một;\\n+ một phẩy một;\\n2. hai.\\n\\nC. Ronaldo")]
    ['Gồm:', '- một;', '+ một phẩy một;', '2. hai.', 'C. Ronaldo']

    Raises :class:`ValueError` ("vi|en") for an unknown directive or a bad ``@cot`` line.
    """
    tokens = _MD.parse(_separate_pieces(text))
    pending_widths: tuple[float, ...] = ()
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
            # A dash item keeps its marker: văn thư use "+" for second-level items.
            bullet = "+" if tok.markup == "+" else "-"
            item_label.append(f"{tok.info}{markup}" if list_kind == "numbered" else bullet)
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
            elif (
                spans
                and _LETTERED.match(tokens[i + 1].content)
                and (m := _LETTERED.match(spans[0].text))
            ):
                blocks.append(
                    Paragraph(
                        _strip_prefix(spans, m.end()), kind="lettered", label=f"{m.group(1)})"
                    )
                )
            elif (piece := _piece(spans, tokens[i + 1].content, level)) is not None:
                if isinstance(piece, tuple):
                    pending_widths = piece
                else:
                    blocks.append(piece)
            else:
                blocks.append(Paragraph(spans, kind="body", level=level))
            i += 2
        elif tok.type == "table_open":
            i = _table(tokens, i, blocks, pending_widths)
            pending_widths = ()
            continue
        i += 1
    return tuple(
        b for b in blocks if not isinstance(b, Paragraph) or b.spans or b.label or b.kind != "body"
    )


def _cell_breaks(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """A table row is one line of markup, so a line break inside a cell is written
    ``<br>`` (the ``o_bang`` filter does it for data values).

    >>> [s.text for s in _cell_breaks((Span("Phụ trách chung;<br>Chủ tài khoản."),))]
    ['Phụ trách chung;', '\\n', 'Chủ tài khoản.']
    """
    out: list[Span] = []
    for span in spans:
        pieces = _BR.split(span.text)
        for k, piece in enumerate(pieces):
            if k:
                out.append(Span("\n", span.bold, span.italic, span.underline))
            if piece:
                out.append(Span(piece, span.bold, span.italic, span.underline))
    return tuple(out)


def _table(tokens: list[Token], i: int, blocks: list[Block], widths: tuple[float, ...] = ()) -> int:
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
            row.append(_cell_breaks(_spans(tokens[i + 1])))
            i += 1
        i += 1
    blocks.append(Table(tuple(header), tuple(rows), tuple(align), widths))
    return i + 1
