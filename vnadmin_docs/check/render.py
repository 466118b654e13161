"""Checks only the printed page can answer (``--render``).

Input: the .docx, its recognised elements and the static findings. The document is
converted to PDF with LibreOffice and read back with pdfplumber (the optional ``render``
extra); output: the findings with the page-level verdicts added, and the static
"not evaluated" findings that the page settled removed.

Judged here: the length of the rules under the motto (R-QH-6), the issuer (R-CQ-5) and
the summary (R-TL-3) against the text they underline; the Quốc hiệu and Tiêu ngữ staying
on one line each (R-QH-8); page numbers printed from page 2 and not on page 1
(R-PGNUM-1, R-PGNUM-2).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnadmin_docs.check.elements import Span
from vnadmin_docs.check.findings import Finding, Severity, Text
from vnadmin_docs.check.formatting import fmt_num, size_range
from vnadmin_docs.check.registry import (
    RULES,
    Context,
    Problem,
    Unjudged,
    render_only_rule,
    to_finding,
)
from vnadmin_docs.check.textfold import tone_key
from vnadmin_docs.errors import ConversionError
from vnadmin_docs.pdf import convert_files
from vnadmin_docs.units import Mm

__all__ = ["render_findings", "to_pdfs", "unrendered"]

_log = logging.getLogger(__name__)
# Measuring a rendered rule against rendered text: font hinting and border end caps make
# a few points of difference; this is a measurement tolerance, not a Decree figure.
_RATIO_TOL = 0.08
_RULE_GAP_PT = 30.0  # how far below the text a rule may sit and still underline it
# Glyph side bearings and rounding: text this close to the margin line is inside it.
_MARGIN_TOL_MM = 1.5
# Liberation Serif (LibreOffice's Times New Roman) and Word's own layout differ by a few
# per cent in what fits a line; a wrap within this margin is not taken as Word's.
_METRIC_SLACK = 0.06
_CELL_PADDING_PT = 5.4  # Word's default left/right cell margin (108 twips)
_MARGIN_SURE_MM = 3.0

render_only_rule(
    "R-QH-8",
    "Quốc hiệu và Tiêu ngữ mỗi dòng nằm trên một dòng (không xuống dòng)",
    "National title and motto each stay on one line",
    bad="“CỘNG HÒA XÃ HỘI CHỦ NGHĨA” / “VIỆT NAM” tách hai dòng",
    fix="Quốc hiệu cỡ 12 hoặc nới rộng cột phải của bảng tiêu đề",
    severity=Severity.WARNING,
)


@dataclass(frozen=True)
class _Box:
    x0: float
    x1: float
    top: float
    bottom: float
    lines: int
    widest: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def to_pdfs(docxs: Sequence[Path], outdir: Path) -> dict[Path, Path | ConversionError]:
    """Convert every file in one warm LibreOffice run through :mod:`vnadmin_docs.pdf`
    (``convert_files``: calls of up to 200 files, watched for hangs, killed with its process
    group, a failed file retried once).

    Returns each source's PDF, or the :class:`ConversionError` that names why it could not
    be converted (the others are still converted). A missing LibreOffice is raised.
    """
    pairs = [(d, outdir / f"{i:05d}.pdf") for i, d in enumerate(docxs)]
    failure: ConversionError | None = None
    try:
        convert_files(pairs)
    except ConversionError as exc:
        if not any(t.is_file() for _, t in pairs):
            raise
        failure = exc
    out: dict[Path, Path | ConversionError] = {}
    for source, target in pairs:
        if target.is_file():
            out[source] = target
        else:
            assert failure is not None
            out[source] = failure
    return out


def _find_words(words: Sequence[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The words of ``text`` on the page, in order (empty when not found)."""
    tokens = [tone_key(t) for t in text.split()]
    keys = [tone_key(str(w["text"])) for w in words]
    n = len(tokens)
    for i in range(len(keys) - n + 1):
        if keys[i : i + n] == tokens:
            return list(words[i : i + n])
    return []


def _find(words: Sequence[dict[str, Any]], text: str) -> _Box | None:
    """The words of ``text`` as laid out on the page (same order as the content stream)."""
    tokens = [tone_key(t) for t in text.split()]
    keys = [tone_key(str(w["text"])) for w in words]
    n = len(tokens)
    for i in range(len(keys) - n + 1):
        if keys[i : i + n] == tokens:
            hit = words[i : i + n]
            tops: dict[int, list[dict[str, Any]]] = {}
            for w in hit:
                tops.setdefault(round(float(w["top"]) / 3), []).append(w)
            widest = max(
                max(float(w["x1"]) for w in ws) - min(float(w["x0"]) for w in ws)
                for ws in tops.values()
            )
            return _Box(
                min(float(w["x0"]) for w in hit),
                max(float(w["x1"]) for w in hit),
                min(float(w["top"]) for w in hit),
                max(float(w["bottom"]) for w in hit),
                len(tops),
                widest,
            )
    return None


