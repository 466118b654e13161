"""The first-page header grid (ô 1–5b, 10a, 10b, 11): issuer and national title side by side.

Row 1: superior body, issuer and the short rule (left) | Quốc hiệu, Tiêu ngữ and the rule
as long as the Tiêu ngữ (right). Row 2: Số/ký hiệu, V/v, marks (left) | place and date
(right) — on one row, as R-SO-10 and R-DD-6 require.
"""

from __future__ import annotations

from vnadmin_docs.errors import LayoutError
from vnadmin_docs.layout.figures import Figures
from vnadmin_docs.layout.measure import balanced_lines, text_width, wrap_words
from vnadmin_docs.layout.page_model import ZERO, Border, Cell, Grid, Para, Row, Run
from vnadmin_docs.layout.pieces import fits, lines_para, rule_para, text_para, widest
from vnadmin_docs.model.document import Document
from vnadmin_docs.model.issuer import Issuer
from vnadmin_docs.text.case import upper_vi
from vnadmin_docs.text.date_line import date_line
from vnadmin_docs.text.so_line import so_line
from vnadmin_docs.units import Length, Mm, Pt

__all__ = ["frame_para", "header_columns", "header_grid", "issuer_header_grid"]


def _date_text(doc: Document, figs: Figures) -> str:
    blank = " " * int(figs.value("element", "date_line", "draft_blank_spaces"))
    d = doc.date
    return date_line(doc.issuer.place, d.date, year=d.year, month=d.month, blank=blank)


def header_columns(doc: Document, figs: Figures, text_w: Length) -> tuple[Length, Length]:
    """Left and right column widths. The default split comes from the data file; when the
    date line or the Quốc hiệu would wrap in the right column, the left column gives up
    width down to the smallest allowed share (R-QH-8)."""
    date_style = figs.element("date_line")
    return _columns(text_width(_date_text(doc, figs), date_style.size, italic=True), figs, text_w)


def _columns(date_w: Length, figs: Figures, text_w: Length) -> tuple[Length, Length]:
    spec = figs.data["header"]["left_ratio"]
    qh_style = figs.element("quoc_hieu")
    need = max(
        date_w,
        text_width(figs.data["element"]["quoc_hieu"]["text"], qh_style.size, bold=True),
    )
    ratio = float(spec["default"])
    while ratio > float(spec["min"]) and not fits(need, text_w * (1 - ratio)):
        ratio = round(ratio - 0.01, 4)
    if not fits(need, text_w * (1 - ratio)):
        raise LayoutError(
            "Dòng địa danh, ngày tháng quá dài, không nằm trên một dòng ở cột phải của phần "
            "đầu văn bản; hãy rút gọn địa danh (R-DD-1) hoặc giảm cỡ chữ trong hồ sơ cấu hình.",
            "The place/date line is too long for one line of the right header column; shorten "
            "the place name (R-DD-1) or lower its size in the profile.",
        )
    left = text_w * ratio
    return left, text_w - left


def _left_top(issuer: Issuer, figs: Figures, width: Length) -> list[Para]:
    paras: list[Para] = []
    usable = width - Pt(2)
    if issuer.superior:
        sup = figs.element("superior")
        lines = balanced_lines(upper_vi(issuer.superior), usable, sup.size, bold=sup.bold)
        paras.append(lines_para(lines, sup, "superior"))
    iss = figs.element("issuer")
    lines = balanced_lines(upper_vi(issuer.name), usable, iss.size, bold=iss.bold)
    paras.append(lines_para(lines, iss, "issuer"))
    ratio = float(figs.value("element", "issuer", "rule_ratio"))
    paras.append(rule_para(widest(lines, iss) * ratio, width, "issuer_rule"))
    return paras


def _right_top(figs: Figures, width: Length) -> list[Para]:
    qh = figs.element("quoc_hieu")
    tn = figs.element("tieu_ngu")
    qh_text = str(figs.data["element"]["quoc_hieu"]["text"])
    tn_text = str(figs.data["element"]["tieu_ngu"]["text"])
    tn_w = text_width(tn_text, tn.size, bold=tn.bold) * float(
        figs.value("element", "tieu_ngu", "rule_ratio")
    )
    return [
        text_para(qh_text, qh, "quoc_hieu"),
        text_para(tn_text, tn, "tieu_ngu"),
        rule_para(tn_w, width, "tieu_ngu_rule"),
    ]


