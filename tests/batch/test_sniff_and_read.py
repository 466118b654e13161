"""Every format clerks have is recognised from its bytes and read into the same records."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from vnadmin_docs.batch.load import load_batch
from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.batch.sniff import sniff_format
from vnadmin_docs.batch.source import read_grid

EXPECTED_GOOD = [
    "000.00.12.H41-251002-0012", "000.00.12.H41-251003-0007", "000.00.12.H41-251006-0031",
    "000.00.12.H41-251007-0044", "000.22.31.H41-251010-0003", "000.22.31.H41-251014-0011",
    "000.22.31.H41-251015-0012", "BN-2025/0457",
]


def _all_formats(examples: Path, fixtures_dir: Path) -> list[tuple[Path, str]]:
    return [
        (examples / "ho-so-tre-han.xlsx", "xlsx"),
        (examples / "ho-so-tre-han-cp1258.csv", "csv"),
        (examples / "ho-so-tre-han-html.xls", "html"),
        (fixtures_dir / "ho-so-tre-han.xls", "xls"),
        (fixtures_dir / "ho-so-tre-han-2003.xml", "spreadsheetml"),
    ]


def test_format_comes_from_bytes_not_name(examples: Path, fixtures_dir: Path,
                                          tmp_path: Path) -> None:
    for path, fmt in _all_formats(examples, fixtures_dir):
        disguised = tmp_path / f"export-{fmt}.xls"  # every system names them .xls
        disguised.write_bytes(path.read_bytes())
        assert sniff_format(disguised.read_bytes()) == fmt, path.name


def test_every_format_gives_the_same_letters(examples: Path, fixtures_dir: Path,
                                             fields: tuple) -> None:
    seen = {}
    for path, fmt in _all_formats(examples, fixtures_dir):
        loaded = load_batch(path, fields, default_reason="Cần thêm thời gian")
        good = loaded.validation.good
        assert [r.values["dossier_code"] for r in good] == EXPECTED_GOOD, fmt
        names = [r.values["applicant_name"] for r in good]
        assert names[2] == "CÔNG TY TNHH MTV CÀ PHÊ ĐẮK NÔNG"
        assert names[-1] == "Trần Thị Bé"  # NBSP and zero-width space cleaned
        assert len(loaded.validation.bad) == 3, fmt
        seen[fmt] = [(r.values["received_at"], r.values["due_at"], r.values["new_due_at"])
                     for r in good]
    first = seen["xlsx"]
    for fmt, dates in seen.items():
        assert dates == first, fmt
    # ISO with Z: 01:20 UTC is 08:20 in Vietnam; serial 45933.354166… is 03/10/2025 08:30.
    assert first[1][0] == dt.datetime(2025, 10, 3, 8, 30)


def test_cp1258_csv_is_composed_to_nfc(examples: Path, fields: tuple) -> None:
    raw = (examples / "ho-so-tre-han-cp1258.csv").read_bytes()
    assert "Nguyễn".encode() not in raw  # really Windows-1258, tone marks separate
    loaded = load_batch(examples / "ho-so-tre-han-cp1258.csv", fields, default_reason="x")
    assert loaded.table.grid.encoding == "cp1258"
    assert loaded.validation.good[0].values["applicant_name"] == "Nguyễn Thị Hương"


def test_utf8_with_bom_and_semicolons(tmp_path: Path, fields: tuple) -> None:
    text = ("\ufeffMã hồ sơ;Tên thủ tục;Chủ hồ sơ;Ngày nhận;Ngày hẹn trả;Ngày hẹn trả mới;Lý do\n"
            "000.00.06.H56-231027-0361;Cấp phép;Lê Văn Tư;27/10/2023 08:15:22;"
            "03/11/2023 17:00;10/11/2023 17:00;Chờ xác minh\n")
    path = tmp_path / "ds.csv"
    path.write_bytes(text.encode("utf-8"))
    rec = load_batch(path, fields).validation.good[0]
    assert rec.values["dossier_code"] == "000.00.06.H56-231027-0361"
    assert rec.headers["dossier_code"] == "Mã hồ sơ"  # the BOM is not part of the header


def test_cp1252_question_marks_are_refused_with_the_fix(tmp_path: Path, fields: tuple) -> None:
    text = "Mã hồ sơ,Chủ hồ sơ\n000.00.06.H56-231027-0361,Nguyễn Văn Bình\n"
    path = tmp_path / "ansi.csv"
    path.write_bytes(text.encode("cp1252", errors="replace"))
    with pytest.raises(InputFileError) as info:
        load_batch(path, fields)
    message = str(info.value)
    assert "Nguy?n" in message and "CSV UTF-8" in message and "ansi.csv" in message


def test_json_and_yaml_lists(tmp_path: Path, fields: tuple) -> None:
    rows = [{"Mã hồ sơ": "000.00.06.H56-231027-0361", "Tên thủ tục": "Cấp phép",
             "Chủ hồ sơ": "Lê Văn Tư", "Ngày tiếp nhận": "2023-10-27T01:15:22.000Z",
             "Ngày hẹn trả": "03/11/2023", "Ngày hẹn trả mới": "20231110170000",
             "Lý do": "Chờ"}]
    jpath = tmp_path / "a.json"
    jpath.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    ypath = tmp_path / "a.txt"
    import yaml

    ypath.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    for path in (jpath, ypath):
        loaded = load_batch(path, fields)
        rec = loaded.validation.good[0]
        assert rec.row == 1
        assert rec.values["received_at"] == dt.datetime(2023, 10, 27, 8, 15, 22)
        assert rec.values["new_due_at"] == dt.datetime(2023, 11, 10, 17, 0)


def test_xlsx_in_the_1904_date_system(tmp_path: Path, fields: tuple) -> None:
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày nhận", "Ngày hẹn trả",
               "Ngày hẹn trả mới", "Lý do"])
    ws.append(["000.00.06.H56-231027-0361", "Cấp phép", "Lê Văn Tư", 43764.3439, 43771.7083333,
               "10/11/2023", "Chờ"])
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    rec = load_batch(path, fields).validation.good[0]
    assert rec.values["received_at"] == dt.datetime(2023, 10, 27, 8, 15, 13)
    assert rec.values["due_at"] == dt.datetime(2023, 11, 3, 17, 0)


def test_ods_and_damaged_files_say_what_to_do(tmp_path: Path) -> None:
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<x/>")
    path = tmp_path / "a.xls"
    path.write_bytes(ods.getvalue())
    with pytest.raises(InputFileError, match="xlsx"):
        read_grid(path)
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(InputFileError, match=r"b\.xlsx"):
        read_grid(broken)
    with pytest.raises(InputFileError, match="không mở được"):
        read_grid(tmp_path / "missing.xlsx")


def test_header_found_below_title_rows_and_rows_keep_sheet_numbers(examples: Path,
                                                                  fields: tuple) -> None:
    loaded = load_batch(examples / "ho-so-tre-han.xlsx", fields, default_reason="x")
    table = loaded.table
    assert table.header.header_rows == (7, 8)
    by_field = table.header.by_field()
    assert by_field["received_at"].header == "Ngày / Tiếp nhận"
    assert by_field["new_due_at"].header == "Ngày / Hẹn trả mới"
    assert by_field["representative_name"].header == "Thông tin người nộp / Người được ủy quyền"
    skipped = {s.row: s.reason for s in table.skipped}
    assert "nhóm" in skipped[10] and "nhóm" in skipped[16] and "tổng cộng" in skipped[23]
    assert [r.row for r in table.records] == [11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 22]


def test_xlsx_with_a_wrong_dimension_is_read_whole(examples: Path, tmp_path: Path,
                                                   fields: tuple) -> None:
    # Some exporters write <dimension ref="A1"/> whatever the size; every row must still count.
    src = zipfile.ZipFile(examples / "ho-so-tre-han.xlsx")
    out = tmp_path / "dim.xlsx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                import re

                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', data)
            dst.writestr(item, data)
    loaded = load_batch(out, fields, default_reason="x")
    assert len(loaded.validation.good) == 8


def test_csv_rows_are_numbered_as_excel_shows_them(tmp_path: Path, fields: tuple) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(
        "Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày nhận,Ngày hẹn trả,Ngày hẹn trả mới,Lý do\n"
        'A-1,Cấp phép,Lê Văn A,27/10/2023,03/11/2023,10/11/2023,"dòng 1\ndòng 2"\n'
        "A-2,Cấp phép,Lê Văn B,#N/A,03/11/2023,10/11/2023,Chờ\n", encoding="utf-8")
    v = load_batch(path, fields).validation
    assert v.errors[0].message().startswith("Dòng 3, cột “Ngày nhận”: giá trị “#N/A”")


def test_header_without_rows_is_unusable(tmp_path: Path, fields: tuple) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày nhận,Ngày hẹn trả\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="không có dòng hồ sơ"):
        load_batch(path, fields)


def test_tcvn3_column_is_converted_and_raw_kept(tmp_path: Path, fields: tuple) -> None:
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.append(["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày nhận", "Ngày hẹn trả",
               "Ngày hẹn trả mới", "Lý do"])
    ws.append(["A-1", "CÊp phÐp x©y dùng", "TrÇn V¨n §øc", "27/10/2023", "03/11/2023",
               "10/11/2023", "Chê ý kiÕn"])
    ws.append(["A-2", "§¨ng ký kÕt h«n", "B¶o Th¾ng", "27/10/2023", "03/11/2023",
               "10/11/2023", "Chê x¸c minh"])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.font = Font(name=".VnTime")
    path = tmp_path / "tcvn3.xlsx"
    wb.save(path)
    loaded = load_batch(path, fields)
    first = loaded.validation.good[0]
    assert first.values["applicant_name"] == "Trần Văn Đức"
    assert first.values["procedure_name"] == "Cấp phép xây dựng"
    assert first.raw["applicant_name"] == "TrÇn V¨n §øc"
    assert loaded.table.legacy_columns["applicant_name"] == "tcvn3"


def test_workbook_opening_on_a_summary_sheet(examples: Path, tmp_path: Path,
                                             fields: tuple) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(examples / "ho-so-tre-han.xlsx")
    cover = wb.create_sheet("Tổng hợp", 0)
    cover.append(["Đơn vị", "Số hồ sơ trễ hạn"])
    cover.append(["Sở Nông nghiệp và Môi trường", 5])
    path = tmp_path / "two-sheets.xlsx"
    wb.save(path)
    loaded = load_batch(path, fields, default_reason="x")
    assert loaded.table.grid.sheet == "Hồ sơ trễ hạn" and len(loaded.validation.good) == 8


def test_excel_unicode_text_utf16_tabs(tmp_path: Path, fields: tuple) -> None:
    text = ("Mã hồ sơ\tTên thủ tục\tChủ hồ sơ\tNgày nhận\tNgày hẹn trả\tNgày hẹn trả mới\tLý do\r\n"
            "A-1\tCấp phép\tNguyễn Văn Ánh\t27/10/2023\t03/11/2023\t10/11/2023\tChờ\r\n")
    path = tmp_path / "unicode.txt"
    path.write_bytes(text.encode("utf-16"))
    rec = load_batch(path, fields).validation.good[0]
    assert rec.values["applicant_name"] == "Nguyễn Văn Ánh"
