"""Test corpus: a clerk-style Decree 30 document built with python-docx, and mutations.

``build(path, **changes)`` writes a correct document (công văn by default, or a THÔNG BÁO
with ``kind="thong-bao"``) laid out the way clerks do it in Word: a borderless 2-column
header table, direct formatting on runs, underscores or a paragraph border for the lines,
a closing table with Nơi nhận on the left and the signer on the right. Each keyword changes
one thing, so a mutation breaks exactly the rule it is meant to break.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from lxml import etree

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT
TNR = "Times New Roman"
VML = "urn:schemas-microsoft-com:vml"
LEFT_COL_CM = 6.5
RIGHT_COL_CM = 10.0
# (text width of the right column 10 - 2 × 0.19 cm cell margins - motto width) / 2, the
# motto "Độc lập - Tự do - Hạnh phúc" measuring about 6.0 cm in 14 pt bold.
MOTTO_INDENT_CM = 1.6


@dataclass(frozen=True)
class Fmt:
    size: float
    bold: bool = False
    italic: bool = False
    align: Any = CENTER
    font: str = TNR
    color: str | None = None
    underline: bool = False


@dataclass(frozen=True)
class Spec:
    kind: str = "cong-van"  # or "thong-bao"
    # "table" | "rows" (one line per table row) | "tabs" | "spaces" | "textbox"
    layout: str = "table"
    page_mm: tuple[float, float] = (210, 297)
    landscape: bool = False
    margins_mm: tuple[float, float, float, float] = (20, 20, 30, 15)  # top bottom left right
    superior: str = "UBND TỈNH ĐẮK NÔNG"
    superior_fmt: Fmt = Fmt(13)
    issuer: str = "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    issuer_fmt: Fmt = Fmt(13, bold=True)
    issuer_line: bool = True
    issuer_line_chars: int = 12  # underscores typed under the issuer
    underline_motto: bool = False  # the motto's line made by underlining the text
    quoc_hieu: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    quoc_hieu_fmt: Fmt = Fmt(12, bold=True)
    motto: str = "Độc lập - Tự do - Hạnh phúc"
    motto_fmt: Fmt = Fmt(14, bold=True)
    motto_line: bool = True
    so: str | None = None  # None = the right one for the kind
    so_fmt: Fmt = Fmt(13)
    date: str = "Gia Nghĩa, ngày 05 tháng 01 năm 2024"
    date_fmt: Fmt = Fmt(14, italic=True)
    vv: str | None = "V/v hướng dẫn chi trả trợ cấp năm 2024"
    vv_fmt: Fmt = Fmt(12)
    vv_space_before_pt: float = 6
    vv_in_typed: bool = False  # a V/v line in a document with a type name
    mark: str | None = None  # urgency / circulation mark under the number (ô 10b, ô 11)
    mark_fmt: Fmt = Fmt(13, bold=True)
    swap_header: bool = False  # Quốc hiệu in the left column, issuer in the right
    swap_number_row: bool = False  # Số on the right, the date on the left
    blank_after_qh: bool = False  # an empty paragraph between Quốc hiệu and Tiêu ngữ
    blank_after_superior: bool = False
    header_cols_cm: tuple[float, float] = (LEFT_COL_CM, RIGHT_COL_CM)
    motto_indent_cm: float = MOTTO_INDENT_CM
    # When set, the line is an empty bordered paragraph under the motto with these indents
    # (the way our writer draws it) instead of the motto's own bottom border.
    motto_rule_para_indent_cm: float | None = None
    type_name: str = "THÔNG BÁO"
    type_fmt: Fmt = Fmt(14, bold=True)
    trich_yeu: str = "Phân công nhiệm vụ của Lãnh đạo Sở"
    trich_yeu_fmt: Fmt = Fmt(14, bold=True)
    trich_yeu_line: bool = True
    kinh_gui: tuple[str, ...] = ("- Sở Tài chính;", "- Sở Nội vụ.")
    kinh_gui_label: str = "Kính gửi:"
    kinh_gui_fmt: Fmt = Fmt(14, align=LEFT)
    kinh_gui_split: bool = False  # one addressee on its own line
    kinh_gui_cells: bool = False  # "Kính gửi:" and the addressees in two cells of one row
    can_cu: tuple[str, ...] = (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ"
        " về công tác văn thư;",
        "Căn cứ Quyết định số 12/QĐ-UBND ngày 10 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh.",
    )
    can_cu_fmt: Fmt = Fmt(14, italic=True, align=JUSTIFY)
    body: tuple[str, ...] = (
        "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc chi trả trợ cấp năm 2024, Sở Lao động"
        " - Thương binh và Xã hội hướng dẫn các đơn vị chi trả trợ cấp như sau.",
        "Các đơn vị lập danh sách đối tượng, đối chiếu hồ sơ với dữ liệu quản lý và gửi về Sở"
        " trước ngày 20 hằng tháng để tổng hợp, trình Ủy ban nhân dân tỉnh.",
        "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các đơn vị phản ánh về Sở (qua"
        " Văn phòng Sở) để được hướng dẫn, giải quyết kịp thời./.",
    )
    body_fmt: Fmt = Fmt(14, align=JUSTIFY)
    article_bold: bool = True  # "Điều N." in bold (R-BC-4)
    body_indent_cm: float = 1.27
    body_space_before_pt: float = 6
    body_line_spacing: float = 1.15
    body_run_override: dict[str, Any] = field(default_factory=dict)  # on one run of para 2
    noi_nhan_label: str = "Nơi nhận:"
    noi_nhan_fmt: Fmt = Fmt(12, bold=True, italic=True, align=LEFT)
    noi_nhan: tuple[str, ...] = ("- Như trên;", "- Giám đốc Sở;", "- Lưu: VT, VP.")
    noi_nhan_item_fmt: Fmt = Fmt(11, align=LEFT)
    signer_titles: tuple[str, ...] = ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    signer_title_fmt: Fmt = Fmt(14, bold=True)
    signer_name: str = "Nguyễn Văn An"
    signer_name_fmt: Fmt = Fmt(14, bold=True)
    authority: str | None = None  # QĐ: "GIÁM ĐỐC SỞ …" above the căn cứ (R-CC-3)
    decide_line: str | None = None  # QĐ: "QUYẾT ĐỊNH:" after the căn cứ
    closing: str = "table"  # "table" | "rows" (label row, list row) | "tabs" | "stacked"
    noi_nhan_bullets: bool = False  # the list made with Word's "-" bullets
    body_table: bool = False  # a data table inside the body
    page_field: bool = True
    page_in_footer: bool = False
    title_page: bool = True
    styles_only: bool = False  # formatting through styles (and theme fonts) instead of runs
    theme_font: str = TNR  # the theme's minor/major Latin font when styles_only


def _set_font(run: Any, fmt: Fmt, spec: Spec) -> None:
    if fmt.underline:
        run.font.underline = True
    if spec.styles_only:
        # Leave the font to the style chain; only what differs from Normal is direct.
        if fmt.size != 14:
            run.font.size = Pt(fmt.size)
    else:
        run.font.name = fmt.font
        run.font.size = Pt(fmt.size)
    if fmt.bold:
        run.font.bold = True
    if fmt.italic:
        run.font.italic = True
    if fmt.color:
        run.font.color.rgb = RGBColor.from_string(fmt.color)


def _para(container: Any, text: str, fmt: Fmt, spec: Spec, *, reuse: bool = False) -> Any:
    if reuse and container.paragraphs and not container.paragraphs[0].text:
        p = container.paragraphs[0]
    else:
        p = container.add_paragraph()
    p.alignment = fmt.align
    pf = p.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    if text:
        _set_font(p.add_run(text), fmt, spec)
    return p


def _bottom_border(p: Any) -> None:
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, val in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), val)
    bdr.append(bottom)
    ppr.append(bdr)


def _underscores(container: Any, n: int, spec: Spec) -> None:
    _para(container, "_" * n, Fmt(13), spec)


def _page_field(p: Any, spec: Spec) -> None:
    run = p.add_run()
    _set_font(run, Fmt(14), replace(spec, styles_only=False))
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, None),
        ("end", None),
    ):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = "2"
            run._r.append(t)


def _so(spec: Spec) -> str:
    if spec.so is not None:
        return spec.so
    return "Số: 05/TB-SLĐTBXH" if spec.kind == "thong-bao" else "Số: 05/SLĐTBXH-VP"


def _styles(doc: Any, spec: Spec) -> None:
    normal = doc.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    if spec.styles_only:
        for slot in ("w:asciiTheme", "w:hAnsiTheme"):
            fonts.set(qn(slot), "minorHAnsi")
        _patch_theme(doc, spec.theme_font)
        # A body style based on Normal carries the body paragraph formatting.
        body = doc.styles.add_style("Noi dung", 1)
        body.base_style = normal
        body.paragraph_format.first_line_indent = Cm(spec.body_indent_cm)
        body.paragraph_format.space_before = Pt(spec.body_space_before_pt)
        body.paragraph_format.space_after = Pt(0)
        body.paragraph_format.line_spacing = spec.body_line_spacing
        body.paragraph_format.alignment = spec.body_fmt.align
    else:
        normal.font.name = TNR
    normal.font.size = Pt(14)


def _patch_theme(doc: Any, font: str) -> None:
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/theme"):
            part = rel.target_part
            xml = part.blob.decode("utf-8")
            for old in ("Calibri Light", "Calibri", "Cambria", "Times New Roman"):
                xml = xml.replace(f'typeface="{old}"', f'typeface="{font}"')
            part._blob = xml.encode("utf-8")


def _header_table(doc: Any, spec: Spec) -> None:
    table = doc.add_table(rows=2, cols=2)
    table.autofit = False
    widths = (Cm(spec.header_cols_cm[0]), Cm(spec.header_cols_cm[1]))
    for i, width in enumerate(widths):
        table.columns[i].width = width
        for cell in table.columns[i].cells:
            cell.width = width
    left, right = table.rows[0].cells
    if spec.swap_header:
        left, right = right, left
    if spec.superior:
        _para(left, spec.superior, spec.superior_fmt, spec, reuse=True)
        if spec.blank_after_superior:
            _para(left, "", Fmt(13), spec)
    _para(left, spec.issuer, spec.issuer_fmt, spec, reuse=True)
    if spec.issuer_line:
        _underscores(left, spec.issuer_line_chars, spec)
    _para(right, spec.quoc_hieu, spec.quoc_hieu_fmt, spec, reuse=True)
    if spec.blank_after_qh:
        _para(right, "", Fmt(13), spec)
    motto = _para(right, spec.motto, spec.motto_fmt, spec)
    if spec.motto_line and spec.motto_rule_para_indent_cm is not None:
        rule_para = _para(right, "", Fmt(3), spec)
        _bottom_border(rule_para)
        rule_para.paragraph_format.left_indent = Cm(spec.motto_rule_para_indent_cm)
        rule_para.paragraph_format.right_indent = Cm(spec.motto_rule_para_indent_cm)
    elif spec.motto_line and spec.underline_motto:
        for r in motto.runs:
            r.font.underline = True
    elif spec.motto_line:
        _bottom_border(motto)
        # The border spans the paragraph: indent it so it is as long as the motto text.
        motto.paragraph_format.left_indent = Cm(spec.motto_indent_cm)
        motto.paragraph_format.right_indent = Cm(spec.motto_indent_cm)
    left2, right2 = table.rows[1].cells
    if spec.swap_number_row:
        left2, right2 = right2, left2
    _para(left2, _so(spec), spec.so_fmt, spec, reuse=True)
    if spec.vv and (spec.kind == "cong-van" or spec.vv_in_typed):
        vv = _para(left2, spec.vv, spec.vv_fmt, spec)
        vv.paragraph_format.space_before = Pt(spec.vv_space_before_pt)
    if spec.mark:
        _para(left2, spec.mark, spec.mark_fmt, spec)
    _para(right2, spec.date, spec.date_fmt, spec, reuse=True)


def _header_lines(spec: Spec, motto_underscores: int) -> list[tuple[str, Fmt, str, Fmt]]:
    """The header's lines as (left text, format, right text, format), top to bottom."""
    return [
        (spec.superior, spec.superior_fmt, spec.quoc_hieu, spec.quoc_hieu_fmt),
        (spec.issuer, spec.issuer_fmt, spec.motto, spec.motto_fmt),
        (
            "_" * 12 if spec.issuer_line else "",
            Fmt(13),
            "_" * motto_underscores if spec.motto_line else "",
            Fmt(13),
        ),
        (_so(spec), spec.so_fmt, spec.date, spec.date_fmt),
    ]


