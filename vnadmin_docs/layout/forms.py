"""Pieces of the remaining forms of Phụ lục III, laid out from Phuluc3.docx (issue 14).

- Công điện (Mẫu 1.6): "<sender> điện:" centred on its own line, then the receivers as an
  aligned dash list centred under it ("- …;", the last "- ….").
- Biên bản (Mẫu 1.9): two signatures side by side — THƯ KÝ (the secretary, left) and the chair
  (right, with an authority line when there is one) — and Nơi nhận under them, left.
- Giấy nghỉ phép (Mẫu 1.10): the optional "Xác nhận của cơ quan (tổ chức) hoặc chính quyền địa
  phương nơi nghỉ phép" under the signature, left, with room to sign and seal.
"""

from __future__ import annotations

from dataclasses import replace

from vnadmin_docs.blocks import Block, Paragraph
from vnadmin_docs.layout.figures import Figures
from vnadmin_docs.layout.measure import balanced_lines, text_width
from vnadmin_docs.layout.page_model import ZERO, Cell, Grid, Para, Row, Run
from vnadmin_docs.layout.pieces import lines_para, text_para
from vnadmin_docs.model.document import Document
from vnadmin_docs.model.signer import Signer
from vnadmin_docs.units import Length, Pt

__all__ = [
    "AFTER_SIGNATURE",
    "confirmation_grid",
    "minutes_signature_grid",
    "telegram_paras",
]

AFTER_SIGNATURE = ("confirmation",)
"""Block kinds the layout sets after the signature block, not in the body."""


def _text(block: Paragraph) -> str:
    return " ".join("".join(s.text for s in block.spans).split())


def telegram_paras(blocks: list[Paragraph], figs: Figures, text_w: Length) -> list[Para]:
    """The sender line and the receivers of a công điện (Mẫu 1.6), from the consecutive
    ``telegram_from`` / ``telegram_to`` blocks of the body."""
    style = figs.element("body")
    size = style.size
    before = figs.pt("element", "body", "space_before_pt")
    out: list[Para] = []
    senders = [b for b in blocks if b.kind == "telegram_from"]
    for sender in senders:
        text = _text(sender).rstrip(":").rstrip()
        if not text.endswith(" điện"):
            text = f"{text} điện"
        out.append(
            Para(
                (Run(f"{text}:", size),),
                size,
                role="telegram_from",
                align="center",
                space_before=before * 2,
                space_after=before,
                keep_next=True,
            )
        )
    receivers = [_text(b).rstrip(";.,").strip() for b in blocks if b.kind == "telegram_to"]
    items = [f"- {r};" for r in receivers[:-1]] + ([f"- {receivers[-1]}."] if receivers else [])
    if items:
        widest = max(text_width(i, size) for i in items)
        indent = (text_w - widest) * 0.5 if widest + Pt(4) <= text_w else ZERO
        for i, item in enumerate(items):
            out.append(
                Para(
                    (Run(item, size),),
                    size,
                    role="telegram_to",
                    align="left",
                    indent_left=indent,
                    space_after=before * 2 if i == len(items) - 1 else ZERO,
                    keep_next=True,
                )
            )
    return out


def _signer_paras(signer: Signer, figs: Figures, role: str) -> list[Para]:
    title = figs.element("signer_title")
    name = figs.element("signer_name")
    paras = [text_para(line, title, f"{role}_title", keep_next=True) for line in signer.title_lines]
    space = figs.pt("element", "signer_name", "signature_space_pt")
    paras.append(Para((), title.size, role="signature_space", exact_line=space, keep_next=True))
    paras.append(text_para(signer.full_name, name, f"{role}_name", keep_next=True))
    return paras


def minutes_signature_grid(
    doc: Document, noi_nhan: list[Para], figs: Figures, text_w: Length
) -> Grid:
    """Biên bản (Mẫu 1.9): THƯ KÝ | CHỦ TỌA side by side, then Nơi nhận, left."""
    half = text_w * 0.5
    top = Pt(12)
    left = _signer_paras(doc.secretary, figs, "secretary") if doc.secretary else []
    right = _signer_paras(doc.signer, figs, "signer")
    if left:
        left[0] = replace(left[0], space_before=top)
    right[0] = replace(right[0], space_before=top)
    if noi_nhan:
        noi_nhan = list(noi_nhan)
        noi_nhan[0] = replace(noi_nhan[0], space_before=top)
    rows = [Row((Cell(half, tuple(left) or (Para((), Pt(2)),)), Cell(half, tuple(right))))]
    if noi_nhan:
        rows.append(Row((Cell(half, tuple(noi_nhan)), Cell(half, (Para((), Pt(2)),)))))
    return Grid(columns=(half, half), rows=tuple(rows), role="signature", cell_margin=ZERO)


def confirmation_grid(blocks: list[Block], figs: Figures, text_w: Length) -> Grid | None:
    """Giấy nghỉ phép (Mẫu 1.10): the confirmation of the place of leave, under the
    signature in the left column, with the room a signature and seal need."""
    wanted = [b for b in blocks if isinstance(b, Paragraph) and b.kind == "confirmation"]
    if not wanted:
        return None
    style = figs.element("confirmation")
    left = text_w * float(figs.value("signature", "left_ratio"))
    paras: list[Para] = []
    for block in wanted:
        lines = balanced_lines(_text(block), left - Pt(8), style.size, italic=True)
        para = lines_para(lines, style, "confirmation", keep_next=True)
        paras.append(
            replace(para, space_before=figs.pt("element", "confirmation", "space_before_pt"))
        )
    space = figs.pt("element", "signer_name", "signature_space_pt")
    paras.append(Para((), style.size, role="signature_space", exact_line=space))
    return Grid(
        columns=(left, text_w - left),
        rows=(Row((Cell(left, tuple(paras)), Cell(text_w - left, (Para((), Pt(2)),)))),),
        role="confirmation",
        cell_margin=ZERO,
    )
