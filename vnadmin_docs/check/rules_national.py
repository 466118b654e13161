"""Rules on the national title, the motto and the issuer (ô 1, ô 2)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vnadmin_docs.check.findings import Text
from vnadmin_docs.check.formatting import format_outcomes, format_problems, missing
from vnadmin_docs.check.registry import Context, Outcome, Problem, Unjudged, rule
from vnadmin_docs.check.textfold import nfc, tone_key

__all__: list[str] = []

_QH = ("Quốc hiệu", "the national title (Quốc hiệu)")
_TN = ("Tiêu ngữ", "the motto (Tiêu ngữ)")
_ISSUER = ("tên cơ quan ban hành", "the issuer name")


# ---- Quốc hiệu and Tiêu ngữ -------------------------------------------------------------
@rule(
    "R-QH-1",
    "Quốc hiệu đúng chữ “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”",
    "National title reads “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”",
    bad="XÃ HỘI CHỦ NGHĨA VIỆT NAM (thiếu “CỘNG HÒA”)",
    fix="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM (chấp nhận cả “HOÀ”)",
)
def quoc_hieu_text(ctx: Context) -> Iterator[Outcome]:
    qh = ctx.el.quoc_hieu
    if qh is None:
        yield Unjudged(missing(*_QH))
        return
    spec = ctx.element("quoc_hieu")
    accepted = {tone_key(t) for t in spec.get("accepted_texts", [spec["text"]])}
    shown = qh.text
    if qh.formats() and all(f.caps for _, f in qh.formats()):
        shown = shown.upper()  # typed in lower case, shown in capitals (Font → All caps)
    if tone_key(shown) not in accepted:
        yield Problem(
            qh,
            Text(f"“{nfc(qh.text)}”", f"“{nfc(qh.text)}”"),
            Text(f"“{spec['text']}”", f"“{spec['text']}”"),
        )


@rule(
    "R-QH-2",
    "Quốc hiệu in hoa, cỡ 12–13, đứng, đậm",
    "National title: upper, 12–13 pt, upright, bold",
    bad="Quốc hiệu cỡ 14, không đậm",
    fix="Chọn dòng Quốc hiệu → cỡ 12 (hoặc 13), Bold",
)
def quoc_hieu_format(ctx: Context) -> Iterator[Outcome]:
    yield from format_outcomes(ctx.el.quoc_hieu, ctx.element("quoc_hieu"), _QH)


@rule(
    "R-QH-3",
    "Quốc hiệu ở đầu trang, cột phải (ô 1)",
    "National title top right (box 1)",
    bad="Quốc hiệu đặt giữa trang, phía trên tên cơ quan",
    fix="Dùng bảng 2 cột không viền: cột trái tên cơ quan, cột phải Quốc hiệu",
)
def quoc_hieu_position(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    qh = el.quoc_hieu
    if qh is None:
        yield Unjudged(missing(*_QH))
        return
    w = qh.para.where
    bad = False
    if el.header_layout == "table":
        bad = w.col < 2 and not el.issuer
        if el.issuer:
            iw = el.issuer[0].para.where
            bad = iw.kind == "cell" and iw.table == w.table and iw.col >= w.col
    elif el.header_layout == "textbox":
        bad = False
        if el.issuer and el.issuer[0].para.where.box_x_pt is not None and w.box_x_pt is not None:
            bad = el.issuer[0].para.where.box_x_pt >= w.box_x_pt
    elif el.header_layout == "paragraphs":
        bad = qh.para.fmt.alignment != "right" and qh.para.fmt.left_pt < 150
    if bad:
        yield Problem(
            qh,
            Text(
                "Quốc hiệu không nằm ở cột phải phần đầu văn bản",
                "the national title is not in the right header column",
            ),
            Text(
                "Quốc hiệu ở cột phải, ngang hàng tên cơ quan ban hành",
                "national title in the right column, level with the issuer",
            ),
        )


@rule(
    "R-QH-4",
    "Tiêu ngữ “Độc lập - Tự do - Hạnh phúc” (gạch nối có cách chữ)",
    "Motto “Độc lập - Tự do - Hạnh phúc” (hyphens with spaces)",
    bad="Độc lập – Tự do – Hạnh phúc (gạch ngang dài “–”)",
    fix="Độc lập - Tự do - Hạnh phúc (dấu “-” có cách hai bên)",
)
def motto_text(ctx: Context) -> Iterator[Outcome]:
    tn = ctx.el.tieu_ngu
    if tn is None:
        yield Unjudged(missing(*_TN))
        return
    want = str(ctx.element("tieu_ngu")["text"])
    text = nfc(tn.text)
    if tone_key(text) == tone_key(want):
        return
    notes_vi: list[str] = []
    notes_en: list[str] = []
    if re.search("[–—]", text):
        notes_vi.append("dùng gạch ngang dài “–” thay cho “-”")
        notes_en.append("uses an en/em dash instead of “-”")
    if re.search(r"\S-|-\S", text):
        notes_vi.append("thiếu dấu cách quanh “-”")
        notes_en.append("missing spaces around “-”")
    extra_vi = f" ({'; '.join(notes_vi)})" if notes_vi else ""
    extra_en = f" ({'; '.join(notes_en)})" if notes_en else ""
    yield Problem(
        tn, Text(f"“{text}”{extra_vi}", f"“{text}”{extra_en}"), Text(f"“{want}”", f"“{want}”")
    )


@rule(
    "R-QH-5",
    "Tiêu ngữ cỡ 13–14, đứng, đậm, căn giữa dưới Quốc hiệu",
    "Motto 13–14 pt, upright, bold, centred under the national title",
    bad="Tiêu ngữ nghiêng, không đậm",
    fix="Chọn dòng Tiêu ngữ → cỡ 13 hoặc 14, Bold, bỏ Italic, căn giữa",
)
def motto_format(ctx: Context) -> Iterator[Outcome]:
    tn = ctx.el.tieu_ngu
    if tn is None:
        yield Unjudged(missing(*_TN))
        return
    # The exact wording (R-QH-4) already fixes the case.
    yield from format_problems([tn], ctx.element("tieu_ngu"), ignore=("case",), centred=True)


@rule(
    "R-QH-6",
    "Có một đường kẻ ngang liền dưới Tiêu ngữ, không kẻ dưới Quốc hiệu",
    "A solid line under the motto, none under the national title",
    bad="Không có đường kẻ dưới “Độc lập - Tự do - Hạnh phúc”",
    fix="Kẻ đường liền (Shift khi vẽ) dài bằng dòng Tiêu ngữ, hoặc viền dưới đoạn vừa bằng chữ",
)
def motto_line(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.tieu_ngu is None:
        yield Unjudged(missing(*_TN))
        return
    if el.quoc_hieu_line and el.quoc_hieu is not None:
        yield Problem(
            el.quoc_hieu,
            Text("có đường kẻ dưới Quốc hiệu", "a line under the national title"),
            Text("chỉ kẻ dưới Tiêu ngữ", "a line only under the motto"),
        )
    if el.motto_line is None:
        yield Unjudged(
            Text(
                "có hình vẽ đường kẻ trôi nổi ở phần đầu; không xác định được nó nằm dưới Tiêu ngữ "
                "nếu không dàn trang (dùng --render)",
                "a floating drawn line is in the header; whether it sits under the motto needs "
                "rendering (use --render)",
            )
        )
    elif not el.motto_line:
        yield Problem(
            el.tieu_ngu,
            Text("không có đường kẻ dưới Tiêu ngữ", "no line under the motto"),
            Text("đường kẻ ngang liền dài bằng dòng Tiêu ngữ", "a solid line as long as the motto"),
        )


# ---- issuer -----------------------------------------------------------------------------
@rule(
    "R-CQ-3",
    "Tên cơ quan chủ quản: in hoa, cỡ 12–13, đứng, không đậm",
    "Superior body: upper, 12–13 pt, upright, not bold",
    bad="UBND TỈNH ĐẮK NÔNG in đậm",
    fix="Bỏ đậm dòng cơ quan chủ quản",
)
def superior_format(ctx: Context) -> Iterator[Outcome]:
    yield from format_problems(ctx.el.superior, ctx.element("superior"))


@rule(
    "R-CQ-4",
    "Tên cơ quan ban hành: in hoa, cỡ 12–13, đứng, đậm, căn giữa",
    "Issuer: upper, 12–13 pt, upright, bold, centred",
    bad="Sở Lao động - Thương binh và Xã hội (chữ thường, không đậm)",
    fix="SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI, in hoa, đậm",
)
def issuer_format(ctx: Context) -> Iterator[Outcome]:
    if not ctx.el.issuer:
        yield Unjudged(missing(*_ISSUER))
        return
    yield from format_problems(ctx.el.issuer, ctx.element("issuer"), centred=True)


@rule(
    "R-CQ-5",
    "Dưới tên cơ quan ban hành có đường kẻ ngang liền (1/3–1/2 dòng chữ)",
    "A solid line under the issuer (1/3–1/2 of the text line)",
    bad="Không có đường kẻ dưới tên cơ quan",
    fix="Kẻ đường liền, dài 1/3–1/2 dòng tên cơ quan, căn giữa",
)
def issuer_line(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if not el.issuer:
        yield Unjudged(missing(*_ISSUER))
        return
    if el.issuer_line is None:
        yield Unjudged(
            Text(
                "có hình vẽ đường kẻ trôi nổi ở phần đầu; cần dàn trang (--render) để biết nó nằm "
                "dưới tên cơ quan",
                "a floating drawn line is in the header; use --render to place it",
            )
        )
    elif el.issuer_underlined:
        yield Problem(
            el.issuer[-1],
            Text(
                "gạch chân cả dòng tên cơ quan (đường kẻ dài bằng dòng chữ)",
                "the issuer text is underlined (the line is as long as the text)",
            ),
            Text(
                "đường kẻ ngang liền dài 1/3–1/2 dòng chữ, căn giữa",
                "a solid centred line, 1/3–1/2 of the text line",
            ),
        )
    elif not el.issuer_line:
        yield Problem(
            el.issuer[-1],
            Text("không có đường kẻ dưới tên cơ quan ban hành", "no line under the issuer name"),
            Text(
                "đường kẻ ngang liền dài 1/3–1/2 dòng chữ, căn giữa",
                "a solid centred line, 1/3–1/2 of the text line",
            ),
        )
