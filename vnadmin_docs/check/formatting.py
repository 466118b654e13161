"""Compare the effective formatting of an element with its ``[element.*]`` profile entry.

Pure helpers shared by the rules: they describe what was found and what is required in
both languages, so each rule stays a few lines long.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

from vnadmin_docs.check.elements import Span
from vnadmin_docs.check.findings import Text
from vnadmin_docs.check.registry import Outcome, Problem, Unjudged
from vnadmin_docs.check.textfold import is_upper_text

__all__ = [
    "DEFAULT_SIZE_PT",
    "align_vi",
    "fmt_num",
    "format_gaps",
    "format_outcomes",
    "format_problems",
    "missing",
    "range_text",
    "size_range",
    "within",
]

# When no layer sets a size, Word and LibreOffice use 10 pt (the OOXML default).
DEFAULT_SIZE_PT = 10.0
_EPS = 0.01
# On/off run properties judged against the spec: (RunFormat attribute and spec key, how it
# reads when on, when off, when only some runs have it).
_TOGGLES = (
    (
        "bold",
        Text("chữ đậm", "bold"),
        Text("không đậm", "not bold"),
        Text("chỉ đậm một phần", "partly bold"),
    ),
    (
        "italic",
        Text("chữ nghiêng", "italic"),
        Text("chữ đứng", "upright"),
        Text("chỉ nghiêng một phần", "partly italic"),
    ),
)


def fmt_num(value: float, digits: int = 2) -> str:
    """Numbers as a clerk writes them.

    >>> fmt_num(13.0), fmt_num(1.27), fmt_num(12.5), fmt_num(24.99, 1)
    ('13', '1,27', '12,5', '25')
    """
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def size_range(spec: dict[str, Any]) -> tuple[float, float]:
    """(min, max) of a ``size_pt`` style entry (a bare number means exactly that)."""
    size = spec.get("size_pt", spec)
    if isinstance(size, dict):
        low_v: Any = size.get("min", size.get("default", 0))
        high_v: Any = size.get("max", size.get("default", 0))
        low, high = float(low_v), float(high_v)
        return low, high
    return float(size), float(size)


def within(value: float, low: float, high: float, tol: float = _EPS) -> bool:
    """``low - tol <= value <= high + tol``."""
    return low - tol <= value <= high + tol


def range_text(low: float, high: float, unit: str) -> str:
    """``13–14 pt``, or ``13 pt`` when both ends are equal.

    >>> range_text(35, 35, "mm"), range_text(13, 14, "pt")
    ('35 mm', '13–14 pt')
    """
    if abs(low - high) < _EPS:
        return f"{fmt_num(low)} {unit}"
    return f"{fmt_num(low)}–{fmt_num(high)} {unit}"


def missing(what_vi: str, what_en: str) -> Text:
    """Reason text for a rule that could not find its element."""
    return Text(
        f"không tìm thấy {what_vi} trong văn bản nên chưa đánh giá được",
        f"{what_en} was not found in the document, so the rule was not evaluated",
    )


def format_gaps(
    span: Span,
    spec: Mapping[str, Any],
    *,
    ignore: Collection[str] = (),
    centred: bool = False,
) -> tuple[Text, Text] | None:
    """(found, required) when the span's formatting breaks ``spec``; None when it conforms.

    ``ignore``: keys of ``spec`` (``"case"``, ``"bold"``) another rule judges instead.
    """
    spec = {k: v for k, v in spec.items() if k not in ignore}
    pieces = span.formats()
    if not pieces:
        return None
    found_vi: list[str] = []
    found_en: list[str] = []
    req_vi: list[str] = []
    req_en: list[str] = []
    low, high = size_range(spec)
    sizes = sorted({f.size_pt if f.size_pt is not None else DEFAULT_SIZE_PT for _, f in pieces})
    req_vi.append("cỡ chữ " + range_text(low, high, "pt"))
    req_en.append("size " + range_text(low, high, "pt"))
    if any(not within(s, low, high) for s in sizes):
        shown = ", ".join(fmt_num(s) for s in sizes)
        found_vi.append(f"cỡ chữ {shown} pt")
        found_en.append(f"size {shown} pt")
    fmts = [f for _, f in pieces]
    for key, on, off, partly in _TOGGLES:
        if key not in spec:
            continue
        want = bool(spec[key])
        req_vi.append(on.vi if want else off.vi)
        req_en.append(on.en if want else off.en)
        values = [bool(getattr(f, key)) for f in fmts]
        if want and not all(values):
            seen = off if not any(values) else partly
        elif not want and any(values):
            seen = on
        else:
            continue
        found_vi.append(seen.vi)
        found_en.append(seen.en)
    if spec.get("case") in ("upper", "lower"):
        shown_upper = is_upper_text(span.text) or all(f.caps for _, f in pieces)
        letters = sum(ch.isalpha() for ch in span.text)
        if spec["case"] == "upper":
            req_vi.append("in hoa")
            req_en.append("upper case")
            if not shown_upper:
                found_vi.append("không in hoa")
                found_en.append("not upper case")
        else:
            req_vi.append("chữ thường")
            req_en.append("lower (sentence) case")
            if shown_upper and letters > 3:
                found_vi.append("in hoa toàn bộ")
                found_en.append("all upper case")
    if centred:
        req_vi.append("căn giữa")
        req_en.append("centred")
        # Pieces of tab-aligned lines are centred by tab stops, which are not judged here.
        if span.whole and "\t" not in span.para.text and span.para.fmt.alignment != "center":
            found_vi.append(f"căn lề “{align_vi(span.para.fmt.alignment)}”")
            found_en.append(f"aligned “{span.para.fmt.alignment}”")
    if not found_vi:
        return None
    return Text("; ".join(found_vi), "; ".join(found_en)), Text(
        ", ".join(req_vi), ", ".join(req_en)
    )


def align_vi(value: str) -> str:
    """Vietnamese name of a paragraph alignment.

    >>> align_vi("both"), align_vi("left")
    ('đều hai bên', 'trái')
    """
    return {"left": "trái", "right": "phải", "both": "đều hai bên", "center": "giữa"}.get(
        value, value
    )


def format_outcomes(
    span: Span | None,
    spec: Mapping[str, Any],
    what: tuple[str, str],
    *,
    ignore: Collection[str] = (),
    centred: bool = False,
) -> Iterator[Outcome]:
    """The size/weight/slant/case findings of one element, or "not evaluated" when the
    element was not found (``what`` names it in Vietnamese and English)."""
    if span is None:
        yield Unjudged(missing(*what))
        return
    yield from format_problems([span], spec, ignore=ignore, centred=centred)


def format_problems(
    spans: Iterable[Span],
    spec: Mapping[str, Any],
    *,
    ignore: Collection[str] = (),
    centred: bool = False,
    first_only: bool = False,
) -> Iterator[Problem]:
    """One :class:`Problem` per span whose formatting breaks ``spec`` (see
    :func:`format_gaps`); ``first_only``: stop at the first, for a list judged as a block."""
    for span in spans:
        gaps = format_gaps(span, spec, ignore=ignore, centred=centred)
        if gaps:
            yield Problem(span, *gaps)
            if first_only:
                return
