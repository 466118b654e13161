"""The example công văn on paper: converted by LibreOffice and measured with pdfplumber.

What only the page shows: rule lengths, the two header columns, page numbers, fonts.
Skipped without LibreOffice; a failure under CI=true.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

import vnadmin_docs

PT_PER_MM = 72 / 25.4
A4 = (210 * PT_PER_MM, 297 * PT_PER_MM)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory, to_pdf: Callable[[Path], Path]) -> Any:
    from tests.conftest import CONG_VAN_EXAMPLE

    folder = tmp_path_factory.mktemp("cong-van-pdf")
    docx = vnadmin_docs.render("cong-van", vnadmin_docs.load_data(CONG_VAN_EXAMPLE)).save(
        folder / "cong-van.docx"
    )
    with pdfplumber.open(to_pdf(docx)) as document:
        yield document


def line_of(page: Any, text: str) -> dict[str, Any]:
    """A run of text on one line, kept apart from the other header column by the gap."""
    for segment in page.extract_words(keep_blank_chars=True, use_text_flow=True, x_tolerance=3):
        if segment["text"].strip() == text:
            return segment  # type: ignore[no-any-return]
    raise AssertionError(f"no line {text!r} on page {page.page_number}")


def rules(page: Any) -> list[tuple[float, float, float]]:
    """Horizontal rules as (x0, x1, top), de-duplicated (LibreOffice draws some twice)."""
    found = {
        (round(e["x0"], 1), round(e["x1"], 1), round(e["top"], 1))
        for e in (*page.lines, *page.rects)
        if abs(e["bottom"] - e["top"]) < 2
    }
    return sorted(found, key=lambda r: r[2])


def test_r_page_1_a4_and_left_text_edge_30_to_35_mm(pdf: Any) -> None:
    for page in pdf.pages:
        assert (round(page.width, 1), round(page.height, 1)) == (round(A4[0], 1), round(A4[1], 1))
    body = line_of(pdf.pages[0], "Kính gửi:")
    page = pdf.pages[0]
    lefts = [c["x0"] for c in page.chars if c["top"] > body["bottom"]]
    assert 30 <= min(lefts) / PT_PER_MM <= 35
    rights = [c["x1"] for c in page.chars if c["top"] > body["bottom"]]
    assert (page.width - max(rights)) / PT_PER_MM >= 15 - 0.5


def test_r_qh_header_columns_do_not_wrap(pdf: Any) -> None:
    page = pdf.pages[0]
    qh = line_of(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    tn = line_of(page, "Độc lập - Tự do - Hạnh phúc")
    issuer = line_of(page, "UBND TỈNH ĐẮK NÔNG")
    assert issuer["x1"] < qh["x0"]  # issuer in the left column, national title in the right
    assert abs((qh["x0"] + qh["x1"]) / 2 - (tn["x0"] + tn["x1"]) / 2) < 1  # motto centred
    assert abs(qh["top"] - issuer["top"]) < 1  # same top (R-CQ-7)


def test_r_qh_6_rule_under_motto_as_wide_as_the_motto(pdf: Any) -> None:
    page = pdf.pages[0]
    tn = line_of(page, "Độc lập - Tự do - Hạnh phúc")
    under = [r for r in rules(page) if 0 < r[2] - tn["bottom"] < 10]
    assert len(under) == 1
    x0, x1, _ = under[0]
    width = tn["x1"] - tn["x0"]
    assert abs((x1 - x0) - width) <= 0.03 * width
    assert abs((x0 + x1) / 2 - (tn["x0"] + tn["x1"]) / 2) <= PT_PER_MM


def test_r_cq_5_rule_under_issuer_a_third_to_a_half_and_centred(pdf: Any) -> None:
    page = pdf.pages[0]
    last = line_of(page, "THƯƠNG BINH VÀ XÃ HỘI")
    first = line_of(page, "SỞ LAO ĐỘNG")
    widest = max(last["x1"] - last["x0"], first["x1"] - first["x0"])
    under = [r for r in rules(page) if 0 < r[2] - last["bottom"] < 10]
    assert len(under) == 1
    x0, x1, _ = under[0]
    assert widest / 3 <= x1 - x0 <= widest / 2
    assert abs((x0 + x1) / 2 - (last["x0"] + last["x1"]) / 2) <= PT_PER_MM


def test_r_pgnum_no_number_on_page_one_centred_number_in_top_margin_after(pdf: Any) -> None:
    assert len(pdf.pages) >= 2
    top_margin = 20 * PT_PER_MM
    first = [c for c in pdf.pages[0].chars if c["bottom"] < top_margin]
    assert first == []
    for n, page in enumerate(pdf.pages[1:], start=2):
        head = [c for c in page.chars if c["bottom"] < top_margin]
        assert "".join(c["text"] for c in head) == str(n)
        centre = (min(c["x0"] for c in head) + max(c["x1"] for c in head)) / 2
        text_centre = (30 * PT_PER_MM + page.width - 15 * PT_PER_MM) / 2
        assert abs(centre - text_centre) < PT_PER_MM


def test_r_ky_9_signature_and_recipients_on_one_page(pdf: Any) -> None:
    texts = [page.extract_text() for page in pdf.pages]
    pages_with = {
        w: [i for i, t in enumerate(texts) if w in t]
        for w in ("Nơi nhận:", "TL. GIÁM ĐỐC", "Nguyễn Thị Hường", "Lưu: VT, VP.")
    }
    assert len({tuple(v) for v in pages_with.values()}) == 1 and len(pages_with["Nơi nhận:"]) == 1


def test_r_font_1_only_times_new_roman_or_liberation_serif_embedded(pdf: Any) -> None:
    fonts = {c["fontname"].split("+")[-1] for page in pdf.pages for c in page.chars}
    assert fonts and all(f.startswith(("LiberationSerif", "TimesNewRoman", "Times")) for f in fonts)
