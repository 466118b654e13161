"""The copy block of a bản sao (Phụ lục I Phần II; R-BS-2, R-BS-3, R-POS-6; Mẫu 3.1).

Right after the original's last line: a solid rule the full width of the text area, then a
borderless grid — copying body with its short rule | SAO Y (SAO LỤC, TRÍCH SAO); Số: 05/SY-UBND
| place and date; Nơi nhận | the signer's title lines, room to sign and seal, the name.
"""

from __future__ import annotations

from dataclasses import replace

from vnadmin_docs.layout.figures import Figures
from vnadmin_docs.layout.measure import balanced_lines
from vnadmin_docs.layout.page_model import ZERO, Border, Cell, Grid, Para, Row, Run
from vnadmin_docs.layout.pieces import lines_para, rule_para, text_para, widest
from vnadmin_docs.model.copy_order import CopyOrder
from vnadmin_docs.text.case import upper_vi
from vnadmin_docs.text.date_line import date_line
from vnadmin_docs.text.so_line import so_line
from vnadmin_docs.units import Length, Pt

__all__ = ["copy_block"]


def _noi_nhan(order: CopyOrder, figs: Figures) -> list[Para]:
    label = figs.element("noi_nhan_label")
    item = figs.element("noi_nhan_item")
    paras = [
        text_para(
            str(figs.value("element", "noi_nhan_label", "text")),
            label,
            "noi_nhan_label",
            align="left",
            keep_next=True,
        )
    ]
    for r in order.recipients:
        run = Run(f"- {r.rstrip(';.')};", item.size)
        paras.append(Para((run,), item.size, role="noi_nhan_item", align="left", keep_next=True))
    luu = f"- Lưu: VT, {order.archive_unit}." if order.archive_unit else "- Lưu: VT."
    paras.append(Para((Run(luu, item.size),), item.size, role="noi_nhan_luu", align="left"))
    return paras


def _signer(order: CopyOrder, figs: Figures) -> list[Para]:
    title = figs.element("signer_title")
    name = figs.element("signer_name")
    paras = [
        text_para(line, title, "signer_title", keep_next=True) for line in order.signer.title_lines
    ]
    space = figs.pt("element", "signer_name", "signature_space_pt")
    paras.append(Para((), title.size, role="signature_space", exact_line=space, keep_next=True))
    paras.append(text_para(order.signer.full_name, name, "signer_name"))
    return paras


def copy_block(order: CopyOrder, figs: Figures, text_w: Length) -> list[Para | Grid]:
    """The rule and the copy grid, kept together after the original's last line."""
    left_w = text_w * float(figs.value("header", "left_ratio", "default"))
    right_w = text_w - left_w
    iss = figs.element("issuer")
    lines = balanced_lines(upper_vi(order.issuer.name), left_w - Pt(2), iss.size, bold=iss.bold)
    ratio = float(figs.value("element", "issuer", "rule_ratio"))
    left_top = [
        lines_para(lines, iss, "copy_issuer", keep_next=True),
        replace(rule_para(widest(lines, iss) * ratio, left_w, "copy_issuer_rule"), keep_next=True),
    ]
    kind_style = figs.element("type_name")
    right_top = [text_para(order.kind, kind_style, "copy_kind", keep_next=True)]
    so_style = figs.element("so")
    blank = " " * int(figs.value("element", "so", "draft_blank_spaces"))
    so = text_para(
        so_line(order.number, order.symbol, blank=blank),
        so_style,
        "copy_so",
        space_before=Pt(6),
        keep_next=True,
    )
    d = order.date
    date_blank = " " * int(figs.value("element", "date_line", "draft_blank_spaces"))
    when = date_line(order.issuer.place, d.date, year=d.year, month=d.month, blank=date_blank)
    date_para = text_para(
        when, figs.element("date_line"), "copy_date", space_before=Pt(6), keep_next=True
    )
    noi_nhan = _noi_nhan(order, figs)
    signer = _signer(order, figs)
    top = Pt(12)
    noi_nhan[0] = replace(noi_nhan[0], space_before=top)
    signer[0] = replace(signer[0], space_before=top)
    full_rule = Para(
        (),
        Pt(2),
        role="copy_rule",
        exact_line=Pt(3),
        space_before=Pt(12),
        space_after=Pt(6),
        border_bottom=Border(width=Pt(0.75), space=ZERO),
        keep_next=True,
    )
    grid = Grid(
        columns=(left_w, right_w),
        rows=(
            Row((Cell(left_w, tuple(left_top)), Cell(right_w, tuple(right_top)))),
            Row((Cell(left_w, (so,)), Cell(right_w, (date_para,)))),
            Row((Cell(left_w, tuple(noi_nhan)), Cell(right_w, tuple(signer)))),
        ),
        role="copy_block",
        cell_margin=ZERO,
    )
    return [full_rule, grid]
