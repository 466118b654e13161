"""Small builders shared by every layout: styled paragraphs, measured rules, frames."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from vnadmin_docs.layout.figures import ElementStyle
from vnadmin_docs.layout.measure import text_width
from vnadmin_docs.layout.page_model import ZERO, Align, Border, Para, Run
from vnadmin_docs.units import Length, Pt

__all__ = ["RULE", "lines_para", "rule_para", "styled_run", "text_para", "widest"]

# The header rules: a thin solid line (0.5 pt ≈ 0.18 mm), as a senior văn thư draws them.
RULE = Border(width=Pt(0.5), space=ZERO)
# The empty paragraph that carries a rule is this tall; its bottom border is the rule.
_RULE_HEIGHT = Pt(3)
# Safety margin so that a measured line never wraps because of rounding in a renderer.
_SLACK = Pt(2)


def styled_run(text: str, style: ElementStyle) -> Run:
    return Run(text, style.size, bold=style.bold, italic=style.italic)


def text_para(
    text: str, style: ElementStyle, role: str, *, align: Align = "center", **extra: Any
) -> Para:
    """One paragraph of a single style; ``\\n`` in ``text`` become line breaks."""
    runs: list[Run] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            runs.append(Run("\n", style.size))
        runs.append(styled_run(line, style))
    return replace(Para(tuple(runs), style.size, role=role, align=align), **extra)


def lines_para(lines: list[str], style: ElementStyle, role: str, **extra: Any) -> Para:
    """A centred paragraph whose lines are broken where the layout measured them."""
    return text_para("\n".join(lines), style, role, **extra)


def widest(lines: list[str], style: ElementStyle) -> Length:
    return max(
        (text_width(ln, style.size, bold=style.bold, italic=style.italic) for ln in lines),
        default=ZERO,
    )


def rule_para(width: Length, column: Length, role: str) -> Para:
    """A centred horizontal rule ``width`` long inside a column ``column`` wide.

    Drawn as the bottom border of an empty paragraph whose left and right indents leave
    exactly ``width`` between them: Word and LibreOffice both draw a paragraph border from
    indent to indent, so the line has the same length and place in both
    (docs/dev/header-rules.md).
    """
    side = (column - width) * 0.5
    if side.pt < 0:
        side = ZERO
    return Para(
        (),
        Pt(2),
        role=role,
        align="center",
        indent_left=side,
        indent_right=side,
        exact_line=_RULE_HEIGHT,
        border_bottom=RULE,
    )


def fits(width: Length, column: Length) -> bool:
    """Whether text ``width`` wide fits on one line of ``column`` with a safety margin."""
    return width + _SLACK <= column
