"""Build the example exports in this folder from one list of late dossiers.

    python examples/xin-loi/make_export.py

Writes, next to this script:
- ``ho-so-tre-han.xlsx``: what a provincial one-stop system exports: title rows, a merged
  two-row header, a column-number row, group rows, dates as text and as bare Excel serials,
  a phone number that lost its leading zero, an ``_x000D_`` escape, a footer;
- ``ho-so-tre-han-cp1258.csv``: the same rows saved by Excel as "CSV" on a Vietnamese-locale
  Windows (Windows-1258, tone marks as separate characters);
- ``ho-so-tre-han-html.xls``: the same rows as an HTML table with an .xls name, the way some
  systems "export Excel".
Three rows are wrong on purpose (an impossible date, a new date before the old one, no name).
"""

from __future__ import annotations

import html
import unicodedata
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
T = "text"
S = "serial"

# (group, code, procedure, applicant, representative, phone, address, received, due, new due,
#  days late, reason). Dates: (kind, value). Days late are working days after the due date up
#  to the profile's issue date (30/10/2025), as the portal counts them.
GROUPS: list[tuple[str, list[tuple[object, ...]]]] = [
    ("I. Sở Nông nghiệp và Môi trường", [
        ("000.00.12.H41-251002-0012", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
         "Nguyễn Thị Hương", "", 912345678, "Thôn 3, xã Quảng Sơn, tỉnh Lâm Đồng",
         (T, "02/10/2025 08:15:22"), (T, "23/10/2025 17:00:00"), (T, "07/11/2025 17:00"),
         "5  Ngày", "Chờ ý kiến xác minh nguồn gốc đất của UBND xã"),
        ("000.00.12.H41-251003-0007", "Đăng ký biến động quyền sử dụng đất",
         "ông Trần Văn Minh", "", "0986 123 456", "Phường Bắc Gia Nghĩa, tỉnh Lâm Đồng",
         (S, 45933.3541666667), (S, 45951.7083333333), (T, "10/11/2025"),
         "7  Ngày", "Hồ sơ cần đo đạc lại ranh giới thửa đất"),
        ("000.00.12.H41 – 251006 – 0031", "Cấp giấy phép khai thác nước dưới đất",
         "CÔNG TY TNHH MTV CÀ PHÊ ĐẮK NÔNG", "Ông Lê Quang Vinh - Giám đốc", "02613 844 555",
         "Số 12 đường 23/3, phường Nam Gia Nghĩa, tỉnh Lâm Đồng",
         (T, "08:30, 06/10/2025"), (T, "27/10/2025 17:00:00"), (T, "14/11/2025 17:00:00"),
         3, "Chờ kết quả thẩm định của Hội đồng thẩm định"),
        ("000.00.12.H41-251007-0044", "Đăng ký đất đai lần đầu",
         "Ông Lê Văn Tám và bà Phạm Thị Mười", "", 367123456, "Thôn 1, xã Đắk Song, tỉnh Lâm Đồng",
         (T, "20251007091500"), (T, "28/10/2025 17:00"), (T, "12/11/2025 17:00"),
         "2  Ngày", "Chờ bổ sung trích đo địa chính"),
        ("000.00.12.H41-251008-0051", "Tách thửa đất",
         "Hộ gia đình bà H’Bia Niê", "", "0905111222", "Buôn Đắk R’Moan, xã Đắk R’Moan",
         (T, "2025-10-08T01:20:00.000Z"), (T, "29/10/2025 17:00"), (T, "31/02/2025 17:00"),
         "", "Chờ ý kiến cơ quan thuế"),
    ]),
    ("II. UBND xã Quảng Sơn", [
        ("000.22.31.H41-251010-0003", "Đăng ký thành lập hợp tác xã",
         "HỢP TÁC XÃ NÔNG NGHIỆP TÂN HÀ", "Bà Đỗ Thị Lan", "0263 3822 123",
         "Xã Tân Hà, tỉnh Lâm Đồng",
         (T, "10/10/2025 14:05:10"), (T, "20/10/2025 17:00:00"), (T, "05/11/2025 17:00:00"),
         "8  Ngày", "Tên hợp tác xã trùng với tên đã đăng ký, cần tra cứu thêm"),
        ("000.22.31.H41-251013-0009", "Chứng thực hợp đồng chuyển nhượng",
         "NGUYỄN VĂN AN", "", "", "Thôn 5, xã Quảng Sơn",
         (T, "13/10/2025"), (T, "16/10/2025 17:00"), (T, "15/10/2025 17:00"),
         "", "Chờ bản gốc giấy chứng nhận"),
        ("000.22.31.H41-251014-0011", "Đăng ký hộ kinh doanh",
         "Hộ kinh doanh Tạp hóa Minh Anh", "", "0912000111", "Thôn 2, xã Quảng Sơn",
         (S, 45944.375), (T, "21/10/2025 17:00:00"), (T, "03/11/2025 17:00:00"),
         "", ""),
        ("000.22.31.H41-251015-0012", "Cấp phép xây dựng có thời hạn",
         "Trường THCS Lê Lợi", "", "", "Xã Quảng Sơn, tỉnh Lâm Đồng",
         (T, "15/10/2025 10:00"), (T, "29/10/2025 17:00"), (T, "12/11/2025 17:00"),
         "1  Ngày", "Chờ ý kiến_x000D_ của Phòng Kinh tế"),
        ("000.22.31.H41-251016-0020", "Đăng ký khai sinh",
         "", "", "", "Thôn 4, xã Quảng Sơn",
         (T, "16/10/2025 09:00"), (T, "17/10/2025 17:00"), (T, "31/10/2025 17:00"),
         "", "Chờ xác minh"),
        ("BN-2025/0457", "Đăng ký kết hôn",
         "Trần\u00a0Thị\u200b Bé", "", "", "Thôn 6, xã Quảng Sơn",
         (T, "17/10/2025 15:30:00"), (T, "20/10/2025 17:00:00"), (T, "31/10/2025 17:00:00"),
         "8  Ngày", "Chờ trích lục từ cơ quan đăng ký cũ"),
    ]),
]

