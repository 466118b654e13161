"""The public API as an e-office developer calls it: typed objects or a dict in, .docx out."""

from __future__ import annotations

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
