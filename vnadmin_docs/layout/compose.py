"""Compose a Decree 30 document: Document + body blocks → page model.

Input: a validated :class:`~vnadmin_docs.model.Document`, the blocks the content stage
produced, the Decree 30 figures and the layout kind. Output: a :class:`PageModel` with one
section for the document and one more per appendix (Mẫu 2.1). Two layouts: ``cong-van``
(Mẫu 1.5) and ``ten-loai`` (Mẫu 1.4, a document with a type name; its pieces — căn cứ,
authority line, "QUYẾT ĐỊNH:", Điều, tables — come from the body blocks).
"""

from __future__ import annotations

from dataclasses import replace

from vnadmin_docs.blocks import Block, Paragraph
from vnadmin_docs.errors import LayoutError
from vnadmin_docs.layout.addressees import addressee_paras
from vnadmin_docs.layout.appendix import appendix_sections, attached_text_section
from vnadmin_docs.layout.body import body_paras
from vnadmin_docs.layout.figures import Figures
from vnadmin_docs.layout.forms import confirmation_grid, minutes_signature_grid
from vnadmin_docs.layout.header import frame_para, header_columns, header_grid
from vnadmin_docs.layout.measure import balanced_lines
from vnadmin_docs.layout.page_model import ZERO, Border, Grid, PageModel, Para, Run, Section
from vnadmin_docs.layout.pieces import lines_para, rule_para, text_para, widest
from vnadmin_docs.layout.signature import signature_grid
from vnadmin_docs.model.appendix import AttachedText
from vnadmin_docs.model.document import Document
from vnadmin_docs.text.case import upper_vi
from vnadmin_docs.units import Length, Pt

__all__ = [
    "compose",
    "compose_attached",
    "compose_section",
    "compose_sections",
    "document_symbol",
    "issuing_authority",
    "kind_name",
]


def document_symbol(
    doc: Document, layout: str, figs: Figures, type_name: str | None
) -> tuple[str, ...]:
    """The ký hiệu groups: given, or built per R-SO-6 (type name) / R-SO-7 (công văn)."""
    if doc.number.symbol:
        return doc.number.symbol
    if layout == "cong-van":
        unit = doc.number.unit or doc.archive.unit
        return (doc.issuer.abbreviation, unit)
    abbr = figs.type_abbreviation(type_name or "")
    if abbr is None:
        raise LayoutError(
            f"Tên loại “{type_name}” không có trong bảng chữ viết tắt của Phụ lục III; hãy ghi "
            'number.symbol (ví dụ ["TB", "VP"]).',
            f"The type name '{type_name}' is not in the abbreviation table of Phụ lục III; give "
            "number.symbol explicitly.",
        )
    return (abbr, doc.issuer.abbreviation)


def _title_block(type_name: str, subject: str | None, figs: Figures, text_w: Length) -> list[Para]:
    tl = figs.element("type_name")
    paras = [
        text_para(
            upper_vi(type_name),
            tl,
            "type_name",
            keep_next=True,
            space_before=figs.pt("element", "type_name", "space_before_pt"),
        )
    ]
    if subject:
        ty = figs.element("trich_yeu")
        # Lines of about equal length: a centred summary never ends with one lonely word.
        lines = balanced_lines(subject, text_w * 0.85, ty.size, bold=ty.bold)
        paras.append(lines_para(lines, ty, "trich_yeu", keep_next=True))
        ratio = float(figs.value("element", "trich_yeu", "rule_ratio"))
        paras.append(rule_para(widest(lines, ty) * ratio, text_w, "trich_yeu_rule"))
    else:
        # Mẫu 1.8, 1.10: no trích yếu; the short rule stands under the type name.
        ratio = float(figs.value("element", "type_name", "rule_ratio_alone"))
        paras.append(rule_para(widest([upper_vi(type_name)], tl) * ratio, text_w, "trich_yeu_rule"))
    return paras


def kind_name(layout: str, type_name: str | None) -> str:
    """The document kind as written in a sentence ("Thông báo", "Công văn"), for the
    "(Kèm theo <Văn bản> số …)" line of appendices.

    >>> kind_name("ten-loai", "QUYẾT ĐỊNH"), kind_name("cong-van", None)
    ('Quyết định', 'Công văn')
    """
    if layout == "cong-van" or not type_name:
        return "Công văn"
    name = type_name.strip().lower()
    return name[:1].upper() + name[1:]


def _circulation(text: str, figs: Figures, left_w: Length, right_w: Length) -> Para:
    """The circulation note (ô 11) above the Quốc hiệu: UPPER bold in a single-line frame
    that fits the words, centred over the right header column (R-LH-1, R-POS-3)."""
    frame = frame_para(text, figs, "circulation", 0, 8, right_w, "circulation")
    return replace(
        frame,
        indent_left=frame.indent_left + left_w,
        space_before=ZERO,
        space_after=Pt(6),
    )


def _page_number(figs: Figures) -> Para:
    style = figs.element("page_number")
    return Para(
        (Run("", style.size, field="PAGE"),), style.size, role="page_number", align="center"
    )


def _contact(doc: Document, figs: Figures) -> tuple[Para, ...]:
    lines = doc.contact.lines() if doc.contact is not None else ()
    if not lines:
        return ()
    style = figs.element("contact")
    return tuple(
        Para(
            (Run(line, style.size),),
            style.size,
            role="contact",
            align="left",
            border_top=Border(width=Pt(0.5), space=Pt(1)) if i == 0 else None,
        )
        for i, line in enumerate(lines)
    )


