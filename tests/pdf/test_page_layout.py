"""What Decree 30 asks of the printed page, measured on the PDF of every built-in template's
example, a long (≥ 3 pages) công văn and a Mẫu 1.4 document with a trích yếu.

Real LibreOffice: skipped without it, a failure under CI=true.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.pdf.conftest import PaperCase
from tests.pdf.measure import (
    A4_PT,
    PT_PER_MM,
    all_of,
    find_segment,
    fonts,
    horizontal_rules,
    mm,
    norm,
    page_text,
    pages_with,
    plain,
    rule_below,
    segments,
    text_area_chars,
    top_margin_text,
    words,
)
from vnadmin_docs.layout.page_model import Grid, Para

pytestmark = pytest.mark.libreoffice


def _paras(paper: PaperCase) -> list[Para]:
    out: list[Para] = []

    def walk(items: tuple[Para | Grid, ...]) -> None:
        for item in items:
            if isinstance(item, Para):
                out.append(item)
            else:
                for row in item.rows:
                    for cell in row.cells:
                        walk(cell.paras)

    for section in paper.rendered.page_model.sections:
        walk(section.body)
    return out


def _lines(paper: PaperCase, role: str) -> list[str]:
    """The printed lines of every paragraph with ``role`` (line breaks split lines)."""
    return [
        line.strip()
        for p in _paras(paper)
        if p.role == role
        for line in p.text.split("\n")
        if line.strip()
    ]


def _setup(paper: PaperCase) -> Any:
    return paper.rendered.page_model.sections[0].setup


def _header_grid(paper: PaperCase) -> Grid:
    body = paper.rendered.page_model.sections[0].body
    return next(b for b in body if isinstance(b, Grid) and b.role == "header")


def test_every_page_is_a4_portrait(paper: PaperCase, pdf: Any) -> None:
    for page in pdf.pages:
        assert (round(page.width, 1), round(page.height, 1)) == (
            round(A4_PT[0], 1),
            round(A4_PT[1], 1),
        ), f"page {page.page_number} is {mm(page.width):.1f} × {mm(page.height):.1f} mm"


def test_text_starts_30_to_35_mm_from_the_left_and_ends_inside_the_right_margin(
    paper: PaperCase, pdf: Any
) -> None:
    setup = _setup(paper)
    for page in pdf.pages:
        chars = text_area_chars(page, setup.top.pt, setup.bottom.pt)
        left = mm(min(c["x0"] for c in chars))
        right = mm(page.width - max(c["x1"] for c in chars))
        assert 30 - 0.1 <= left <= 35, f"page {page.page_number}: left text edge at {left:.1f} mm"
        assert 15 - 0.2 <= right <= 20, f"page {page.page_number}: right margin {right:.1f} mm"


def test_issuer_left_national_title_and_motto_right_each_on_one_line(
    paper: PaperCase, pdf: Any
) -> None:
    page = pdf.pages[0]
    setup = _setup(paper)
    boundary = setup.left.pt + _header_grid(paper).columns[0].pt
    quoc_hieu = find_segment(page, _lines(paper, "quoc_hieu")[0])
    tieu_ngu = find_segment(page, _lines(paper, "tieu_ngu")[0])
    assert len(_lines(paper, "quoc_hieu")) == len(_lines(paper, "tieu_ngu")) == 1
    assert quoc_hieu.x0 >= boundary and tieu_ngu.x0 >= boundary
    assert quoc_hieu.x1 <= page.width - setup.right.pt + 0.5
    assert abs(quoc_hieu.centre - tieu_ngu.centre) <= PT_PER_MM, "motto not centred under title"
    issuer_lines = _lines(paper, "superior") + _lines(paper, "issuer")
    assert issuer_lines
    for line in issuer_lines:
        seg = find_segment(page, line)
        assert seg.x0 >= setup.left.pt - 0.5 and seg.x1 <= boundary, f"{line!r} leaves the column"
    first = find_segment(page, issuer_lines[0])
    assert abs(first.top - quoc_hieu.top) <= 1.5, "issuer and national title not on one top line"


def test_motto_rule_is_as_wide_as_the_motto(paper: PaperCase, pdf: Any) -> None:
    page = pdf.pages[0]
    motto = find_segment(page, _lines(paper, "tieu_ngu")[0])
    rule = rule_below(page, motto)
    assert abs(rule.width - motto.width) <= 0.03 * motto.width, (
        f"rule {rule.width:.1f} pt vs motto {motto.width:.1f} pt"
    )
    assert abs(rule.centre - motto.centre) <= PT_PER_MM


def _short_rule_under(page: Any, lines: list[str]) -> tuple[float, float, float]:
    segs = [find_segment(page, line) for line in lines]
    widest = max(s.width for s in segs)
    rule = rule_below(page, segs[-1])
    return rule.width / widest, rule.centre - segs[-1].centre, widest


def test_issuer_rule_is_a_third_to_a_half_of_the_issuer_line_and_centred(
    paper: PaperCase, pdf: Any
) -> None:
    ratio, offset, _ = _short_rule_under(pdf.pages[0], _lines(paper, "issuer"))
    assert 1 / 3 - 0.005 <= ratio <= 1 / 2 + 0.005, f"issuer rule is {ratio:.2f} of the line"
    assert abs(offset) <= PT_PER_MM, f"issuer rule off centre by {mm(offset):.2f} mm"


def test_trich_yeu_rule_is_a_third_to_a_half_and_centred(paper: PaperCase, pdf: Any) -> None:
    if paper.layout != "ten-loai":
        pytest.skip("only documents with a type name (Mẫu 1.4) have a trích yếu rule")
    lines = _lines(paper, "trich_yeu")
    assert lines, "no trích yếu"
    page = pdf.pages[0]
    find_segment(page, _lines(paper, "type_name")[0])
    ratio, offset, _ = _short_rule_under(page, lines)
    assert 1 / 3 - 0.005 <= ratio <= 1 / 2 + 0.005, f"trích yếu rule is {ratio:.2f} of the line"
    assert abs(offset) <= PT_PER_MM


def test_congvan_has_no_rule_under_the_vv_summary(paper: PaperCase, pdf: Any) -> None:
    if paper.layout != "cong-van":
        pytest.skip("V/v only in a công văn")
    page = pdf.pages[0]
    vv = [find_segment(page, line) for line in _lines(paper, "vv")]
    below = [
        r
        for r in horizontal_rules(page)
        if -1 <= r.top - vv[-1].bottom <= 12 and r.x0 < vv[-1].x1 and r.x1 > vv[-1].x0
    ]
    assert below == [], "R-CV-2: no line under the V/v summary"


def test_page_numbers_from_page_two_centred_in_the_top_margin(paper: PaperCase, pdf: Any) -> None:
    setup = _setup(paper)
    top = setup.top.pt
    assert top_margin_text(pdf.pages[0], top)[0] == "", "page 1 shows a page number"
    text_centre = (setup.left.pt + pdf.pages[0].width - setup.right.pt) / 2
    for page in pdf.pages[1:]:
        text, centre = top_margin_text(page, top)
        assert text == str(page.page_number), f"page {page.page_number} top margin: {text!r}"
        assert centre is not None and abs(centre - text_centre) <= PT_PER_MM


def test_long_document_has_at_least_three_pages(paper: PaperCase, pdf: Any) -> None:
    if paper.name != "long-cong-van":
        pytest.skip("only the long document")
    assert len(pdf.pages) >= 3


def test_signature_block_and_recipients_on_one_page(paper: PaperCase, pdf: Any) -> None:
    lines = (
        _lines(paper, "noi_nhan_label")
        + _lines(paper, "noi_nhan_item")
        + _lines(paper, "noi_nhan_luu")
        + _lines(paper, "signer_title")
        + _lines(paper, "signer_name")
    )
    where = {line: pages_with(pdf, line) for line in lines}
    assert all(len(p) == 1 for p in where.values()), f"missing or repeated: {where}"
    assert len({p[0] for p in where.values()}) == 1, f"split over pages: {where}"


def test_every_input_paragraph_is_on_paper(paper: PaperCase, pdf: Any) -> None:
    text = norm(" ".join(page_text(pdf, skip_top=_setup(paper).top.pt)))
    body = paper.data.get("content", {}).get("body")
    if isinstance(body, str):
        assert all_of(plain(body), text) == []
    subject = paper.data.get("subject")
    if isinstance(subject, str) and subject.strip():
        assert all_of([subject], text) == [], "the trích yếu / V/v summary is not on paper"
    signer = paper.data.get("signer", {}).get("full_name")
    if signer:
        assert all_of([signer], text) == []


def test_the_words_on_paper_are_exactly_the_document_words(paper: PaperCase, pdf: Any) -> None:
    top = _setup(paper).top.pt
    on_paper = words(s.text for p in pdf.pages for s in segments(p) if s.bottom > top)
    expected = words(p.text.replace("\t", " ") for p in _paras(paper))
    assert on_paper - expected == {}, "text on paper that the document does not have"
    assert expected - on_paper == {}, "document text missing on paper"


def test_only_times_new_roman_or_liberation_serif_embedded(paper: PaperCase) -> None:
    used = fonts(paper.pdf_path)
    assert used
    for font in used:
        family = font.name.replace(" ", "").replace(",", "-")
        assert family.startswith(("TimesNewRoman", "LiberationSerif")), font.name
        assert font.embedded, f"{font.name} is not embedded"
