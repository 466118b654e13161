"""Exports shaped as clerks really get them, built here as real files: what a batch reads
from them, which rows it skips and why, and the letters it makes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from vnadmin_docs.batch.load import load_batch
from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import run_batch
from vnadmin_docs.batch.source import read_grid

HEADER = ["STT", "Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày nhận", "Ngày hẹn trả",
          "Ngày hẹn trả mới", "Lý do"]


def _row(n: int, name: str | None = None) -> list[object]:
    return [n, f"000.00.06.H56-251027-{n:04d}", "Cấp giấy phép xây dựng",
            name or f"Lê Văn {chr(64 + n)}", "27/10/2025 08:15", "03/11/2025 17:00",
            "10/11/2025 17:00", "Chờ ý kiến cơ quan phối hợp"]


def _letters_text(folder: Path) -> dict[str, str]:
    """Each letter's document text, by file name."""
    out = {}
    for path in sorted(folder.glob("*.docx")):
        with zipfile.ZipFile(path) as zf:
            out[path.name] = zf.read("word/document.xml").decode("utf-8")
    return out


def test_subtotal_after_each_unit_does_not_end_the_list(tmp_path: Path, examples: Path) -> None:
    """A list grouped by unit with "Cộng: n hồ sơ" after each group: every group's dossiers
    get their letter (the first subtotal used to end the reading, losing the rest
    silently); Arabic-numbered and split group headings are skipped, not reported as bad
    rows; the signature block (place-and-date line, "KT. GIÁM ĐỐC") is not data."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)                                            # row 1
    ws.append(["1. UBND xã Quảng Sơn"] + [None] * 7)             # row 2, merged across
    ws.merge_cells("A2:H2")
    ws.append(_row(1))                                           # row 3
    ws.append(_row(2))                                           # row 4
    ws.append(["Cộng: 2 hồ sơ"] + [None] * 7)                    # row 5
    ws.merge_cells("A5:H5")
    ws.append(["2", "UBND xã Tân Hà"] + [None] * 6)              # row 6, name merged B:H
    ws.merge_cells("B6:H6")
    ws.append(_row(3))                                           # row 7
    ws.append(["II", "SỞ TƯ PHÁP"] + [None] * 6)                 # row 8
    ws.append(_row(4))                                           # row 9
    ws.append(["Tổng: 4 hồ sơ"] + [None] * 7)                    # row 10
    ws.merge_cells("A10:H10")
    ws.append([None] * 5 + ["Lâm Đồng, ngày 31 tháng 10 năm 2025"])  # row 11
    ws.append([None] * 5 + ["KT. GIÁM ĐỐC"])                     # row 12
    ws.append([None, "NGƯỜI LẬP BIỂU", None, None, None, "PHÓ GIÁM ĐỐC"])  # row 13
    ws.append([None, "Nguyễn Văn Lập", None, None, None, "Trần Thị Trưởng"])  # row 14
    path = tmp_path / "theo-don-vi.xlsx"
    wb.save(path)

    result = run_batch(path, load_profile(examples / "profile.yml"), tmp_path / "out")
    assert result.rows == 4 and result.written == 4 and result.failed_rows == 0
    assert result.problems == []
    skipped = {s.row: s.reason for s in result.skipped}
    assert sorted(skipped) == [2, 5, 6, 8, 10]
    assert "UBND xã Quảng Sơn" in skipped[2] and "UBND xã Tân Hà" in skipped[6]
    assert "tổng cộng" in skipped[5] and "tổng cộng" in skipped[10]
    texts = _letters_text(tmp_path / "out" / "van-ban")
    for n in (1, 2, 3, 4):
        assert any(f"000.00.06.H56-251027-{n:04d}" in t for t in texts.values()), n


def test_first_column_starting_like_a_footer_word_is_still_data(tmp_path: Path,
                                                                fields: tuple) -> None:
    """"Công an tỉnh…", "Công ty…", "Tổng công ty…", "Giám đốc …" in the first column are
    dossiers, not the "Cộng"/"Tổng cộng"/"GIÁM ĐỐC" rows that close a list."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Đơn vị tiếp nhận", "Chủ hồ sơ", *HEADER[1:3], *HEADER[4:]])
    units = ["Sở Tư pháp", "Công an tỉnh Lâm Đồng", "Công an tỉnh Lâm Đồng", "UBND xã Tân Hà"]
    names = ["Lê Văn A", "Công ty TNHH An Phát", "Tổng công ty Điện lực miền Nam",
             "Giám đốc Nguyễn Văn B"]
    for n, (unit, name) in enumerate(zip(units, names, strict=True), start=1):
        r = _row(n, name)
        ws.append([unit, name, *r[1:3], *r[4:]])
    path = tmp_path / "don-vi-truoc.xlsx"
    wb.save(path)
    loaded = load_batch(path, fields)
    assert [r.row for r in loaded.validation.good] == [2, 3, 4, 5]
    assert [r.values["applicant_name"] for r in loaded.validation.good] == names
    assert loaded.table.skipped == ()


