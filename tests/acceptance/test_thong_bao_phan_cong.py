"""thong-bao-phan-cong: the task-assignment notice as a clerk opens it (decree30.md §23,
Mẫu 1.4, R-MAU-1, R-CC-2)."""

from __future__ import annotations

import io

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph

import vnadmin_docs
from tests.acceptance.docx_view import ROOT, body_texts

EXAMPLE = ROOT / "examples/thong-bao-phan-cong/vp-ubnd-tinh-2024.yaml"


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return vnadmin_docs.render("thong-bao-phan-cong", vnadmin_docs.load_data(EXAMPLE)).to_bytes()


@pytest.fixture(scope="module")
def paragraphs(docx_bytes: bytes) -> list[Paragraph]:
    return list(open_docx(io.BytesIO(docx_bytes)).paragraphs)


def _all_texts(docx_bytes: bytes) -> list[str]:
    return body_texts(open_docx(io.BytesIO(docx_bytes)))


def test_header_number_type_and_summary(docx_bytes: bytes, paragraphs: list[Paragraph]) -> None:
    texts = _all_texts(docx_bytes)
    assert "Số:       /TB-VP" in texts  # draft: number left blank for the văn thư
    assert "Kính gửi" not in " ".join(texts)  # R-MAU-1: recipients go in Nơi nhận
    title = next(p for p in paragraphs if p.text == "THÔNG BÁO")
    summary = next(p for p in paragraphs if p.text == "Phân công nhiệm vụ của Lãnh đạo Văn phòng")
    for para in (title, summary):
        assert para.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(r.bold and r.font.size.pt == 14 for r in para.runs)


def test_can_cu_then_opening_sentence(paragraphs: list[Paragraph]) -> None:
    texts = [p.text for p in paragraphs]
    can_cu = [p for p in paragraphs if p.text.startswith("Căn cứ")]
    assert len(can_cu) == 3
    assert [p.text[-1] for p in can_cu] == [";", ";", "."]
    assert all(r.italic for p in can_cu for r in p.runs)
    opening = texts.index(can_cu[-1].text) + 1
    assert texts[opening] == (
        "Văn phòng Ủy ban nhân dân tỉnh thông báo phân công nhiệm vụ của Lãnh đạo Văn phòng "
        "như sau:"
    )


def test_one_numbered_item_per_person_with_dash_duties(paragraphs: list[Paragraph]) -> None:
    people = [p for p in paragraphs if p.text[:2] in ("1.", "2.", "3.") and "–" in p.text]
    assert [p.text for p in people] == [
        "1. Ông Nguyễn Văn Hùng – Chánh Văn phòng:",
        "2. Bà Trần Thị Lan – Phó Chánh Văn phòng:",
        "3. Ông Lê Minh Tuấn – Phó Chánh Văn phòng:",
    ]
    assert all(r.bold for p in people for r in p.runs)
    texts = [p.text for p in paragraphs]
    first = texts.index(people[0].text)
    assert texts[first + 1].startswith("- Phụ trách chung, lãnh đạo, điều hành")
    duties = [t for t in texts if t.startswith("- ")]
    assert len(duties) == 10


def test_working_rules_and_effective_date_close_the_body(paragraphs: list[Paragraph]) -> None:
    texts = [p.text for p in paragraphs]
    assert any(t.startswith("Khi Chánh Văn phòng vắng mặt") for t in texts)
    assert (
        "Thông báo này có hiệu lực kể từ ngày ký, thay thế Thông báo số 03/TB-VP ngày 10 tháng "
        "01 năm 2023 của Văn phòng Ủy ban nhân dân tỉnh./." in texts
    )


def test_signer_and_noi_nhan(docx_bytes: bytes) -> None:
    texts = _all_texts(docx_bytes)
    assert "CHÁNH VĂN PHÒNG" in texts and "Nguyễn Văn Hùng" in texts
    start = texts.index("Nơi nhận:")
    assert texts[start + 1] == "- Chủ tịch, các Phó Chủ tịch UBND tỉnh (để b/c);"
    assert "- Như trên;" not in texts  # no Kính gửi, so no "Như trên"
    assert "- Lưu: VT, HCTC." in texts


def test_marks_sit_at_their_positions() -> None:
    data = vnadmin_docs.load_data(EXAMPLE)
    data["marks"] = {"secrecy": "Mật", "urgency": "hỏa tốc", "circulation": "Lưu hành nội bộ"}
    model = vnadmin_docs.render("thong-bao-phan-cong", data).page_model
    body = model.sections[0].body
    circulation = body[0]
    assert circulation.role == "circulation"  # ô 11, above the header (R-POS-3)
    assert circulation.box is not None and circulation.text == "LƯU HÀNH NỘI BỘ"
    assert all(r.bold and r.size.pt == 13 for r in circulation.runs)  # R-LH-1
    header = body[1]
    left_bottom = header.rows[1].cells[0].paras
    assert [p.role for p in left_bottom] == ["so", "secrecy", "urgency"]  # ô 3, 10a, 10b
    urgency = left_bottom[2]
    assert urgency.box is not None and urgency.box.color == "FF0000"  # R-KHAN-2 red stamp
    assert all(r.bold and r.size.pt == 13 for r in urgency.runs)


def test_duty_markers_and_free_content_after_the_assignments() -> None:
    data = vnadmin_docs.load_data(EXAMPLE)
    data["content"]["ky_hieu_nhiem_vu"] = "a)"
    data["content"]["phan_cong"][0]["nhiem_vu"] = "Phụ trách chung."  # one duty as plain text
    data["content"]["sau_phan_cong"] = "II. NGUYÊN TẮC LÀM VIỆC"
    model = vnadmin_docs.render("thong-bao-phan-cong", data).page_model
    texts = [p.text for p in model.sections[0].body if hasattr(p, "text")]
    first = texts.index("1. Ông Nguyễn Văn Hùng – Chánh Văn phòng:")
    assert texts[first + 1] == "a) Phụ trách chung."
    second = texts.index("2. Bà Trần Thị Lan – Phó Chánh Văn phòng:")
    assert [t[:2] for t in texts[second + 1 : second + 5]] == ["a)", "b)", "c)", "d)"]
    assert texts.index("II. NGUYÊN TẮC LÀM VIỆC") > second


def test_incomplete_assignments_are_data_errors_naming_each_gap() -> None:
    from vnadmin_docs.errors import DataError

    data = vnadmin_docs.load_data(EXAMPLE)
    del data["content"]["phan_cong"][0]["chuc_vu"]
    data["content"]["phan_cong"][2]["nhiem_vu"] = []
    with pytest.raises(DataError) as err:
        vnadmin_docs.render("thong-bao-phan-cong", data)
    assert [p.path for p in err.value.problems] == [
        "content.phan_cong.0.chuc_vu",
        "content.phan_cong.2.nhiem_vu",
    ]
