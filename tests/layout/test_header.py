"""The header grid adapts to long place names without wrapping the date line."""

from __future__ import annotations

from typing import Any

import pytest

import vnadmin_docs
from vnadmin_docs import LayoutError
from vnadmin_docs.layout.measure import text_width
from vnadmin_docs.layout.page_model import Grid
from vnadmin_docs.units import Pt


def header(doc: vnadmin_docs.RenderedDocument) -> Grid:
    grid = doc.page_model.sections[0].body[0]
    assert isinstance(grid, Grid) and grid.role == "header"
    return grid


def test_default_columns_42_58_percent(cong_van_data: dict[str, Any]) -> None:
    left, right = header(vnadmin_docs.render("cong-van", cong_van_data)).columns
    assert round(left.pt / (left.pt + right.pt), 2) == 0.42


def test_long_place_name_widens_the_right_column_so_the_date_fits(
    cong_van_data: dict[str, Any],
) -> None:
    cong_van_data["issuer"]["place"] = "Thành phố Hồ Chí Minh"
    cong_van_data["date"] = "2026-12-29"
    grid = header(vnadmin_docs.render("cong-van", cong_van_data))
    left, right = grid.columns
    line = "Thành phố Hồ Chí Minh, ngày 29 tháng 12 năm 2026"
    assert text_width(line, Pt(13), italic=True) < right
    assert 0.38 <= left.pt / (left.pt + right.pt) < 0.42


def test_place_too_long_for_any_allowed_column_is_a_layout_error(
    cong_van_data: dict[str, Any],
) -> None:
    cong_van_data["issuer"]["place"] = "Thành phố Hồ Chí Minh thuộc Trung ương rất rất dài"
    with pytest.raises(LayoutError, match="R-DD-1"):
        vnadmin_docs.render("cong-van", cong_van_data)


def test_long_issuer_name_is_wrapped_inside_the_left_column(cong_van_data: dict[str, Any]) -> None:
    cong_van_data["issuer"]["name"] = (
        "BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG CÁC CÔNG TRÌNH DÂN DỤNG VÀ CÔNG NGHIỆP"
    )
    grid = header(vnadmin_docs.render("cong-van", cong_van_data))
    issuer = next(p for p in grid.rows[0].cells[0].paras if p.role == "issuer")
    lines = issuer.text.split("\n")
    assert len(lines) >= 2
    assert all(text_width(ln, Pt(12), bold=True) < grid.columns[0] for ln in lines)


def test_wrapped_issuer_lines_are_balanced_not_ending_with_a_lonely_word(
    cong_van_data: dict[str, Any],
) -> None:
    cong_van_data["issuer"]["superior"] = "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
    cong_van_data["issuer"]["name"] = "TRUNG TÂM KHUYẾN NÔNG QUỐC GIA VÀ PHÁT TRIỂN NÔNG THÔN"
    grid = header(vnadmin_docs.render("cong-van", cong_van_data))
    issuer = next(p for p in grid.rows[0].cells[0].paras if p.role == "issuer")
    widths = [text_width(ln, Pt(12), bold=True).pt for ln in issuer.text.split("\n")]
    assert len(widths) >= 2 and min(widths) > 0.6 * max(widths)


def test_last_body_paragraph_stays_with_the_signature_block(cong_van_data: dict[str, Any]) -> None:
    body = vnadmin_docs.render("cong-van", cong_van_data).page_model.sections[0].body
    last = [p for p in body if getattr(p, "role", "") in ("body", "numbered")][-1]
    assert last.text.endswith("./.") and last.keep_next  # type: ignore[union-attr]
