"""bao-cao: a report sent up with Kính gửi, Roman sections and a table (R-BC-7, R-NN-2)."""

from __future__ import annotations

import vnadmin_docs
from tests.acceptance.docx_view import ROOT, W, body_texts, render_docx

EXAMPLE = ROOT / "examples/bao-cao/ubnd-xa-cchc-2024.yaml"


def test_bao_cao_example() -> None:
    doc = render_docx("bao-cao", vnadmin_docs.load_data(EXAMPLE))
    texts = body_texts(doc)
    assert "Số: 156/BC-UBND" in texts
    assert "BÁO CÁO" in texts
    assert "Kính gửi:- Ủy ban nhân dân tỉnh Lâm Đồng;" in texts  # label, tab, first addressee
    assert "- Sở Nội vụ tỉnh Lâm Đồng." in texts
    romans = [p for p in doc.paragraphs if p.text[:3] in ("I. ", "II.", "III")]
    assert [p.text.split(" ", 1)[0] for p in romans] == ["I.", "II.", "III."]
    for p in romans:
        assert p.text == p.text.upper()
        assert all(r.bold for r in p.runs)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert table.rows[1].cells[2].paragraphs[0].alignment == 2  # numbers right-aligned
    start = texts.index("Nơi nhận:")
    assert texts[start + 1 : start + 3] == ["- Như trên;", "- TT Đảng ủy, HĐND xã;"]
    assert texts[texts.index("TM. ỦY BAN NHÂN DÂN") + 1] == "CHỦ TỊCH"
    assert any(t.endswith("xã Đam Rông./.") for t in texts)
