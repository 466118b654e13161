"""Rules on the header: Quốc hiệu, Tiêu ngữ, issuer, Số, date line, V/v, type name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vnadmin_docs.check.elements import Span
from vnadmin_docs.check.findings import Severity, Text
from vnadmin_docs.check.formatting import format_gaps, missing
from vnadmin_docs.check.registry import Context, Outcome, Problem, Unjudged, rule
from vnadmin_docs.check.textfold import loose_key, nfc, tone_key

__all__: list[str] = []

_QH = ("Quốc hiệu", "the national title (Quốc hiệu)")
_TN = ("Tiêu ngữ", "the motto (Tiêu ngữ)")
_ISSUER = ("tên cơ quan ban hành", "the issuer name")
_SO = ("dòng “Số:”", "the “Số:” line")
_DATE = ("dòng địa danh, ngày tháng", "the place and date line")
_TYPE = ("tên loại văn bản hoặc dòng “V/v”", "a type name or a “V/v” line")


def _fmt_rule(
    span: Span | None, spec: dict[str, object], what: tuple[str, str], centred: bool = False
) -> Iterator[Outcome]:
    if span is None:
        yield Unjudged(missing(*what))
        return
    gaps = format_gaps(span, dict(spec), centred=centred)
    if gaps:
        yield Problem(span, *gaps)


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
    yield from _fmt_rule(ctx.el.quoc_hieu, ctx.element("quoc_hieu"), _QH)


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
    spec = dict(ctx.element("tieu_ngu"))
    spec.pop("case", None)  # the exact wording (R-QH-4) already fixes the case
    gaps = format_gaps(tn, spec, centred=True)
    if gaps:
        yield Problem(tn, *gaps)


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
    for span in ctx.el.superior:
        gaps = format_gaps(span, ctx.element("superior"))
        if gaps:
            yield Problem(span, *gaps)


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
    for span in ctx.el.issuer:
        gaps = format_gaps(span, ctx.element("issuer"), centred=True)
        if gaps:
            yield Problem(span, *gaps)


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


# ---- Số, ký hiệu -----------------------------------------------------------------------
_SO_PARTS = re.compile(r"^(?P<word>[^\s:]+)\s*(?P<colon>:?)\s*(?P<num>[^/]*?)\s*/\s*(?P<sym>.*)$")


def _so_parts(span: Span) -> re.Match[str] | None:
    return _SO_PARTS.match(nfc(span.text))


def _abbreviations(ctx: Context) -> dict[str, str]:
    table: dict[str, str] = ctx.profile["types"]["abbreviations"]
    return table


def _groups(sym: str) -> list[str]:
    return [g for g in re.split(r"\s*-\s*", sym.strip()) if g]


@rule(
    "R-SO-2",
    "Số dưới 10 ghi thêm số 0 phía trước (01…09)",
    "Numbers below 10 have a leading zero",
    bad="Số: 5/TB-VP",
    fix="Số: 05/TB-VP",
)
def so_number(ctx: Context) -> Iterator[Outcome]:
    so = ctx.el.so
    if so is None:
        yield Unjudged(missing(*_SO))
        return
    m = _so_parts(so)
    if m is None:
        return
    num = m.group("num").strip()
    if not num or not re.search(r"\d", num):
        if ctx.draft:
            return
        yield Problem(
            so,
            Text("số văn bản để trống", "the number is blank"),
            Text(
                "số đã đăng ký (chỉ bản dự thảo mới được để trống)",
                "a registered number (only drafts leave it blank)",
            ),
            severity=Severity.WARNING,
        )
        return
    if not num.isdigit():
        yield Problem(
            so,
            Text(f"số “{num}”", f"number “{num}”"),
            Text("số bằng chữ số Ả Rập", "an Arabic-digit number"),
        )
        return
    value = int(num)
    expected = f"{value:02d}"
    if num != expected:
        yield Problem(
            so,
            Text(f"số “{num}”", f"number “{num}”"),
            Text(f"số “{expected}”", f"number “{expected}”"),
        )


@rule(
    "R-SO-3",
    "Chữ “Số:” viết hoa chữ S, liền dấu hai chấm; cỡ 13, đứng",
    "“Số:” with a capital S and a colon; 13 pt, upright",
    bad="SỐ 05/TB-VP hoặc Số : 05/TB-VP",
    fix="Số: 05/TB-VP",
)
def so_word(ctx: Context) -> Iterator[Outcome]:
    so = ctx.el.so
    if so is None:
        yield Unjudged(missing(*_SO))
        return
    text = nfc(so.text)
    if not text.startswith("Số:"):
        yield Problem(
            so,
            Text(f"viết “{text.split('/')[0].strip()}”", f"written “{text.split('/')[0].strip()}”"),
            Text(
                "“Số:” (chữ S hoa, “ố” thường, dấu hai chấm liền sau)",
                "“Số:” (capital S, colon right after)",
            ),
        )
    gaps = format_gaps(so, ctx.element("so"), case=False)
    if gaps:
        yield Problem(so, *gaps)


def _official_upper(ctx: Context) -> dict[str, str]:
    return {
        abbr.upper(): abbr
        for abbr in [
            *_abbreviations(ctx).values(),
            *ctx.profile["copies"]["abbreviations"].values(),
        ]
    }


@rule(
    "R-SO-4",
    "Ký hiệu in hoa (trừ QyĐ, CTr, TTr, TrS)",
    "Symbol in upper case (except QyĐ, CTr, TTr, TrS)",
    bad="Số: 05/Ubnd-vp",
    fix="Số: 05/UBND-VP",
)
def so_symbol_case(ctx: Context) -> Iterator[Outcome]:
    so = ctx.el.so
    if so is None:
        yield Unjudged(missing(*_SO))
        return
    m = _so_parts(so)
    if m is None:
        return
    official = _official_upper(ctx)
    bad = [g for g in _groups(m.group("sym")) if g != g.upper() and g.upper() not in official]
    if bad:
        yield Problem(
            so,
            Text(
                f"ký hiệu có chữ thường: {', '.join(bad)}",
                f"lower-case letters in the symbol: {', '.join(bad)}",
            ),
            Text("ký hiệu in hoa", "symbol in upper case"),
        )


@rule(
    "R-SO-5",
    "Giữa số và ký hiệu dùng “/”, giữa các nhóm dùng “-”, không có dấu cách",
    "“/” between number and symbol, “-” between groups, no spaces",
    bad="Số: 05 / UBND - VP",
    fix="Số: 05/UBND-VP",
)
def so_separators(ctx: Context) -> Iterator[Outcome]:
    so = ctx.el.so
    if so is None:
        yield Unjudged(missing(*_SO))
        return
    text = nfc(so.text)
    tail = text.split(":", 1)[1] if ":" in text else text[2:]
    tail = tail.strip()
    num_blank = not re.match(r"\d", tail)
    core = tail if not num_blank else tail.lstrip(" .…_")
    spaced = bool(re.search(r"\s[/-]|[/-]\s", core))
    odd = re.search(r"[^\w/\-\s.…]", core) or re.search(r"\w[._]\w", core)
    if spaced or odd:
        yield Problem(
            so,
            Text(f"“{text}”", f"“{text}”"),
            Text(
                "“/” giữa số và ký hiệu, “-” giữa các nhóm chữ, không có dấu cách",
                "“/” between number and symbol, “-” between groups, no spaces",
            ),
        )


@rule(
    "R-SO-6",
    "Văn bản có tên loại: ký hiệu = chữ viết tắt tên loại - tên cơ quan",
    "Typed documents: symbol = type abbreviation - issuer abbreviation",
    bad="THÔNG BÁO số 05/UBND-VP",
    fix="Số: 05/TB-UBND",
)
def so_typed(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.so is None or el.type_name is None:
        return
    m = _so_parts(el.so)
    if m is None:
        return
    wanted = None
    for name, abbr in _abbreviations(ctx).items():
        if tone_key(nfc(el.type_name.text)).startswith(tone_key(name)):
            wanted = abbr
    if wanted is None:
        return  # a type the table has no abbreviation for (e.g. apology slips)
    groups = _groups(m.group("sym"))
    first = groups[0] if groups else ""
    if first.upper() != wanted.upper() or len(groups) < 2:
        yield Problem(
            el.so,
            Text(f"ký hiệu “{m.group('sym').strip()}”", f"symbol “{m.group('sym').strip()}”"),
            Text(
                f"ký hiệu bắt đầu bằng “{wanted}-” rồi chữ viết tắt tên cơ quan",
                f"symbol “{wanted}-” followed by the issuer abbreviation",
            ),
        )


@rule(
    "R-SO-7",
    "Công văn: ký hiệu = tên cơ quan - đơn vị soạn thảo (không dùng tên loại)",
    "Công văn: symbol = issuer - drafting unit (no type code)",
    bad="Công văn số 05/TB-UBND",
    fix="Số: 05/UBND-VP",
)
def so_cong_van(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.so is None or el.kind != "cong-van":
        return
    m = _so_parts(el.so)
    if m is None:
        return
    groups = _groups(m.group("sym"))
    official = _official_upper(ctx)
    if groups and groups[0].upper() == "CV":
        return  # R-ABBR-2 reports it
    if len(groups) < 2 or groups[0].upper() in official:
        yield Problem(
            el.so,
            Text(f"ký hiệu “{m.group('sym').strip()}”", f"symbol “{m.group('sym').strip()}”"),
            Text(
                "ký hiệu công văn: viết tắt tên cơ quan - viết tắt đơn vị soạn thảo",
                "công văn symbol: issuer abbreviation - drafting-unit abbreviation",
            ),
        )


@rule(
    "R-ABBR-1",
    "Viết tắt tên loại đúng Phụ lục III (kể cả QyĐ, CTr, TTr, TrS)",
    "Type abbreviations exactly as Phụ lục III (incl. QyĐ, CTr, TTr, TrS)",
    bad="Số: 12/TTR-UBND",
    fix="Số: 12/TTr-UBND",
)
def abbreviation_case(ctx: Context) -> Iterator[Outcome]:
    so = ctx.el.so
    if so is None:
        return
    m = _so_parts(so)
    if m is None:
        return
    official = _official_upper(ctx)
    for g in _groups(m.group("sym"))[:1]:
        right = official.get(g.upper())
        if right is not None and g != right:
            yield Problem(
                so,
                Text(f"viết tắt “{g}”", f"abbreviation “{g}”"),
                Text(f"viết tắt “{right}”", f"abbreviation “{right}”"),
            )


@rule(
    "R-ABBR-2",
    "Không có chữ viết tắt “CV” cho công văn",
    "There is no “CV” abbreviation for công văn",
    bad="Số: 05/CV-UBND",
    fix="Số: 05/UBND-VP",
)
def no_cv(ctx: Context) -> Iterator[Outcome]:
    so = ctx.el.so
    if so is None:
        return
    m = _so_parts(so)
    if m is not None and any(g.upper() == "CV" for g in _groups(m.group("sym"))):
        yield Problem(
            so,
            Text("ký hiệu có “CV”", "the symbol contains “CV”"),
            Text(
                "công văn ghi: viết tắt tên cơ quan - đơn vị soạn thảo, không có “CV”",
                "công văn: issuer - drafting unit, never “CV”",
            ),
        )


# ---- place and date ------------------------------------------------------------------
_DATE_FULL = re.compile(r"^ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})$")
# A draft leaves the day (and often the month) blank for the clerk to fill in by hand.
_DATE_DRAFT = re.compile(r"^ngày[\s.…_]*(?:tháng[\s.…_]*|tháng (\d{1,2}) )năm (\d{4}|[\s.…_]*)$")


def _date_parts(span: Span) -> tuple[str, bool, str]:
    text = nfc(span.text)
    idx = loose_key(text).find("ngay")
    if idx < 0:
        place, _, rest = text.partition(",")
        return place.strip(), True, rest.strip()
    head, rest = text[:idx].rstrip(), text[idx:]
    return head.rstrip(",").strip(), head.endswith(","), rest.strip()


@rule(
    "R-DD-2",
    "Địa danh viết hoa chữ cái đầu, sau địa danh có dấu phẩy",
    "Place name capitalised and followed by a comma",
    bad="Hà Nội ngày 05 tháng 01 năm 2024 (thiếu dấu phẩy)",
    fix="Hà Nội, ngày 05 tháng 01 năm 2024",
)
def date_place(ctx: Context) -> Iterator[Outcome]:
    d = ctx.el.date_line
    if d is None:
        yield Unjudged(missing(*_DATE))
        return
    place, comma, _ = _date_parts(d)
    if not place:
        return
    bad_vi: list[str] = []
    bad_en: list[str] = []
    if not comma:
        bad_vi.append("thiếu dấu phẩy sau địa danh")
        bad_en.append("no comma after the place")
    if place[0].isalpha() and not place[0].isupper():
        bad_vi.append(f"địa danh “{place}” không viết hoa chữ đầu")
        bad_en.append(f"place “{place}” not capitalised")
    if bad_vi:
        yield Problem(
            d,
            Text("; ".join(bad_vi), "; ".join(bad_en)),
            Text(
                "“<Địa danh>, ngày …” (viết hoa chữ đầu, có dấu phẩy)",
                "“<Place>, ngày …” (capitalised, comma)",
            ),
        )


@rule(
    "R-DD-3",
    "Ngày tháng năm ghi đủ bằng chữ số Ả Rập: “ngày … tháng … năm …”",
    "Full date in Arabic digits: “ngày … tháng … năm …”",
    bad="Hà Nội, 05/01/2024",
    fix="Hà Nội, ngày 05 tháng 01 năm 2024",
)
def date_full(ctx: Context) -> Iterator[Outcome]:
    d = ctx.el.date_line
    if d is None:
        yield Unjudged(missing(*_DATE))
        return
    _, _, rest = _date_parts(d)
    if _DATE_FULL.match(rest):
        return
    draft = _DATE_DRAFT.match(rest)
    if draft:
        if ctx.draft:
            return
        yield Problem(
            d,
            Text("ngày tháng để trống", "day and month left blank"),
            Text(
                "ngày ký ban hành (chỉ bản dự thảo mới để trống)",
                "the signing date (only drafts leave it blank)",
            ),
            severity=Severity.WARNING,
        )
        return
    yield Problem(
        d,
        Text(f"“{rest}”", f"“{rest}”"),
        Text(
            "“ngày DD tháng M năm YYYY” bằng chữ số Ả Rập",
            "“ngày DD tháng M năm YYYY” in Arabic digits",
        ),
    )


@rule(
    "R-DD-4",
    "Ngày 1–9 và tháng 1, 2 thêm số 0; tháng 3–12 không thêm",
    "Days 1–9 and months 1–2 zero-padded; months 3–12 not",
    bad="ngày 5 tháng 03 năm 2024",
    fix="ngày 05 tháng 3 năm 2024",
)
def date_padding(ctx: Context) -> Iterator[Outcome]:
    d = ctx.el.date_line
    if d is None:
        yield Unjudged(missing(*_DATE))
        return
    rest = _date_parts(d)[2]
    draft = _DATE_DRAFT.match(rest)
    if draft and draft.group(1) and draft.group(1) != str(int(draft.group(1))):
        month = draft.group(1)
        if int(month) <= 2:
            return
        yield Problem(
            d,
            Text(f"“tháng {month}”", f"“tháng {month}”"),
            Text(
                f"“tháng {int(month)}” (tháng 3–12 không thêm số 0)",
                f"“tháng {int(month)}” (months 3–12 are not padded)",
            ),
            severity=Severity.WARNING,
        )
        return
    m = _DATE_FULL.match(rest)
    if m is None:
        return
    day, month = m.group(1), m.group(2)
    want_day = f"{int(day):02d}"
    want_month = f"{int(month):02d}" if int(month) <= 2 else str(int(month))
    if day != want_day or (int(month) <= 2 and month != want_month):
        yield Problem(
            d,
            Text(f"“ngày {day} tháng {month}”", f"“ngày {day} tháng {month}”"),
            Text(f"“ngày {want_day} tháng {want_month}”", f"“ngày {want_day} tháng {want_month}”"),
        )
    elif month != want_month:
        yield Problem(
            d,
            Text(f"“tháng {month}”", f"“tháng {month}”"),
            Text(
                f"“tháng {want_month}” (tháng 3–12 không thêm số 0)",
                f"“tháng {want_month}” (months 3–12 are not padded)",
            ),
            severity=Severity.WARNING,
        )


@rule(
    "R-DD-5",
    "Dòng địa danh, ngày tháng: chữ thường, cỡ 13–14, nghiêng",
    "Place/date line: lower case, 13–14 pt, italic",
    bad="Dòng ngày tháng chữ đứng",
    fix="Chọn dòng ngày tháng → Italic, cỡ 13 hoặc 14",
)
def date_format(ctx: Context) -> Iterator[Outcome]:
    spec = dict(ctx.element("date_line"))
    spec.pop("bold", None)
    yield from _fmt_rule(ctx.el.date_line, spec, _DATE)


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
    spec = dict(ctx.element("vv"))
    spec.pop("case", None)
    gaps = format_gaps(el.vv, spec)
    if gaps:
        yield Problem(el.vv, *gaps)


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
        gaps = format_gaps(el.type_name, ctx.element("type_name"), centred=True)
        if gaps:
            yield Problem(el.type_name, *gaps)


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
        yield Unjudged(missing("trích yếu dưới tên loại", "the summary under the type name"))
        return
    for span in el.trich_yeu:
        gaps = format_gaps(span, ctx.element("trich_yeu"), centred=True)
        if gaps:
            yield Problem(span, *gaps)


@rule(
    "R-TL-3",
    "Dưới trích yếu có đường kẻ ngang liền (1/3–1/2 dòng chữ)",
    "A solid line under the summary (1/3–1/2 of the text line)",
    bad="Không kẻ đường dưới trích yếu",
    fix="Kẻ đường liền 1/3–1/2 dòng trích yếu, căn giữa",
)
def trich_yeu_line(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.type_name is None or not el.trich_yeu:
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
            el.trich_yeu[-1],
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
    spec = dict(ctx.element("urgency"))
    for span in _marks(ctx, "urgency"):
        gaps = format_gaps(span, spec)
        if gaps:
            yield Problem(span, *gaps)


@rule(
    "R-LH-1",
    "Chỉ dẫn phạm vi lưu hành (XEM XONG TRẢ LẠI, LƯU HÀNH NỘI BỘ): in hoa, cỡ 13–14, đứng, đậm",
    "Circulation note: upper, 13–14 pt, upright, bold",
    bad="Lưu hành nội bộ (chữ thường)",
    fix="LƯU HÀNH NỘI BỘ, in hoa, đậm, cỡ 13, trong khung chữ nhật",
)
def circulation_mark(ctx: Context) -> Iterator[Outcome]:
    spec = dict(ctx.element("circulation"))
    for span in _marks(ctx, "circulation"):
        gaps = format_gaps(span, spec)
        if gaps:
            yield Problem(span, *gaps)
