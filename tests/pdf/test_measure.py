"""The page-measuring helpers find what LibreOffice draws, in both of its forms."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from tests.pdf.builders import tiny_pdf
from tests.pdf.measure import find_segment, horizontal_rules, rule_below


def test_rules_drawn_as_lines_and_as_thin_filled_rectangles_are_both_found(
    tmp_path: Path,
) -> None:
    # A stroked 0.5 pt line under the text, a 0.6 pt high filled rectangle lower down, the
    # same line drawn twice (LibreOffice does that), and a tall box that is not a rule.
    drawing = (
        "0.5 w 72 752 m 172 752 l S 72 752 m 172 752 l S 100 600 80 0.6 re f 300 300 50 40 re f"
    )
    pdf_file = tmp_path / "rules.pdf"
    pdf_file.write_bytes(tiny_pdf(["Doc lap"], drawing))
    with pdfplumber.open(pdf_file) as pdf:
        page = pdf.pages[0]
        rules = horizontal_rules(page)
        assert [(round(r.x0), round(r.x1), round(r.top)) for r in rules] == [
            (72, 172, 842 - 752),
            (100, 180, 842 - 600),
        ]
        text = find_segment(page, "Doc lap")
        assert round(rule_below(page, text).width) == 100