HEADER_TOP = ["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Thông tin người nộp", None, None,
              None, "Ngày", None, None, "Số ngày quá hạn", "Lý do trễ hạn"]
HEADER_SUB = [None, None, None, "Chủ hồ sơ", "Người được ủy quyền", "Số điện thoại", "Địa chỉ",
              "Tiếp nhận", "Hẹn trả", "Hẹn trả mới", None, None]
FLAT_HEADER = ["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Chủ hồ sơ", "Người được ủy quyền",
               "Số điện thoại", "Địa chỉ", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày hẹn trả mới",
               "Số ngày quá hạn", "Lý do trễ hạn"]


def _date_text(cell: tuple[str, object]) -> str:
    kind, value = cell
    if kind == S:
        from openpyxl.utils.datetime import from_excel

        when = from_excel(float(str(value)))
        return when.strftime("%d/%m/%Y %H:%M:%S")
    return str(value)


def build_xlsx(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Hồ sơ trễ hạn"
    ws["A1"] = "UBND TỈNH LÂM ĐỒNG"
    ws["F1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["A2"] = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    ws["F2"] = "Độc lập - Tự do - Hạnh phúc"
    ws.merge_cells("A1:D1")
    ws.merge_cells("F1:L1")
    ws.merge_cells("A2:D2")
    ws.merge_cells("F2:L2")
    ws["A4"] = "DANH SÁCH HỒ SƠ TRỄ HẠN CẦN GỬI VĂN BẢN XIN LỖI"
    ws.merge_cells("A4:L4")
    ws["A5"] = "Từ ngày 01/10/2025 đến ngày 31/10/2025"
    ws.merge_cells("A5:L5")
    for col, text in enumerate(HEADER_TOP, start=1):
        if text:
            ws.cell(7, col, text).font = Font(bold=True)
    for col, text in enumerate(HEADER_SUB, start=1):
        if text:
            ws.cell(8, col, text).font = Font(bold=True)
    for rng in ("A7:A8", "B7:B8", "C7:C8", "D7:G7", "H7:J7", "K7:K8", "L7:L8"):
        ws.merge_cells(rng)
    for col in range(1, 13):
        ws.cell(9, col, f"({col})").alignment = Alignment(horizontal="center")
    row = 10
    n = 0
    for group, items in GROUPS:
        ws.cell(row, 1, group).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=12)
        row += 1
        for item in items:
            n += 1
            code, proc, name, rep, phone, addr, rec, due, new, late, reason = item
            ws.cell(row, 1, n)
            ws.cell(row, 2, code)
            ws.cell(row, 3, proc)
            ws.cell(row, 4, name or None)
            ws.cell(row, 5, rep or None)
            ws.cell(row, 6, phone or None)
            ws.cell(row, 7, addr)
            for col, cell in ((8, rec), (9, due), (10, new)):
                _kind, value = cell  # type: ignore[misc]
                ws.cell(row, col, value)  # serials stay numbers in "General" format
            ws.cell(row, 11, late if late != "" else None)
            ws.cell(row, 12, reason or None)
            row += 1
    ws.cell(row, 1, f"Tổng cộng: {n} hồ sơ")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    ws.cell(row + 2, 10, "NGƯỜI LẬP BIỂU")
    ws.cell(row + 3, 10, "(Ký, họ tên)")
    ws.cell(row + 2, 3, "THỦ TRƯỞNG ĐƠN VỊ")
    for col, width in zip("ABCDEFGHIJKL", (5, 28, 40, 32, 26, 14, 36, 20, 20, 20, 10, 40),
                          strict=True):
        ws.column_dimensions[col].width = width
    wb.save(path)


def _flat_rows() -> list[list[str]]:
    rows: list[list[str]] = []
    n = 0
    for _group, items in GROUPS:
        for item in items:
            n += 1
            code, proc, name, rep, phone, addr, rec, due, new, late, reason = item
            rows.append([str(n), str(code), str(proc), str(name), str(rep), str(phone),
                         str(addr), _date_text(rec), _date_text(due), _date_text(new),  # type: ignore[arg-type]
                         str(late), str(reason).replace("_x000D_", "")])
    return rows


def to_cp1258(text: str) -> bytes:
    """Encode like Excel on a Vietnamese Windows: base letters precomposed where cp1258 has
    them, tone marks as separate combining characters."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        # Characters cp1258 cannot hold (zero-width space) are dropped, as Excel does.
        out += base.encode("cp1258", "ignore") + tones.encode("cp1258")
    return bytes(out)


def build_csv(path: Path) -> None:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FLAT_HEADER)
    writer.writerows(_flat_rows())
    path.write_bytes(to_cp1258(buf.getvalue()))


def build_html_xls(path: Path) -> None:
    esc = html.escape
    parts = [
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '<style>td{font-family:"Times New Roman"} .text{mso-number-format:"\\@"}</style>'
        "</head><body><table border=1>",
        '<tr><td colspan="12" align="center"><b>DANH SÁCH HỒ SƠ TRỄ HẠN</b></td></tr>',
        '<tr><td colspan="12" align="center">Từ ngày 01/10/2025 đến ngày 31/10/2025</td></tr>',
        "<tr>",
    ]
    for text in HEADER_TOP:
        if text is None:
            continue
        if text == "Thông tin người nộp":
            parts.append(f'<th colspan="4">{esc(text)}</th>')
        elif text == "Ngày":
            parts.append(f'<th colspan="3">{esc(text)}</th>')
        else:
            parts.append(f'<th rowspan="2">{esc(text)}</th>')
    parts.append("</tr><tr>")
    parts.extend(f"<th>{esc(t)}</th>" for t in HEADER_SUB if t)
    parts.append("</tr>")
    for row in _flat_rows():
        cells = "".join(
            f'<td class="text">{esc(v)}</td>' if v.startswith("0") else f"<td>{esc(v)}</td>"
            for v in row
        )
        parts.append(f"<tr>{cells}</tr>")
    parts.append('<tr><td colspan="3"><b>Tổng cộng</b></td></tr></table></body></html>')
    path.write_text("".join(parts), encoding="utf-8")


def main() -> None:
    build_xlsx(HERE / "ho-so-tre-han.xlsx")
    build_csv(HERE / "ho-so-tre-han-cp1258.csv")
    build_html_xls(HERE / "ho-so-tre-han-html.xls")
    print(f"Đã tạo dữ liệu mẫu trong {HERE} ({datetime.now():%H:%M:%S})")


if __name__ == "__main__":
    main()