def test_header_repeated_inside_the_data_is_skipped(tmp_path: Path, fields: tuple) -> None:
    """Exports laid out for printing repeat the header on every page."""
    wb = Workbook()
    ws = wb.active
    for item in (HEADER, _row(1), _row(2), HEADER, _row(3)):
        ws.append(item)
    path = tmp_path / "lap-tieu-de.xlsx"
    wb.save(path)
    loaded = load_batch(path, fields)
    assert [r.row for r in loaded.validation.good] == [2, 3, 5]
    assert loaded.validation.problems == ()
    assert [(s.row, s.reason) for s in loaded.table.skipped] == [(4, "dòng tiêu đề cột lặp lại")]


def _export_lines(sep: str) -> list[str]:
    """A portal list saved by Excel: title rows padded with separators, a quoted cell
    with a line break and a comma, a time-first date with its comma."""
    width = 7
    title = ["UBND TỈNH LÂM ĐỒNG", "", "DANH SÁCH HỒ SƠ TRỄ HẠN",
             "Từ ngày 01/10/2025 đến ngày 31/10/2025", ""]
    lines = [t + sep * (width - 1) for t in title]
    lines.append(sep.join(HEADER[1:]))
    lines.append(sep.join(["000.00.06.H56-251002-0012", "Cấp phiếu lý lịch tư pháp",
                           "Nguyễn Thị Hương", "08:30, 02/10/2025", "09/10/2025 17:00",
                           "15/10/2025 17:00", '"Chờ xác minh,\ncơ quan ""công an"""']))
    lines.append(sep.join(["000.00.06.H56-251003-0007", "Đăng ký kết hôn", "Trần Văn Đức",
                           "03/10/2025", "31/09/2025", "20/10/2025", "Chờ ý kiến"]))
    return lines


def test_csv_separator_found_below_title_rows(tmp_path: Path, fields: tuple) -> None:
    """";" (Excel CSV on a Vietnamese-locale Windows) and tab (Excel "Unicode text") files
    whose title rows sit above the header: the separator used to be taken from the title
    rows and the file refused as having no "Mã hồ sơ" column."""
    for sep, name, encode in ((";", "ds.csv", lambda t: b"\xef\xbb\xbf" + t.encode()),
                              ("\t", "ds.txt", lambda t: t.encode("utf-16"))):
        path = tmp_path / name
        path.write_bytes(encode("\r\n".join(_export_lines(sep)) + "\r\n"))
        loaded = load_batch(path, fields)
        good = loaded.validation.good
        assert [r.values["applicant_name"] for r in good] == ["Nguyễn Thị Hương"], name
        assert good[0].values["late_reason"] == "Chờ xác minh, cơ quan \"công an\""
        assert [p.message() for p in loaded.validation.errors] == [
            "Dòng 8, cột “Ngày hẹn trả”: giá trị “31/09/2025”: ngày 31/09/2025 không có thật "
            "(đọc theo thứ tự ngày/tháng/năm)"], name


def test_html_export_with_title_and_signature_tables(tmp_path: Path, fields: tuple) -> None:
    """An HTML page saved as .xls whose list is smaller than its signature table: the list
    is found (the largest table used to be taken, and the file refused), and row numbers
    count the title table and paragraph above it, as Excel shows the page."""
    page = """<html><head><meta charset="utf-8"></head><body>
<table><tr><td>UBND TỈNH THANH HÓA<br>TRUNG TÂM PHỤC VỤ HCC</td>
<td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</td></tr></table>
<p align="center"><b>THỐNG KÊ HỒ SƠ TIẾP NHẬN QUÁ HẠN</b></p>
<table border="1">
<tr><th>Mã hồ sơ</th><th>Tên thủ tục<br>hành chính</th><th>Chủ hồ sơ</th><th>Ngày nhận</th>
<th>Ngày hẹn trả</th><th>Ngày hẹn trả mới</th><th>Lý do</th></tr>
<tr><td>000.00.06.H56-251002-0012</td><td>Cấp phiếu lý lịch
    tư pháp</td><td>Nguyễn&nbsp;Thị Hương</td><td>02/10/2025 08:15:22</td>
<td>09/10/2025 17:00</td><td>15/10/2025 17:00</td><td>Chờ xác minh &amp; phối hợp</td></tr>
<tr><td>000.00.06.H56-251003-0007</td><td>Đăng ký kết hôn</td><td>Trần Văn Đức</td>
<td>03/10/2025</td><td>31/09/2025</td><td>20/10/2025</td><td>Chờ</td></tr>
</table>
<table><tr><td></td><td>Thanh Hóa, ngày 31 tháng 10 năm 2025</td></tr>
<tr><td><b>NGƯỜI LẬP BIỂU</b></td><td><b>THỦ TRƯỞNG ĐƠN VỊ</b></td></tr>
<tr><td>(Ký, họ tên)</td><td>(Ký, họ tên, đóng dấu)</td></tr>
<tr><td>&nbsp;</td><td>&nbsp;</td></tr><tr><td>&nbsp;</td><td>&nbsp;</td></tr>
<tr><td>Lê Văn Lập</td><td>Nguyễn Thị Trưởng</td></tr></table></body></html>"""
    path = tmp_path / "thong-ke-qua-han.xls"
    path.write_text(page, encoding="utf-8")
    loaded = load_batch(path, fields)
    good = loaded.validation.good
    assert [(r.row, r.values["applicant_name"], r.values["procedure_name"]) for r in good] == [
        (4, "Nguyễn Thị Hương", "Cấp phiếu lý lịch tư pháp")]
    assert good[0].values["late_reason"] == "Chờ xác minh & phối hợp"
    assert [p.message() for p in loaded.validation.errors] == [
        "Dòng 5, cột “Ngày hẹn trả”: giá trị “31/09/2025”: ngày 31/09/2025 không có thật "
        "(đọc theo thứ tự ngày/tháng/năm)"]