def _so_text(doc: Document, figs: Figures, symbol: tuple[str, ...]) -> str:
    blank = " " * int(figs.value("element", "so", "draft_blank_spaces"))
    return so_line(doc.number.number, symbol, blank=blank)


def frame_para(
    text: str,
    figs: Figures,
    element: str,
    width_mm: float,
    height_mm: float,
    column: Length,
    role: str,
) -> Para:
    """A mark in a single-line rectangular frame of the stamp's size (R-KHAN-2, R-LH-1)."""
    style = figs.element(element)
    color = figs.data["element"][element].get("color")
    text_w = text_width(text, style.size, bold=style.bold)
    box_w = max(Mm(width_mm), text_w + Mm(4))
    side = (column - box_w) * 0.5
    return Para(
        (Run(text, style.size, bold=style.bold, italic=style.italic, color=color),),
        style.size,
        role=role,
        align="center",
        indent_left=side,
        indent_right=side,
        space_before=Pt(8),
        exact_line=Mm(height_mm) - Pt(2),
        box=Border(width=Pt(0.75), space=ZERO, color=color or "000000"),
    )


def header_grid(
    doc: Document,
    figs: Figures,
    text_w: Length,
    symbol: tuple[str, ...],
    *,
    vv: str | None,
    date_line: bool = True,
) -> Grid:
    """The header as a borderless two-column grid, rows kept on one page. ``date_line``
    false leaves out the place and date (a biên bản, Mẫu 1.9)."""
    left_w, right_w = header_columns(doc, figs, text_w)
    so_style = figs.element("so")
    left_bottom: list[Para] = [
        text_para(_so_text(doc, figs, symbol), so_style, "so", space_before=Pt(6))
    ]
    if vv:
        vv_style = figs.element("vv")
        prefix = str(figs.value("element", "vv", "prefix"))
        lines = wrap_words(f"{prefix} {vv}", left_w - Pt(4), vv_style.size)
        left_bottom.append(
            lines_para(
                lines, vv_style, "vv", space_before=figs.pt("element", "vv", "space_before_pt")
            )
        )
    marks = doc.marks
    if marks.secrecy:
        left_bottom.append(frame_para(marks.secrecy, figs, "secrecy", 20, 8, left_w, "secrecy"))
    if marks.urgency:
        w_mm, h_mm = figs.data["element"]["urgency"]["frames_mm"][marks.urgency]
        left_bottom.append(
            frame_para(marks.urgency, figs, "urgency", w_mm, h_mm, left_w, "urgency")
        )
    date_style = figs.element("date_line")
    right_bottom = (
        [text_para(_date_text(doc, figs), date_style, "date_line", space_before=Pt(6))]
        if date_line
        else [Para((), Pt(2))]
    )
    return Grid(
        columns=(left_w, right_w),
        rows=(
            Row(
                (
                    Cell(left_w, tuple(_left_top(doc.issuer, figs, left_w))),
                    Cell(right_w, tuple(_right_top(figs, right_w))),
                )
            ),
            Row((Cell(left_w, tuple(left_bottom)), Cell(right_w, tuple(right_bottom)))),
        ),
        role="header",
        cell_margin=ZERO,
    )


def issuer_header_grid(
    issuer: Issuer, figs: Figures, text_w: Length, columns: tuple[Length, Length] | None = None
) -> Grid:
    """The top row of the header alone — issuer and its rule | Quốc hiệu, Tiêu ngữ and its
    rule — as a text issued with a decision repeats it (Mẫu 1.3, no Số or date row).
    ``columns`` keeps the parent's split so both first pages look alike."""
    left_w, right_w = columns or _columns(ZERO, figs, text_w)
    return Grid(
        columns=(left_w, right_w),
        rows=(
            Row(
                (
                    Cell(left_w, tuple(_left_top(issuer, figs, left_w))),
                    Cell(right_w, tuple(_right_top(figs, right_w))),
                )
            ),
        ),
        role="header",
        cell_margin=ZERO,
    )
