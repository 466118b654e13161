"""The remaining forms of Phụ lục III as a clerk opens them in Word, line by line against
Phuluc3.docx: công điện (Mẫu 1.6), giấy giới thiệu (1.8), biên bản (1.9), giấy nghỉ phép (1.10).
"""

from __future__ import annotations

import io

from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH

import vnadmin_docs
from tests.acceptance.docx_view import ROOT, body_texts


def _open(template: str, example: str) -> DocxDocument:
    data = vnadmin_docs.load_data(ROOT / "examples" / template / example)
    return open_docx(io.BytesIO(vnadmin_docs.render(template, data).to_bytes()))


def _after(texts: list[str], first: str, n: int) -> list[str]:
    i = texts.index(first)
    return [t for t in texts[i:] if t][:n]


def test_mau_1_6_cong_dien_sender_line_and_receivers_then_the_body() -> None:
    doc = _open("cong-dien", "ubnd-ung-pho-bao-2024.yaml")
    texts = body_texts(doc)
    assert "Số: 03/CĐ-UBND" in texts
    assert _after(texts, "CÔNG ĐIỆN", 2) == [
        "CÔNG ĐIỆN",
        "Về việc tập trung ứng phó với bão số 3 năm 2024",
    ]
    assert _after(texts, "Chủ tịch Ủy ban nhân dân tỉnh điện:", 3) == [
        "Chủ tịch Ủy ban nhân dân tỉnh điện:",
        "- Giám đốc các sở, ban, ngành thuộc tỉnh;",
        "- Chủ tịch Ủy ban nhân dân các xã, phường.",
    ]
    paras = {p.text: p for p in doc.paragraphs}
    assert paras["Chủ tịch Ủy ban nhân dân tỉnh điện:"].alignment == WD_ALIGN_PARAGRAPH.CENTER
    first, last = (paras[t] for t in texts if t.startswith("- ") and t in paras)
    # The receivers' dashes stand one under the other, the block centred (not at the margin).
    assert first.paragraph_format.left_indent == last.paragraph_format.left_indent
    assert first.paragraph_format.left_indent.cm > 2
    assert texts[texts.index("- Chủ tịch Ủy ban nhân dân các xã, phường.") + 1].startswith(
        "Theo tin của Trung tâm"
    )
    assert "HỎA TỐC" in texts


def test_mau_1_8_giay_gioi_thieu_lines_as_the_sample() -> None:
    texts = [t for t in body_texts(_open("giay-gioi-thieu", "stp-gioi-thieu-2024.yaml")) if t]
    assert "Số: 18/GGT-STP" in texts
    i = texts.index("GIẤY GIỚI THIỆU")
    assert texts[i + 1 : i + 9] == [
        "Sở Tư pháp tỉnh Ninh Bình trân trọng giới thiệu:",
        "Ông (bà): Nguyễn Văn An.",
        "Chức vụ: Chuyên viên Phòng Hành chính tư pháp, Sở Tư pháp.",
        "Được cử đến: Ủy ban nhân dân xã Gia Viễn.",
        "Về việc: Kiểm tra công tác chứng thực và đăng ký hộ tịch năm 2024.",
        "Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành nhiệm vụ.",
        "Giấy này có giá trị đến hết ngày 31 tháng 12 năm 2024./.",
        "Nơi nhận:",
    ]


def test_mau_1_8_and_1_10_draw_the_short_rule_under_the_type_name() -> None:
    rendered = vnadmin_docs.render(
        "giay-gioi-thieu",
        vnadmin_docs.load_data(ROOT / "examples/giay-gioi-thieu/stp-gioi-thieu-2024.yaml"),
    )
    body = rendered.page_model.sections[0].body
    roles = [getattr(p, "role", "") for p in body]
    rule = body[roles.index("type_name") + 1]
    assert rule.role == "trich_yeu_rule" and rule.border_bottom is not None  # type: ignore[union-attr]
    text_w = rendered.page_model.sections[0].setup.text_width
    width = text_w - rule.indent_left - rule.indent_right  # type: ignore[union-attr]
    assert 20 < width.pt < 200


def test_mau_1_9_bien_ban_no_date_line_two_signatures_noi_nhan_under_them() -> None:
    doc = _open("bien-ban", "stp-hop-giao-ban-2024.yaml")
    texts = [t for t in body_texts(doc) if t]
    assert "Số: 12/BB-STP" in texts
    assert not any(", ngày" in t and t.startswith("Ninh Bình") for t in texts)
    i = texts.index("BIÊN BẢN")
    assert texts[i + 1 : i + 5] == [
        "Cuộc họp giao ban tháng 10 năm 2024",
        "Thời gian bắt đầu: 08 giờ 00 phút, ngày 01 tháng 11 năm 2024.",
        "Địa điểm: Phòng họp tầng 2, Sở Tư pháp.",
        "Thành phần tham dự:",
    ]
    assert "Chủ trì (chủ tọa): Ông Trần Văn Minh, Giám đốc Sở." in texts
    assert "Thư ký (người ghi biên bản): Bà Nguyễn Thu Hà, Chánh Văn phòng Sở." in texts
    assert "Nội dung (theo diễn biến cuộc họp):" in texts
    assert "Cuộc họp kết thúc vào 10 giờ 30 phút, ngày 01 tháng 11 năm 2024./." in texts
    sig = doc.tables[-1]
    left, right = (c.text.split("\n") for c in sig.rows[0].cells)
    assert [t for t in left if t] == ["THƯ KÝ", "Nguyễn Thu Hà"]
    assert [t for t in right if t] == ["CHỦ TỌA", "Trần Văn Minh"]
    below = [t for t in sig.rows[1].cells[0].text.split("\n") if t]
    assert below[0] == "Nơi nhận:" and below[-1] == "- Lưu: VT, Hồ sơ."


def test_mau_1_10_giay_nghi_phep_lines_and_the_confirmation_block() -> None:
    doc = _open("giay-nghi-phep", "stp-nghi-phep-2024.yaml")
    texts = [t for t in body_texts(doc) if t]
    assert "Số: 07/GNP-STP" in texts
    i = texts.index("GIẤY NGHỈ PHÉP")
    assert texts[i + 1 : i + 6] == [
        "Xét Đơn đề nghị nghỉ phép ngày 03 tháng 7 năm 2024 của ông (bà) Lê Thị Mai, Sở Tư "
        "pháp cấp cho:",
        "Ông (bà): Lê Thị Mai.",
        "Chức vụ: Chuyên viên Văn phòng Sở Tư pháp.",
        "Được nghỉ phép trong thời gian 05 ngày kể từ ngày 15 tháng 7 năm 2024 đến hết ngày "
        "19 tháng 7 năm 2024 tại xã Kim Sơn, tỉnh Ninh Bình.",
        "Số ngày nghỉ phép nêu trên được tính vào thời gian nghỉ hằng năm có hưởng lương năm "
        "2024./.",
    ]
    last = doc.tables[-1].rows[0].cells[0]
    assert " ".join(last.text.split()) == (
        "Xác nhận của cơ quan (tổ chức) hoặc chính quyền địa phương nơi nghỉ phép"
    )
    assert all(r.italic for p in last.paragraphs for r in p.runs if r.text.strip())
    assert texts.index("Nơi nhận:") < next(
        i for i, t in enumerate(texts) if t.startswith("Xác nhận của cơ quan")
    )
