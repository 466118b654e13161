"""Text printed outside the page margins (part of R-PAGE-3).

A margin set right in Page Setup can still be broken by what sits on it: a paragraph with a
negative indent, or a table indented into the margin or wider than the text area (a header
table dragged to the left edge). What prints is what counts: the text's distance from the
edge of the paper is compared with the margin the Decree allows (the profile's minimum), so
a table 2 mm into a 35 mm margin is fine and one 8 mm into a 30 mm margin is not.
"""

from __future__ import annotations

from collections.abc import Iterator

from vnadmin_docs.check.findings import Text
from vnadmin_docs.check.formatting import fmt_num, size_range
from vnadmin_docs.check.ooxml import Paragraph, Section
from vnadmin_docs.check.registry import Context, Problem
from vnadmin_docs.units import Mm, Pt

__all__ = ["outside_margins"]

# Rounding of twips and the cell's own padding (Word lets a table's border stand 1.9 mm in
# the margin so that its text lines up with the body): not a Decree figure.
_TOL = Mm(2.0)
_CELL_PADDING = Mm(1.9)  # Word's default left cell margin (108 twips)


def _section(ctx: Context, index: int) -> Section | None:
    secs = ctx.pkg.sections
    return secs[index] if index < len(secs) else (secs[-1] if secs else None)


def outside_margins(ctx: Context) -> Iterator[Problem]:
    """One problem for the first paragraph and the first table printed into a margin."""
    spec = ctx.profile["margins"]
    left_min = size_range(spec["left_mm"])[0]
    right_min = size_range(spec["right_mm"])[0]
    yield from _paragraphs(ctx, left_min, right_min)
    yield from _tables(ctx, left_min, right_min)


def _paragraphs(ctx: Context, left_min: float, right_min: float) -> Iterator[Problem]:
    for p in ctx.pkg.paragraphs:
        if p.where.kind != "body" or not p.text.strip():
            continue
        sec = _section(ctx, p.section)
        if sec is None or sec.left_mm is None or sec.right_mm is None:
            continue
        start = min(p.fmt.left_pt, p.fmt.left_pt + p.fmt.first_line_pt)
        left = sec.left_mm + Pt(start).mm
        right = sec.right_mm + Pt(p.fmt.right_pt).mm
        problem = _judge(p, left, right, left_min, right_min, start, p.fmt.right_pt)
        if problem is not None:
            yield problem
            return


def _tables(ctx: Context, left_min: float, right_min: float) -> Iterator[Problem]:
    """A table indented into the left margin whose first column's text is left-aligned
    (it starts at the cell's edge plus its padding). Centred header cells and a table too
    wide on the right print where their text's length puts them: only the rendered page
    tells (``--render``, see check/render.py)."""
    firsts: dict[int, list[Paragraph]] = {}
    for p in ctx.pkg.paragraphs:
        if p.where.kind == "cell" and p.where.col == 1 and p.text.strip():
            firsts.setdefault(p.table_key, []).append(p)
    for number, (sec_index, indent, _width) in sorted(ctx.pkg.tables.items()):
        sec = _section(ctx, sec_index)
        paras = firsts.get(number, [])
        if sec is None or sec.left_mm is None or sec.right_mm is None or not paras:
            continue
        if any(p.fmt.alignment in ("center", "right") for p in paras):
            continue
        start = indent + _CELL_PADDING.pt
        left = sec.left_mm + Pt(start).mm
        problem = _judge(paras[0], left, sec.right_mm, left_min, right_min, start, 0.0, "bảng")
        if problem is not None:
            yield problem
            return


def _judge(
    at: Paragraph,
    left: float,
    right: float,
    left_min: float,
    right_min: float,
    left_shift_pt: float,
    right_shift_pt: float,
    what: str = "đoạn",
) -> Problem | None:
    """A problem when the text reaches past the margin set *and* past the allowed one."""
    bad_vi: list[str] = []
    bad_en: list[str] = []
    what_en = "table" if what == "bảng" else "paragraph"
    if left_shift_pt < -_TOL.pt and left < left_min - _TOL.mm / 4:
        bad_vi.append(f"{what} lấn vào lề trái {fmt_num(-Pt(left_shift_pt).mm, 1)} mm")
        bad_en.append(
            f"{what_en} reaches {fmt_num(-Pt(left_shift_pt).mm, 1)} mm into the left margin"
        )
    if right_shift_pt < -_TOL.pt and right < right_min - _TOL.mm / 4:
        bad_vi.append(f"{what} lấn vào lề phải {fmt_num(-Pt(right_shift_pt).mm, 1)} mm")
        bad_en.append(
            f"{what_en} reaches {fmt_num(-Pt(right_shift_pt).mm, 1)} mm into the right margin"
        )
    if not bad_vi:
        return None
    return Problem(
        at,
        Text(
            "; ".join(bad_vi) + f" (chữ cách mép giấy trái {fmt_num(left, 1)} mm, "
            f"phải {fmt_num(right, 1)} mm)",
            "; ".join(bad_en) + f" (text {fmt_num(left, 1)} mm from the left edge, "
            f"{fmt_num(right, 1)} mm from the right)",
        ),
        Text(
            f"chữ nằm trong lề: cách mép trái ít nhất {fmt_num(left_min)} mm, mép phải ít "
            f"nhất {fmt_num(right_min)} mm (bỏ thụt lề âm, kéo bảng vào trong lề)",
            f"text inside the margins: at least {fmt_num(left_min)} mm from the left edge and "
            f"{fmt_num(right_min)} mm from the right (no negative indent, table inside)",
        ),
    )
