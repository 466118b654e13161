"""quyet-dinh: the example decision as a clerk opens it in Word (Mẫu 1.2, R-CC-2, R-CC-3)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph

import vnadmin_docs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples/quyet-dinh/stp-khen-thuong-2024.yaml"


@pytest.fixture(scope="module")
def paragraphs() -> list[Paragraph]:
    rendered = vnadmin_docs.render("quyet-dinh", vnadmin_docs.load_data(EXAMPLE))
    doc = open_docx(io.BytesIO(rendered.to_bytes()))
    out = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(cell.paragraphs)
    return out


def _one(paragraphs: list[Paragraph], text: str) -> Paragraph:
    found = [p for p in paragraphs if p.text == text]
    assert len(found) == 1, f"{text!r} found {len(found)} times"
    return found[0]


def test_number_type_name_and_summary(paragraphs: list[Paragraph]) -> None:
    _one(paragraphs, "Số: 125/QĐ-STP")
    _one(paragraphs, "QUYẾT ĐỊNH")
    assert not any(p.text.startswith("V/v") for p in paragraphs)


def test_authority_line_and_enacting_heading(paragraphs: list[Paragraph]) -> None:
    for text in ("GIÁM ĐỐC SỞ TƯ PHÁP", "QUYẾT ĐỊNH:"):
        para = _one(paragraphs, text)
        assert para.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(r.bold and r.font.size.pt == 14 for r in para.runs)
    texts = [p.text for p in paragraphs]
    assert texts.index("GIÁM ĐỐC SỞ TƯ PHÁP") < texts.index("QUYẾT ĐỊNH:")


def test_can_cu_italic_with_semicolons_and_final_period(paragraphs: list[Paragraph]) -> None:
    lines = [p for p in paragraphs if p.text.startswith(("Căn cứ", "Theo đề nghị")) and p.runs]
    assert len(lines) == 4
    assert all(p.text.endswith(";") for p in lines[:-1])
    assert lines[-1].text == "Theo đề nghị của Chánh Văn phòng Sở."
    assert all(r.italic and r.font.size.pt == 14 for p in lines for r in p.runs)


def test_articles_have_bold_labels_and_the_last_ends_the_document(
    paragraphs: list[Paragraph],
) -> None:
    articles = [p for p in paragraphs if p.text.startswith("Điều ")]
    assert [p.text.split(" ", 2)[1] for p in articles] == ["1.", "2.", "3."]
    for p in articles:
        assert p.runs[0].bold and p.runs[0].text.startswith("Điều")
        assert not p.runs[1].bold
    assert articles[-1].text.endswith("thi hành Quyết định này./.")


def test_noi_nhan_starts_with_nhu_dieu_3(paragraphs: list[Paragraph]) -> None:
    texts = [p.text for p in paragraphs]
    start = texts.index("Nơi nhận:")
    assert texts[start + 1] == "- Như Điều 3;"
    assert texts[start + 4] == "- Lưu: VT, VP. NTH.(10)"


def test_appendix_lists_the_awarded(paragraphs: list[Paragraph]) -> None:
    _one(paragraphs, "Phụ lục")
    _one(paragraphs, "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN")
    kem = next(p for p in paragraphs if p.text.startswith("(Kèm theo"))
    assert " ".join(kem.text.split()) == (
        # The authority that issued the decision (its thẩm quyền line), not the body.
        "(Kèm theo Quyết định số 125/QĐ-STP ngày 20 tháng 12 năm 2024 của Giám đốc Sở Tư pháp)"
    )


def test_decision_issuing_a_regulation_mau_1_3() -> None:
    data = vnadmin_docs.load_data(ROOT / "examples/quyet-dinh/ban-hanh-quy-che-2024.yaml")
    rendered = vnadmin_docs.render("quyet-dinh", data)
    doc = open_docx(io.BytesIO(rendered.to_bytes()))
    assert len(doc.sections) == 2
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("QUY CHẾ")  # the attached document's type name, not "Phụ lục"
    assert texts[start + 1] == "Làm việc của Văn phòng Ủy ban nhân dân tỉnh"
    assert " ".join(texts[start + 2].split()) == (
        "(Kèm theo Quyết định số 45/QĐ-VP ngày 05 tháng 4 năm 2024 của Chánh Văn phòng Ủy "
        "ban nhân dân tỉnh)"
    )
    assert not any(t.startswith("Phụ lục") for t in texts)
    chapters = [i for i, t in enumerate(texts) if t.startswith("Chương ")]
    assert [texts[i + 1] for i in chapters] == [
        "QUY ĐỊNH CHUNG",
        "TRÁCH NHIỆM, PHẠM VI GIẢI QUYẾT CÔNG VIỆC",
    ]
    for i in chapters:
        for p in (doc.paragraphs[i], doc.paragraphs[i + 1]):
            assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
            assert all(r.bold for r in p.runs)
    assert "b) Công việc có yêu cầu riêng của Chủ tịch Ủy ban nhân dân tỉnh." in texts
    assert texts[-1].endswith("trước Chánh Văn phòng./.")


@pytest.mark.parametrize(
    ("de_nghi", "line"),
    [
        ("Chánh Văn phòng Sở", "Theo đề nghị của Chánh Văn phòng Sở."),
        ("Theo đề nghị của Trưởng phòng Tổ chức;", "Theo đề nghị của Trưởng phòng Tổ chức."),
        ("Xét đề nghị của Hội đồng Thi đua", "Xét đề nghị của Hội đồng Thi đua."),
    ],
)
def test_proposal_line_is_not_doubled(de_nghi: str, line: str) -> None:
    data = vnadmin_docs.load_data(EXAMPLE)
    data["content"]["de_nghi"] = de_nghi
    model = vnadmin_docs.render("quyet-dinh", data).page_model
    texts = [p.text for p in model.sections[0].body if hasattr(p, "text")]
    assert line in texts