def _rules(page: Any, words: Sequence[dict[str, Any]]) -> list[tuple[float, float, float]]:
    """Horizontal rules on the page as (x0, x1, y): strokes, thin boxes, underscores."""
    out: list[tuple[float, float, float]] = []
    for line in page.lines:
        if abs(float(line["y0"]) - float(line["y1"])) < 1:
            out.append((float(line["x0"]), float(line["x1"]), float(line["top"])))
    for rect in page.rects:
        if float(rect["height"]) < 2.5 and float(rect["width"]) > 5:
            out.append((float(rect["x0"]), float(rect["x1"]), float(rect["top"])))
    for w in words:
        if set(str(w["text"])) == {"_"}:
            out.append((float(w["x0"]), float(w["x1"]), float(w["bottom"])))
    # A border drawn twice (LibreOffice does) is one rule.
    return sorted(set((round(a, 1), round(b, 1), round(c, 1)) for a, b, c in out))


def _rule_under(box: _Box, rules: Iterable[tuple[float, float, float]]) -> float | None:
    best: tuple[float, float] | None = None
    for x0, x1, y in rules:
        if box.bottom - 2 <= y <= box.bottom + _RULE_GAP_PT and x0 - 5 <= box.centre <= x1 + 5:
            gap = y - box.bottom
            if best is None or gap < best[0]:
                best = (gap, x1 - x0)
    return None if best is None else best[1]