def _header_rows(doc: Any, spec: Spec) -> None:
    """One header line per row of a borderless 2-column table."""
    rows = _header_lines(spec, motto_underscores=26)
    if spec.vv and spec.kind == "cong-van":
        rows.append((spec.vv, spec.vv_fmt, "", Fmt(13)))
    table = doc.add_table(rows=len(rows), cols=2)
    for (lt, lf, rt, rf), row in zip(rows, table.rows, strict=True):
        left = _para(row.cells[0], lt, lf, spec, reuse=True)
        _para(row.cells[1], rt, rf, spec, reuse=True)
        if lt == spec.vv:
            left.paragraph_format.space_before = Pt(spec.vv_space_before_pt)


def _header_tabs(doc: Any, spec: Spec) -> None:
    for left_text, lf, right_text, rf in _header_lines(spec, motto_underscores=28):
        p = doc.add_paragraph()
        pf = p.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = 1.0
        pf.tab_stops.add_tab_stop(Cm(3.8), WD_ALIGN_PARAGRAPH.CENTER)  # type: ignore[arg-type]
        pf.tab_stops.add_tab_stop(Cm(11.5), WD_ALIGN_PARAGRAPH.CENTER)  # type: ignore[arg-type]
        _set_font(p.add_run("\t" + left_text), lf, spec)
        _set_font(p.add_run("\t" + right_text), rf, spec)
    if spec.vv and spec.kind == "cong-van":
        p = _para(doc, spec.vv, spec.vv_fmt, spec)
        p.alignment = LEFT
        p.paragraph_format.space_before = Pt(6)


