"""Appendices (Mẫu 2.1): each one a section of its own after the main document.

A section starts on a new page, restarts its page numbers and shows no number on its first
page (the writer gives every section ``pgNumType start=1`` and ``titlePg``), so each
appendix is "paginated separately" (R-PGNUM-3, R-PL-6). Its top: "Phụ lục I" (14, bold,
centred, R-PL-2), the title (UPPER, bold, centred, R-PL-3), the italic "(Kèm theo …)" line
filled from the parent document (R-PL-4; blanks where a draft has none) and a short rule.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from vnadmin_docs.blocks import Block
from vnadmin_docs.layout.body import body_paras
from vnadmin_docs.layout.figures import Figures
from vnadmin_docs.layout.measure import balanced_lines
from vnadmin_docs.layout.page_model import Grid, Para, Section
from vnadmin_docs.layout.pieces import lines_para, rule_para, text_para, widest
from vnadmin_docs.model.appendix import Appendix
from vnadmin_docs.model.document import Document
from vnadmin_docs.text.case import upper_vi
from vnadmin_docs.text.date_line import day_text, month_text
from vnadmin_docs.text.numbering import roman
from vnadmin_docs.text.so_line import number_text, symbol_text
from vnadmin_docs.units import Length

__all__ = [
    "appendix_label",
    "appendix_sections",
    "attached_to_text",
    "issuer_in_text",
]

log = logging.getLogger("vnadmin_docs.layout")


def issuer_in_text(doc: Document) -> str:
    """The issuer as written inside a sentence: ``issuer.name_in_text`` when given, else the
    name with only its first letter capitalised (a warning says to give it, R-VH-5).

    Not a doctest: it needs a whole Document; tests/layout/test_appendix.py covers it.
    """
    if doc.issuer.name_in_text:
        return doc.issuer.name_in_text
    name = " ".join(doc.issuer.name.split())
    log.warning(
        "Phụ lục: chưa có issuer.name_in_text, tạm viết “%s”; hãy ghi tên cơ quan đúng chữ hoa "
        "(R-VH-5) / appendix: issuer.name_in_text missing, using a sentence-case name",
        name[:1].upper() + name[1:].lower(),
    )
    return name[:1].upper() + name[1:].lower()


def attached_to_text(doc: Document, kind_name: str, symbol: tuple[str, ...], blank: str) -> str:
    """``Kèm theo <Kind> số 05/TB-VP ngày 15 tháng 3 năm 2024 của <issuer>`` without the
    brackets; every part a draft does not know yet is ``blank`` (R-PL-4, R-PL-5)."""
    num = number_text(doc.number.number) if doc.number.number is not None else blank
    d = doc.date
    day = day_text(d.day) if d.day is not None else blank
    month = month_text(d.month) if d.month is not None else blank
    year = str(d.year) if d.year is not None else blank
    return (
        f"Kèm theo {kind_name} số {num}/{symbol_text(symbol)} ngày {day} tháng {month} "
        f"năm {year} của {issuer_in_text(doc)}"
    )


def appendix_label(index: int, count: int, appendix: Appendix, figs: Figures) -> str:
    """ "Phụ lục" alone for a single appendix, "Phụ lục I", "Phụ lục II" … for several
    (R-PL-1); an explicit ``number`` wins."""
    word = str(figs.value("element", "appendix_label", "text"))
    if appendix.number:
        return f"{word} {appendix.number}"
    return f"{word} {roman(index + 1)}" if count > 1 else word


def _top(
    label: str, appendix: Appendix, attached: str, figs: Figures, text_w: Length
) -> list[Para | Grid]:
    usable = text_w * 0.9
    out: list[Para | Grid] = []
    if appendix.type_name:
        # Mẫu 1.3: a document issued with the decision carries its own type name and summary.
        tl = figs.element("type_name")
        out.append(
            text_para(upper_vi(appendix.type_name), tl, "attached_type_name", keep_next=True)
        )
        if appendix.title:
            ty = figs.element("trich_yeu")
            lines = balanced_lines(appendix.title, usable, ty.size, bold=ty.bold)
            out.append(lines_para(lines, ty, "attached_title", keep_next=True))
    else:
        lab = figs.element("appendix_label")
        out.append(text_para(label, lab, "appendix_label", keep_next=True))
    if appendix.title and not appendix.type_name:
        ts = figs.element("appendix_title")
        lines = balanced_lines(upper_vi(appendix.title), usable, ts.size, bold=ts.bold)
        out.append(lines_para(lines, ts, "appendix_title", keep_next=True))
    at = figs.element("appendix_attached")
    lines = balanced_lines(f"({attached})", usable, at.size, italic=at.italic)
    out.append(lines_para(lines, at, "appendix_attached", keep_next=True))
    ratio = float(figs.value("element", "appendix_attached", "rule_ratio"))
    rule = rule_para(widest(lines, at) * ratio, text_w, "appendix_rule")
    after = figs.pt("element", "appendix_attached", "space_after_pt")
    out.append(replace(rule, space_after=after, keep_next=True))
    return out


def appendix_sections(
    doc: Document,
    appendix_blocks: tuple[tuple[Block, ...], ...],
    figs: Figures,
    *,
    kind_name: str,
    symbol: tuple[str, ...],
    page_number: Para,
) -> tuple[Section, ...]:
    """One section per appendix of ``doc``; ``appendix_blocks[i]`` is the parsed body of
    ``doc.appendices[i]``."""
    portrait = figs.page_setup()
    blank = str(figs.value("element", "appendix_attached", "draft_blank"))
    count = sum(1 for a in doc.appendices if not a.type_name)
    sections: list[Section] = []
    index = 0
    for appendix, blocks in zip(doc.appendices, appendix_blocks, strict=True):
        attached = appendix.attached_to or attached_to_text(doc, kind_name, symbol, blank)
        label = appendix_label(index, count, appendix, figs)
        if not appendix.type_name:
            index += 1
        setup = (
            replace(portrait, width=portrait.height, height=portrait.width)
            if appendix.landscape
            else portrait
        )
        text_w = setup.text_width
        body = _top(label, appendix, attached, figs, text_w)
        body.extend(body_paras(blocks, figs, text_w))
        sections.append(Section(setup=setup, body=tuple(body), page_number=page_number))
    return tuple(sections)
