"""Text widths in Times New Roman, without a font file.

Widths come from ``data/times-metrics.json`` (advance widths per 1000 em taken from
Liberation Serif, which is metric-compatible with Times New Roman; see
``scripts/gen_metrics.py``). Both Word with Times New Roman and LibreOffice with either
font lay out text with these advances, so a rule drawn to a measured width matches the text
on both. Unknown characters count as the width of "n" in the same style.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from vnadmin_docs.units import Length, Pt

__all__ = ["balanced_lines", "text_width", "wrap_words"]


@lru_cache(maxsize=1)
def _metrics() -> dict[str, dict[str, int]]:
    raw = (
        resources.files("vnadmin_docs.layout")
        .joinpath("data/times-metrics.json")
        .read_text("utf-8")
    )
    data: dict[str, dict[str, int]] = json.loads(raw)
    return data


def _style(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "bolditalic"
    if bold:
        return "bold"
    return "italic" if italic else "regular"


# Characters drawn with another character's glyph: Word draws its non-breaking hyphen
# (``w:noBreakHyphen``, U+2011 in our text) as a hyphen.
_SAME_GLYPH = {"\u2011": "-"}


def text_width(text: str, size: Length, *, bold: bool = False, italic: bool = False) -> Length:
    """Advance width of ``text`` set in Times New Roman at ``size``.

    >>> round(text_width("Độc lập - Tự do - Hạnh phúc", Pt(13), bold=True).mm, 1)
    56.1
    """
    widths = _metrics()[_style(bold, italic)]
    fallback = widths["n"]
    units = sum(widths.get(_SAME_GLYPH.get(ch, ch), fallback) for ch in text)
    return Pt(units * size.pt / 1000)


def wrap_words(
    text: str, width: Length, size: Length, *, bold: bool = False, italic: bool = False
) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width``.

    Explicit newlines in ``text`` are kept as line ends. A single word wider than the line
    stays on its own line (it is never split inside a word).

    >>> wrap_words("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", Pt(200), Pt(12), bold=True)
    ['SỞ LAO ĐỘNG - THƯƠNG BINH', 'VÀ XÃ HỘI']
    """
    lines: list[str] = []
    for chunk in text.split("\n"):
        current = ""
        for word in chunk.split():
            candidate = f"{current} {word}" if current else word
            if current and text_width(candidate, size, bold=bold, italic=italic) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def balanced_lines(
    text: str, width: Length, size: Length, *, bold: bool = False, italic: bool = False
) -> list[str]:
    """Wrap ``text`` into as few lines as fit ``width``, then make those lines about equally
    long (the narrowest width that still gives the same number of lines), so a centred
    title does not end with one lonely word.

    >>> from vnadmin_docs.units import Mm
    >>> balanced_lines("(Kèm theo Quyết định số 125/QĐ-STP ngày 20 tháng 12 năm 2024 của "
    ...                "Sở Tư pháp)", Mm(150), Pt(14), italic=True)
    ['(Kèm theo Quyết định số 125/QĐ-STP ngày', '20 tháng 12 năm 2024 của Sở Tư pháp)']
    """
    return list(_balanced(text, width, size, bold, italic))


@lru_cache(maxsize=256)
def _balanced(text: str, width: Length, size: Length, bold: bool, italic: bool) -> tuple[str, ...]:
    # Cached: every letter of a batch balances the same issuer and superior names, and the
    # search below wraps the text 16 times.
    lines = wrap_words(text, width, size, bold=bold, italic=italic)
    if len(lines) < 2:
        return tuple(lines)
    low, high = width * 0.3, width
    for _ in range(14):
        mid = (low + high) * 0.5
        if len(wrap_words(text, mid, size, bold=bold, italic=italic)) == len(lines):
            high = mid
        else:
            low = mid
    return tuple(wrap_words(text, high, size, bold=bold, italic=italic))
