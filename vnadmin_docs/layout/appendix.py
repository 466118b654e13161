"""Appendices (Mẫu 2.1) and texts issued with a decision (Mẫu 1.3): each one a section of
its own after the main document.

A section starts on a new page, restarts its page numbers and shows no number on its first
page (the writer gives every section ``pgNumType start=1`` and ``titlePg``), so each
appendix is "paginated separately" (R-PGNUM-3, R-PL-6). Its top: "Phụ lục I" (14, bold,
centred, R-PL-2), the title (UPPER, bold, centred, R-PL-3), the italic "(Kèm theo …)" line
filled from the parent document (R-PL-4; blanks where a draft has none) and a short rule.

A text issued with a decision (``type_name`` set: Quy chế, Quy định …) repeats the header
row of the decision — issuer with its rule, Quốc hiệu and Tiêu ngữ with theirs — then its
type name, title and "(Kèm theo Quyết định số … của <thẩm quyền>)" (Mẫu 1.3). It can also
be rendered alone from the parent's data (:func:`attached_text_section`).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from vnadmin_docs.blocks import Block
from vnadmin_docs.layout.body import body_paras
from vnadmin_docs.layout.figures import Figures
from vnadmin_docs.layout.header import header_columns, issuer_header_grid
from vnadmin_docs.layout.measure import balanced_lines
from vnadmin_docs.layout.page_model import Grid, Para, Section
from vnadmin_docs.layout.pieces import lines_para, rule_para, text_para, widest
from vnadmin_docs.model.appendix import Appendix, AttachedText
from vnadmin_docs.model.document import Document
from vnadmin_docs.model.issue_date import IssueDate
from vnadmin_docs.text.case import upper_vi
from vnadmin_docs.text.date_line import day_text, month_text
from vnadmin_docs.text.numbering import roman
from vnadmin_docs.text.so_line import number_text, symbol_text
from vnadmin_docs.units import Length

__all__ = [
    "appendix_label",
    "appendix_sections",
    "attached_text_section",
    "attached_to_text",
    "issuer_in_text",
    "kem_theo_text",
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


def kem_theo_text(
    kind_name: str,
    number: int | None,
    symbol: tuple[str, ...],
    date: IssueDate,
    issued_by: str,
    blank: str,
) -> str:
    """``Kèm theo <Kind> số 05/TB-VP ngày 15 tháng 3 năm 2024 của <issued_by>`` without the
    brackets; every part a draft does not know yet is ``blank`` (R-PL-4, R-PL-5).

    >>> kem_theo_text("Quyết định", 7, ("QĐ", "UBND"), IssueDate(day=5, month=1, year=2021),
    ...               "Chủ tịch Ủy ban nhân dân tỉnh", "…")
    'Kèm theo Quyết định số 07/QĐ-UBND ngày 05 tháng 01 năm 2021 của Chủ tịch Ủy ban nhân dân tỉnh'
    """
    num = number_text(number) if number is not None else blank
    day = day_text(date.day) if date.day is not None else blank
    month = month_text(date.month) if date.month is not None else blank
    year = str(date.year) if date.year is not None else blank
    return (
        f"Kèm theo {kind_name} số {num}/{symbol_text(symbol)} ngày {day} tháng {month} "
        f"năm {year} của {issued_by}"
    )


def attached_to_text(
    doc: Document,
    kind_name: str,
    symbol: tuple[str, ...],
    blank: str,
    issued_by: str | None = None,
) -> str:
    """The "(Kèm theo …)" text of ``doc``'s appendices: its number, date and the authority
    that issued it (``issued_by``, else the issuer as written in a sentence)."""
    return kem_theo_text(
        kind_name, doc.number.number, symbol, doc.date, issued_by or issuer_in_text(doc), blank
    )


def appendix_label(index: int, count: int, appendix: Appendix, figs: Figures) -> str:
    """ "Phụ lục" alone for a single appendix, "Phụ lục I", "Phụ lục II" … for several
    (R-PL-1); an explicit ``number`` wins."""
    word = str(figs.value("element", "appendix_label", "text"))
    if appendix.number:
        return f"{word} {appendix.number}"
    return f"{word} {roman(index + 1)}" if count > 1 else word


def _top(
    label: str,
    appendix: Appendix,
    attached: str,
    figs: Figures,
    text_w: Length,
    header: Grid | None = None,
) -> list[Para | Grid]:
    usable = text_w * 0.9
    out: list[Para | Grid] = []
    if appendix.type_name:
        # Mẫu 1.3: a document issued with the decision repeats the header row, then carries
        # its own type name and summary.
        if header is not None:
            out.append(header)
        tl = figs.element("type_name")
        out.append(
            text_para(
                upper_vi(appendix.type_name),
                tl,
                "attached_type_name",
                keep_next=True,
                space_before=figs.pt("element", "type_name", "space_before_pt"),
            )
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
    issued_by: str | None = None,
) -> tuple[Section, ...]:
    """One section per appendix of ``doc``; ``appendix_blocks[i]`` is the parsed body of
    ``doc.appendices[i]``. ``issued_by`` is the authority that issued ``doc`` as written in
    a sentence (its thẩm quyền line); the "(Kèm theo …)" lines name it."""
    portrait = figs.page_setup()
    blank = str(figs.value("element", "appendix_attached", "draft_blank"))
    count = sum(1 for a in doc.appendices if not a.type_name)
    sections: list[Section] = []
    index = 0
    for appendix, blocks in zip(doc.appendices, appendix_blocks, strict=True):
        attached = appendix.attached_to or attached_to_text(
            doc, kind_name, symbol, blank, appendix.issued_by or issued_by
        )
        label = appendix_label(index, count, appendix, figs)
        if not appendix.type_name:
            index += 1
        setup = (
            replace(portrait, width=portrait.height, height=portrait.width)
            if appendix.landscape
            else portrait
        )
        text_w = setup.text_width
        header = None
        if appendix.type_name:
            columns = header_columns(doc, figs, text_w) if not appendix.landscape else None
            header = issuer_header_grid(doc.issuer, figs, text_w, columns)
        body = _top(label, appendix, attached, figs, text_w, header)
        body.extend(body_paras(blocks, figs, text_w))
        sections.append(Section(setup=setup, body=tuple(body), page_number=page_number))
    return tuple(sections)


def attached_text_section(
    text: AttachedText, blocks: tuple[Block, ...], figs: Figures, *, page_number: Para
) -> Section:
    """A text issued with a decision, on its own (Mẫu 1.3): the header row of ``issuer``,
    type name, title, "(Kèm theo <parent> …)" from ``text.parent`` and the body. The
    electronic variant leaves the "(Kèm theo …)" blanks unfilled (the sample's note 2)."""
    portrait = figs.page_setup()
    setup = (
        replace(portrait, width=portrait.height, height=portrait.width)
        if text.landscape
        else portrait
    )
    blank = str(figs.value("element", "appendix_attached", "draft_blank"))
    parent = text.parent
    symbol = parent.number.symbol or (
        figs.type_abbreviation(parent.kind) or "QĐ",
        text.issuer.abbreviation,
    )
    if text.electronic:
        b = blank
        attached = (
            f"Kèm theo {parent.kind} số {b} /{symbol[0]}- {b} ngày {b} tháng {b} năm {b} của {b}"
        )
    else:
        attached = kem_theo_text(
            parent.kind, parent.number.number, symbol, parent.date, parent.issued_by, blank
        )
    appendix = Appendix(title=text.title, body=text.body, type_name=text.type_name)
    header = issuer_header_grid(text.issuer, figs, setup.text_width)
    body = _top("", appendix, attached, figs, setup.text_width, header)
    body.extend(body_paras(blocks, figs, setup.text_width))
    return Section(setup=setup, body=tuple(body), page_number=page_number)

