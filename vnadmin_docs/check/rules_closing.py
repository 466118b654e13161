"""Rules on the closing: Nơi nhận (ô 9b), signer block (ô 7), drafter code (ô 12)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from vnadmin_docs.check.elements import Span
from vnadmin_docs.check.findings import Text
from vnadmin_docs.check.formatting import (
    format_problems,
    missing,
)
from vnadmin_docs.check.registry import Context, Outcome, Problem, Unjudged, rule
from vnadmin_docs.check.textfold import loose_key, nfc

__all__: list[str] = []

_NN = ("“Nơi nhận:”", "“Nơi nhận:”")
_SIGNER = ("khối chữ ký (chức vụ, họ tên người ký)", "the signature block")


# ---- Nơi nhận --------------------------------------------------------------------------
@rule(
    "R-NN-2",
    "Công văn có “Kính gửi”: dòng đầu Nơi nhận là “- Như trên;”",
    "With “Kính gửi”, the first recipient line is “- Như trên;”",
    bad="Nơi nhận:\n- UBND tỉnh;",
    fix="Nơi nhận:\n- Như trên;\n- UBND tỉnh;",
)
def noi_nhan_first(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.kinh_gui is None or el.noi_nhan is None or not el.noi_nhan_items:
        return
    first = el.noi_nhan_items[0]
    want = str(ctx.element("noi_nhan_item")["first_item_cong_van"])
    if not loose_key(first.text).lstrip("-–— ").startswith(loose_key(want)):
        yield Problem(
            first,
            Text(f"dòng đầu “{nfc(first.text)}”", f"first line “{nfc(first.text)}”"),
            Text(f"dòng đầu “- {want};”", f"first line “- {want};”"),
        )


@rule(
    "R-NN-3",
    "“Nơi nhận:” chữ thường, cỡ 12, nghiêng, đậm",
    "“Nơi nhận:” lower, 12 pt, bold italic",
    bad="Nơi nhận: chữ đứng, không đậm",
    fix="Chọn “Nơi nhận:” → Bold + Italic, cỡ 12",
)
def noi_nhan_label(ctx: Context) -> Iterator[Outcome]:
    nn = ctx.el.noi_nhan
    if nn is None:
        yield Unjudged(missing(*_NN))
        return
    spec = ctx.element("noi_nhan_label")
    if nfc(nn.text) != spec["text"]:
        yield Problem(
            nn,
            Text(f"“{nfc(nn.text)}”", f"“{nfc(nn.text)}”"),
            Text(f"“{spec['text']}”", f"“{spec['text']}”"),
        )
    yield from format_problems([nn], spec)


@rule(
    "R-NN-4",
    "Danh sách nơi nhận: cỡ 11, đứng; mỗi dòng bắt đầu “-”, kết thúc “;”",
    "Recipient list: 11 pt, upright; each line “- …;”",
    bad="+ Sở Tài chính,",
    fix="- Sở Tài chính;",
)
def noi_nhan_items(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.noi_nhan is None:
        yield Unjudged(missing(*_NN))
        return
    spec = ctx.element("noi_nhan_item")
    yield from format_problems(el.noi_nhan_items, spec, ignore=("case",), first_only=True)
    for span in el.noi_nhan_items[:-1]:
        text = nfc(span.text)
        if not text.startswith("- ") or not text.endswith(";"):
            yield Problem(
                span, Text(f"“{text}”", f"“{text}”"), Text("“- <nơi nhận>;”", "“- <recipient>;”")
            )


_LUU = re.compile(r"^- Lưu: VT(, [^,;]+)*\.$")


@rule(
    "R-NN-5",
    "Dòng cuối “- Lưu: VT, <đơn vị soạn thảo>.” kết thúc bằng dấu chấm",
    "Last line “- Lưu: VT, <unit>.” ending with a period",
    bad="- Lưu VP;",
    fix="- Lưu: VT, VP.",
)
def noi_nhan_luu(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if el.noi_nhan is None:
        yield Unjudged(missing(*_NN))
        return
    if not el.noi_nhan_items:
        yield Problem(
            el.noi_nhan,
            Text("không có danh sách nơi nhận", "no recipient list"),
            Text(
                "danh sách kết thúc bằng “- Lưu: VT, <đơn vị>.”",
                "a list ending “- Lưu: VT, <unit>.”",
            ),
        )
        return
    last = el.noi_nhan_items[-1]
    text = nfc(last.text)
    if not _LUU.match(text):
        yield Problem(
            last,
            Text(f"dòng cuối “{text}”", f"last line “{text}”"),
            Text("“- Lưu: VT, <viết tắt đơn vị soạn thảo>.”", "“- Lưu: VT, <drafting unit>.”"),
        )


# ---- signer ----------------------------------------------------------------------------
_PREFIX_OK = re.compile(r"^(TM|KT|TL|TUQ|Q)\. \S")
# A second authority inside one line: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH".
_INNER_PREFIX = re.compile(r"(?<=\S)\s+(KT|TL|TUQ|Q|TM)\.\s")
_INNER_ALLOWED = {"TM": ("KT", "Q"), "TL": ("KT",)}
_DEPUTY_TAIL = re.compile(r"(?<=\S)\s+PHÓ\s")
_PREFIX_BAD = re.compile(r"^(T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|T\.M|K\.T|T\.L|TM|KT|TL|TUQ|Q)\b\.?\s*")


@rule(
    "R-KY-1",
    "Quyền hạn ký: “TM.”, “KT.”, “TL.”, “TUQ.”, “Q.” có dấu chấm",
    "Authority prefixes with the dot",
    bad="K/T GIÁM ĐỐC",
    fix="KT. GIÁM ĐỐC",
)
def signer_prefix(ctx: Context) -> Iterator[Outcome]:
    titles = ctx.el.signer_titles
    if not titles:
        yield Unjudged(missing(*_SIGNER))
        return
    yield from _combined_block(titles)
    text = nfc(titles[0].text)
    prefixes = [str(p) for p in ctx.profile["signer"]["prefixes"]]
    if _PREFIX_OK.match(text):
        return
    m = _PREFIX_BAD.match(text)
    if m and (len(text.split()) > 1):
        yield Problem(
            titles[0],
            Text(f"“{m.group(0).strip()}”", f"“{m.group(0).strip()}”"),
            Text(
                "một trong " + ", ".join(prefixes) + " (có dấu chấm, cách một khoảng)",
                "one of " + ", ".join(prefixes) + " (with the dot and a space)",
            ),
        )


def _combined_block(titles: Sequence[Span]) -> Iterator[Problem]:
    """The blocks Decree 30 admits: one prefix on the first line, or "TM. <body>" then
    "KT. <head>" / "Q. <head>" (a deputy or an acting head signing for the collective),
    or "TL. <head>" then "KT. <unit head>" (Điều 13.1: who signs by order may hand it to
    a deputy), then the signer's own title. Each part on its own line. TUQ. cannot be
    handed on (Điều 13.1.đ)."""
    lines = [nfc(t.text) for t in titles]
    for n, (span, text) in enumerate(zip(titles, lines, strict=True)):
        # "KT. CHỦ TỊCH PHÓ CHỦ TỊCH": the deputy's own title run onto the KT. line.
        inner = _INNER_PREFIX.search(text) or (
            _DEPUTY_TAIL.search(text) if text.startswith("KT.") else None
        )
        if inner is not None:
            yield Problem(
                span,
                Text(
                    f"“{text}”: hai phần của khối chữ ký viết liền trên một dòng",
                    f"“{text}”: two parts of the signature block run together on one line",
                ),
                Text(
                    f"“{text[: inner.start()].strip()}” / “{text[inner.start() :].strip()}” "
                    "mỗi phần một dòng",
                    f"“{text[: inner.start()].strip()}” / “{text[inner.start() :].strip()}” "
                    "each on its own line",
                ),
            )
            return
        if n > 0 and _PREFIX_OK.match(text):
            first = re.match(r"^(TM|KT|TL|TUQ|Q)\.", lines[0])  # "TL.CHỦ TỊCH" too
            outer = first.group(1) if first is not None else ""
            ok = n == 1 and text.split(".")[0] in _INNER_ALLOWED.get(outer, ())
            if not ok:
                yield Problem(
                    span,
                    Text(
                        f"khối chữ ký “{' / '.join(lines)}” không phải dạng Nghị định 30 cho phép",
                        f"signature block “{' / '.join(lines)}” is not a form Decree 30 admits",
                    ),
                    Text(
                        "một quyền hạn ở dòng đầu, hoặc “TM. <tập thể>” / “KT. <chức vụ "
                        "người đứng đầu>” (hay “Q. …”) / <chức vụ người ký>",
                        "one authority on the first line, or “TM. <body>” / “KT. <head's "
                        "title>” (or “Q. …”) / <signer's title>",
                    ),
                )
                return


@rule(
    "R-KY-2",
    "Chức vụ người ký: in hoa, cỡ 13–14, đứng, đậm",
    "Signer title lines: upper, 13–14 pt, upright, bold",
    bad="Kt. Giám đốc (chữ thường)",
    fix="KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC, in hoa, đậm",
)
def signer_titles(ctx: Context) -> Iterator[Outcome]:
    titles = ctx.el.signer_titles
    if not titles:
        yield Unjudged(missing(*_SIGNER))
        return
    yield from format_problems(titles, ctx.element("signer_title"))
    for others, _ in ctx.el.other_signers:  # biên bản: THƯ KÝ beside CHỦ TỌA (Mẫu 1.9)
        yield from format_problems(others, ctx.element("signer_title"))


@rule(
    "R-KY-4",
    "Họ tên người ký: chữ thường (hoa chữ đầu), cỡ 13–14, đứng, đậm",
    "Signer name: name case, 13–14 pt, upright, bold",
    bad="NGUYỄN VĂN AN (in hoa toàn bộ)",
    fix="Nguyễn Văn An, đậm, cỡ 14",
)
def signer_name(ctx: Context) -> Iterator[Outcome]:
    el = ctx.el
    if not el.signer_titles:
        yield Unjudged(missing(*_SIGNER))
        return
    if el.signer_name is None:
        yield Unjudged(missing("họ tên người ký", "the signer's name"))
        return
    yield from format_problems([el.signer_name], ctx.element("signer_name"))
    names = [name for _, name in el.other_signers if name is not None]
    yield from format_problems(names, ctx.element("signer_name"))


@rule(
    "R-KHST-1",
    "Ký hiệu người soạn thảo, số lượng bản: cỡ 11, đứng, in hoa",
    "Drafter code and copies: 11 pt, upright, upper",
    bad="pl.(300) in nghiêng",
    fix="PL.(300) cỡ 11, chữ đứng",
)
def drafter(ctx: Context) -> Iterator[Outcome]:
    span = ctx.el.drafter
    if span is None:
        return
    yield from format_problems([span], ctx.element("drafter"))