def _header_spaces(doc: Any, spec: Spec) -> None:
    """The header typed the way many clerks do: each line one left-aligned paragraph, the
    left and right columns placed with runs of spaces (no table, no tab stops)."""
    for left_text, lf, right_text, rf in _header_lines(spec, motto_underscores=28):
        p = doc.add_paragraph()
        pf = p.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = 1.0
        pad_left = max(0, (26 - len(left_text)) // 2)
        _set_font(p.add_run(" " * pad_left + left_text), lf, spec)
        gap = max(4, 44 - pad_left - len(left_text) - len(right_text) // 2)
        _set_font(p.add_run(" " * gap + right_text), rf, spec)
    if spec.vv and spec.kind == "cong-van":
        p = _para(doc, spec.vv, spec.vv_fmt, spec)
        p.alignment = LEFT
        p.paragraph_format.space_before = Pt(6)


def _textbox(doc: Any, spec: Spec, x_pt: float, paras: list[tuple[str, Fmt]]) -> None:
    anchor = _para(doc, "", Fmt(14), spec)
    run = anchor.add_run()
    pict = OxmlElement("w:pict")
    shape = etree.SubElement(pict, f"{{{VML}}}shape")
    shape.set(
        "style", f"position:absolute;margin-left:{x_pt}pt;margin-top:0pt;width:220pt;height:110pt"
    )
    shape.set("stroked", "f")
    box = etree.SubElement(shape, f"{{{VML}}}textbox")
    content = OxmlElement("w:txbxContent")
    holder = Document()
    cell = holder.add_table(rows=1, cols=1).rows[0].cells[0]
    for text, fmt in paras:
        p = _para(cell, text, fmt, spec, reuse=True)
        if text == spec.vv:
            p.paragraph_format.space_before = Pt(spec.vv_space_before_pt)
    for p in cell.paragraphs:
        content.append(copy.deepcopy(p._p))
    box.append(content)
    run._r.append(pict)


def _header_textboxes(doc: Any, spec: Spec) -> None:
    left = [(spec.superior, spec.superior_fmt), (spec.issuer, spec.issuer_fmt)]
    if spec.issuer_line:
        left.append(("_" * 12, Fmt(13)))
    left.append((_so(spec), spec.so_fmt))
    if spec.vv and spec.kind == "cong-van":
        left.append((spec.vv, spec.vv_fmt))
    right = [(spec.quoc_hieu, spec.quoc_hieu_fmt), (spec.motto, spec.motto_fmt)]
    if spec.motto_line:
        right.append(("_" * 28, Fmt(13)))
    right.append((spec.date, spec.date_fmt))
    _textbox(doc, spec, 0, left)
    _textbox(doc, spec, 230, right)
    for _ in range(5):
        _para(doc, "", Fmt(14), spec)


def _body_para(doc: Any, text: str, spec: Spec, fmt: Fmt) -> Any:
    if spec.styles_only:
        p = doc.add_paragraph(style="Noi dung")
        run = p.add_run(text)
        if fmt.size != 14:
            run.font.size = Pt(fmt.size)
        if fmt.italic:
            run.font.italic = True
        return p
    label = re.match(r"^Điều \d+\.", text)
    if label and spec.article_bold:
        # "Điều 1." bold (R-BC-4), the article's text after it in body type.
        p = _para(doc, label.group(0), replace(fmt, bold=True), spec)
        _set_font(p.add_run(text[label.end() :]), fmt, spec)
    else:
        p = _para(doc, text, fmt, spec)
    pf = p.paragraph_format
    pf.first_line_indent = Cm(spec.body_indent_cm)
    pf.space_before = Pt(spec.body_space_before_pt)
    pf.line_spacing = spec.body_line_spacing
    return p


def _title_block(doc: Any, spec: Spec) -> None:
    if spec.kind == "thong-bao":
        p = _para(doc, spec.type_name, spec.type_fmt, spec)
        p.paragraph_format.space_before = Pt(12)
        _para(doc, spec.trich_yeu, spec.trich_yeu_fmt, spec)
        if spec.trich_yeu_line:
            _para(doc, "_" * 12, Fmt(14), spec)
        if spec.authority:
            _para(doc, spec.authority, Fmt(14, bold=True), spec).paragraph_format.space_before = Pt(
                12
            )
        for line in spec.can_cu:
            p = _body_para(doc, line, spec, spec.can_cu_fmt)
        if spec.decide_line:
            _para(
                doc, spec.decide_line, Fmt(14, bold=True), spec
            ).paragraph_format.space_before = Pt(6)
        return
    if not spec.kinh_gui:
        return
    first, *rest = spec.kinh_gui
    if spec.kinh_gui_cells:
        # "Kính gửi:" in the left cell of a borderless table, the addressees beside it.
        table = doc.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        _para(
            left, spec.kinh_gui_label, spec.kinh_gui_fmt, spec, reuse=True
        ).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for n, item in enumerate(spec.kinh_gui):
            _para(right, item, spec.kinh_gui_fmt, spec, reuse=n == 0)
        return
    if spec.kinh_gui_split:
        _para(doc, spec.kinh_gui_label, spec.kinh_gui_fmt, spec).paragraph_format.left_indent = Cm(
            3
        )
        items = [first, *rest]
    else:
        p = _para(doc, f"{spec.kinh_gui_label}\t{first}", spec.kinh_gui_fmt, spec)
        p.paragraph_format.left_indent = Cm(3)
        p.paragraph_format.space_before = Pt(12)
        items = rest
    for item in items:
        p = _para(doc, "\t" + item, spec.kinh_gui_fmt, spec)
        p.paragraph_format.left_indent = Cm(3)


def _closing(doc: Any, spec: Spec) -> None:
    if spec.closing == "stacked":
        _closing_stacked(doc, spec)
        return
    if spec.closing == "tabs":
        _closing_tabs(doc, spec)
        return
    rows = 2 if spec.closing == "rows" else 1
    table = doc.add_table(rows=rows, cols=2)
    left, right = table.rows[0].cells
    if spec.noi_nhan_label:
        _para(left, spec.noi_nhan_label, spec.noi_nhan_fmt, spec, reuse=True)
    if rows == 2:
        # "Nơi nhận:" and the authority in the first row, the list and the name below.
        for title in spec.signer_titles:
            _para(right, title, spec.signer_title_fmt, spec, reuse=True)
        left, right = table.rows[1].cells
        for n, item in enumerate(spec.noi_nhan):
            _para(left, item, spec.noi_nhan_item_fmt, spec, reuse=n == 0)
        for n in range(4):
            _para(right, "", Fmt(14), spec, reuse=n == 0)
        _para(right, spec.signer_name, spec.signer_name_fmt, spec)
        return
    for item in spec.noi_nhan:
        _noi_nhan_item(left, item, spec)
    for title in spec.signer_titles:
        _para(right, title, spec.signer_title_fmt, spec, reuse=True)
    for _ in range(4):
        _para(right, "", Fmt(14), spec)
    _para(right, spec.signer_name, spec.signer_name_fmt, spec)


def _noi_nhan_item(container: Any, item: str, spec: Spec) -> Any:
    if spec.noi_nhan_bullets and item.startswith("- "):
        # Word's bullet list with a "-" bullet: the dash is not in the text.
        p = _para(container, item[2:], spec.noi_nhan_item_fmt, spec)
        _bullet(p)
        return p
    return _para(container, item, spec.noi_nhan_item_fmt, spec)


def _bullet(p: Any) -> None:
    numbering = p.part.numbering_part.element
    if not numbering.xpath('./w:num[@w:numId="907"]'):
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), "907")
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:numFmt", "bullet"), ("w:lvlText", "-")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        abstract.append(lvl)
        numbering.insert(0, abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), "907")
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), "907")
        num.append(ref)
        numbering.append(num)
    ppr = p._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", "0"), ("w:numId", "907")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        num_pr.append(el)
    ppr.append(num_pr)


