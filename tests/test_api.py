"""The public API as an e-office developer calls it: typed objects or a dict in, .docx out."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as open_docx

import vnadmin_docs
from tests.acceptance.docx_view import body_texts
from vnadmin_docs import Document


def _texts(rendered: vnadmin_docs.RenderedDocument) -> list[str]:
    return body_texts(open_docx(io.BytesIO(rendered.to_bytes())))


def test_a_document_object_keeps_the_templates_default_subject() -> None:
    # An apology letter built as a typed Document (no subject of its own) gets the
    # template's trích yếu, exactly as the same data given as a dict does.
    data = vnadmin_docs.load_data(
        vnadmin_docs.example_path("van-ban-xin-loi/ttpvhcc-lam-dong-2025.yaml"))
    assert "subject" not in data
    from_dict = _texts(vnadmin_docs.render("van-ban-xin-loi", data))
    from_object = _texts(vnadmin_docs.render("van-ban-xin-loi", Document.model_validate(data)))
    assert "Về việc chậm giải quyết hồ sơ thủ tục hành chính" in from_object
    assert from_object == from_dict


def test_a_subject_set_on_the_document_object_wins() -> None:
    data = vnadmin_docs.load_data(
        vnadmin_docs.example_path("van-ban-xin-loi/ttpvhcc-lam-dong-2025.yaml"))
    doc = Document.model_validate(data).model_copy(
        update={"subject": "Về việc giải quyết hồ sơ 000.00.12.H41-251002-0012"})
    texts = _texts(vnadmin_docs.render("xin-loi", doc))
    assert "Về việc giải quyết hồ sơ 000.00.12.H41-251002-0012" in texts
    assert "Về việc chậm giải quyết hồ sơ thủ tục hành chính" not in texts


def test_render_warns_about_an_all_caps_summary_and_an_unreadable_article_line() -> None:
    data = vnadmin_docs.load_data(
        vnadmin_docs.example_path("quyet-dinh/stp-khen-thuong-2024.yaml")
    )
    data["subject"] = "VỀ VIỆC KHEN THƯỞNG TẬP THỂ, CÁ NHÂN NĂM 2024"
    data["date"] = "ngày 5 tháng 1 năm 2021"
    long_line = (
        "Điều 2. Mỗi tập thể được tặng Giấy khen kèm theo tiền thưởng theo quy định của "
        "Luật Thi đua, khen thưởng"
    )
    data["content"]["noi_dung"] = f"Điều 1. Tặng Giấy khen.\n\n{long_line}\n\nĐiều 3. Hiệu lực."
    doc = vnadmin_docs.render("quyet-dinh", data)
    assert doc.document.date.date == dt.date(2021, 1, 5)
    paths = [w.path for w in doc.warnings]
    assert paths == ["subject", "content.noi_dung"]
    assert "R-TL-2" in doc.warnings[0].reason and "chữ in thường" in doc.warnings[0].reason
    assert long_line[:40] in doc.warnings[1].reason and "@dieu" in doc.warnings[1].reason


def test_a_clean_example_renders_without_warnings() -> None:
    data = vnadmin_docs.load_data(
        vnadmin_docs.example_path("quyet-dinh/ban-hanh-quy-che-2024.yaml")
    )
    assert vnadmin_docs.render("quyet-dinh", data).warnings == ()
