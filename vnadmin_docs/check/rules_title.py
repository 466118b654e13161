"""Rules on V/v, the type name and summary (ô 5a/5b) and the marks (ô 10b, ô 11)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vnadmin_docs.check import forms
from vnadmin_docs.check.elements import Span
from vnadmin_docs.check.findings import Severity, Text
from vnadmin_docs.check.formatting import fmt_num, format_problems, missing
from vnadmin_docs.check.registry import Context, Outcome, Problem, Unjudged, rule
from vnadmin_docs.check.textfold import is_upper_text, loose_key, nfc

__all__: list[str] = []

_TYPE = ("tên loại văn bản hoặc dòng “V/v”", "a type name or a “V/v” line")


# ---- V/v, type name, trích yếu ------------------------------------------------------
@rule(
    "R-CV-1",
    "Công văn: trích yếu “V/v …” dưới số, cỡ 12–13, đứng, không đậm",
    "Công văn: “V/v …” summary under the number, 12–13 pt, upright, not bold",
    bad="V/V: báo cáo tình hình (in đậm)",
    fix="V/v báo cáo tình hình (chữ thường, không đậm)",
)
def vv_line(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.kind is None:
        yield Unjudged(missing(*_TYPE))
        return
    if el.kind != "cong-van":
        return
    if el.vv is None:
        yield Problem(
            el.kinh_gui,
            Text("công văn không có dòng trích yếu “V/v …”", "the công văn has no “V/v …” line"),
            Text(
                "dòng “V/v <trích yếu>” dưới số, ký hiệu", "a “V/v <summary>” line under the number"
            ),
        )
        return
    text = nfc(el.vv.text)
    if not re.match(r"^V/v \S", text):
        yield Problem(
            el.vv,
            Text(f"“{text[:20]}”", f"“{text[:20]}”"),
            Text(
                "bắt đầu bằng “V/v ” rồi nội dung trích yếu", "starts with “V/v ” then the summary"
            ),
        )
    spec = ctx.element("vv")
    yield from format_problems([el.vv], spec, ignore=("case",))
    yield from _vv_gap(ctx, float(spec["space_before_pt"]))


def _vv_gap(ctx: Context, wanted: float) -> Iterator[Outcome]:
    """The V/v line sits about 6 pt under the Số line (R-CV-1); only a tighter gap shows."""
    so, vv = ctx.el.so, ctx.el.vv
    if so is None or vv is None or vv.para.order != so.para.order + 1:
        return
    gap = so.para.fmt.space_after_pt + vv.para.fmt.space_before_pt
    if gap + 0.5 < wanted:
        yield Problem(
            vv,
            Text(f"cách dòng Số {fmt_num(gap)} pt", f"{fmt_num(gap)} pt below the number"),
            Text(f"cách dòng Số {fmt_num(wanted)} pt", f"{fmt_num(wanted)} pt below the number"),
        )


@rule(
    "R-TL-1",
    "Tên loại văn bản: in hoa, cỡ 13–14, đứng, đậm, căn giữa",
    "Type name: upper, 13–14 pt, upright, bold, centred",
    bad="THÔNG BÁO cỡ 12, căn trái",
    fix="THÔNG BÁO cỡ 14, đậm, căn giữa",
)
def type_name_format(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.kind is None:
        yield Unjudged(missing(*_TYPE))
        return
    if el.type_name is not None:
        yield from format_problems([el.type_name], ctx.element("type_name"), centred=True)


@rule(
    "R-TL-2",
    "Trích yếu dưới tên loại: chữ thường, cỡ 13–14, đứng, đậm, căn giữa",
    "Summary under the type name: lower, 13–14 pt, upright, bold, centred",
    bad="Trích yếu không đậm",
    fix="Chọn dòng trích yếu → Bold, cỡ 14, căn giữa",
)
def trich_yeu_format(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.type_name is None:
        return
    if not el.trich_yeu:
        if loose_key(el.type_name.text).startswith(forms.NO_SUMMARY):
            return  # their samples have no trích yếu (Mẫu 1.8, 1.10: the rule follows)
        yield Unjudged(missing("trích yếu dưới tên loại", "the summary under the type name"))
        return
    caps = [s for s in el.trich_yeu if is_upper_text(s.text)]
    if caps:
        yield Problem(
            caps[0],
            Text(
                "trích yếu viết hoa toàn bộ (thường do dán từ trang web)",
                "the summary is in capitals (often pasted from a web page)",
            ),
            Text(
                "chữ thường, chỉ viết hoa chữ đầu và tên riêng: chọn dòng → Shift+F3 "
                "(Change Case → Sentence case) rồi sửa tên riêng",
                "sentence case, capitals only for the first letter and proper names: select "
                "the line → Shift+F3 (Change Case → Sentence case), then fix proper names",
            ),
            severity=Severity.WARNING,
        )
    yield from format_problems(
        el.trich_yeu, ctx.element("trich_yeu"), centred=True, ignore=("case",) if caps else ()
    )


@rule(
    "R-TL-3",
    "Dưới trích yếu có đường kẻ ngang liền (1/3–1/2 dòng chữ)",
    "A solid line under the summary (1/3–1/2 of the text line)",
    bad="Không kẻ đường dưới trích yếu",
    fix="Kẻ đường liền 1/3–1/2 dòng trích yếu, căn giữa",
)
def trich_yeu_line(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.type_name is None:
        return
    # Mẫu 1.8, 1.10 have no summary: the line is under the type name itself.
    under = el.trich_yeu[-1] if el.trich_yeu else None
    if under is None and forms.form_of(el.type_name.text) in forms.NO_SUMMARY:
        under = el.type_name
    if under is None:
        return
    if el.trich_yeu_line is None:
        yield Unjudged(
            Text(
                "đường kẻ là hình vẽ trôi nổi; cần --render để xác định",
                "the line is a floating drawing; use --render to place it",
            )
        )
    elif not el.trich_yeu_line:
        yield Problem(
            under,
            Text("không có đường kẻ dưới trích yếu", "no line under the summary"),
            Text(
                "đường kẻ ngang liền 1/3–1/2 dòng chữ, căn giữa",
                "a solid centred line, 1/3–1/2 of the text line",
            ),
        )


@rule(
    "R-TL-4",
    "Văn bản có tên loại không dùng “V/v” (dùng “Về việc …” hoặc cụm từ)",
    "Typed documents do not use “V/v”",
    bad="THÔNG BÁO có dòng “V/v phân công nhiệm vụ”",
    fix="THÔNG BÁO / Phân công nhiệm vụ …",
    severity=Severity.WARNING,
)
def no_vv_in_typed(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.type_name is None:
        return
    spans = [el.vv] if el.vv is not None else []
    spans += [s for s in el.trich_yeu if loose_key(s.text).startswith("v/v")]
    for span in spans:
        yield Problem(
            span,
            Text(f"“{nfc(span.text)[:40]}”", f"“{nfc(span.text)[:40]}”"),
            Text(
                "trích yếu dưới tên loại, không có “V/v”",
                "the summary under the type name, without “V/v”",
            ),
        )


# ---- marks -----------------------------------------------------------------------------
def _marks(ctx: Context, kind: str) -> Iterator[Span]:
    return (span for k, span in ctx.el.marks if k == kind)


@rule(
    "R-KHAN-2",
    "Dấu mức độ khẩn (HỎA TỐC, THƯỢNG KHẨN, KHẨN): in hoa, cỡ 13–14, đứng, đậm",
    "Urgency mark: upper, 13–14 pt, upright, bold",
    bad="Khẩn (chữ thường, không đậm)",
    fix="KHẨN, in hoa, đậm, cỡ 13, trong khung chữ nhật",
)
def urgency_mark(ctx: Context) -> Iterator[Outcome]:
    yield from format_problems(_marks(ctx, "urgency"), ctx.element("urgency"))


@rule(
    "R-LH-1",
    "Chỉ dẫn phạm vi lưu hành (XEM XONG TRẢ LẠI, LƯU HÀNH NỘI BỘ): in hoa, cỡ 13–14, đứng, đậm",
    "Circulation note: upper, 13–14 pt, upright, bold",
    bad="Lưu hành nội bộ (chữ thường)",
    fix="LƯU HÀNH NỘI BỘ, in hoa, đậm, cỡ 13, trong khung chữ nhật",
)
def circulation_mark(ctx: Context) -> Iterator[Outcome]:
    yield from format_problems(_marks(ctx, "circulation"), ctx.element("circulation"))
