"""Kính gửi (ô 9a): one addressee on the label's line, several as an aligned dash list.

R-KG-3: ``Kính gửi: Bộ Nội vụ.`` on one line. R-KG-4: ``Kính gửi:`` then each addressee on
its own line starting with "- ", ending with ";", the last with "."; the dashes stand one
under the other. The block is centred on the page when it fits (R-KG-5); a longer block
starts at the body's first-line indent and wraps under its own first letter.
"""

from __future__ import annotations

from vnadmin_docs.layout.figures import Figures
from vnadmin_docs.layout.measure import text_width
from vnadmin_docs.layout.page_model import Para, Run
from vnadmin_docs.units import Length, Pt

__all__ = ["addressee_paras"]


def addressee_paras(addressees: tuple[str, ...], figs: Figures, text_w: Length) -> list[Para]:
    if not addressees:
        return []
    style = figs.element("kinh_gui")
    size = style.size
    label = str(figs.value("element", "kinh_gui", "label"))
    gap = text_width(" ", size)
    label_w = text_width(label, size) + gap
    if len(addressees) == 1:
        items = [f"{addressees[0]}."]
    else:
        items = [f"- {a};" for a in addressees[:-1]] + [f"- {addressees[-1]}."]
    block_w = label_w + max(text_width(i, size) for i in items)
    if block_w + Pt(4) <= text_w:
        start = (text_w - block_w) * 0.5
    else:
        start = figs.cm("element", "body", "first_line_indent_cm")
    text_start = start + label_w
    paras: list[Para] = []
    before = figs.pt("element", "kinh_gui", "space_before_pt")
    after = figs.pt("element", "kinh_gui", "space_after_pt")
    for i, item in enumerate(items):
        first, last = i == 0, i == len(items) - 1
        runs = (Run(label, size), Run("\t", size), Run(item, size)) if first else (Run(item, size),)
        paras.append(
            Para(
                runs,
                size,
                role="kinh_gui",
                align="left",
                indent_left=text_start,
                first_line=(Pt(0) - label_w) if first else Pt(0),
                tab=text_start if first else None,
                space_before=before if first else Pt(0),
                space_after=after if last else Pt(0),
                keep_next=not last,
            )
        )
    return paras