def test_html_list_below_a_long_summary_table_is_found(tmp_path: Path, fields: tuple) -> None:
    """A summary table of 25 rows above the list puts its header past the rows searched on
    the page; the list's own table is then read alone, its rows keeping page numbers."""
    summary = "".join(f"<tr><td>Đơn vị {i}</td><td>{i}</td></tr>" for i in range(1, 26))
    page = (f"<html><body><table>{summary}</table><table>"
            "<tr><td>Mã hồ sơ</td><td>Tên thủ tục</td><td>Chủ hồ sơ</td><td>Ngày nhận</td>"
            "<td>Ngày hẹn trả</td><td>Ngày hẹn trả mới</td><td>Lý do</td></tr>"
            "<tr><td>A-1</td><td>Cấp phép</td><td>Lê Văn A</td><td>27/10/2025</td>"
            "<td>03/11/2025</td><td>10/11/2025</td><td>Chờ</td></tr></table></body></html>")
    path = tmp_path / "bao-cao.xls"
    path.write_text(page, encoding="utf-8")
    good = load_batch(path, fields).validation.good
    assert [(r.row, r.values["applicant_name"]) for r in good] == [(27, "Lê Văn A")]


def test_spreadsheetml_list_after_a_cover_and_a_hidden_sheet(tmp_path: Path,
                                                             fields: tuple) -> None:
    """An "XML Spreadsheet 2003" workbook whose first worksheet is hidden and second is a
    cover: the list on the third is read (only the first worksheet used to be, and the
    file was refused)."""

    def row(*cells: str) -> str:
        return "<Row>" + "".join(f'<Cell><Data ss:Type="String">{c}</Data></Cell>'
                                 for c in cells) + "</Row>"

    hidden = ('<Worksheet ss:Name="tmp"><Table>' + row("Mã hồ sơ", "x") + "</Table>"
              '<x:WorksheetOptions><x:Visible>SheetHidden</x:Visible></x:WorksheetOptions>'
              "</Worksheet>")
    cover = ('<Worksheet ss:Name="Bìa"><Table>' + row("BÁO CÁO HỒ SƠ TRỄ HẠN")
             + row("Đơn vị", "Số hồ sơ") + row("Sở Tư pháp", "1") + "</Table></Worksheet>")
    data = ('<Worksheet ss:Name="Sheet1"><Table>' + row(*HEADER[1:])
            + row("A-1", "Cấp phép", "Lê Văn A", "27/10/2025", "03/11/2025", "10/11/2025", "Chờ")
            + "</Table></Worksheet>")
    path = tmp_path / "bao-cao-2003.xls"
    path.write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        + hidden + cover + data + "</Workbook>", encoding="utf-8")
    loaded = load_batch(path, fields)
    assert loaded.table.grid.sheet == "Sheet1"
    assert [(r.row, r.values["applicant_name"]) for r in loaded.validation.good] == [
        (2, "Lê Văn A")]


def test_half_converted_column_converts_the_cells_in_a_legacy_font(tmp_path: Path,
                                                                   fields: tuple) -> None:
    """A staff member retyped some names in Unicode and left others in .VnTime/VNI-Times:
    the column as a whole reads as Unicode, but the cells whose own font is a legacy one
    are converted (they used to reach the letter as "TrÇn V¨n §øc")."""
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER[1:])
    cells = [("Nguyễn Thị Hương", "Times New Roman"), ("TrÇn V¨n §øc", ".VnTime"),
             ("Lê Thị Nhã", ".VnTime"),  # Unicode typed in a .VnTime cell: left alone
             ("Phạm Văn Bình", "Arial"), ("Nguyeãn Vaên An", "VNI-Times")]
    for n, (name, font) in enumerate(cells, start=1):
        ws.append(_row(n, name)[1:])
        ws.cell(n + 1, 3).font = Font(name=font)
    path = tmp_path / "nua-chuyen-ma.xlsx"
    wb.save(path)
    loaded = load_batch(path, fields)
    assert [r.values["applicant_name"] for r in loaded.validation.good] == [
        "Nguyễn Thị Hương", "Trần Văn Đức", "Lê Thị Nhã", "Phạm Văn Bình", "Nguyễn Văn An"]
    assert loaded.validation.good[1].raw["applicant_name"] == "TrÇn V¨n §øc"


