"""Signature lines as they reach the page model, and the form pieces (issue 14)."""

from __future__ import annotations

from typing import Any

import vnadmin_docs
from vnadmin_docs.blocks import Paragraph, Span
from vnadmin_docs.layout.compose import issuing_authority
from vnadmin_docs.layout.page_model import Grid, Para

EXAMPLE = vnadmin_docs.example_path("quyet-dinh/stp-khen-thuong-2024.yaml")


def _signature(signer: dict[str, Any]) -> list[Para]:
    data = vnadmin_docs.load_data(EXAMPLE)
    data["signer"] = signer
    body = vnadmin_docs.render("quyet-dinh", data).page_model.sections[0].body
    grid = next(g for g in body if isinstance(g, Grid) and g.role == "signature")
    return [p for p in grid.rows[0].cells[1].paras if p.role == "signer_title"]


def test_r_ky_2_three_title_lines_each_its_own_bold_upper_paragraph() -> None:
    lines = _signature(
        {
            "authority": ["TM.", "KT."],
            "on_behalf_of": ["Ủy ban nhân dân", "Chủ tịch"],
            "title": "Phó Chủ tịch",
            "full_name": "Lê Văn B",
        }
    )
    assert [p.text for p in lines] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert all(r.bold for p in lines for r in p.runs)
    assert all(p.keep_next for p in lines)


def test_a_line_break_written_in_a_title_is_a_line_break_on_the_page() -> None:
    (first, second) = _signature(
        {
            "authority": "TM.",
            "on_behalf_of": "Ban Chỉ đạo\nchuyển đổi số",
            "title": "Trưởng ban",
            "full_name": "Lê Văn B",
        }
    )
    assert [r.text for r in first.runs] == ["TM. BAN CHỈ ĐẠO", "\n", "CHUYỂN ĐỔI SỐ"]
    assert second.text == "TRƯỞNG BAN"


def test_the_issuing_authority_is_the_tham_quyen_line_unless_typed_in_capitals() -> None:
    line = Paragraph((Span("Chủ tịch Ủy ban nhân dân tỉnh"),), kind="authority")
    assert issuing_authority((line,)) == "Chủ tịch Ủy ban nhân dân tỉnh"
    caps = Paragraph((Span("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"),), kind="authority")
    assert issuing_authority((caps,)) is None
    assert issuing_authority(()) is None