def compose_section(
    doc: Document,
    blocks: tuple[Block, ...],
    figs: Figures,
    *,
    layout: str,
    type_name: str | None = None,
) -> Section:
    """One document as one section (a merged batch is several of these)."""
    setup = figs.page_setup()
    text_w = setup.text_width
    symbol = document_symbol(doc, layout, figs, type_name)
    body: list[Para | Grid] = []
    if doc.marks.circulation:
        left_w, right_w = header_columns(doc, figs, text_w)
        body.append(_circulation(doc.marks.circulation, figs, left_w, right_w))
    if layout == "cong-van":
        if not doc.subject:
            raise LayoutError(
                "Công văn cần trích yếu (trường subject, in sau “V/v”, R-CV-1).",
                "A công văn needs a summary (field 'subject', printed after 'V/v', R-CV-1).",
            )
        body.append(header_grid(doc, figs, text_w, symbol, vv=doc.subject))
    else:
        no_date = [str(t) for t in figs.data["forms"]["no_date_line"]]
        with_date = upper_vi(type_name or "") not in no_date
        body.append(header_grid(doc, figs, text_w, symbol, vv=None, date_line=with_date))
        body.extend(_title_block(type_name or "", doc.subject, figs, text_w))
    body.extend(addressee_paras(doc.addressees, figs, text_w))
    paras = body_paras(blocks, figs, text_w)
    if paras and isinstance(paras[-1], Para):
        # The signature block never stands alone on a page: the last paragraph goes with it.
        paras[-1] = replace(paras[-1], keep_next=True, keep_lines=True)
    body.extend(paras)
    recipients = doc.recipients
    first = str(figs.value("element", "noi_nhan_item", "first_item_cong_van"))
    # R-NN-2: a công văn, and a tờ trình/báo cáo sent up with "Kính gửi", list "Như trên" first.
    upward = layout == "cong-van" or bool(doc.addressees)
    if upward and (not recipients or recipients[0].lower() != first.lower()):
        recipients = (first, *recipients)
    signature = signature_grid(doc, figs, text_w, recipients)
    if doc.secretary is not None:
        # Biên bản (Mẫu 1.9): two signatures, Nơi nhận under them.
        noi_nhan = list(signature.rows[0].cells[0].paras)
        signature = minutes_signature_grid(doc, noi_nhan, figs, text_w)
    body.append(signature)
    confirmation = confirmation_grid(list(blocks), figs, text_w)
    if confirmation is not None:
        body.append(confirmation)
    return Section(
        setup=setup,
        body=tuple(body),
        page_number=_page_number(figs),
        first_page_footer=_contact(doc, figs),
    )


def issuing_authority(blocks: tuple[Block, ...]) -> str | None:
    """The thẩm quyền line of a decision as the clerk wrote it ("Chủ tịch Ủy ban nhân dân
    tỉnh"): the authority that issued it, named by the "(Kèm theo …)" line of its attached
    texts. ``None`` when there is none, or when it was typed in capitals (its sentence
    capitals cannot be guessed; the issuer's ``name_in_text`` is used instead).

    >>> from vnadmin_docs.blocks import Span
    >>> issuing_authority((Paragraph((Span("Chủ tịch Ủy ban nhân dân tỉnh"),), "authority"),))
    'Chủ tịch Ủy ban nhân dân tỉnh'
    """
    for block in blocks:
        if isinstance(block, Paragraph) and block.kind == "authority":
            text = " ".join(block.text.split())
            if text and text != text.upper():
                return text
            return None
    return None


def compose_sections(
    doc: Document,
    blocks: tuple[Block, ...],
    figs: Figures,
    *,
    layout: str,
    type_name: str | None = None,
    appendix_blocks: tuple[tuple[Block, ...], ...] = (),
    issued_by: str | None = None,
) -> tuple[Section, ...]:
    """The document's section followed by one section per appendix. The "(Kèm theo …)"
    lines name ``issued_by``, else the thẩm quyền line of ``blocks``, else the issuer."""
    main = compose_section(doc, blocks, figs, layout=layout, type_name=type_name)
    if len(appendix_blocks) != len(doc.appendices):
        raise ValueError("appendix_blocks must hold one parsed body per doc.appendices item")
    if not doc.appendices:
        return (main,)
    extra = appendix_sections(
        doc,
        appendix_blocks,
        figs,
        kind_name=kind_name(layout, type_name),
        symbol=document_symbol(doc, layout, figs, type_name),
        page_number=main.page_number or _page_number(figs),
        issued_by=issued_by or issuing_authority(blocks),
    )
    return (main, *extra)


def compose(
    doc: Document,
    blocks: tuple[Block, ...],
    figs: Figures,
    *,
    layout: str,
    type_name: str | None = None,
    title: str = "",
    appendix_blocks: tuple[tuple[Block, ...], ...] = (),
) -> PageModel:
    """A whole single-document page model (the document and its appendices)."""
    sections = compose_sections(
        doc, blocks, figs, layout=layout, type_name=type_name, appendix_blocks=appendix_blocks
    )
    return PageModel(
        sections=sections,
        font=figs.font,
        language=figs.language,
        color=figs.color,
        base_size=figs.element("body").size,
        title=title or (doc.subject or ""),
        subject=doc.subject or "",
    )


def compose_attached(text: AttachedText, blocks: tuple[Block, ...], figs: Figures) -> PageModel:
    """A text issued with a decision rendered on its own (Mẫu 1.3)."""
    section = attached_text_section(text, blocks, figs, page_number=_page_number(figs))
    title = f"{text.type_name} {text.title or ''}".strip()
    return PageModel(
        sections=(section,),
        font=figs.font,
        language=figs.language,
        color=figs.color,
        base_size=figs.element("body").size,
        title=title,
        subject=title,
    )
