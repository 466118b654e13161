"""giay-moi: the invitation of Mẫu 1.7."""

from __future__ import annotations

import vnadmin_docs
from tests.acceptance.docx_view import ROOT, body_texts, render_docx

EXAMPLE = ROOT / "examples/giay-moi/stp-hoi-nghi-2024.yaml"


def test_giay_moi_example() -> None:
    doc = render_docx("giay-moi", vnadmin_docs.load_data(EXAMPLE))
    texts = body_texts(doc)
    assert "Số: 42/GM-STP" in texts
    assert "GIẤY MỜI" in texts
    body = [p.text for p in doc.paragraphs]
    assert "Sở Tư pháp trân trọng kính mời: Lãnh đạo Phòng Tư pháp các huyện, thành phố." in body
    order = ["Tới dự ", "Chủ trì: ", "Thời gian: ", "Địa điểm: "]
    found = [next(i for i, t in enumerate(body) if t.startswith(o)) for o in order]
    assert found == sorted(found)
    assert body[found[2]] == "Thời gian: 08 giờ 00 phút, thứ Năm, ngày 12 tháng 12 năm 2024."
    assert any(t.endswith("kèm Giấy mời này./.") for t in body)
    assert texts[texts.index("KT. GIÁM ĐỐC") + 1] == "PHÓ GIÁM ĐỐC"


def test_invitation_without_optional_fields() -> None:
    data = vnadmin_docs.load_data(EXAMPLE)
    del data["content"]["chu_tri"]
    del data["content"]["luu_y"]
    data["content"]["dia_diem"] = "Phòng họp số 2."
    doc = render_docx("giay-moi", data)
    body = [p.text for p in doc.paragraphs]
    assert not any(t.startswith("Chủ trì") for t in body)
    assert "Địa điểm: Phòng họp số 2./." in body  # the clerk's "." is not doubled
