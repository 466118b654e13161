"""Rules on the page as a whole: paper, margins, font family and colour, page numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vnadmin_docs.check.findings import Severity, Text
from vnadmin_docs.check.formatting import (
    DEFAULT_SIZE_PT,
    fmt_num,
    range_text,
    size_range,
    within,
)
from vnadmin_docs.check.ooxml import Paragraph, RunFormat, is_attached_text
from vnadmin_docs.check.outside import outside_margins
from vnadmin_docs.check.registry import PAGE_AND_FONT, Context, Outcome, Problem, Unjudged, rule
from vnadmin_docs.check.textfold import loose_key

__all__: list[str] = []

_NO_SECTION = Text(
    "văn bản không ghi thiết lập trang (w:sectPr); khổ giấy và lề do phần mềm mở tệp quyết định",
    "the document has no page setup (w:sectPr); the opening program decides paper and margins",
)
_MM_TOL = 0.5  # rounding of twips to mm in files saved by Word/LibreOffice
_BLACK = ("AUTO", "000000")
_INVISIBLE = ("FFFFFF",)
# Word's style-named faces of Times New Roman ("Times New Roman Bold" in rFonts, mapped by
# Word to the family, fontTable altName "Times New Roman"): Word prints Times New Roman.
_FACE_SUFFIXES = ("", " bold", " italic", " bold italic", " regular")
# "Black, Text 1, lighter 5–10 %" (0D0D0D, 1A1A1A) prints as black; dark greys above
# this do not count as black any more.
_NEAR_BLACK_MAX = 0x1F
_BLACK_THEME = ("text1", "dark1")
_COLOUR_NAMES = {
    "FF0000": ("đỏ", "red"),
    "C00000": ("đỏ sẫm", "dark red"),
    "0000FF": ("xanh lam", "blue"),
    "0070C0": ("xanh lam", "blue"),
    "00B050": ("xanh lục", "green"),
    "FFFF00": ("vàng", "yellow"),
    "808080": ("xám", "grey"),
}
_LEGACY_FONTS = (".vn", "vni-", "vni ")


def _all_paragraphs(ctx: Context) -> list[Paragraph]:
    out = list(ctx.pkg.paragraphs)
    for paras in ctx.pkg.header_parts.values():
        out.extend(paras)
    return out


@rule(
    "R-PAGE-1",
    "Khổ giấy A4 (210 × 297 mm)",
    "Paper A4 (210 × 297 mm)",
    bad="Khổ giấy Letter 216 × 279 mm",
    fix="Layout → Size → A4 (21 × 29,7 cm)",
    kinds=PAGE_AND_FONT,
)
def page_size(ctx: Context) -> Iterator[Outcome]:
    page = ctx.profile["page"]
    w, h = float(page["width_mm"]), float(page["height_mm"])
    if not ctx.pkg.sections:
        yield Unjudged(_NO_SECTION)
    for sec in ctx.pkg.sections[:1]:
        if sec.width_mm is None or sec.height_mm is None:
            yield Unjudged(Text("văn bản không ghi khổ giấy", "the document sets no paper size"))
            continue
        dims = sorted((sec.width_mm, sec.height_mm))
        if not (abs(dims[0] - w) <= 1 and abs(dims[1] - h) <= 1):
            yield Problem(
                None,
                Text(
                    f"khổ {fmt_num(sec.width_mm, 1)} × {fmt_num(sec.height_mm, 1)} mm",
                    f"page {fmt_num(sec.width_mm, 1)} × {fmt_num(sec.height_mm, 1)} mm",
                ),
                Text(
                    f"khổ A4 {fmt_num(w)} × {fmt_num(h)} mm", f"A4 {fmt_num(w)} × {fmt_num(h)} mm"
                ),
            )


@rule(
    "R-PAGE-2",
    "Trình bày theo chiều dài khổ A4 (khổ dọc)",
    "Portrait orientation",
    bad="Trang nằm ngang (landscape) dù không có bảng biểu",
    fix="Layout → Orientation → Portrait",
    severity=Severity.WARNING,
    kinds=PAGE_AND_FONT,
)
def portrait(ctx: Context) -> Iterator[Outcome]:
    for sec in ctx.pkg.sections[:1]:
        landscape = sec.orient == "landscape" or (
            sec.width_mm is not None and sec.height_mm is not None and sec.width_mm > sec.height_mm
        )
        if landscape:
            yield Problem(
                None,
                Text("trang khổ ngang", "landscape page"),
                Text(
                    "khổ dọc (chỉ được khổ ngang khi có bảng, biểu)",
                    "portrait (landscape only for tables/charts)",
                ),
            )


@rule(
    "R-PAGE-3",
    "Lề trang: trên 20–25, dưới 20–25, trái 30–35, phải 15–20 mm",
    "Margins: top 20–25, bottom 20–25, left 30–35, right 15–20 mm",
    bad="Lề trái 25 mm",
    fix="Layout → Margins → Custom: trái 3 cm, phải 1,5 cm, trên/dưới 2 cm",
    kinds=PAGE_AND_FONT,
)
def margins(ctx: Context) -> Iterator[Outcome]:
    spec = ctx.profile["margins"]
    if not ctx.pkg.sections:
        yield Unjudged(_NO_SECTION)
    names = {
        "top": ("trên", "top"),
        "bottom": ("dưới", "bottom"),
        "left": ("trái", "left"),
        "right": ("phải", "right"),
    }
    for sec in ctx.pkg.sections[:1]:
        bad_vi: list[str] = []
        bad_en: list[str] = []
        req_vi: list[str] = []
        req_en: list[str] = []
        for side, (vi, en) in names.items():
            low, high = size_range(spec[f"{side}_mm"])
            req_vi.append(f"{vi} {range_text(low, high, 'mm')}")
            req_en.append(f"{en} {range_text(low, high, 'mm')}")
            value = getattr(sec, f"{side}_mm")
            if value is None or not within(value, low, high, _MM_TOL):
                shown = "không đặt" if value is None else f"{fmt_num(value, 1)} mm"
                shown_en = "not set" if value is None else f"{fmt_num(value, 1)} mm"
                bad_vi.append(f"lề {vi} {shown}")
                bad_en.append(f"{en} margin {shown_en}")
        if bad_vi:
            yield Problem(
                None,
                Text("; ".join(bad_vi), "; ".join(bad_en)),
                Text("lề " + ", ".join(req_vi), "margins " + ", ".join(req_en)),
            )
    yield from outside_margins(ctx)


def _runs(ctx: Context) -> Iterator[tuple[Paragraph, RunFormat]]:
    exempt = {s.para.order for kind, s in ctx.el.marks if kind == "urgency"}
    for p in _all_paragraphs(ctx):
        if p.where.kind not in ("header", "footer") and p.order in exempt:
            continue
        for r in p.runs:
            if r.text.strip():
                yield p, r.fmt


@rule(
    "R-FONT-1",
    "Phông chữ Times New Roman (Unicode TCVN 6909:2001)",
    "Font Times New Roman (Unicode, TCVN 6909:2001)",
    bad="Một đoạn gõ bằng Arial hoặc .VnTime",
    fix="Chọn toàn bộ (Ctrl+A) → phông Times New Roman",
    kinds=PAGE_AND_FONT,
)
def font_family(ctx: Context) -> Iterator[Outcome]:
    want = str(ctx.profile["font"]["family"])
    first: dict[str, Paragraph] = {}
    paras: dict[str, set[tuple[str, int]]] = {}
    for p, fmt in _runs(ctx):
        for font in dict.fromkeys((fmt.font, fmt.font_ascii)):
            if font is None or font.casefold() in {want.casefold() + f for f in _FACE_SUFFIXES}:
                continue
            first.setdefault(font, p)
            paras.setdefault(font, set()).add((p.where.part, p.order))
    for font, p in first.items():
        count = len(paras[font])
        legacy = font.casefold().startswith(_LEGACY_FONTS)
        note_vi = " (phông mã cũ TCVN3/VNI, không phải Unicode)" if legacy else ""
        note_en = " (legacy TCVN3/VNI encoding, not Unicode)" if legacy else ""
        yield Problem(
            p,
            Text(
                f"phông “{font}”{note_vi} ở {count} đoạn",
                f"font “{font}”{note_en} in {count} paragraph(s)",
            ),
            Text(f"phông {want} (Unicode)", f"font {want} (Unicode)"),
        )


@rule(
    "R-FONT-2",
    "Chữ màu đen",
    "Black text",
    bad="Một câu tô màu đỏ để nhấn mạnh",
    fix="Chọn đoạn → Font Color → Automatic/Black",
    kinds=PAGE_AND_FONT,
)
def font_colour(ctx: Context) -> Iterator[Outcome]:
    seen: dict[str, Paragraph] = {}
    for p, fmt in _runs(ctx):
        colour = fmt.color
        if fmt.theme_color and fmt.theme_color not in _BLACK_THEME:
            colour = fmt.theme_color
        elif colour in _BLACK or fmt.theme_color in _BLACK_THEME or _near_black(colour):
            continue
        elif colour in _INVISIBLE:
            continue  # white text does not print (a hidden "(Đã ký)" placeholder)
        seen.setdefault(colour, p)
    for colour, p in seen.items():
        vi, en = _COLOUR_NAMES.get(colour, ("", ""))
        yield Problem(
            p,
            Text(
                f"chữ màu {colour}" + (f" ({vi})" if vi else ""),
                f"text colour {colour}" + (f" ({en})" if en else ""),
            ),
            Text("chữ màu đen", "black text"),
        )


def _near_black(colour: str) -> bool:
    """True for RGB hex colours every channel of which is at most 0x1F.

    >>> _near_black("0D0D0D"), _near_black("FF0000"), _near_black("auto")
    (True, False, False)
    """
    if len(colour) != 6:
        return False
    try:
        channels = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
    except ValueError:
        return False
    return max(channels) <= _NEAR_BLACK_MAX


def _page_paragraph(ctx: Context, part: str) -> Paragraph | None:
    for p in ctx.pkg.header_parts.get(part, ()):
        if p.has_page_field:
            return p
    return None


@rule(
    "R-PGNUM-1",
    "Số trang: chữ số Ả Rập, cỡ 13–14, đứng, giữa lề trên",
    "Page numbers: Arabic, 13–14 pt, upright, centred in the header",
    bad="Không chèn số trang (văn bản nhiều trang)",
    fix="Insert → Page Number → Top of Page → Plain Number 2; cỡ 14, căn giữa",
    severity=Severity.WARNING,
)
def page_number(ctx: Context) -> Iterator[Outcome]:
    if not ctx.pkg.sections:
        return
    sec = ctx.pkg.sections[0]
    pages = ctx.pkg.word_pages
    if pages == 1 and not _shown_on_page_one(ctx):
        # Word counted one page and page 1 shows no number: nothing is printed, whatever
        # the header of later pages holds.
        return
    part = sec.headers.get("default")
    para = _page_paragraph(ctx, part) if part else None
    footer = sec.footers.get("default")
    in_footer = _page_paragraph(ctx, footer) if para is None and footer else None
    if in_footer is not None:
        yield Problem(
            in_footer,
            Text(
                "số trang đặt ở chân trang (lề dưới)", "page numbers in the footer (bottom margin)"
            ),
            Text("số trang ở giữa lề trên (đầu trang)", "page numbers centred in the top margin"),
            severity=Severity.ERROR,
        )
        return
    if para is None:
        if pages is not None and pages > 1:
            yield Problem(
                None,
                Text(
                    f"Word ghi văn bản có {pages} trang nhưng đầu trang không có trường số "
                    "trang (PAGE)",
                    f"Word recorded {pages} pages but the header has no PAGE field",
                ),
                Text(
                    "số trang ở giữa lề trên từ trang 2", "page numbers centred in the top margin"
                ),
                severity=Severity.ERROR,
            )
            return
        yield Problem(
            None,
            Text("đầu trang không có trường số trang (PAGE)", "the header has no PAGE field"),
            Text(
                "số trang ở giữa lề trên từ trang 2 (nếu văn bản có từ 2 trang)",
                "page numbers centred in the top margin from page 2 (for documents over one page)",
            ),
        )
        return
    spec = ctx.element("page_number")
    low, high = size_range(spec)
    # The number's size and style are those of the PAGE field's result runs (the digits);
    # other text in the header paragraph does not print the number.
    digits = [r for r in para.runs if r.text.strip().isdigit()] or [
        r for r in para.runs if r.text.strip()
    ]
    sizes = {r.fmt.size_pt or DEFAULT_SIZE_PT for r in digits}
    bad_vi: list[str] = []
    bad_en: list[str] = []
    if para.fmt.alignment != "center":
        bad_vi.append("không căn giữa")
        bad_en.append("not centred")
    if sizes and any(not within(s, low, high) for s in sizes):
        shown = ", ".join(fmt_num(s) for s in sorted(sizes))
        bad_vi.append(f"cỡ {shown} pt")
        bad_en.append(f"size {shown} pt")
    if any(r.fmt.italic for r in digits):
        bad_vi.append("chữ nghiêng")
        bad_en.append("italic")
    if bad_vi:
        # The number's look is read from the header itself: an error (R-PGNUM-1 is law).
        yield Problem(
            para,
            Text("số trang " + "; ".join(bad_vi), "page number " + "; ".join(bad_en)),
            Text(
                f"số trang cỡ {fmt_num(low)}–{fmt_num(high)} pt, chữ đứng, căn giữa",
                f"page number {fmt_num(low)}–{fmt_num(high)} pt, upright, centred",
            ),
            severity=Severity.ERROR,
        )


def _shown_on_page_one(ctx: Context) -> bool:
    sec = ctx.pkg.sections[0]
    has = ctx.pkg.header_has_page_field
    if sec.title_page:
        return any(has(refs.get("first", "")) for refs in (sec.headers, sec.footers))
    return any(has(refs.get("default", "")) for refs in (sec.headers, sec.footers))


@rule(
    "R-PGNUM-2",
    "Không hiện số trang ở trang 1",
    "No page number on page 1",
    bad="Số trang “1” in ở trang đầu",
    fix="Header & Footer → tích “Different First Page” (Trang đầu khác)",
)
def no_number_on_first_page(ctx: Context) -> Iterator[Outcome]:
    if not ctx.pkg.sections:
        return
    sec = ctx.pkg.sections[0]
    has = ctx.pkg.header_has_page_field
    default_has = any(has(refs.get("default", "")) for refs in (sec.headers, sec.footers))
    first_has = any(has(refs.get("first", "")) for refs in (sec.headers, sec.footers))
    if (default_has and not sec.title_page) or (sec.title_page and first_has):
        why_vi = (
            "đầu trang trang 1 có trường số trang"
            if sec.title_page
            else "chưa đặt “trang đầu khác” (titlePg) nên số trang hiện cả ở trang 1"
        )
        why_en = (
            "the first-page header has a PAGE field"
            if sec.title_page
            else "no different first page (titlePg), so the number shows on page 1"
        )
        yield Problem(
            None,
            Text(why_vi, why_en),
            Text("không hiện số trang ở trang 1", "no page number on page 1"),
        )


_APPENDIX = re.compile(r"^phu luc(\s+([ivxlc]+|\d+|so\s*\d+))?\s*[.:]?$")


def _appendix_heads(ctx: Context) -> list[Paragraph]:
    """The "PHỤ LỤC I" lines after the closing: each starts an appendix."""
    el = ctx.el
    ends = [s.para.order for s in (el.signer_name, el.noi_nhan, *el.signer_titles) if s]
    if not ends:
        return []
    last = max(ends)
    heads = [
        p
        for p in ctx.pkg.paragraphs
        if p.order > last and p.where.kind == "body" and _APPENDIX.match(loose_key(p.text))
    ]
    return sorted([*heads, *_attached_heads(ctx)], key=lambda p: p.order)


def _attached_heads(ctx: Context) -> list[Paragraph]:
    """The first line of each text issued with the decision (Mẫu 1.3, check/attached.py):
    numbered on its own like an appendix (R-PL-6)."""
    groups = ctx.pkg.by_section()
    return [
        next(p for p in paras if p.text.strip())
        for index, paras in sorted(groups.items())
        if index > 0 and is_attached_text(paras)
    ]


@rule(
    "R-PGNUM-3",
    "Mỗi phụ lục đánh số trang riêng",
    "Each appendix numbered on its own",
    bad="Phụ lục II tiếp số trang của Phụ lục I (trang 5, 6 …)",
    fix="Layout → Breaks → Next Page trước mỗi phụ lục; Page Number → Format → Start at: 1",
)
def appendix_numbering(ctx: Context) -> Iterator[Outcome]:
    heads = _appendix_heads(ctx)
    numbered = any(p.has_page_field for ps in ctx.pkg.header_parts.values() for p in ps)
    if not heads or not numbered:
        return  # no appendix, or no page numbers at all (R-PGNUM-1 says so)
    previous_section: int | None = None
    for head in heads:
        sec_index = head.section
        sec = ctx.pkg.sections[sec_index] if sec_index < len(ctx.pkg.sections) else None
        if sec_index == 0 or sec_index == previous_section:
            what_vi = "văn bản" if sec_index == 0 else "phụ lục trước"
            what_en = "the document" if sec_index == 0 else "the previous appendix"
            yield Problem(
                head,
                Text(
                    f"phụ lục nằm cùng phần (section) với {what_vi}: số trang đánh tiếp",
                    f"the appendix shares a section with {what_en}: pages numbered on",
                ),
                Text(
                    "mỗi phụ lục một phần riêng, số trang bắt đầu lại",
                    "each appendix in its own section, numbering restarted",
                ),
            )
        elif sec is not None and sec.page_start is None:
            yield Problem(
                head,
                Text(
                    "phần (section) của phụ lục không đánh lại số trang từ đầu",
                    "the appendix's section does not restart page numbering",
                ),
                Text("số trang của phụ lục bắt đầu lại từ 1", "the appendix numbered from 1"),
            )
        previous_section = sec_index
