"""The generic type-name templates (thong-bao, chi-thi, huong-dan, chuong-trinh, phuong-an,
de-an, nghi-quyet): each example renders with its official symbol and type name."""

from __future__ import annotations

import pytest

import vnadmin_docs
from tests.acceptance.docx_view import ROOT, W, body_texts, render_docx

CASES = [
    ("thong-bao", "ket-luan-giao-ban-2024.yaml", "Số: 09/TB-STP", "THÔNG BÁO"),
    ("chi-thi", "ubnd-phong-chong-thien-tai-2025.yaml", "Số: 03/CT-UBND", "CHỈ THỊ"),
    ("huong-dan", "stp-xin-loi-ho-so-tre-han-2024.yaml", "Số: 02/HD-STP", "HƯỚNG DẪN"),
    ("chuong-trinh", "ubnd-cong-tac-2025.yaml", "Số: 01/CTr-UBND", "CHƯƠNG TRÌNH"),
    ("phuong-an", "ubnd-bao-dam-an-ninh-tet-2025.yaml", "Số:       /PA-UBND", "PHƯƠNG ÁN"),
    ("de-an", "so-hoa-ho-so-2025.yaml", "Số:       /ĐA-STP", "ĐỀ ÁN"),
    ("nghi-quyet", "hdqt-quy-dat-2024.yaml", "Số: 05/NQ-HĐQL", "NGHỊ QUYẾT"),
]


def _texts(template: str, example: str) -> list[str]:
    data = vnadmin_docs.load_data(ROOT / "examples" / template / example)
    return body_texts(render_docx(template, data))


@pytest.mark.parametrize(("template", "example", "so", "type_name"), CASES)
def test_example_renders_with_symbol_and_type_name(
    template: str, example: str, so: str, type_name: str
) -> None:
    texts = _texts(template, example)
    assert so in texts
    assert type_name in texts
    assert not any(t.startswith("V/v") for t in texts)
    assert any(t.endswith("./.") for t in texts)
    assert "Nơi nhận:" in texts


def test_nghi_quyet_has_authority_can_cu_and_quyet_nghi() -> None:
    texts = _texts("nghi-quyet", "hdqt-quy-dat-2024.yaml")
    authority = texts.index("HỘI ĐỒNG QUẢN LÝ QUỸ PHÁT TRIỂN ĐẤT TỈNH NINH BÌNH")
    enacting = texts.index("QUYẾT NGHỊ:")
    can_cu = [t for t in texts[authority:enacting] if t.startswith("Căn cứ")]
    assert [t[-1] for t in can_cu] == [";", "."]
    assert texts[enacting + 1].startswith("Điều 1. ")


def test_de_an_parts_are_centred_pairs_and_its_appendix_restarts_numbering() -> None:
    data = vnadmin_docs.load_data(ROOT / "examples/de-an/so-hoa-ho-so-2025.yaml")
    doc = render_docx("de-an", data)
    texts = [p.text for p in doc.paragraphs]
    assert texts[texts.index("Phần I") + 1] == "SỰ CẦN THIẾT VÀ CĂN CỨ XÂY DỰNG ĐỀ ÁN"
    assert texts[texts.index("Phần II") + 1] == "NỘI DUNG ĐỀ ÁN"
    assert len(doc.sections) == 2
    assert "Phụ lục" in texts  # a single appendix has no number (R-PL-1)


def test_landscape_appendix_turns_only_its_own_pages() -> None:
    data = vnadmin_docs.load_data(ROOT / "examples/de-an/so-hoa-ho-so-2025.yaml")
    doc = render_docx("de-an", data)
    main, appendix = doc.sections
    assert main.page_width < main.page_height
    assert appendix.page_width > appendix.page_height
    assert appendix._sectPr.find(f"{W}pgSz").get(f"{W}orient") == "landscape"
    table = doc.tables[-1]
    widths = [int(g.get(f"{W}w")) for g in table._tbl.findall(f"{W}tblGrid/{W}gridCol")]
    text_width = appendix.page_width - appendix.left_margin - appendix.right_margin
    assert abs(sum(widths) * 635 - text_width) < 635 * 5  # twips → EMU
