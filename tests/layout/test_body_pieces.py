"""How the pieces of a type-name document are set (R-CC-2, R-CC-3, R-BC-2..7, tables)."""

from __future__ import annotations

import pytest

from vnadmin_docs.blocks import Span
from vnadmin_docs.content import parse_markup
from vnadmin_docs.layout.body import body_paras, column_widths, unmarked_article_lines
from vnadmin_docs.layout.figures import figures
from vnadmin_docs.layout.measure import text_width
from vnadmin_docs.layout.page_model import Grid, Para
from vnadmin_docs.units import Mm, Pt

FIGS = figures()
TEXT_W = FIGS.page_setup().text_width


def _set(markup: str) -> list[Para | Grid]:
    return body_paras(parse_markup(markup), FIGS, TEXT_W)


def _paras(markup: str) -> list[Para]:
    return [p for p in _set(markup) if isinstance(p, Para)]


def test_can_cu_lines_end_with_semicolons_and_the_last_with_a_period() -> None:
    paras = _paras(
        "@can-cu Căn cứ Luật A,\n@can-cu Căn cứ Nghị định B.\n@can-cu Theo đề nghị của C;"
        "\n\n@quyet-dinh\n\nĐiều 1. Nội dung."
    )
    can_cu = [p for p in paras if p.role == "can_cu"]
    assert [p.text for p in can_cu] == [
        "Căn cứ Luật A;",
        "Căn cứ Nghị định B;",
        "Theo đề nghị của C.",
    ]
    body_size = FIGS.element("body").size
    for p in can_cu:
        assert all(r.italic and not r.bold for r in p.runs)
        assert p.size == body_size
        assert p.align == "both"


def test_authority_and_quyet_dinh_are_upper_bold_centred() -> None:
    paras = _paras("@tham-quyen Giám đốc Sở Tư pháp\n\n@quyet-dinh")
    assert [(p.role, p.text, p.align) for p in paras[:2]] == [
        ("authority", "GIÁM ĐỐC SỞ TƯ PHÁP", "center"),
        ("enacting", "QUYẾT ĐỊNH:", "center"),
    ]
    assert all(r.bold for p in paras[:2] for r in p.runs)


def test_chapter_label_and_heading_on_two_centred_bold_lines() -> None:
    label, heading = _paras("@chuong I Quy định chung")[:2]
    assert (label.text, label.align, label.role) == ("Chương I", "center", "division_label")
    assert (heading.text, heading.align) == ("QUY ĐỊNH CHUNG", "center")
    assert all(r.bold for r in (*label.runs, *heading.runs))
    assert label.keep_next and heading.keep_next


def test_article_heading_is_bold_but_a_running_article_only_in_its_label() -> None:
    heading, running = _paras("Điều 1. Phạm vi điều chỉnh\n\nĐiều 2. Quyết định này có hiệu lực.")
    assert heading.text == "Điều 1. Phạm vi điều chỉnh"
    assert all(r.bold for r in heading.runs if r.text.strip())
    assert heading.first_line == FIGS.cm("element", "body", "first_line_indent_cm")
    assert running.runs[0].bold and running.runs[0].text.startswith("Điều 2.")
    assert not any(r.bold for r in running.runs[1:])


def test_a_marked_article_title_is_bold_even_when_long_or_punctuated() -> None:
    long_title = "Trách nhiệm của các sở, ban, ngành, Ủy ban nhân dân cấp huyện và cấp xã"
    para = _paras(f"@dieu 5 {long_title}.\n\nNội dung.")[0]
    assert para.text == f"Điều 5. {long_title}."
    assert all(r.bold for r in para.runs if r.text.strip())
    assert para.keep_next


def test_an_unmarked_long_article_without_a_full_stop_is_not_made_a_heading() -> None:
    markup = (
        "Điều 3. Chánh Văn phòng, Giám đốc các sở, Thủ trưởng các đơn vị có liên quan chịu "
        "trách nhiệm thi hành Quyết định này"
    )
    blocks = parse_markup(markup)
    (para,) = [p for p in _set(markup) if isinstance(p, Para)]
    assert para.runs[0].bold and not any(r.bold for r in para.runs[1:])
    assert not para.keep_next
    assert unmarked_article_lines(blocks, FIGS, TEXT_W) == [blocks[0].text]
    short = parse_markup("Điều 1. Phạm vi điều chỉnh\n\nĐiều 2. Hiệu lực thi hành.")
    assert unmarked_article_lines(short, FIGS, TEXT_W) == []


