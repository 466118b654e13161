"""The body markup of Decree 30 pieces: what a template author types becomes the right block."""

from __future__ import annotations

from pathlib import Path

import pytest

import vnadmin_docs
from vnadmin_docs.blocks import Paragraph, Table
from vnadmin_docs.content import escape_markup, parse_markup
from vnadmin_docs.content.piece_filters import can_cu, chu_cai
from vnadmin_docs.errors import TemplateError

ROOT = Path(__file__).resolve().parents[2]


def _paras(text: str) -> list[Paragraph]:
    return [b for b in parse_markup(text) if isinstance(b, Paragraph)]


def test_can_cu_lines_typed_one_per_line_stay_separate() -> None:
    paras = _paras("@can-cu Căn cứ Luật A;\n@can-cu Căn cứ Nghị định B;\n@can-cu Theo đề nghị C.")
    assert [p.kind for p in paras] == ["can_cu"] * 3
    assert paras[2].text == "Theo đề nghị C."


def test_authority_and_enacting_headings() -> None:
    paras = _paras("@tham-quyen Giám đốc Sở Tư pháp\n\n@quyet-dinh\n\n@quyet-nghi")
    assert [(p.kind, p.text) for p in paras] == [
        ("authority", "Giám đốc Sở Tư pháp"),
        ("enacting", "QUYẾT ĐỊNH:"),
        ("enacting", "QUYẾT NGHỊ:"),
    ]


@pytest.mark.parametrize(
    ("line", "label", "heading"),
    [
        ("@phan I Những vấn đề chung", "Phần I", "Những vấn đề chung"),
        ("@chuong II QUY ĐỊNH CỤ THỂ", "Chương II", "QUY ĐỊNH CỤ THỂ"),
        ("@muc 1 Phạm vi", "Mục 1", "Phạm vi"),
        ("@tieu-muc 2 Đối tượng", "Tiểu mục 2", "Đối tượng"),
    ],
)
def test_divisions_carry_their_number_and_heading(line: str, label: str, heading: str) -> None:
    (para,) = _paras(line)
    assert (para.kind, para.label, "".join(s.text for s in para.spans)) == (
        "division",
        label,
        heading,
    )


def test_article_khoan_diem_and_report_heading() -> None:
    text = (
        "I. KẾT QUẢ\n\nĐiều 1. Phạm vi điều chỉnh\n\n1. Khoản một:\n"
        "a) điểm a;\nb) điểm b;\nđ) điểm đ."
    )
    paras = _paras(text)
    assert [(p.kind, p.label) for p in paras] == [
        ("roman", "I."),
        ("article", "Điều 1."),
        ("numbered", "1."),
        ("lettered", "a)"),
        ("lettered", "b)"),
        ("lettered", "đ)"),
    ]


def test_column_widths_line_applies_to_the_next_table_only() -> None:
    blocks = parse_markup(
        "@cot 1 3\n| A | B |\n|---|---|\n| 1 | 2 |\n\ntext\n\n| C | D |\n|---|---|\n| 3 | 4 |"
    )
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [t.widths for t in tables] == [(1.0, 3.0), ()]


def test_unknown_directive_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="@can-cu"):
        parse_markup("@can_cuu Căn cứ")


def test_data_values_cannot_create_pieces() -> None:
    for value in ("@quyet-dinh", "Điều 1. Giả mạo", "I. GIẢ", "a) giả"):
        (para,) = _paras(escape_markup(value))
        assert para.kind == "body", value
        assert para.text == value


def test_diem_letters_follow_the_vietnamese_alphabet() -> None:
    letters = [chu_cai(i) for i in range(1, 24)]
    assert letters == [
        "a",
        "b",
        "c",
        "d",
        "đ",
        "e",
        "g",
        "h",
        "i",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "q",
        "r",
        "s",
        "t",
        "u",
        "v",
        "x",
        "y",
    ]


def test_can_cu_filter_adds_the_opening_words_once() -> None:
    assert can_cu("Luật Cán bộ, công chức") == "Căn cứ Luật Cán bộ, công chức"
    assert can_cu("Căn cứ Luật A") == "Căn cứ Luật A"
    assert can_cu("Theo đề nghị của Chánh Văn phòng") == "Theo đề nghị của Chánh Văn phòng"


def test_unknown_directive_in_a_template_is_a_template_error(tmp_path: Path) -> None:
    tpl = tmp_path / "sai.md"
    tpl.write_text(
        "---\nid: sai\nlayout: ten-loai\ntype_name: THÔNG BÁO\n---\n@khong-co X\n", "utf-8"
    )
    data = vnadmin_docs.load_data(ROOT / "examples/thong-bao-phan-cong/vp-ubnd-tinh-2024.yaml")
    data["content"] = {}
    with pytest.raises(TemplateError) as err:
        vnadmin_docs.render(str(tpl), data)
    assert "@khong-co" in str(err.value.localized("vi"))


def test_table_rows_from_data_keep_line_breaks_and_pipes(tmp_path: Path) -> None:
    tpl = tmp_path / "bang.md"
    tpl.write_text(
        "---\nid: bang\nlayout: ten-loai\ntype_name: THÔNG BÁO\nfields:\n"
        "  ds: {type: list, required: true}\n---\n"
        "| STT | Họ và tên | Nhiệm vụ |\n|:---:|---|---|\n"
        "{% for r in ds %}\n"
        "| {{ loop.index }} | {{ r.ten | o_bang }} | {{ r.viec | o_bang }} |\n"
        "{% endfor %}\n",
        "utf-8",
    )
    data = vnadmin_docs.load_data(ROOT / "examples/thong-bao-phan-cong/vp-ubnd-tinh-2024.yaml")
    data["content"] = {
        "ds": [
            {"ten": "Nguyễn *Văn* A", "viec": "Phụ trách chung;\nChủ tài khoản | quỹ."},
            {"ten": "Trần Thị B", "viec": "Theo dõi lĩnh vực X."},
        ]
    }
    model = vnadmin_docs.render(str(tpl), data).page_model
    table = next(b for b in model.sections[0].body if getattr(b, "role", "") == "table")
    assert len(table.rows) == 3
    cell = table.rows[1].cells[2].paras[0]
    assert [r.text for r in cell.runs] == ["Phụ trách chung;", "\n", "Chủ tài khoản | quỹ."]
    assert table.rows[1].cells[1].paras[0].text == "Nguyễn *Văn* A"
