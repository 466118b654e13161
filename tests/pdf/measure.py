"""Measure a rendered page: text lines, header columns, rules, page numbers, fonts.

Reusable by any test that holds a PDF made by LibreOffice (pdfplumber for geometry, pypdf for
fonts). Lengths are PDF points (1/72 in) unless a name ends in ``_mm``; ``top``/``bottom``
grow downwards from the top of the page, as in pdfplumber.

LibreOffice exports a paragraph bottom border as a stroked line or, depending on width and
version, as a thin filled rectangle; :func:`horizontal_rules` returns both kinds, merged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from pypdf import PdfReader

PT_PER_MM = 72 / 25.4
A4_PT = (210 * PT_PER_MM, 297 * PT_PER_MM)

# Both tone-mark placements are correct Vietnamese (R-QH-1 note): compare them as equal.
_OLD_STYLE = {"OÀ": "ÒA", "OÁ": "ÓA", "OẢ": "ỎA", "OÃ": "ÕA", "OẠ": "ỌA", "UỶ": "ỦY"}
_OLD_STYLE.update({k.lower(): v.lower() for k, v in list(_OLD_STYLE.items())})
_OLD_STYLE.update({k.capitalize(): v.capitalize() for k, v in list(_OLD_STYLE.items())})


def norm(text: str) -> str:
    """NFC, one space between words, one tone-mark placement; a non-breaking hyphen (U+2011,
    Word's ``w:noBreakHyphen``) is the hyphen it prints as.

    >>> norm("CỘNG HOÀ  XÃ\\nHỘI")
    'CỘNG HÒA XÃ HỘI'
    """
    text = " ".join(unicodedata.normalize("NFC", text).replace("\u2011", "-").split())
    for old, new in _OLD_STYLE.items():
        text = text.replace(old, new)
    return text


def mm(points: float) -> float:
    return points / PT_PER_MM


@dataclass(frozen=True)
class Segment:
    """A run of text on one line, separated from other text on that line by a wide gap
    (so the two header columns, or Nơi nhận and the signer, are separate segments)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    fonts: frozenset[str]

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Rule:
    """A horizontal line on the page (stroked line or thin filled rectangle)."""

    x0: float
    x1: float
    top: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def _lines_of_chars(chars: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    rows: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (round(c["bottom"], 0), c["x0"])):
        if not char["text"].strip():
            continue
        for row in rows:
            ref = row[0]
            if abs(ref["bottom"] - char["bottom"]) <= 2.0:
                row.append(char)
                break
        else:
            rows.append([char])
    for row in rows:
        row.sort(key=lambda c: c["x0"])
    return sorted(rows, key=lambda r: min(c["top"] for c in r))


def segments(page: Any, column_gap: float = 12.0) -> list[Segment]:
    """Every text segment of a pdfplumber page, top to bottom, left to right.

    Characters closer than 0.1 em belong to one word; a gap wider than that is a space; a gap
    wider than ``column_gap`` points starts a new segment.
    """
    found: list[Segment] = []
    for row in _lines_of_chars(page.chars):
        groups: list[list[dict[str, Any]]] = [[row[0]]]
        for prev, char in pairwise(row):
            gap = char["x0"] - prev["x1"]
            if gap > column_gap:
                groups.append([char])
            else:
                groups[-1].append(char)
        for group in groups:
            text = group[0]["text"]
            for prev, char in pairwise(group):
                gap = char["x0"] - prev["x1"]
                if gap > 0.1 * max(prev["size"], char["size"]):
                    text += " "
                text += char["text"]
            found.append(
                Segment(
                    text=norm(text),
                    x0=min(c["x0"] for c in group),
                    x1=max(c["x1"] for c in group),
                    top=min(c["top"] for c in group),
                    bottom=max(c["bottom"] for c in group),
                    size=max(c["size"] for c in group),
                    page=page.page_number,
                    fonts=frozenset(c["fontname"] for c in group),
                )
            )
    return found


def find_segment(page: Any, text: str) -> Segment:
    """The segment whose whole text is ``text`` (normalised). It is on ONE line, so a line
    that wrapped is not found: the AssertionError then shows what the page holds."""
    wanted = norm(text)
    segs = segments(page)
    for seg in segs:
        if seg.text == wanted:
            return seg
    near = [s.text for s in segs if wanted[:8] in s.text or s.text[:8] in wanted]
    raise AssertionError(
        f"page {page.page_number}: no single line reads {wanted!r}; similar lines: {near}"
    )


def pages_with(pdf: Any, text: str) -> list[int]:
    """Numbers of the pages that have a segment reading exactly ``text``."""
    wanted = norm(text)
    return [p.page_number for p in pdf.pages if any(s.text == wanted for s in segments(p))]


def horizontal_rules(page: Any, max_thickness: float = 2.0) -> list[Rule]:
    """Horizontal lines, from stroked lines and thin filled rectangles, merged when the same
    line is drawn twice; sorted top to bottom."""
    found: list[Rule] = []
    for obj in (*page.lines, *page.rects, *page.curves):
        if obj["bottom"] - obj["top"] > max_thickness or obj["x1"] - obj["x0"] < 1:
            continue
        rule = Rule(obj["x0"], obj["x1"], (obj["top"] + obj["bottom"]) / 2)
        if not any(
            abs(r.x0 - rule.x0) < 0.5 and abs(r.x1 - rule.x1) < 0.5 and abs(r.top - rule.top) < 1
            for r in found
        ):
            found.append(rule)
    return sorted(found, key=lambda r: (r.top, r.x0))


def rule_below(page: Any, seg: Segment, within: float = 12.0) -> Rule:
    """The one rule just under ``seg`` (top within ``within`` pt of its bottom, overlapping
    it horizontally)."""
    under = [
        r
        for r in horizontal_rules(page)
        if -1 <= r.top - seg.bottom <= within and r.x0 < seg.x1 and r.x1 > seg.x0
    ]
    assert len(under) == 1, f"expected one rule under {seg.text!r}, found {under}"
    return under[0]


def text_area_chars(page: Any, top_margin: float, bottom_margin: float) -> list[dict[str, Any]]:
    """The characters between the top and bottom margins (not the header/footer)."""
    return [
        c
        for c in page.chars
        if c["text"].strip()
        and c["top"] >= top_margin
        and c["bottom"] <= page.height - bottom_margin
    ]


def top_margin_text(page: Any, top_margin: float) -> tuple[str, float | None]:
    """What is printed above the text area, and its horizontal centre (None if nothing)."""
    chars = sorted(
        (c for c in page.chars if c["text"].strip() and c["bottom"] <= top_margin),
        key=lambda c: c["x0"],
    )
    if not chars:
        return "", None
    return "".join(c["text"] for c in chars), (chars[0]["x0"] + chars[-1]["x1"]) / 2


@dataclass(frozen=True)
class FontInfo:
    name: str  # without the subset prefix
    embedded: bool


def fonts(pdf_path: Path) -> set[FontInfo]:
    """Every font the PDF's pages use, with whether its program is embedded."""
    found: set[FontInfo] = set()
    for page in PdfReader(pdf_path).pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        if not font_dict:
            continue
        for ref in font_dict.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descendant = font["/DescendantFonts"].get_object()[0].get_object()
                descriptor = descendant.get("/FontDescriptor")
            embedded = False
            if descriptor is not None:
                d = descriptor.get_object()
                embedded = any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            name = str(font.get("/BaseFont", "")).lstrip("/")
            found.add(FontInfo(name.split("+", 1)[-1], embedded))
    return found


def unbreak(text: str) -> str:
    """Undo line breaks after a hyphen (LibreOffice breaks ``18/KH-SLĐTBXH`` after ``-``).

    >>> unbreak("số 18/KH- SLĐTBXH và A - B, - Liên")
    'số 18/KH-SLĐTBXH và A - B, - Liên'
    """
    return re.sub(r"(?<=\S)([-–])\s+", r"\1", text)


def words(texts: Iterable[str]) -> Counter[str]:
    """Multiset of words (normalised, hyphen line breaks undone), in reading order."""
    return Counter(unbreak(norm(" ".join(texts))).split())


def plain(markup: str) -> list[str]:
    """Paragraphs of body markup as they read on paper (emphasis markers removed).

    >>> plain("Một **đậm** và *nghiêng*.\\n\\n2. Hai\\ndòng")
    ['Một đậm và nghiêng.', '2. Hai dòng']
    """
    paragraphs = re.split(r"\n\s*\n", markup.strip())
    return [norm(re.sub(r"\*\*|(?<!\w)\*|\*(?!\w)", "", p)) for p in paragraphs if p.strip()]


def page_text(pdf: Any, skip_top: float = 0.0) -> list[str]:
    """Each page's text as segments joined by spaces (``skip_top``: ignore the page-number
    zone: segments that end above it)."""
    return [" ".join(s.text for s in segments(p) if s.bottom > skip_top) for p in pdf.pages]


def all_of(items: Sequence[str], within: str) -> list[str]:
    """The items NOT found in ``within`` (empty when every one is there); both sides are
    normalised and hyphen line breaks undone."""
    haystack = unbreak(norm(within))
    return [i for i in items if unbreak(norm(i)) not in haystack]
