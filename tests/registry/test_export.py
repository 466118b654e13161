"""The exported book opens in a spreadsheet with the columns of Phụ lục IV, mục I."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from vnadmin_docs.registry import Register, RegisterError

# Phụ lục IV, mục I.2 "Nội dung đăng ký văn bản đi — tối thiểu gồm 10 nội dung", word for word.
DECREE_COLUMNS = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]


def _fill(register: Register) -> None:
    register.allocate(
        "UBND",
        date(2026, 3, 2),
        symbol="UBND-VP",
        type_name="Công văn",
        summary="V/v trả lời kiến nghị của cử tri",
        signer="Trần Thị B",
        recipients=["Sở Tài chính", "Lưu: VT, VP"],
        copies=3,
        archive="VT, VP",
        sent_on=date(2026, 3, 3),
    )
    register.allocate(
        "UBND", date(2026, 3, 2), symbol="QĐ-UBND", type_name="QUYẾT ĐỊNH",
        summary="về việc thành lập Tổ công tác", signer="Lê Văn C", note="Mật cấp tỉnh xem",
    )  # fmt: skip
    register.allocate(
        "UBND", date(2026, 3, 9), symbol="TB-UBND", type_name="Thông báo", summary="lịch họp"
    )
    register.cancel(2, "Ký nhầm người ký", year=2026, issuer_abbr="UBND")


def test_export_has_the_ten_columns_of_the_decree_and_one_row_per_number(
    register_url: str, tmp_path: Path
) -> None:
    target = tmp_path / "xuat" / "so-2026.xlsx"  # a folder that does not exist yet
    with Register.open(register_url) as register:
        _fill(register)
        written = register.export_xlsx(target, 2026, body_name="Ủy ban nhân dân xã Hòa Bình",
                                       parent_name="Ủy ban nhân dân huyện Châu Thành")  # fmt: skip
    assert written == target

    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Sổ đăng ký văn bản đi", "Bìa", "Tệp văn bản"]
    sheet = book["Sổ đăng ký văn bản đi"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == DECREE_COLUMNS
    assert list(rows[1]) == [f"({i})" for i in range(1, 11)]
    assert len(rows) == 2 + 3

    first = rows[2]
    assert first[0] == "01/UBND-VP"
    assert first[1] == datetime(2026, 3, 2)
    assert sheet.cell(row=3, column=2).number_format == "DD/MM/YYYY"
    assert first[2] == "Công văn V/v trả lời kiến nghị của cử tri"
    assert first[3] == "Trần Thị B"
    assert first[4] == "Sở Tài chính\nLưu: VT, VP"
    assert (first[5], first[6], first[7]) == ("VT, VP", 3, datetime(2026, 3, 3))
    assert first[8] is None  # Ký nhận: signed by hand on the printed book

    cancelled = rows[3]
    assert cancelled[0] == "02/QĐ-UBND"
    assert cancelled[2] == "Quyết định về việc thành lập Tổ công tác"
    assert cancelled[9].startswith("Đã hủy số ngày ")
    assert cancelled[9].endswith(": Ký nhầm người ký. Mật cấp tỉnh xem")
    assert rows[4][0] == "03/TB-UBND"

    cover = [c for (c,) in book["Bìa"].iter_rows(values_only=True, max_col=1) if c]
    assert cover == [
        "ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH",
        "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH",
        "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
        "Năm: 2026",
        "Từ ngày 02/03/2026 đến ngày 09/03/2026",
        "Từ số 01 đến số 03",
        "Quyển số: 01",
    ]
    assert [f.name for f in target.parent.iterdir()] == ["so-2026.xlsx"]


def test_export_replaces_an_old_file_and_leaves_no_temporary_file(
    sqlite_url: str, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "so.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"old export")
    with Register.open(sqlite_url) as register:
        _fill(register)
        register.export_xlsx(target, 2026)
    assert sorted(p.name for p in target.parent.iterdir()) == ["so.xlsx"]
    assert openpyxl.load_workbook(target)["Bìa"]["A2"].value == "UBND"


def test_each_series_exports_as_its_own_book(sqlite_url: str, tmp_path: Path) -> None:
    with Register.open(sqlite_url) as register:
        _fill(register)
        register.allocate(
            "UBND", date(2026, 4, 1), "mat", symbol="QĐ-UBND", type_name="Quyết định",
            summary="về việc mật",
        )  # fmt: skip
        register.export_xlsx(tmp_path / "mat.xlsx", 2026, series="mat")
        with pytest.raises(RegisterError, match="2027"):
            register.export_xlsx(tmp_path / "none.xlsx", 2027)
    book = openpyxl.load_workbook(tmp_path / "mat.xlsx")
    rows = list(book["Sổ đăng ký văn bản đi"].iter_rows(values_only=True))
    assert [r[0] for r in rows[2:]] == ["01/QĐ-UBND"]
    assert "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐI" in [c for (c,) in book["Bìa"].iter_rows(values_only=True)]
    assert not (tmp_path / "none.xlsx").exists()


def test_recorded_text_that_looks_like_a_formula_is_exported_as_text(
        sqlite_url: str, tmp_path: Path) -> None:
    """Issue 13: openpyxl makes any string that begins with ``=`` a live formula; the register
    shows what was recorded, as text, and keeps it text when edited (quote prefix)."""
    hostile = ["=HYPERLINK(\"http://x\",\"bấm\")", "+1+2", "-3+4", "@SUM(A1)", "\t=1", "\r=1"]
    with Register.open(sqlite_url) as register:
        for text in hostile:
            register.allocate("UBND", date(2026, 3, 2), symbol="UBND-VP", type_name="Công văn",
                              summary=text, signer=text, note=text)
        target = register.export_xlsx(tmp_path / "so.xlsx", 2026, body_name="=cmd|' /C calc'!A0")
    book = openpyxl.load_workbook(target)
    found = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if c.value is not None]
    formulas = [c.coordinate for c in found if c.data_type == "f"]
    assert formulas == []
    texts = {c.value for c in found if isinstance(c.value, str)}
    assert "+1+2" in texts and "@SUM(A1)" in texts and any("HYPERLINK" in t for t in texts)
    assert all(c.quotePrefix for c in found if isinstance(c.value, str)
               and c.value.startswith(("=", "+", "-", "@", "\t", "\r")))
    import zipfile

    with zipfile.ZipFile(target) as zf:
        xml = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets"))
    assert "<f>" not in xml