class _Judge:
    def __init__(self, ctx: Context, pdf: Any, off: set[str]) -> None:
        self.ctx = ctx
        self.pdf = pdf
        self.off = off
        self.first = pdf.pages[0]
        self.words = self.first.extract_words(use_text_flow=True)
        self.rules = _rules(self.first, self.words)
        self.out: list[Finding] = []
        self.settled: set[str] = set()

    def add(
        self,
        rule_id: str,
        at: Span | None,
        found: Text,
        required: Text,
        severity: Severity | None = None,
    ) -> None:
        if rule_id not in self.off:
            # Said as what LibreOffice's layout shows: Word, with other font metrics and
            # its own line breaking, may lay the page out slightly differently.
            shown = Text(f"LibreOffice dàn trang: {found.vi}", f"LibreOffice shows: {found.en}")
            self.out.append(to_finding(RULES[rule_id], Problem(at, shown, required, severity)))

    def ratio(
        self, rule_id: str, span: Span | None, low: float, high: float, what: tuple[str, str]
    ) -> None:
        if span is None or rule_id in self.off:
            return
        box = _find(self.words, span.text)
        if box is None:
            return
        length = _rule_under(box, self.rules)
        self.settled.add(rule_id)
        if length is None:
            self.add(
                rule_id,
                span,
                Text(
                    f"trên trang in không có đường kẻ dưới {what[0]}",
                    f"no rule under {what[1]} on the printed page",
                ),
                Text(
                    f"đường kẻ dài {fmt_num(low)}–{fmt_num(high)} lần dòng chữ",
                    f"a rule {fmt_num(low)}–{fmt_num(high)} × the text line",
                ),
            )
            return
        ratio = length / box.widest
        if not (low - _RATIO_TOL <= ratio <= high + _RATIO_TOL):
            self.add(
                rule_id,
                span,
                Text(
                    f"đường kẻ dài {fmt_num(length * 25.4 / 72)} mm = {fmt_num(ratio)} "
                    f"lần dòng chữ ({fmt_num(box.widest * 25.4 / 72)} mm)",
                    f"rule {fmt_num(length * 25.4 / 72)} mm = {fmt_num(ratio)} × the text "
                    f"line ({fmt_num(box.widest * 25.4 / 72)} mm)",
                ),
                Text(
                    f"{fmt_num(low)}–{fmt_num(high)} lần độ dài dòng chữ",
                    f"{fmt_num(low)}–{fmt_num(high)} × the text line",
                ),
            )

    def _metric_wrap(self, span: Span, box: _Box) -> bool:
        """The line wraps only by the few points LibreOffice's fonts measure differently
        from Word's: its words, laid end to end, overrun the cell's text width by less
        than _METRIC_SLACK. Word with Times New Roman may well keep it on one line, so it
        is not reported (a clear overrun still is, as a warning)."""
        width = span.para.where.width_pt
        if width is None:
            return False
        hit = _find_words(self.words, span.text)
        gaps = 0.25 * 13 * max(len(hit) - 1, 0)  # a space of a 13 pt font
        natural = sum(float(w["x1"]) - float(w["x0"]) for w in hit) + gaps
        room = width - 2 * _CELL_PADDING_PT - span.para.fmt.left_pt - span.para.fmt.right_pt
        return natural <= room * (1 + _METRIC_SLACK)

    def one_line(self) -> None:
        el = self.ctx.el
        for span, name in (
            (el.quoc_hieu, ("Quốc hiệu", "national title")),
            (el.tieu_ngu, ("Tiêu ngữ", "motto")),
        ):
            if span is None:
                continue
            box = _find(self.words, span.text)
            if box is not None and box.lines > 1 and not self._metric_wrap(span, box):
                self.add(
                    "R-QH-8",
                    span,
                    Text(
                        f"{name[0]} bị xuống {box.lines} dòng",
                        f"the {name[1]} wraps onto {box.lines} lines",
                    ),
                    Text("nằm trên một dòng", "on a single line"),
                )

    def margins(self) -> None:
        """Text LibreOffice prints past the left or right margin (negative indents, tables
        pushed into the margin), on the pages Word counts. Past the tolerance by more than
        _MARGIN_SURE it is an error, closer a warning: line breaking may differ in Word."""
        secs = self.ctx.pkg.sections
        if len(secs) != 1 or "R-PAGE-3" in self.off:
            return
        sec = secs[0]
        if sec.left_mm is None or sec.right_mm is None:
            return
        # Text past the margin set but still as far from the edge as the Decree's
        # smallest margin allows (a 20 mm margin, text 17 mm from the edge) is not reported.
        spec = self.ctx.profile["margins"]
        left = min(sec.left_mm, size_range(spec["left_mm"])[0])
        right = min(sec.right_mm, size_range(spec["right_mm"])[0])
        pages = list(self.pdf.pages)[: self.ctx.pkg.word_pages or None]
        for index, page in enumerate(pages, start=1):
            width_mm = float(page.width) * 25.4 / 72
            for w in page.extract_words():
                x0, x1 = float(w["x0"]) * 25.4 / 72, float(w["x1"]) * 25.4 / 72
                past = max(left - x0, x1 - (width_mm - right))
                if past <= _MARGIN_TOL_MM:
                    continue
                on_left = left - x0 >= past
                side = ("trái", "left") if on_left else ("phải", "right")
                edge = x0 if on_left else width_mm - x1
                least = left if on_left else right
                self.add(
                    "R-PAGE-3",
                    None,
                    Text(
                        f"trang {index}: chữ “{w['text']}” in vào lề {side[0]}, cách mép giấy "
                        f"{fmt_num(edge, 1)} mm",
                        f"page {index}: “{w['text']}” printed in the {side[1]} margin, "
                        f"{fmt_num(edge, 1)} mm from the edge",
                    ),
                    Text(
                        f"chữ cách mép {side[0]} ít nhất {fmt_num(least)} mm (bỏ thụt lề âm, "
                        "kéo bảng vào trong lề)",
                        f"text at least {fmt_num(least)} mm from the {side[1]} edge (no "
                        "negative indent, tables inside the margins)",
                    ),
                    None if past > _MARGIN_SURE_MM else Severity.WARNING,
                )
                return

    def page_numbers(self) -> None:
        sec = self.ctx.pkg.sections[0] if self.ctx.pkg.sections else None
        if sec is None:
            return
        top_pt = Mm(sec.top_mm or 20).pt
        self.settled.update({"R-PGNUM-1", "R-PGNUM-2"})
        # Each later section (an appendix numbered on its own, R-PGNUM-3) may open with an
        # unnumbered first page and restart at 2 on its second page.
        restarts_allowed = max(len(self.ctx.pkg.sections) - 1, 0)
        previous: int | None = 1
        pages = list(self.pdf.pages)
        word = self.ctx.pkg.word_pages
        if word is not None and word < len(pages):
            # LibreOffice laid out more pages than Word counted (other font metrics push
            # the last lines over): the pages past Word's count are not judged.
            _log.info("LibreOffice shows %d pages, Word %d: judging %d", len(pages), word, word)
            pages = pages[:word]
        for index, page in enumerate(pages, start=1):
            numbers = [
                int(str(w["text"]))
                for w in page.extract_words()
                if float(w["bottom"]) <= top_pt and str(w["text"]).isdigit()
            ]
            shown = numbers[0] if numbers else None
            if index == 1:
                if shown is not None:
                    self.add(
                        "R-PGNUM-2",
                        None,
                        Text(
                            f"trang 1 in số trang “{shown}”", f"page 1 shows page number “{shown}”"
                        ),
                        Text("không hiện số trang ở trang 1", "no page number on page 1"),
                    )
                continue
            if shown is None and restarts_allowed > 0:
                restarts_allowed -= 1
                previous = None  # the first page of a section numbered on its own
                continue
            expected = previous + 1 if previous is not None else 2
            if shown != expected:
                found_vi = f"in số “{shown}”" if shown is not None else "không in số trang"
                found_en = f"shows “{shown}”" if shown is not None else "shows no page number"
                self.add(
                    "R-PGNUM-1",
                    None,
                    Text(
                        f"trang {index} {found_vi} ở lề trên",
                        f"page {index} {found_en} in the top margin",
                    ),
                    Text(
                        f"số trang “{expected}” ở giữa lề trên",
                        f"page number “{expected}” centred in the top margin",
                    ),
                )
                break
            previous = shown
        if len(pages) == 1:
            # One page: nothing is printed either way, so the static warning is moot.
            self.out = [f for f in self.out if f.rule_id != "R-PGNUM-1"]


