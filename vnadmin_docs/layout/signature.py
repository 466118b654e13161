"""Nơi nhận (ô 9b) beside the signature block (ô 7a–7c), kept together on one page.

A borderless two-column grid of one row that may not split across pages: Nơi nhận on the
left starting on the same line as the authority line on the right (R-KY-9, R-POS-4).
"""

from __future__ import annotations

from dataclasses import replace

from vnadmin_docs.layout.figures import Figures
from vnadmin_docs.layout.page_model import ZERO, Cell, Grid, Para, Row, Run
from vnadmin_docs.layout.pieces import text_para
from vnadmin_docs.model.document import Document
from vnadmin_docs.units import Length, Pt

__all__ = ["signature_grid"]


def _noi_nhan(doc: Document, figs: Figures, recipients: tuple[str, ...]) -> list[Para]:
    label = figs.element("noi_nhan_label")
    item = figs.element("noi_nhan_item")
    paras = [
        text_para(
            str(figs.data["element"]["noi_nhan_label"]["text"]),
            label,
            "noi_nhan_label",
            align="left",
            keep_next=True,
        )
    ]
    for r in recipients:
        paras.append(
            Para(
                (Run(f"- {r};", item.size),),
                item.size,
                role="noi_nhan_item",
                align="left",
                keep_next=True,
            )
        )
    luu = [Run(f"- {doc.archive.text()}", item.size)]
    if doc.drafter is not None:
        drafter = figs.element("drafter")
        luu.append(Run(f" {doc.drafter.text()}", drafter.size))
    paras.append(Para(tuple(luu), item.size, role="noi_nhan_luu", align="left"))
    return paras


def _signer(doc: Document, figs: Figures) -> list[Para]:
    title = figs.element("signer_title")
    name = figs.element("signer_name")
    paras = [
        text_para(line, title, "signer_title", keep_next=True) for line in doc.signer.title_lines
    ]
    space = figs.pt("element", "signer_name", "signature_space_pt")
    paras.append(Para((), title.size, role="signature_space", exact_line=space, keep_next=True))
    paras.append(text_para(doc.signer.full_name, name, "signer_name"))
    return paras


def signature_grid(
    doc: Document, figs: Figures, text_w: Length, recipients: tuple[str, ...]
) -> Grid:
    left = text_w * float(figs.value("signature", "left_ratio"))
    right = text_w - left
    top = Pt(12)
    left_paras = _noi_nhan(doc, figs, recipients)
    right_paras = _signer(doc, figs)
    left_paras[0] = replace(left_paras[0], space_before=top)
    right_paras[0] = replace(right_paras[0], space_before=top)
    return Grid(
        columns=(left, right),
        rows=(
            Row((Cell(left, tuple(left_paras)), Cell(right, tuple(right_paras))), cant_split=True),
        ),
        role="signature",
        cell_margin=ZERO,
    )
