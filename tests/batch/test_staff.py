"""Reading the staff spreadsheet of a task-assignment notice from real .xlsx files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook

import vnadmin_docs
from vnadmin_docs.batch.staff import read_staff, staff_yaml
from vnadmin_docs.errors import DataError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_XLSX = ROOT / "examples/thong-bao-phan-cong/nhan-su-van-phong.xlsx"
EXAMPLE_YAML = ROOT / "examples/thong-bao-phan-cong/vp-ubnd-tinh-2024.yaml"


def _sheet(tmp_path: Path, rows: list[list[Any]], merge: tuple[str, ...] = ()) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for rng in merge:
        ws.merge_cells(rng)
    path = tmp_path / "nhan-su.xlsx"
    wb.save(path)
    return path


def test_duties_in_one_cell_with_line_breaks(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        [
            ["Họ và tên", "Chức vụ", "Nhiệm vụ", "Giới tính"],
            ["Nguyễn Văn A", "Trưởng phòng", "- Phụ trách chung;\r\n- Chủ tài khoản.", "Nam"],
            ["Trần Thị B", "Phó Trưởng phòng", "• Theo dõi lĩnh vực X.", "Nữ"],
        ],
    )
    assert read_staff(path) == [
        {
            "danh_xung": "Ông",
            "ho_ten": "Nguyễn Văn A",
            "chuc_vu": "Trưởng phòng",
            "nhiem_vu": ["Phụ trách chung;", "Chủ tài khoản."],
        },
        {
            "danh_xung": "Bà",
            "ho_ten": "Trần Thị B",
            "chuc_vu": "Phó Trưởng phòng",
            "nhiem_vu": ["Theo dõi lĩnh vực X."],
        },
    ]


def test_several_rows_per_person_repeated_or_left_empty(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        [
            ["BẢNG PHÂN CÔNG"],  # a title row above the header is skipped
            ["STT", "HỌ TÊN", "chức  vụ", "NHIEM VU"],  # case, spaces and diacritics ignored
            [1, "Lê C", "Chuyên viên", "Việc 1"],
            [None, None, None, "Việc 2"],
            [2, "Phạm D", "Chuyên viên", "Việc 3"],
            [2, "Phạm D", "Chuyên viên", "Việc 4"],
            [None, None, None, None],
        ],
    )
    people = read_staff(path)
    assert [(p["ho_ten"], p["nhiem_vu"]) for p in people] == [
        ("Lê C", ["Việc 1", "Việc 2"]),
        ("Phạm D", ["Việc 3", "Việc 4"]),
    ]
    assert "danh_xung" not in people[0]  # the template then writes "Ông/Bà"


def test_every_problem_is_reported_with_row_and_column(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        [
            ["Họ và tên", "Chức vụ", "Nhiệm vụ"],
            ["Nguyễn Văn A", None, "Việc"],
            ["Trần Thị B", "Chuyên viên", None],
        ],
    )
    with pytest.raises(DataError) as err:
        read_staff(path)
    paths = [p.path for p in err.value.problems]
    assert paths == ["nhan-su.xlsx: dòng 2, cột “Chức vụ”", "nhan-su.xlsx: dòng 3, cột “Nhiệm vụ”"]


def test_missing_column_lists_what_the_sheet_has(tmp_path: Path) -> None:
    path = _sheet(tmp_path, [["Họ và tên", "Nhiệm vụ"], ["A", "x"]])
    with pytest.raises(DataError) as err:
        read_staff(path)
    message = err.value.localized("vi")
    assert "Chức vụ" in message and "“Họ và tên”" in message


def test_not_an_xlsx_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "hong.xlsx"
    bad.write_text("không phải bảng tính", encoding="utf-8")
    with pytest.raises(DataError, match="xlsx"):
        read_staff(bad)


def test_example_sheet_matches_the_example_yaml_and_renders() -> None:
    data = vnadmin_docs.load_data(EXAMPLE_YAML)
    assert read_staff(EXAMPLE_XLSX) == data["content"]["phan_cong"]
    data["content"].update(yaml.safe_load(staff_yaml(EXAMPLE_XLSX))["content"])
    rendered = vnadmin_docs.render("thong-bao-phan-cong", data)
    texts = [p.text for p in rendered.page_model.sections[0].body if hasattr(p, "text")]
    assert "1. Ông Nguyễn Văn Hùng – Chánh Văn phòng:" in texts


def test_groups_become_roman_sections_with_numbering_restarting(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        [
            ["Nhóm", "Họ và tên", "Chức vụ", "Nhiệm vụ", "Danh xưng"],
            ["Lãnh đạo phòng", "Nguyễn Văn A", "Trưởng phòng", "Phụ trách chung.", "Ông"],
            ["Lãnh đạo phòng", "Trần Thị B", "Phó Trưởng phòng", "Theo dõi lĩnh vực X.", "Bà"],
            ["Công chức", "Lê Văn C", "Chuyên viên", "Theo dõi hồ sơ Y.", "Ông"],
        ],
    )
    people = read_staff(path)
    assert [p["nhom"] for p in people] == ["Lãnh đạo phòng", "Lãnh đạo phòng", "Công chức"]
    data = vnadmin_docs.load_data(EXAMPLE_YAML)
    data["content"]["phan_cong"] = people
    model = vnadmin_docs.render("thong-bao-phan-cong", data).page_model
    texts = [p.text for p in model.sections[0].body if hasattr(p, "text")]
    i = texts.index("I. LÃNH ĐẠO PHÒNG")
    assert texts[i + 1] == "1. Ông Nguyễn Văn A – Trưởng phòng:"
    assert texts[i + 3] == "2. Bà Trần Thị B – Phó Trưởng phòng:"
    assert texts[i + 5] == "II. CÔNG CHỨC"
    assert texts[i + 6] == "1. Ông Lê Văn C – Chuyên viên:"
