"""Rules on the number and symbol (ô 3) and the type abbreviations (Phụ lục III)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vnadmin_docs.check.elements import Span
from vnadmin_docs.check.findings import Text
from vnadmin_docs.check.formatting import format_problems, missing
from vnadmin_docs.check.registry import Context, Outcome, Problem, Unjudged, rule
from vnadmin_docs.check.textfold import nfc, tone_key

__all__: list[str] = []

_SO = ("dòng “Số:”", "the “Số:” line")


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
        return  # a blank number is a draft's (R-SO-11)
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
    yield from format_problems([so], ctx.element("so"), ignore=("case",))


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