def test_date_wordings_from_receipts_and_dotnet_exports(tmp_path: Path, fields: tuple) -> None:
    """Dates as a .NET portal in the vi-VN culture writes them ("8:15:22 SA", "5:00:00 CH"),
    as a receipt words them ("17 giờ 00 phút, ngày 03/11/2023"), with a weekday or a
    "ngày" in front, or year first with slashes: all read, none reported as bad."""
    import datetime as dt

    rows = [
        ("A-1", "27/10/2023 8:15:22 SA", "03/11/2023 5:00:00 CH", "10/11/2023 12:30:00 CH"),
        ("A-2", "ngày 27/10/2023", "17 giờ 00 phút, ngày 03/11/2023", "17 giờ ngày 10/11/2023"),
        ("A-3", "Thứ Sáu, 27/10/2023", "2023/11/03 17:00", "08 giờ 15 phút ngày 10/11/2023"),
    ]
    lines = ["Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày nhận,Ngày hẹn trả,Ngày hẹn trả mới,Lý do"]
    lines += [f'{code},Cấp phép,Lê Văn A,"{a}","{b}","{c}",Chờ' for code, a, b, c in rows]
    path = tmp_path / "ngay.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_batch(path, fields)
    assert loaded.validation.errors == ()
    got = [(r.values["received_at"], r.values["due_at"], r.values["new_due_at"])
           for r in loaded.validation.good]
    assert got == [
        (dt.datetime(2023, 10, 27, 8, 15, 22), dt.datetime(2023, 11, 3, 17),
         dt.datetime(2023, 11, 10, 12, 30)),
        (dt.datetime(2023, 10, 27), dt.datetime(2023, 11, 3, 17), dt.datetime(2023, 11, 10, 17)),
        (dt.datetime(2023, 10, 27), dt.datetime(2023, 11, 3, 17),
         dt.datetime(2023, 11, 10, 8, 15)),
    ]


def _with_error_cells(path: Path) -> None:
    """Turn the text cells "#N/A", "#REF!"… of an openpyxl workbook into the error cells
    Excel writes for a failed formula (``t="e"``, the formula kept)."""
    import re

    with zipfile.ZipFile(path) as src:
        items = [(item, src.read(item.filename)) for item in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item, data in items:
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(
                    rb'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>(#[A-Z/0!?]+)</t></is></c>',
                    rb'<c r="\1" t="e"><f>VLOOKUP(A2,DS!A:C,3,0)</f><v>\2</v></c>', data)
            dst.writestr(item, data)


def test_formula_error_cells_never_reach_a_letter(tmp_path: Path, fields: tuple,
                                                  fixtures_dir: Path) -> None:
    """A name looked up with VLOOKUP that found nothing shows "#N/A": the row is reported
    with the cell, never a letter "Kính gửi: Ông/Bà #N/A" (an .xls error cell used to be
    read as empty, an .xlsx one as the text "#N/A")."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER[1:])
    ws.append(_row(1)[1:])
    bad = _row(2)[1:]
    bad[2], bad[6] = "#N/A", "#REF!"
    ws.append(bad)
    path = tmp_path / "vlookup.xlsx"
    wb.save(path)
    _with_error_cells(path)
    for data in (path, fixtures_dir / "loi-cong-thuc.xls"):
        v = load_batch(data, fields).validation
        assert [r.values["applicant_name"] for r in v.good] == ["Lê Văn A"], data.name
        assert [p.message() for p in v.problems if p.severity == "error"] == [
            "Dòng 3, cột “Chủ hồ sơ”: giá trị “#N/A”: ô báo lỗi công thức Excel, không có giá "
            "trị; hãy sửa công thức hoặc gõ giá trị vào ô",
            "Dòng 3, cột “Lý do”: giá trị “#REF!”: ô báo lỗi công thức Excel, không có giá trị; "
            "hãy sửa công thức hoặc gõ giá trị vào ô"], data.name


def test_csv_of_a_merged_two_row_header(tmp_path: Path, fields: tuple) -> None:
    """A sheet with a merged two-row header saved as CSV keeps each group label only above
    its first child ("Ngày" over "Tiếp nhận", then empty over "Hẹn trả mới"): the label
    covers the whole group, so "Hẹn trả mới" is the new date (it was left unbound and every
    row failed for want of one)."""
    import datetime as dt

    lines = [
        "DANH SÁCH HỒ SƠ TRỄ HẠN,,,,,,,,",
        "STT,Mã hồ sơ,Tên thủ tục,Thông tin chủ hồ sơ,,Ngày,,,Lý do",
        ",,,Họ tên,Số điện thoại,Tiếp nhận,Hẹn trả,Hẹn trả mới,",
        "1,000.00.06.H56-231027-0001,Cấp phép,Lê Văn A,0912345678,27/10/2023,"
        "03/11/2023,10/11/2023,Chờ",
    ]
    path = tmp_path / "hai-tang.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_batch(path, fields)
    columns = {f: c.header for f, c in loaded.table.header.by_field().items()}
    assert columns["new_due_at"] == "Ngày / Hẹn trả mới"
    assert columns["due_at"] == "Ngày / Hẹn trả"
    assert columns["phone"] == "Thông tin chủ hồ sơ / Số điện thoại"
    assert loaded.validation.problems == ()
    assert loaded.validation.good[0].values["new_due_at"] == dt.datetime(2023, 11, 10)


def test_csv_cells_written_as_excel_text_formulas(tmp_path: Path, fields: tuple) -> None:
    """Exporters write ``="0912345678"`` so that Excel keeps leading zeros and does not turn
    codes and dates into numbers; Excel shows the text inside, and so does the batch (the
    code used to reach the letter as ``="000.00…"`` and the date to fail its row)."""
    import datetime as dt

    lines = ["Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Số điện thoại,Ngày nhận,Ngày hẹn trả,"
             "Ngày hẹn trả mới,Lý do",
             '="000.00.06.H56-231027-0001",Cấp phép,"=""Hộ ông Lê Văn A""",="0912345678",'
             '="27/10/2023",03/11/2023,10/11/2023,Chờ']
    path = tmp_path / "cong-thuc.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_batch(path, fields)
    assert loaded.validation.problems == ()
    values = loaded.validation.good[0].values
    assert values["dossier_code"] == "000.00.06.H56-231027-0001"
    assert values["applicant_name"] == "Hộ ông Lê Văn A"
    assert values["phone"] == "0912345678"
    assert values["received_at"] == dt.datetime(2023, 10, 27)


