"""Rules on the body: Kính gửi (ô 9a), căn cứ, body paragraphs (ô 6)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from vnadmin_docs.check.elements import Span
from vnadmin_docs.check.findings import Severity, Text
from vnadmin_docs.check.formatting import (
    DEFAULT_SIZE_PT,
    align_vi,
    fmt_num,
    format_problems,
    missing,
    size_range,
    within,
)
from vnadmin_docs.check.ooxml import Paragraph
from vnadmin_docs.check.registry import Context, Outcome, Problem, Unjudged, rule
from vnadmin_docs.check.textfold import nfc
from vnadmin_docs.units import Cm, Mm, Pt

__all__: list[str] = []

_BODY = ("nội dung văn bản", "the body text")
# Word's "single" line for Times New Roman is about 1.15 × the font size (font metrics,
# not a Decree figure); used to read exact/at-least line spacing as a multiple.
_SINGLE_LINE_RATIO = 1.15
_INDENT_TOL = Cm(0.05)
# Times New Roman text averages about 0.39 em per character; a paragraph longer than the
# line at 0.35 em per character surely wraps, so its alignment shows on the page. Shorter
# ones may fit on one line, where left and justified look the same: not judged.
_NARROW_CHAR_EM = 0.35
_GAP_TOL = Pt(0.05)


def _ends(items: Sequence[Span]) -> list[tuple[Span, str]]:
    """(item, expected last character) for a list: ';' then '.' for the last."""
    return [(s, "." if i == len(items) - 1 else ";") for i, s in enumerate(items)]


# ---- Kính gửi --------------------------------------------------------------------------
@rule(
    "R-KG-2",
    "“Kính gửi:” và tên nơi nhận: chữ thường, cỡ 13–14, đứng",
    "“Kính gửi:” and addressees: lower, 13–14 pt, upright",
    bad="Kính gửi : Sở Tài chính (cách trước dấu hai chấm, in nghiêng)",
    fix="Kính gửi: Sở Tài chính",
)
def kinh_gui_format(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.kinh_gui is None:
        return
    label = nfc(el.kinh_gui.text)
    if label != "Kính gửi:":
        yield Problem(
            el.kinh_gui,
            Text(f"“{label}”", f"“{label}”"),
            Text("“Kính gửi:” (dấu hai chấm liền sau)", "“Kính gửi:” (colon right after)"),
        )
    spec = ctx.element("kinh_gui")
    yield from format_problems(
        [el.kinh_gui, *el.kinh_gui_items], spec, ignore=("case",), first_only=True
    )


@rule(
    "R-KG-3",
    "Một nơi nhận thì ghi cùng dòng với “Kính gửi:”",
    "A single addressee goes on the “Kính gửi:” line",
    bad="Kính gửi:\n- Sở Tài chính.",
    fix="Kính gửi: Sở Tài chính",
)
def kinh_gui_single(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.kinh_gui is None or len(el.kinh_gui_items) != 1:
        return
    item = el.kinh_gui_items[0]
    label = el.kinh_gui.para
    same_line = (
        item.para is label and "\n" not in item.para.text[el.kinh_gui.end : item.start]
    ) or (
        # "Kính gửi:" and its addressee in two cells of one table row: one printed line.
        label.where.kind == "cell"
        and item.para.table_key == label.table_key
        and item.para.where.row == label.where.row
        and item.para.where.col > label.where.col
        and not item.para.text[: item.start].strip()
    )
    if not same_line:
        yield Problem(
            item,
            Text("một nơi nhận nhưng xuống dòng riêng", "one addressee on its own line"),
            Text(
                "“Kính gửi: <nơi nhận>” trên cùng một dòng", "“Kính gửi: <addressee>” on one line"
            ),
        )


@rule(
    "R-KG-4",
    "Nhiều nơi nhận: mỗi nơi một dòng, đầu dòng “-”, cuối dòng “;”, dòng cuối “.”",
    "Several addressees: one per line, “- ” first, “;” at the end, “.” on the last",
    bad="- Sở Tài chính\n- Sở Nội vụ",
    fix="- Sở Tài chính;\n- Sở Nội vụ.",
)
def kinh_gui_list(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.kinh_gui is None or len(el.kinh_gui_items) < 2:
        return
    for span, end in _ends(el.kinh_gui_items):
        text = nfc(span.text)
        if not text.startswith("- ") or not text.endswith(end):
            yield Problem(
                span,
                Text(f"“{text}”", f"“{text}”"),
                Text(f"“- <nơi nhận>{end}”", f"“- <addressee>{end}”"),
            )


# ---- căn cứ ----------------------------------------------------------------------------
@rule(
    "R-CC-2",
    "Căn cứ: chữ thường, nghiêng, cỡ 13–14; mỗi căn cứ một dòng kết thúc “;”, dòng cuối “.”",
    "Legal bases: italic, 13–14 pt, one per line ending “;”, the last “.”",
    bad="Căn cứ Luật … (chữ đứng, cuối dòng dấu phẩy)",
    fix="Căn cứ Luật …; (nghiêng); dòng cuối kết thúc “.”",
)
def can_cu(ctx: Context) -> Iterator[Outcome]:
    items = ctx.el.can_cu
    spec = ctx.element("can_cu")
    for span, end in _ends(items):
        text = nfc(span.text)
        yield from format_problems([span], spec, ignore=("case",))
        if not text.endswith(end):
            yield Problem(
                span,
                Text(f"dòng kết thúc bằng “{text[-1:]}”", f"line ends with “{text[-1:]}”"),
                Text(f"kết thúc bằng “{end}”", f"ends with “{end}”"),
            )


# ---- body ------------------------------------------------------------------------------
def _text_paras(ctx: Context) -> list[Paragraph]:
    """Body paragraphs that are running text (centred headings are not)."""
    return [p for p in ctx.el.body if p.fmt.alignment != "center"]


def _summary(paras: Sequence[Paragraph], vi: str, en: str) -> Text:
    extra_vi = f" (và {len(paras) - 1} đoạn khác)" if len(paras) > 1 else ""
    extra_en = f" (and {len(paras) - 1} more paragraph(s))" if len(paras) > 1 else ""
    return Text(vi + extra_vi, en + extra_en)


def _sizes(p: Paragraph) -> list[float]:
    return [r.fmt.size_pt or DEFAULT_SIZE_PT for r in p.runs if r.text.strip()]


def _surely_wraps(ctx: Context, p: Paragraph) -> bool:
    sec = ctx.pkg.sections[0] if ctx.pkg.sections else None
    if sec is None or None in (sec.width_mm, sec.left_mm, sec.right_mm):
        return True
    width = Mm((sec.width_mm or 0) - (sec.left_mm or 0) - (sec.right_mm or 0)).pt
    width -= p.fmt.left_pt + max(p.fmt.first_line_pt, 0)
    size = max(_sizes(p) or [DEFAULT_SIZE_PT])
    return len(p.text.strip()) * size * _NARROW_CHAR_EM > width


@rule(
    "R-ND-1",
    "Nội dung: cỡ 13–14, chữ đứng, căn đều hai lề",
    "Body: 13–14 pt, upright, justified",
    bad="Nội dung cỡ 12, căn trái",
    fix="Chọn nội dung → cỡ 14, Justify (Ctrl+J)",
)
def body_text(ctx: Context) -> Iterator[Outcome]:
    if not ctx.el.body:
        yield Unjudged(missing(*_BODY))
        return
    low, high = size_range(ctx.element("body"))
    bad_size = [p for p in ctx.el.body if any(not within(s, low, high) for s in _sizes(p))]
    if bad_size:
        shown = ", ".join(fmt_num(s) for s in sorted({s for s in _sizes(bad_size[0])}))
        yield Problem(
            bad_size[0],
            _summary(bad_size, f"cỡ chữ {shown} pt", f"size {shown} pt"),
            Text(
                f"cỡ chữ {fmt_num(low)}–{fmt_num(high)} pt",
                f"size {fmt_num(low)}–{fmt_num(high)} pt",
            ),
        )
    text = [p for p in _text_paras(ctx) if _surely_wraps(ctx, p)]
    bad_align = [p for p in text if p.fmt.alignment != "both"]
    if bad_align:
        yield Problem(
            bad_align[0],
            _summary(
                bad_align,
                f"căn lề “{align_vi(bad_align[0].fmt.alignment)}”",
                f"aligned “{bad_align[0].fmt.alignment}”",
            ),
            Text("căn đều hai lề (justify)", "justified on both margins"),
        )
    italic = [
        p
        for p in ctx.el.body
        if p.runs
        and all(r.fmt.italic for r in p.runs if r.text.strip())
        and not nfc(p.text).startswith("(")
        and not _bold_heading(p)
    ]
    if italic:
        yield Problem(
            italic[0],
            _summary(italic, "cả đoạn in nghiêng", "whole paragraph italic"),
            Text("chữ đứng", "upright"),
        )


def _bold_heading(p: Paragraph) -> bool:
    """A short bold line ("- Công tác truy nã tội phạm:") is a sub-heading, not running
    text: the Decree does not prescribe its style, so its italics are not judged."""
    runs = [r for r in p.runs if r.text.strip()]
    return bool(runs) and all(r.fmt.bold for r in runs) and len(p.text.strip()) <= 90


def _first_line_at(p: Paragraph) -> float:
    """Where the first line starts, in pt from the left margin."""
    return p.fmt.left_pt + p.fmt.first_line_pt


@rule(
    "R-ND-2",
    "Lùi đầu dòng 1 cm hoặc 1,27 cm",
    "First-line indent 1 cm or 1.27 cm",
    bad="Đoạn không lùi đầu dòng",
    fix="Paragraph → Special: First line → 1,27 cm",
)
def body_indent(ctx: Context) -> Iterator[Outcome]:
    if not ctx.el.body:
        yield Unjudged(missing(*_BODY))
        return
    allowed = [float(v) for v in ctx.element("body")["first_line_indent_cm"]["allowed"]]
    ok_pts = [Cm(v).pt for v in allowed]
    # Numbered paragraphs take their indent from the numbering definition: not judged.
    # What prints is where the first line starts: the left indent plus the first-line
    # (or minus the hanging) indent. A paragraph indented 1.27 cm as a whole starts its
    # first line at 1.27 cm like its siblings.
    bad = [
        p
        for p in _text_paras(ctx)
        if not p.fmt.numbered
        and not any(abs(_first_line_at(p) - v) <= _INDENT_TOL.pt for v in ok_pts)
    ]
    if bad:
        found_cm = Pt(_first_line_at(bad[0])).mm / 10
        yield Problem(
            bad[0],
            _summary(
                bad,
                f"lùi đầu dòng {fmt_num(found_cm)} cm",
                f"first-line indent {fmt_num(found_cm)} cm",
            ),
            Text(
                "lùi đầu dòng " + " hoặc ".join(f"{fmt_num(v)} cm" for v in allowed),
                "first-line indent " + " or ".join(f"{fmt_num(v)} cm" for v in allowed),
            ),
        )


@rule(
    "R-ND-3",
    "Khoảng cách giữa các đoạn tối thiểu 6 pt",
    "At least 6 pt between paragraphs",
    bad="Spacing Before = 0, After = 0",
    fix="Paragraph → Spacing Before 6 pt",
)
def body_spacing(ctx: Context) -> Iterator[Outcome]:
    body = ctx.el.body
    if not body:
        yield Unjudged(missing(*_BODY))
        return
    minimum = float(size_range(ctx.element("body")["space_before_pt"])[0])
    bad: list[Paragraph] = []
    gaps: list[float] = []
    for prev, nxt in pairwise(body):
        if nxt.order != prev.order + 1:
            continue  # an empty paragraph or another block sits between them
        if "center" in (prev.fmt.alignment, nxt.fmt.alignment):
            continue  # a centred heading and its label ("Phần I" / title) form one block
        gap = prev.fmt.space_after_pt + nxt.fmt.space_before_pt
        if prev.fmt.contextual and nxt.fmt.contextual and prev.fmt.style_id == nxt.fmt.style_id:
            gap = 0.0
        if gap + _GAP_TOL.pt < minimum:
            bad.append(nxt)
            gaps.append(gap)
    if bad:
        yield Problem(
            bad[0],
            _summary(
                bad,
                f"cách đoạn trước {fmt_num(gaps[0])} pt",
                f"{fmt_num(gaps[0])} pt from the previous paragraph",
            ),
            Text(
                f"cách nhau tối thiểu {fmt_num(minimum)} pt",
                f"at least {fmt_num(minimum)} pt apart",
            ),
        )


def _line_multiple(p: Paragraph) -> float:
    rule_ = p.fmt.line_rule
    if rule_ == "auto":
        return p.fmt.line_value / 240.0
    sizes = _sizes(p) or [DEFAULT_SIZE_PT]
    single = max(sizes) * _SINGLE_LINE_RATIO
    multiple = (p.fmt.line_value / 20.0) / single
    return max(1.0, multiple) if rule_ == "atLeast" else multiple


@rule(
    "R-ND-4",
    "Giãn dòng từ một dòng (single) đến 1,5 dòng",
    "Line spacing from single to 1.5 lines",
    bad="Line spacing: Double",
    fix="Paragraph → Line spacing: Single, 1.15 hoặc 1.5 lines",
)
def body_line_spacing(ctx: Context) -> Iterator[Outcome]:
    if not ctx.el.body:
        yield Unjudged(missing(*_BODY))
        return
    low, high = size_range(ctx.element("body")["line_spacing"])
    bad = [p for p in ctx.el.body if not within(_line_multiple(p), low, high, 0.03)]
    if bad:
        shown = fmt_num(_line_multiple(bad[0]))
        yield Problem(
            bad[0],
            _summary(bad, f"giãn dòng {shown} dòng", f"line spacing {shown} lines"),
            Text(
                f"giãn dòng {fmt_num(low)}–{fmt_num(high)} dòng",
                f"line spacing {fmt_num(low)}–{fmt_num(high)} lines",
            ),
        )


@rule(
    "R-ND-5",
    "Đoạn cuối nội dung kết thúc bằng “./.”",
    "The body ends with “./.”",
    bad="… đề nghị các đơn vị thực hiện.",
    fix="… đề nghị các đơn vị thực hiện./.",
    severity=Severity.WARNING,
)
def body_ending(ctx: Context) -> Iterator[Outcome]:
    if not ctx.el.body:
        yield Unjudged(missing(*_BODY))
        return
    ending = str(ctx.element("body")["ending"])
    last = ctx.el.body[-1]
    if not nfc(last.text).endswith(ending):
        yield Problem(
            last,
            Text(
                f"đoạn cuối kết thúc “{nfc(last.text)[-12:]}”",
                f"last paragraph ends “{nfc(last.text)[-12:]}”",
            ),
            Text(f"kết thúc bằng “{ending}”", f"ends with “{ending}”"),
        )


# ---- structure ---------------------------------------------------------------------------
_DIEU = re.compile(r"^Điều\s+\d+\s*[.:]")
# A title line is short: "Điều 5. Trách nhiệm của các sở, ngành" fits one line.
_TITLE_LINE_CHARS = 90


@rule(
    "R-BC-4",
    "“Điều N.” và tên điều trên một dòng, chữ đậm (được đánh dấu là tiêu đề)",
    "“Điều N.” and its title on one line, bold (marked as a heading)",
    bad="Điều 3. Các sở, ngành căn cứ chức năng … tổ chức thực hiện (chữ thường, hai dòng)",
    fix="Bôi đậm “Điều 3.” và tên điều; nội dung điều viết thành đoạn riêng",
    severity=Severity.WARNING,
)
def article_heading(ctx: Context) -> Iterator[Outcome]:
    for p in ctx.el.body:
        text = nfc(p.text.strip())
        m = _DIEU.match(text)
        if m is None:
            continue
        label = [f for t, f in Span(p, 0, len(p.text)).formats() if t.strip()]
        head = label[0] if label else None
        marked = (head is not None and head.bold) or p.fmt.style_id.lower().startswith(
            ("heading", "dieu", "tieude")
        )
        if marked:
            continue
        short = len(text) <= _TITLE_LINE_CHARS
        yield Problem(
            p,
            Text(
                f"“{m.group(0)}” không đậm, "
                + (
                    "tên điều chưa được đánh dấu là tiêu đề"
                    if short
                    else "cả một câu dài viết sau “Điều”, không rõ đâu là tên điều"
                ),
                f"“{m.group(0)}” not bold, "
                + (
                    "the article title is not marked as a heading"
                    if short
                    else "a long sentence follows “Điều”, its title cannot be told"
                ),
            ),
            Text(
                "“Điều N. <tên điều>” một dòng, chữ đậm; nội dung ở đoạn sau",
                "“Điều N. <title>” on one line, bold; the content in the next paragraphs",
            ),
        )