def _closing_stacked(doc: Any, spec: Spec) -> None:
    """Signer block as indented centred paragraphs, then Nơi nhận below (no table)."""
    _para(doc, "", Fmt(14), spec)
    for title in spec.signer_titles:
        p = _para(doc, title, spec.signer_title_fmt, spec)
        p.paragraph_format.left_indent = Cm(8)
    for _ in range(3):
        _para(doc, "", Fmt(14), spec)
    p = _para(doc, spec.signer_name, spec.signer_name_fmt, spec)
    p.paragraph_format.left_indent = Cm(8)
    if spec.noi_nhan_label:
        _para(doc, spec.noi_nhan_label, spec.noi_nhan_fmt, spec)
    for item in spec.noi_nhan:
        _noi_nhan_item(doc, item, spec)


def _closing_tabs(doc: Any, spec: Spec) -> None:
    """Nơi nhận on the left, signer on the right, on the same lines, split by a tab."""
    right = [*spec.signer_titles, "", "", "", spec.signer_name]
    left = [spec.noi_nhan_label, *spec.noi_nhan]
    for i in range(max(len(left), len(right))):
        p = doc.add_paragraph()
        pf = p.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        pf.line_spacing = 1.0
        pf.tab_stops.add_tab_stop(Cm(11.5), WD_ALIGN_PARAGRAPH.CENTER)  # type: ignore[arg-type]
        lt = left[i] if i < len(left) else ""
        rt = right[i] if i < len(right) else ""
        lf = spec.noi_nhan_fmt if i == 0 else spec.noi_nhan_item_fmt
        title_rows = len(spec.signer_titles)
        rf = spec.signer_title_fmt if i < title_rows else spec.signer_name_fmt
        if lt:
            _set_font(p.add_run(lt), lf, spec)
        if rt:
            _set_font(p.add_run("\t" + rt), rf, spec)