def test_days_late_written_as_a_phrase(tmp_path: Path, fields: tuple) -> None:
    """"Quá hạn 3 ngày", "Trễ 2 ngày làm việc", "4 (ngày)" are day counts; a count that is
    not a whole number of days is still reported."""
    wb = Workbook()
    ws = wb.active
    ws.append([*HEADER[1:], "Số ngày quá hạn"])
    for n, late in enumerate(["Quá hạn 3 ngày", "Trễ 2 ngày làm việc", "4 (ngày)", "0,5 ngày"],
                             start=1):
        ws.append([*_row(n)[1:], late])
    path = tmp_path / "so-ngay.xlsx"
    wb.save(path)
    v = load_batch(path, fields).validation
    assert [r.values["days_late"] for r in v.good] == [3, 2, 4]
    assert [p.message() for p in v.errors] == [
        "Dòng 5, cột “Số ngày quá hạn”: giá trị “0,5 ngày”: không phải số nguyên"]


def test_rows_hidden_by_a_filter_are_flagged(tmp_path: Path, fields: tuple) -> None:
    """A clerk filtered the list in Excel and saved it: the rows the filter hides are still
    in the file. Their letters are made (never dropped silently), each with a warning that
    names the row, so the clerk who meant to leave them out sees which ones to delete."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER[1:])
    for n in range(1, 5):
        ws.append(_row(n)[1:])
    ws.auto_filter.ref = "A1:G5"
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[5].hidden = True
    ws.merge_cells("G2:G3")  # a merged reason over a hidden row keeps the row hidden
    path = tmp_path / "da-loc.xlsx"
    wb.save(path)
    v = load_batch(path, fields).validation
    assert [r.row for r in v.good] == [2, 3, 4, 5]
    assert [p.message() for p in v.warnings] == [
        f"Dòng {n}: dòng này đang bị ẩn trong Excel (lọc hoặc ẩn dòng) nhưng vẫn được tạo văn "
        "bản; nếu không cần gửi, hãy xoá dòng khỏi bảng tính" for n in (3, 5)]
    xml = ('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"'
           ' xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="DS">'
           "<Table>" + "".join(
               ('<Row ss:Hidden="1">' if n == 2 else "<Row>")
               + "".join(f'<Cell><Data ss:Type="String">{v}</Data></Cell>' for v in values)
               + "</Row>" for n, values in enumerate([HEADER[1:], _row(1)[1:], _row(2)[1:]]))
           + "</Table></Worksheet></Workbook>")
    path = tmp_path / "da-loc-2003.xml"
    path.write_text(xml, encoding="utf-8")
    v = load_batch(path, fields).validation
    assert [(p.row, p.severity) for p in v.problems] == [(3, "warning")]


def test_hidden_row_warning_in_the_manifest(tmp_path: Path, examples: Path) -> None:
    """The report says which letters come from hidden rows, in words (not "None: …")."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER[1:])
    for n in range(1, 3):
        ws.append(_row(n)[1:])
    ws.row_dimensions[3].hidden = True
    path = tmp_path / "an.xlsx"
    wb.save(path)
    result = run_batch(path, load_profile(examples / "profile.yml"), tmp_path / "out")
    assert result.written == 2
    warnings = {e.row: e.warnings for e in result.entries}
    assert warnings[2] == ""
    assert warnings[3].startswith("dòng này đang bị ẩn trong Excel")


def _as_excel_shows_ansi(text: str) -> str:
    """``text``'s UTF-8 bytes as Excel shows them when it opens the file as Windows-1252
    (the five bytes that code page lacks become U+0081…U+009D, as Windows decodes them)."""
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252")
                   for b in text.encode("utf-8"))


