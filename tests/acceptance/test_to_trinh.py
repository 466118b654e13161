"""to-trinh: Số with the mixed-case "TTr", Kính gửi, căn cứ, "Như trên" (R-ABBR-1, R-KG-3)."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as open_docx

import vnadmin_docs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples/to-trinh/stp-de-nghi-phe-duyet-2025.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_to_trinh_example() -> None:
    doc = open_docx(
        io.BytesIO(vnadmin_docs.render("to-trinh", vnadmin_docs.load_data(EXAMPLE)).to_bytes())
    )
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in doc.element.body.iter(f"{W}p")]
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
