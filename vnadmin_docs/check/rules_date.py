"""Rules on the place and date line (ô 4)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vnadmin_docs.check.elements import Span
from vnadmin_docs.check.findings import Severity, Text
from vnadmin_docs.check.formatting import format_outcomes, missing
from vnadmin_docs.check.registry import Context, Outcome, Problem, Unjudged, rule
from vnadmin_docs.check.textfold import loose_key, nfc

__all__: list[str] = []

_DATE = ("dòng địa danh, ngày tháng", "the place and date line")


# ---- place and date ------------------------------------------------------------------
_DATE_FULL = re.compile(r"^ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})$")
# A draft leaves the day (and often the month) blank for the clerk to fill in by hand.
_DATE_DRAFT = re.compile(r"^ngày[\s.…_]*(?:tháng[\s.…_]*|tháng (\d{1,2}) )năm (\d{4}|[\s.…_]*)$")


def _missing_date(ctx: Context) -> Iterator[Outcome]:
    """No place-and-date line: "not evaluated", except in a biên bản, whose sample (Mẫu
    1.9) has none in its header (the time and place are lines of its text)."""
    t = ctx.el.type_name
    if t is not None and loose_key(t.text).startswith("bien ban"):
        return
    yield Unjudged(missing(*_DATE))


def _date_parts(span: Span) -> tuple[str, bool, str]:
    text = nfc(span.text)
    idx = loose_key(text).find("ngay")
    if idx < 0:
        place, _, rest = text.partition(",")
        return place.strip(), True, rest.strip()
    head, rest = text[:idx].rstrip(), text[idx:]
    return head.rstrip(",").strip(), head.endswith(","), rest.strip()


# "Thành phố Hồ Chí Minh", "Thị xã …": the unit noun's second syllable stays lower case.
_UNIT_NOUNS = {("thành", "phố"), ("thị", "xã"), ("thị", "trấn")}


def _lower_syllables(place: str) -> list[str]:
    """Syllables of a place name that should start with a capital and do not.

    >>> _lower_syllables("Thành phố Hồ Chí Minh"), _lower_syllables("Gia nghĩa")
    ([], ['nghĩa'])
    """
    words = place.split()
    out = []
    for i, word in enumerate(words):
        if not word[:1].isalpha() or word[:1].isupper():
            continue
        if i == 1 and (words[0].lower(), word.lower()) in _UNIT_NOUNS:
            continue
        out.append(word)
    return out


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
        yield from _missing_date(ctx)
        return
    place, comma, _ = _date_parts(d)
    if not place:
        return
    bad_vi: list[str] = []
    bad_en: list[str] = []
    if not comma:
        bad_vi.append("thiếu dấu phẩy sau địa danh")
        bad_en.append("no comma after the place")
    lower = _lower_syllables(place)
    if lower:
        bad_vi.append(f"địa danh “{place}” có chữ không viết hoa đầu: {', '.join(lower)}")
        bad_en.append(f"place “{place}” has uncapitalised words: {', '.join(lower)}")
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
        yield from _missing_date(ctx)
        return
    _, _, rest = _date_parts(d)
    if _DATE_FULL.match(rest):
        return
    if _DATE_DRAFT.match(rest):
        return  # a blank day is a draft's (R-SO-11)
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
        yield from _missing_date(ctx)
        return
    rest = _date_parts(d)[2]
    draft = _DATE_DRAFT.match(rest)
    if draft and draft.group(1) and draft.group(1) != str(int(draft.group(1))):
        if int(draft.group(1)) > 2:
            yield _padded_month(d, draft.group(1))
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
        yield _padded_month(d, month)


def _padded_month(d: Span, month: str) -> Problem:
    """Months 3–12 written with a leading zero ("tháng 03"): a warning (R-DD-4)."""
    return Problem(
        d,
        Text(f"“tháng {month}”", f"“tháng {month}”"),
        Text(
            f"“tháng {int(month)}” (tháng 3–12 không thêm số 0)",
            f"“tháng {int(month)}” (months 3–12 are not padded)",
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
    if ctx.el.date_line is None:
        yield from _missing_date(ctx)
        return
    yield from format_outcomes(ctx.el.date_line, ctx.element("date_line"), _DATE, ignore=("bold",))