def unrendered(static: Sequence[Finding], off: Iterable[str], reason: Text) -> list[Finding]:
    """The static findings plus "not evaluated" for the page-only rules, with ``reason``."""
    disabled = set(off)
    return [
        *static,
        *(to_finding(RULES[rid], Unjudged(reason)) for rid in ("R-QH-8",) if rid not in disabled),
    ]


NO_PDFPLUMBER = Text(
    "cần gói tùy chọn pdfplumber (pip install 'vnadmin-docs[render]')",
    "needs the optional pdfplumber package (pip install 'vnadmin-docs[render]')",
)


def render_findings(
    pdf_path: Path,
    ctx: Context,
    static: Sequence[Finding],
    off: Iterable[str],
    *,
    several: bool = False,
) -> list[Finding]:
    """Static findings plus the verdicts read from the document's PDF (see module docstring).

    ``several``: the file holds several documents (a merged batch file); page 1 is the
    first document's, and page numbers, which restart per document, are not judged here.
    """
    disabled = set(off)
    try:
        import pdfplumber
    except ImportError:
        return unrendered(static, disabled, NO_PDFPLUMBER)
    with pdfplumber.open(str(pdf_path)) as pdf:
        judge = _Judge(ctx, pdf, disabled)
        el = ctx.el
        motto = size_range(ctx.element("tieu_ngu")["rule_ratio"])
        issuer = size_range(ctx.element("issuer")["rule_ratio"])
        summary = size_range(ctx.element("trich_yeu")["rule_ratio"])
        judge.ratio("R-QH-6", el.tieu_ngu, *motto, ("Tiêu ngữ", "the motto"))
        judge.ratio(
            "R-CQ-5",
            el.issuer[-1] if el.issuer else None,
            *issuer,
            ("tên cơ quan", "the issuer"),
        )
        if el.title_end is not None and el.title_end is el.type_name:
            # Mẫu 1.8, 1.10: no summary, the rule is under the type name [SAMPLE]
            summary = size_range(ctx.element("type_name")["rule_ratio_alone"])
        judge.ratio(
            "R-TL-3",
            el.title_end or (el.trich_yeu[-1] if el.trich_yeu else None),
            *summary,
            ("trích yếu", "the summary"),
        )
        judge.one_line()
        judge.margins()
        if not several:
            # In a merged file each document restarts its numbering; page-level
            # numbering is judged per document only from the XML.
            judge.page_numbers()
    _log.info("rendered %s: %d page-level finding(s)", pdf_path, len(judge.out))
    kept = [
        f
        for f in static
        if not (
            f.rule_id in judge.settled
            and (
                f.severity is Severity.NOT_EVALUATED
                # the static "no PAGE field" warning; the number's size/style stay
                or (f.rule_id.startswith("R-PGNUM") and f.severity is Severity.WARNING)
            )
        )
    ]
    # A static error and a page verdict on the same rule say the same thing once.
    static_ids = {f.rule_id for f in kept if f.severity is not Severity.NOT_EVALUATED}
    return kept + [f for f in judge.out if f.rule_id not in static_ids]