def test_utf8_opened_as_ansi_and_saved_again_is_repaired(tmp_path: Path, fields: tuple) -> None:
    """A UTF-8 CSV without a BOM opened in Excel shows "Nguyá»…n VÄƒn BÃ¬nh"; saved again
    (as CSV UTF-8 or .xlsx) it keeps that text. Headers and cells are read as they were
    written; the letters used to carry the garbled text."""
    header = ["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày nhận", "Ngày hẹn trả",
              "Ngày hẹn trả mới", "Lý do"]
    row = ["000.00.06.H56-231027-0001", "Đăng ký kết hôn", "Trương Thị Ượt", "27/10/2023",
           "03/11/2023", "10/11/2023", "Chờ ý kiến của Sở Tư pháp"]
    garbled = [[_as_excel_shows_ansi(v) for v in r] for r in (header, row)]
    assert garbled[1][2] == "TrÆ°Æ¡ng Thá»‹ Æ¯á»£t"
    csv_path = tmp_path / "hong-dau.csv"
    csv_path.write_text("\n".join(",".join(r) for r in garbled) + "\n", encoding="utf-8-sig")
    wb = Workbook()
    for r in garbled:
        wb.active.append(r)
    xlsx_path = tmp_path / "hong-dau.xlsx"
    wb.save(xlsx_path)
    for path in (csv_path, xlsx_path):
        loaded = load_batch(path, fields)
        assert loaded.table.header.by_field()["applicant_name"].header == "Chủ hồ sơ"
        values = loaded.validation.good[0].values
        assert (values["applicant_name"], values["procedure_name"], values["late_reason"]) == (
            "Trương Thị Ượt", "Đăng ký kết hôn", "Chờ ý kiến của Sở Tư pháp"), path.name


def test_csv_with_an_excel_separator_line(tmp_path: Path, fields: tuple) -> None:
    """"sep=;" on the first line tells Excel the separator and is not shown as a row:
    the separator is the one it names and row numbers are those Excel shows."""
    path = tmp_path / "sep.csv"
    path.write_bytes(
        "sep=;\r\nMã hồ sơ;Tên thủ tục;Chủ hồ sơ;Ngày nhận;Ngày hẹn trả;Ngày hẹn trả mới;Lý do\r\n"
        "A-1;Cấp phép;Lê Văn A;27/10/2023;31/11/2023;10/12/2023;Chờ, gấp\r\n"
        "A-2;Cấp phép;Lê Văn B;27/10/2023;03/11/2023;10/12/2023;Chờ, gấp\r\n".encode())
    v = load_batch(path, fields).validation
    assert [(r.row, r.values["late_reason"]) for r in v.good] == [(3, "Chờ, gấp")]
    assert [p.message() for p in v.errors] == [
        "Dòng 2, cột “Ngày hẹn trả”: giá trị “31/11/2023”: ngày 31/11/2023 không có thật "
        "(đọc theo thứ tự ngày/tháng/năm)"]


def test_utf8_csv_with_a_cut_character(tmp_path: Path, fields: tuple) -> None:
    """A system that cuts a text at a byte limit leaves half a UTF-8 character: the file is
    still read as UTF-8 (it used to be read as Windows-1258, every letter garbled and the
    file refused for want of a "Mã hồ sơ" column) and the damaged cell is reported."""
    text = ("Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày nhận,Ngày hẹn trả,Ngày hẹn trả mới,Lý do\n"
            "A-1,Cấp phép xây dựng,Nguyễn Văn Bình,27/10/2023,03/11/2023,10/11/2023,Chờ ý kiến\n"
            "A-2,Đăng ký kết hôn,Trần Thị Ượt,27/10/2023,03/11/2023,10/11/2023,").encode()
    cut = "Chờ xác minh của công an huyệ".encode()[:-1]
    for name, prefix in (("cat.csv", b""), ("cat-bom.csv", b"\xef\xbb\xbf")):
        path = tmp_path / name
        path.write_bytes(prefix + text + cut + b"\n")
        v = load_batch(path, fields).validation
        assert [r.values["applicant_name"] for r in v.good] == ["Nguyễn Văn Bình"], name
        assert [p.message() for p in v.errors] == [
            "Dòng 3, cột “Lý do”: giá trị “Chờ xác minh của công an huy\ufffd”: ô có ký tự không "
            "đọc được (“\ufffd”): tệp bị hỏng ở chỗ này; hãy sửa lại ô trong bảng tính hoặc "
            "xuất lại tệp"], name


def test_html_with_a_cut_character(tmp_path: Path, fields: tuple) -> None:
    """The same damage in an HTML export declared UTF-8: the page used to be decoded as
    Windows-1258 (its text garbled, the page refused); the damaged cell is now the one
    reported."""
    page = ("<html><head><meta charset='utf-8'></head><body><table><tr><td>Mã hồ sơ</td>"
            "<td>Tên thủ tục</td><td>Chủ hồ sơ</td><td>Ngày nhận</td><td>Ngày hẹn trả</td>"
            "<td>Ngày hẹn trả mới</td><td>Lý do</td></tr><tr><td>A-1</td><td>Cấp phép</td>"
            "<td>Nguyễn Văn Bình</td><td>27/10/2023</td><td>03/11/2023</td><td>10/11/2023</td>"
            "<td>Cần ý kiến của Sở Tư pháp và Công an tỉnh</td></tr><tr><td>A-2</td>"
            "<td>Cấp phép</td><td>Trần Thị Ượt</td><td>27/10/2023</td><td>03/11/2023</td>"
            "<td>10/11/2023</td><td>").encode()
    data = page + "Cần ý kiến huyệ".encode()[:-1] + b"</td></tr></table></body></html>"
    data.decode("cp1258")  # every byte has a Windows-1258 meaning: that reading cannot fail
    path = tmp_path / "cat.xls"
    path.write_bytes(data)
    v = load_batch(path, fields).validation
    assert [r.values["applicant_name"] for r in v.good] == ["Nguyễn Văn Bình"]
    assert [(p.row, p.column) for p in v.errors] == [(3, "Lý do")]


