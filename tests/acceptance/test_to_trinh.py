"""to-trinh: Số with the mixed-case "TTr", Kính gửi, căn cứ, "Như trên" (R-ABBR-1, R-KG-3)."""

from __future__ import annotations

import vnadmin_docs
from tests.acceptance.docx_view import ROOT, body_texts, render_docx

EXAMPLE = ROOT / "examples/to-trinh/stp-de-nghi-phe-duyet-2025.yaml"


def test_to_trinh_example() -> None:
    doc = render_docx("to-trinh", vnadmin_docs.load_data(EXAMPLE))
    texts = body_texts(doc)
    assert "Số: 18/TTr-STP" in texts
    assert "TỜ TRÌNH" in texts
    assert "Kính gửi:Ủy ban nhân dân tỉnh Ninh Bình." in texts  # one addressee, same line
    kinh_gui = texts.index("Kính gửi:Ủy ban nhân dân tỉnh Ninh Bình.")
    can_cu = [p for p in doc.paragraphs if p.text.startswith("Căn cứ")]
    assert [p.text[-1] for p in can_cu] == [";", "."]
    assert texts.index(can_cu[0].text) > kinh_gui
    assert "Sở Tư pháp kính trình Ủy ban nhân dân tỉnh xem xét, phê duyệt./." in texts
    start = texts.index("Nơi nhận:")
    assert texts[start + 1] == "- Như trên;"
