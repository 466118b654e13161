"""Cleaning keeps the raw value and fixes what exports break; every problem of every row is
reported at once with the sheet's row number, the column header, the value and the reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from vnadmin_docs.batch.dates import DateParseError, parse_datetime
from vnadmin_docs.batch.load import load_batch
from vnadmin_docs.batch.textclean import clean_cell_text

HEAD = ["STT", "Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "SĐT", "Số CCCD", "Ngày tiếp nhận",
        "Ngày hẹn trả", "Ngày hẹn trả mới", "Số ngày quá hạn", "Lý do"]


def _sheet(tmp_path: Path, rows: list[list[object]], head: list[str] = HEAD) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["SỔ THEO DÕI HỒ SƠ"])
    ws.append([])
    ws.append(head)
    for row in rows:
        ws.append(row)
    path = tmp_path / "so.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27/10/2023 08:15:22", dt.datetime(2023, 10, 27, 8, 15, 22)),
        ("27/10/2023 08:15", dt.datetime(2023, 10, 27, 8, 15)),
        ("27/10/2023", dt.datetime(2023, 10, 27)),
        ("5/3/2023", dt.datetime(2023, 3, 5)),  # day first, never 3 May
        ("08:15, 27/10/2023", dt.datetime(2023, 10, 27, 8, 15)),
        ("20231027081522", dt.datetime(2023, 10, 27, 8, 15, 22)),
        ("2023-10-27T01:15:22.000Z", dt.datetime(2023, 10, 27, 8, 15, 22)),
        ("2023-10-26T23:30:00Z", dt.datetime(2023, 10, 27, 6, 30)),  # UTC day before
        ("ngày 27 tháng 10 năm 2023", dt.datetime(2023, 10, 27)),
        ("45226.3439", dt.datetime(2023, 10, 27, 8, 15, 13)),
    ],
)
def test_every_date_shape_reads_day_first(text: str, expected: dt.datetime) -> None:
    assert parse_datetime(text) == expected


def test_excel_serials_round_to_the_second_in_both_epochs() -> None:
    assert parse_datetime(44990.6041666667) == dt.datetime(2023, 3, 5, 14, 30)
    assert parse_datetime(43764.3439, epoch=1904) == parse_datetime(45226.3439)
    assert parse_datetime(61) == dt.datetime(1900, 3, 1)  # after Excel's fictitious 29/02/1900
    with pytest.raises(DateParseError, match="29/02/1900"):
        parse_datetime(60)


def test_text_cleaning_order() -> None:
    nfd = "Nguye\u0302\u0303n"  # macOS / Unikey "tổ hợp"
    assert clean_cell_text(f"  {nfd}\u00a0\u200bVăn_x000D_\x0bA ") == "Nguyễn Văn A"
    assert clean_cell_text("Dòng 1_x000D_\nDòng 2", multiline=True) == "Dòng 1\nDòng 2"


def test_cells_are_cleaned_and_raw_is_kept(tmp_path: Path, fields: tuple) -> None:
    path = _sheet(tmp_path, [[
        1, " 000.00.06.h56 – 231027 – 0361 ", "Cấp phép", "Nguye\u0302\u0303n Văn\u00a0A",
        912345678, 38190012345, "27/10/2023 08:15:22", 45233.7083333, "10/11/2023 17:00",
        "3  Ngày", "Chờ ý kiến_x000D_ phối hợp",
    ]])
    loaded = load_batch(path, fields)
    rec = loaded.validation.good[0]
    assert rec.row == 4
    v = rec.values
    assert v["dossier_code"] == "000.00.06.H56-231027-0361"
    assert v["applicant_name"] == "Nguyễn Văn A"
    assert v["phone"] == "0912345678"
    assert v["id_number"] == "038190012345"
    assert v["due_at"] == dt.datetime(2023, 11, 3, 17, 0)
    assert v["days_late"] == 3
    assert v["late_reason"] == "Chờ ý kiến phối hợp"
    assert rec.raw["phone"] == 912345678 and rec.raw["days_late"] == "3  Ngày"
    warnings = [p.message() for p in loaded.validation.warnings]
    assert any("Dòng 4" in w and "SĐT" in w and "số 0" in w for w in warnings)


def test_all_problems_of_all_rows_at_once(tmp_path: Path, fields: tuple) -> None:
    path = _sheet(tmp_path, [
        [1, "000.00.06.H56-231027-0361", "Cấp phép", "Lê Văn A", None, None,
         "27/10/2023", "25/10/2023", "10/11/2023", None, "Chờ"],           # due before received
        [2, "000.00.06.H56-231027-0362", "Cấp phép", None, None, None,
         "32/10/2023", "03/11/2023", "01/11/2023", "ba ngày", None],       # four problems
        [3, "000.00.06.H56-231027-0363", "Cấp phép", "Lê Văn C", None, None,
         "27/10/2023", "03/11/2023", "10/11/2023", 2, "Chờ"],             # good
    ])
    v = load_batch(path, fields).validation
    assert [r.row for r in v.good] == [6]
    assert [r.row for r in v.bad] == [4, 5]
    messages = [p.message() for p in v.errors]
    assert messages[0] == (
        "Dòng 4, cột “Ngày hẹn trả”: giá trị “25/10/2023”: ngày hẹn trả "
        "trước ngày tiếp nhận (27/10/2023); kiểm tra lại thứ tự ngày/tháng"
    )
    row5 = [m for m in messages if m.startswith("Dòng 5")]
    assert any("“Ngày tiếp nhận”" in m and "32/10/2023" in m for m in row5)
    assert any("“Chủ hồ sơ”" in m and "bắt buộc" in m for m in row5)
    assert any("“Số ngày quá hạn”" in m and "ba ngày" in m for m in row5)
    assert any("“Lý do”" in m and "lý do" in m for m in row5)
    english = [p.message("en") for p in v.errors]
    assert english[0].startswith("Row 4, column “Ngày hẹn trả”")


def test_new_date_required_unless_returned(tmp_path: Path, fields: tuple) -> None:
    head = [*HEAD[:8], "Ngày trả kết quả", *HEAD[9:]]
    path = _sheet(tmp_path, [
        [1, "000.00.06.H56-231027-0361", "Cấp phép", "Lê Văn A", None, None,
         "27/10/2023", "03/11/2023", "08/11/2023 10:02:45", 3, "Chờ"],
        [2, "000.00.06.H56-231027-0362", "Cấp phép", "Lê Văn B", None, None,
         "27/10/2023", "03/11/2023", None, None, "Chờ"],
    ], head)
    v = load_batch(path, fields).validation
    assert [r.row for r in v.good] == [4]
    assert "ngày hẹn trả mới" in v.errors[0].message()


def test_a_new_date_already_past_on_the_letters_date_is_an_error(tmp_path: Path,
                                                               fields: tuple) -> None:
    path = _sheet(tmp_path, [
        [1, "000.00.06.H56-231027-0361", "Cấp phép", "Lê Văn A", None, None,
         "27/10/2023", "03/11/2023", "07/11/2023 17:00", 3, "Chờ"],     # before the letter
        [2, "000.00.06.H56-231027-0362", "Cấp phép", "Lê Văn B", None, None,
         "27/10/2023", "03/11/2023", "20/11/2023 08:00", 3, "Chờ"],     # the letter's own day
    ])
    dated = load_batch(path, fields, issued_on=dt.date(2023, 11, 20)).validation
    assert [r.row for r in dated.good] == [5]
    assert [p.message() for p in dated.errors] == [
        "Dòng 4, cột “Ngày hẹn trả mới”: giá trị “07/11/2023 17:00”: ngày hẹn trả mới đã qua so "
        "với ngày ban hành văn bản (20/11/2023); sửa ngày hẹn trả mới, hoặc ngày ban hành "
        "(issue_date trong tệp cấu hình)"]
    # without a letter date (checking the data alone) the rule does not apply
    assert len(load_batch(path, fields).validation.good) == 2


def test_duplicate_codes_and_odd_codes_are_warnings_not_errors(tmp_path: Path,
                                                              fields: tuple) -> None:
    row = ["Cấp phép", "Lê Văn A", None, None, "27/10/2023", "03/11/2023", "10/11/2023", 1, "Chờ"]
    path = _sheet(tmp_path, [[1, "Số 15/BN", *row], [2, "Số 15/BN", *row]])
    v = load_batch(path, fields).validation
    assert len(v.good) == 2 and not v.errors
    texts = [p.message() for p in v.warnings]
    assert any("trùng với dòng 4" in t for t in texts)
    assert any("dạng quốc gia" in t for t in texts)


def test_column_mixing_excel_dates_and_text_is_flagged(tmp_path: Path, fields: tuple) -> None:
    # Opened under an en-US locale: "05/03/2023" became 3 May 2023, "25/03/2023" stayed text.
    path = _sheet(tmp_path, [
        [1, "000.00.06.H56-231027-0361", "Cấp phép", "Lê Văn A", None, None,
         dt.datetime(2023, 5, 3), "30/05/2023", "10/06/2023", None, "Chờ"],
        [2, "000.00.06.H56-231027-0362", "Cấp phép", "Lê Văn B", None, None,
         "25/03/2023", "30/05/2023", "10/06/2023", None, "Chờ"],
    ])
    v = load_batch(path, fields).validation
    flagged = [p for p in v.warnings if "đảo" in p.reason]
    assert [(p.row, p.column) for p in flagged] == [(4, "Ngày tiếp nhận")]