def test_name_columns_under_different_group_labels(tmp_path: Path, fields: tuple) -> None:
    """A two-row header with a "Họ và tên" under each person: the representative's and the
    officer's come before the owner's. Each name goes to the person its group label names
    (the leftmost "Họ và tên" used to be taken for the applicant, so letters were addressed
    to the representative or the officer, and a group label merged over two columns bound
    the second child column, a phone number, as the representative)."""
    top = ["STT", "Mã hồ sơ", "Tên thủ tục", "Cán bộ thụ lý", None, "Người được ủy quyền", None,
           "Chủ hồ sơ", None, "Ngày nhận", "Ngày hẹn trả", "Ngày hẹn trả mới", "Lý do"]
    sub = [None, None, None, "Họ và tên", "Chức vụ", "Họ và tên", "Số điện thoại", "Họ và tên",
           "Địa chỉ", None, None, None, None]
    data = [1, "000.00.06.H56-231027-0001", "Cấp phép", "Lê Cán Bộ", "Chuyên viên",
            "Trần Đại Diện", "0912345678", "Nguyễn Công Dân", "Thôn 3", "27/10/2023",
            "03/11/2023", "10/11/2023", "Chờ"]
    wb = Workbook()
    ws = wb.active
    for row in (top, sub, data):
        ws.append(row)
    for rng in ("A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:G1", "H1:I1", "J1:J2", "K1:K2", "L1:L2",
                "M1:M2"):
        ws.merge_cells(rng)
    xlsx = tmp_path / "hai-nguoi.xlsx"
    wb.save(xlsx)
    csv_path = tmp_path / "hai-nguoi.csv"
    csv_path.write_text("\n".join(",".join("" if v is None else str(v) for v in row)
                                  for row in (top, sub, data)) + "\n", encoding="utf-8")
    for path in (xlsx, csv_path):
        loaded = load_batch(path, fields)
        columns = {f: c.header for f, c in loaded.table.header.by_field().items()}
        assert columns["applicant_name"] == "Chủ hồ sơ / Họ và tên", path.name
        assert columns["representative_name"] == "Người được ủy quyền / Họ và tên", path.name
        assert columns["handler_name"] == "Cán bộ thụ lý / Họ và tên", path.name
        assert columns["phone"] == "Người được ủy quyền / Số điện thoại", path.name
        values = loaded.validation.good[0].values
        assert (values["applicant_name"], values["representative_name"]) == (
            "Nguyễn Công Dân", "Trần Đại Diện"), path.name


def test_same_day_dossier_due_without_a_time(tmp_path: Path, fields: tuple) -> None:
    """A same-day procedure received at 08:15 and due "27/10/2023" (no time: that whole
    day) is on time; it used to fail as "due before received". Dates without a time are
    shown as written, without "00:00"."""
    path = tmp_path / "trong-ngay.csv"
    path.write_text(
        "Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày nhận,Ngày hẹn trả,Ngày hẹn trả mới,Lý do\n"
        "A-1,Chứng thực,Lê Văn A,27/10/2023 08:15,27/10/2023,30/10/2023,Chờ\n"
        "A-2,Chứng thực,Lê Văn B,27/10/2023 08:15,26/10/2023,30/10/2023,Chờ\n",
        encoding="utf-8")
    v = load_batch(path, fields).validation
    assert [r.row for r in v.good] == [2]
    assert [p.message() for p in v.errors] == [
        "Dòng 3, cột “Ngày hẹn trả”: giá trị “26/10/2023”: ngày hẹn trả trước ngày tiếp nhận "
        "(27/10/2023 08:15); kiểm tra lại thứ tự ngày/tháng"]