def test_khoan_and_diem_are_not_bold_and_report_heading_is_upper_bold() -> None:
    roman, khoan, diem = _paras("I. Kết quả đạt được\n\n1. Khoản một;\n\nđ) điểm đ.")
    assert roman.text == "I. KẾT QUẢ ĐẠT ĐƯỢC"
    assert all(r.bold for r in roman.runs)
    assert not any(r.bold for r in (*khoan.runs, *diem.runs))
    assert diem.text.startswith("đ) ")


def test_a_khoan_with_a_bold_heading_has_a_bold_number() -> None:
    (khoan,) = _paras("1. **Mục tiêu chung**")
    assert khoan.runs[0].text == "1. " and khoan.runs[0].bold


def _table(markup: str) -> Grid:
    return next(p for p in _set(markup) if isinstance(p, Grid))


def test_table_header_row_bold_repeated_and_columns_fill_the_text_width() -> None:
    grid = _table(
        "| STT | Nội dung công việc cần thực hiện trong năm | Thời gian |\n|---|---|---|\n"
        "| 1 | Rà soát thủ tục hành chính thuộc thẩm quyền giải quyết | Quý I |\n"
    )
    assert grid.borders
    assert grid.rows[0].repeat_header and not grid.rows[1].repeat_header
    assert all(r.bold for c in grid.rows[0].cells for p in c.paras for r in p.runs)
    assert sum(c.pt for c in grid.columns) == pytest.approx(TEXT_W.pt, abs=0.5)
    # The long text column gets most of the room; the number column stays narrow.
    assert grid.columns[1] > grid.columns[0] * 3


def test_no_column_is_narrower_than_its_longest_word() -> None:
    size = FIGS.element("table_cell").size
    rows = [
        ((Span("STT", bold=True),), (Span("Tên", bold=True),)),
        ((Span("1"),), (Span("Nguyễn " * 60),)),
    ]
    widths = column_widths(rows, 2, TEXT_W, size, minimum=Mm(10), padding=Pt(12), weights=(1, 99))
    assert widths[0] >= text_width("STT", size, bold=True) + Pt(12)
    assert sum(w.pt for w in widths) == pytest.approx(TEXT_W.pt, abs=0.5)


def test_explicit_widths_are_proportional() -> None:
    grid = _table("@cot 20 50 30\n| A | B | C |\n|---|---|---|\n| 1 | 2 | 3 |")
    assert [round(c.pt / TEXT_W.pt, 2) for c in grid.columns] == [0.2, 0.5, 0.3]


def test_short_rows_are_padded_so_every_row_has_every_column() -> None:
    grid = _table("| A | B | C |\n|---|---|---|\n| 1 |")
    assert {len(r.cells) for r in grid.rows} == {3}


def test_a_body_ending_with_a_table_ends_with_the_mark_under_it_not_above() -> None:
    items = _set("Danh sách như sau:\n\n| A | B |\n|---|---|\n| 1 | 2 |")
    content = [i for i in items if getattr(i, "role", "") != "table_gap"]
    assert isinstance(content[-2], Grid)
    closing = content[-1]
    assert isinstance(closing, Para)
    assert (closing.role, closing.text, closing.align) == ("closing_mark", "./.", "right")
    assert closing.size == FIGS.element("body").size
    assert content[0].text == "Danh sách như sau:"


def test_a_table_keeps_a_paragraph_gap_from_the_text_around_it() -> None:
    items = _set("Trước bảng.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nSau bảng.")
    roles = [getattr(i, "role", "table") for i in items]
    assert roles == ["body", "table_gap", "table", "table_gap", "body"]
    gaps = [i for i in items if getattr(i, "role", "") == "table_gap"]
    assert all(g.exact_line is not None and g.exact_line.pt >= 6 for g in gaps)