def _page_setup(doc: Any, spec: Spec) -> None:
    sec = doc.sections[0]
    w, h = spec.page_mm
    if spec.landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        w, h = h, w
    sec.page_width, sec.page_height = Mm(w), Mm(h)
    top, bottom, left, right = spec.margins_mm
    sec.top_margin, sec.bottom_margin = Mm(top), Mm(bottom)
    sec.left_margin, sec.right_margin = Mm(left), Mm(right)
    sec.different_first_page_header_footer = spec.title_page
    if spec.page_field and spec.page_in_footer:
        fp = sec.footer.paragraphs[0]
        fp.alignment = CENTER
        _page_field(fp, spec)
    elif spec.page_field:
        hp = sec.header.paragraphs[0]
        hp.alignment = CENTER
        _page_field(hp, spec)
    if spec.title_page:
        sec.first_page_header.paragraphs[0].text = ""


def build(path: Path, **changes: Any) -> Path:
    """Write the corpus document with ``changes`` applied to :class:`Spec`; returns path."""
    spec = replace(Spec(), **changes)
    doc = Document()
    _styles(doc, spec)
    _page_setup(doc, spec)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    {
        "table": _header_table,
        "rows": _header_rows,
        "tabs": _header_tabs,
        "spaces": _header_spaces,
        "textbox": _header_textboxes,
    }[spec.layout](doc, spec)
    _title_block(doc, spec)
    for i, text in enumerate(spec.body):
        fmt = spec.body_fmt
        p = _body_para(doc, text, spec, fmt)
        if i == 0 and spec.body_table:
            table = doc.add_table(rows=2, cols=3)
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    text = ("TT", "Đơn vị", "Số người")[c] if r == 0 else ("1", "Phòng A", "12")[c]
                    _para(cell, text, Fmt(12, bold=r == 0), spec, reuse=True)
        if i == 1 and spec.body_run_override:
            extra = p.add_run(" Nội dung bổ sung.")
            _set_font(extra, replace(fmt, **spec.body_run_override), spec)
    _closing(doc, spec)
    doc.save(str(path))
    return path