def test_tcvn3_headers_in_a_vntime_sheet(tmp_path: Path, fields: tuple) -> None:
    """An old template typed in .VnTime throughout: its headers are TCVN3 too ("M· hå s¬"),
    and the sheet used to be refused for want of a "Mã hồ sơ" column. A header already
    typed in Unicode in a .VnTime cell ("Ghi chú") is left as it is."""
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.append(["Danh s¸ch hå s¬ trÔ h¹n"])
    ws.append(["STT", "M· hå s¬", "Tªn thñ tôc", "Chñ hå s¬", "Ngµy nhËn", "Ngµy hÑn tr¶",
               "Ngµy hÑn tr¶ míi", "Lý do", "Ghi chú"])
    ws.append([1, "000.00.06.H56-231027-0001", "CÊp phÐp x©y dùng", "TrÇn V¨n §øc",
               "27/10/2023", "03/11/2023", "10/11/2023", "Chê ý kiÕn", "Kh«ng"])
    for row in ws.iter_rows():
        for cell in row:
            cell.font = Font(name=".VnTime")
    path = tmp_path / "vntime.xlsx"
    wb.save(path)
    loaded = load_batch(path, fields)
    columns = {f: c.header for f, c in loaded.table.header.by_field().items()}
    assert columns["dossier_code"] == "Mã hồ sơ" and columns["notes"] == "Ghi chú"
    assert columns["new_due_at"] == "Ngày hẹn trả mới"
    values = loaded.validation.good[0].values
    assert (values["applicant_name"], values["procedure_name"]) == (
        "Trần Văn Đức", "Cấp phép xây dựng")


def test_numbers_excel_wrote_in_exponent_form(tmp_path: Path, fields: tuple) -> None:
    """A CSV saved from Excel keeps long numbers as Excel showed them: "2.30E+11". The digits
    are lost: a dossier code in that form fails its row (it used to be printed in the letter
    as "2.30E+11" with a mere warning), an ID number gets a warning."""
    path = tmp_path / "so-mu.csv"
    path.write_text(
        "Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Số CCCD,Ngày nhận,Ngày hẹn trả,Ngày hẹn trả mới,Lý do\n"
        "2.30E+11,Cấp phép,Lê Văn A,038190012345,27/10/2023,03/11/2023,10/11/2023,Chờ\n"
        "2023E0457,Cấp phép,Lê Văn B,3.81900E+10,27/10/2023,03/11/2023,10/11/2023,Chờ\n",
        encoding="utf-8")
    v = load_batch(path, fields).validation
    assert [r.values["dossier_code"] for r in v.good] == ["2023E0457"]
    assert [(p.row, p.column, p.severity) for p in v.problems if "số mũ" in p.reason] == [
        (2, "Mã hồ sơ", "error"), (3, "Số CCCD", "warning")]
    assert v.errors[0].message() == (
        "Dòng 2, cột “Mã hồ sơ”: giá trị “2.30E+11”: Excel đã đổi số này sang dạng số mũ và làm "
        "mất chữ số; hãy định dạng cột là Văn bản (Text) trong bảng tính gốc rồi xuất lại")


def test_notes_and_recipients_under_the_table_are_not_dossiers(tmp_path: Path,
                                                               fields: tuple) -> None:
    """"Ghi chú: …" and "Nơi nhận:" written under the list, in the code column, are not rows
    to report as bad dossiers."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(_row(1))
    ws.append([None, "Ghi chú: danh sách gồm 1 hồ sơ quá hạn tính đến 31/10/2025"])
    ws.append([None, "Nơi nhận:", None, None, None, "KT. GIÁM ĐỐC"])
    ws.append([None, "- Như trên;", None, None, None, "PHÓ GIÁM ĐỐC"])
    ws.append([None, "- Lưu: VT.", None, None, None, "Trần Văn Bình"])
    path = tmp_path / "ghi-chu.xlsx"
    wb.save(path)
    loaded = load_batch(path, fields)
    assert [r.row for r in loaded.validation.good] == [2]
    assert loaded.validation.errors == ()
    assert [s.row for s in loaded.table.skipped] == [3]


def test_binary_workbook_is_refused_with_the_way_to_save_it(tmp_path: Path) -> None:
    """An .xlsb (Excel's binary workbook, a zip with xl/workbook.bin) used to be refused as
    "not an Excel workbook"; the clerk is now told what it is and how to save it."""
    path = tmp_path / "xuat.xlsb"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
        zf.writestr("xl/worksheets/sheet1.bin", b"\x81\x01\x00")
    with pytest.raises(InputFileError, match=r"\(\.xlsb\).*Excel Workbook \(\.xlsx\)"):
        read_grid(path)


def test_formulas_saved_without_their_result(tmp_path: Path, fields: tuple) -> None:
    """A list written by a program that does not compute formulas (as openpyxl writes them):
    "Ngày hẹn trả mới" = WORKDAY(…) has no saved result. The row is reported as holding a
    formula to compute by opening and saving the file in Excel; it used to be reported as
    "thiếu ngày hẹn trả mới", as if the clerk had left the cell empty."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER[1:])
    ws.append(_row(1)[1:])
    second = _row(2)[1:]
    second[5] = "=WORKDAY(D3,5)"
    ws.append(second)
    ws["H3"] = "=ROW()-1"  # a formula in a column the batch does not read
    path = tmp_path / "chua-tinh.xlsx"
    wb.save(path)
    v = load_batch(path, fields).validation
    assert [r.row for r in v.good] == [2]
    assert [p.message() for p in v.errors] == [
        "Dòng 3, cột “Ngày hẹn trả mới”: giá trị “=WORKDAY(D3,5)”: ô chứa công thức nhưng tệp "
        "không lưu kết quả tính; hãy mở tệp bằng Excel, lưu lại rồi chạy lại"]
