"""Private WordprocessingML builders: page-model objects → XML text.

Strings are built directly (with escaping) rather than through an object graph: a letter
is written in about a millisecond, and nothing here keeps references between documents.
Each helper is named for what it puts on the page. Element order inside ``rPr``, ``pPr``,
``tblPr`` and ``sectPr`` follows the schema (Word refuses files that do not).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from vnadmin_docs.layout.page_model import Border, Cell, Grid, PageSetup, Para, Row, Run
from vnadmin_docs.units import Length
from vnadmin_docs.writer._drawing import anchor_xml

__all__ = [
    "NS",
    "body_xml",
    "footer_xml",
    "header_xml",
    "page_number_field_xml",
    "paragraph_xml",
    "section_properties_xml",
]

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_JC = {"left": "left", "center": "center", "right": "right", "both": "both"}


def _t(text: str) -> str:
    return escape(text)


def run_properties_xml(run: Run, font: str, color: str) -> str:
    """``w:rPr`` with the font in all four ``w:rFonts`` slots (R-FONT-1)."""
    parts = [f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>']
    if run.bold:
        parts.append("<w:b/><w:bCs/>")
    if run.italic:
        parts.append("<w:i/><w:iCs/>")
    parts.append(f'<w:color w:val="{run.color or color}"/>')
    hp = run.size.half_points
    parts.append(f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>')
    if run.underline:
        parts.append('<w:u w:val="single"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def page_number_field_xml(rpr: str) -> str:
    """A PAGE field: Word and LibreOffice print the current page number there."""
    return (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>2</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


# Characters that are elements of their own in WordprocessingML. U+2011 (non-breaking
# hyphen, from the ``khong_ngat`` filter) is Word's ``w:noBreakHyphen``: Word and LibreOffice
# draw it with the font's hyphen, which Times New Roman may lack as U+2011.
_BREAKS = {"\n": "<w:br/>", "\t": "<w:tab/>", "\u2011": "<w:noBreakHyphen/>"}
_SPLIT_BREAKS = re.compile("([\n\t\u2011])")


def run_xml(run: Run, font: str, color: str) -> str:
    """One ``w:r`` per piece of the text: each line break, tab and non-breaking hyphen is a
    run of its own."""
    rpr = run_properties_xml(run, font, color)
    if run.field == "PAGE":
        return page_number_field_xml(rpr)
    pieces = [p for p in _SPLIT_BREAKS.split(run.text) if p] or [""]
    return "".join(
        f"<w:r>{rpr}{_BREAKS[p]}</w:r>"
        if p in _BREAKS
        else f'<w:r>{rpr}<w:t xml:space="preserve">{_t(p)}</w:t></w:r>'
        for p in pieces
    )


def _border(side: str, border: Border) -> str:
    return (
        f'<w:{side} w:val="single" w:sz="{border.width.eighth_points}" '
        f'w:space="{round(border.space.pt)}" w:color="{border.color}"/>'
    )


def _twips(length: Length) -> int:
    return length.twips


def paragraph_properties_xml(para: Para, extra: str = "") -> str:
    parts: list[str] = []
    if para.keep_next:
        parts.append("<w:keepNext/>")
    if para.keep_lines:
        parts.append("<w:keepLines/>")
    if para.page_break_before:
        parts.append("<w:pageBreakBefore/>")
    borders = ""
    if para.box is not None:
        borders = "".join(_border(s, para.box) for s in ("top", "left", "bottom", "right"))
    else:
        if para.border_top is not None:
            borders += _border("top", para.border_top)
        if para.border_bottom is not None:
            borders += _border("bottom", para.border_bottom)
    if borders:
        parts.append(f"<w:pBdr>{borders}</w:pBdr>")
    if para.tab is not None:
        parts.append(f'<w:tabs><w:tab w:val="left" w:pos="{_twips(para.tab)}"/></w:tabs>')
    if para.exact_line is not None:
        line = f'w:line="{_twips(para.exact_line)}" w:lineRule="exact"'
    else:
        line = f'w:line="{round(para.line * 240)}" w:lineRule="auto"'
    parts.append(
        f'<w:spacing w:before="{_twips(para.space_before)}" '
        f'w:after="{_twips(para.space_after)}" {line}/>'
    )
    ind = f'w:left="{_twips(para.indent_left)}" w:right="{_twips(para.indent_right)}"'
    if para.first_line.pt > 0:
        ind += f' w:firstLine="{_twips(para.first_line)}"'
    elif para.first_line.pt < 0:
        ind += f' w:hanging="{-_twips(para.first_line)}"'
    parts.append(f"<w:ind {ind}/>")
    parts.append(f'<w:jc w:val="{_JC[para.align]}"/>')
    hp = para.size.half_points
    parts.append(f'<w:rPr><w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/></w:rPr>')
    parts.append(extra)
    return "<w:pPr>" + "".join(parts) + "</w:pPr>"


def paragraph_xml(para: Para, font: str, color: str, sect_pr: str = "") -> str:
    runs = "".join(run_xml(r, font, color) for r in para.runs)
    runs = "".join(anchor_xml(a) for a in sorted(para.anchors, key=lambda a: a.z)) + runs
    return f"<w:p>{paragraph_properties_xml(para, sect_pr)}{runs}</w:p>"


def _cell_xml(cell: Cell, font: str, color: str) -> str:
    span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
    paras = "".join(paragraph_xml(p, font, color) for p in cell.paras) or "<w:p/>"
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{_twips(cell.width)}" w:type="dxa"/>{span}'
        f'<w:vAlign w:val="{cell.valign}"/></w:tcPr>{paras}</w:tc>'
    )


def _row_xml(row: Row, font: str, color: str) -> str:
    props = ""
    if row.cant_split:
        props += "<w:cantSplit/>"
    if row.repeat_header:
        props += "<w:tblHeader/>"
    cells = "".join(_cell_xml(c, font, color) for c in row.cells)
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


def grid_xml(grid: Grid, font: str, color: str) -> str:
    """A fixed-layout table: column widths are exactly those of the page model."""
    width = sum(c.twips for c in grid.columns)
    line = 'w:val="single" w:sz="4" w:space="0" w:color="000000"' if grid.borders else 'w:val="nil"'
    borders = "".join(
        f"<w:{side} {line}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    m = _twips(grid.cell_margin)
    mar = (
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{m}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tblCellMar>'
    )
    props = (
        f'<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>{mar}'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )
    cols = "".join(f'<w:gridCol w:w="{c.twips}"/>' for c in grid.columns)
    rows = "".join(_row_xml(r, font, color) for r in grid.rows)
    return f"<w:tbl>{props}<w:tblGrid>{cols}</w:tblGrid>{rows}</w:tbl>"


_SPACER = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>{sect}</w:pPr></w:p>'
)


def spacer_paragraph_xml(sect_pr: str = "") -> str:
    """A 1-twip-high empty paragraph: separates two tables (Word would merge them) and
    carries a section break without taking room on the page."""
    return _SPACER.replace("{sect}", sect_pr)


def body_xml(items: Iterable[Para | Grid], font: str, color: str, sect_pr: str) -> str:
    """Body content of one section; the section break rides on its last paragraph."""
    out: list[str] = []
    last_was_grid = False
    items = list(items)
    for i, item in enumerate(items):
        is_last = i == len(items) - 1
        if isinstance(item, Grid):
            if last_was_grid:
                out.append(spacer_paragraph_xml())
            out.append(grid_xml(item, font, color))
            last_was_grid = True
            if is_last:
                out.append(spacer_paragraph_xml(sect_pr))
        else:
            out.append(paragraph_xml(item, font, color, sect_pr if is_last else ""))
            last_was_grid = False
    if not items:
        out.append(spacer_paragraph_xml(sect_pr))
    return "".join(out)


def section_properties_xml(
    setup: PageSetup,
    refs: dict[str, str],
    *,
    restart: bool,
    title_page: bool,
) -> str:
    """``w:sectPr``: A4, margins, header/footer parts, numbering restart and a different
    first page (so page 1 shows no number, R-PGNUM-2)."""
    ref_xml = "".join(
        f'<w:{kind}Reference w:type="{which}" r:id="{rid}"/>'
        for (kind, which), rid in ((tuple(k.split(":")), v) for k, v in refs.items())
    )
    start = '<w:pgNumType w:start="1"/>' if restart else ""
    orient = ' w:orient="landscape"' if setup.width > setup.height else ""
    title = "<w:titlePg/>" if title_page else ""
    return (
        f'<w:sectPr>{ref_xml}<w:type w:val="nextPage"/>'
        f'<w:pgSz w:w="{setup.width.twips}" w:h="{setup.height.twips}"{orient}/>'
        f'<w:pgMar w:top="{setup.top.twips}" w:right="{setup.right.twips}" '
        f'w:bottom="{setup.bottom.twips}" w:left="{setup.left.twips}" '
        f'w:header="{setup.header_distance.twips}" w:footer="{setup.footer_distance.twips}" '
        f'w:gutter="0"/>{start}<w:cols w:space="720"/>{title}<w:docGrid w:linePitch="360"/>'
        "</w:sectPr>"
    )


def header_xml(paras: Iterable[Para], font: str, color: str) -> str:
    body = "".join(paragraph_xml(p, font, color) for p in paras) or "<w:p/>"
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {NS}>{body}</w:hdr>'


def footer_xml(paras: Iterable[Para], font: str, color: str) -> str:
    body = "".join(paragraph_xml(p, font, color) for p in paras) or "<w:p/>"
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {NS}>{body}</w:ftr>'
