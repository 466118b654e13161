"""ke-hoach: a multi-page plan with a long table and two appendices, converted to PDF by
LibreOffice and measured page by page (R-PGNUM-1..3, R-PL-6, repeated table header)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from docx import Document as open_docx

import vnadmin_docs
from tests.acceptance.docx_view import ROOT, W, body_texts

EXAMPLE = ROOT / "examples/ke-hoach/ubnd-pbgdpl-2025.yaml"


def _long_data() -> dict[str, Any]:
    """The example with a first appendix long enough to need three pages."""
    data = vnadmin_docs.load_data(EXAMPLE)
    rows = "\n".join(
        f"| {i} | Văn bản quy phạm pháp luật số {i} cần phổ biến trong năm | 01/01/2025 |"
        for i in range(11, 111)
    )
    data["appendices"][0]["body"] = data["appendices"][0]["body"].rstrip("\n") + "\n" + rows
    return data


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, to_pdf: Callable[[Path], Path]) -> list[str]:
    out = tmp_path_factory.mktemp("ke-hoach")
    docx = vnadmin_docs.render("ke-hoach", _long_data()).save(out / "ke-hoach.docx")
    with pdfplumber.open(to_pdf(docx)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0].strip()


def test_main_part_then_each_appendix_on_fresh_pages(pages: list[str]) -> None:
    starts = [i for i, t in enumerate(pages) if _first_line(t) in ("Phụ lục I", "Phụ lục II")]
    assert len(starts) == 2
    assert starts[0] >= 2  # the plan itself takes more than one page
    assert starts[1] - starts[0] >= 3  # the long first appendix takes three pages or more
    assert "KẾ HOẠCH" in pages[0]


def test_page_numbers_restart_and_hide_on_first_pages(pages: list[str]) -> None:
    starts = [0] + [i for i, t in enumerate(pages) if _first_line(t).startswith("Phụ lục")]
    ends = [*starts[1:], len(pages)]
    for start, end in zip(starts, ends, strict=True):
        assert not _first_line(pages[start]).isdigit(), f"page {start + 1} shows a number"
        for offset in range(1, end - start):
            assert _first_line(pages[start + offset]) == str(offset + 1)


def test_table_header_row_repeats_on_every_page_of_the_table(pages: list[str]) -> None:
    table_pages = [t for t in pages if "Phổ biến pháp luật" in t and "Quý" in t]
    assert len(table_pages) >= 2
    for text in table_pages:
        assert "Cơ quan chủ" in text and "Nhiệm vụ" in text
    appendix_pages = [t for t in pages if "cần phổ biến trong năm" in t]
    assert len(appendix_pages) >= 2
    for text in appendix_pages:
        assert "Tên văn bản" in text


def test_docx_structure_for_word_users() -> None:
    rendered = vnadmin_docs.render("ke-hoach", vnadmin_docs.load_data(EXAMPLE))
    doc = open_docx(io.BytesIO(rendered.to_bytes()))
    assert len(doc.sections) == 3
    for section in doc.sections:
        assert section._sectPr.find(f"{W}pgNumType").get(f"{W}start") == "1"
        assert section._sectPr.find(f"{W}titlePg") is not None
    body_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    first, second = body_table.rows[0]._tr, body_table.rows[1]._tr
    assert first.find(f"{W}trPr/{W}tblHeader") is not None
    assert second.find(f"{W}trPr/{W}tblHeader") is None
    assert all(r.bold for c in body_table.rows[0].cells for p in c.paragraphs for r in p.runs)
    layout = body_table._tbl.find(f"{W}tblPr/{W}tblLayout")
    assert layout.get(f"{W}type") == "fixed"
    widths = [int(g.get(f"{W}w")) for g in body_table._tbl.findall(f"{W}tblGrid/{W}gridCol")]
    text_twips = round((210 - 30 - 15) / 25.4 * 1440)
    assert abs(sum(widths) - text_twips) <= 5
    texts = body_texts(doc)
    assert "Số:       /KH-UBND" in texts
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts
    assert "đ) Kết quả được đánh giá, báo cáo định kỳ." in texts


def test_signature_block_is_never_alone_on_its_page(pages: list[str]) -> None:
    signature_page = next(t for t in pages if "Nơi nhận:" in t)
    assert "theo phân cấp hiện hành./." in " ".join(signature_page.split())
