"""Generated one-stop portal exports shaped like ``examples/xin-loi/ho-so-tre-han.xlsx``.

    .venv/bin/python benchmarks/exports.py 1000 OUT_DIR      # writes OUT_DIR/ho-so-1000.{xlsx,csv}

Twelve columns as in the example: STT, Mã hồ sơ, Tên thủ tục, then "Thông tin người nộp"
(Chủ hồ sơ, Người được ủy quyền, Số điện thoại, Địa chỉ) and "Ngày" (Tiếp nhận, Hẹn trả,
Hẹn trả mới) as a merged two-row header, Số ngày quá hạn, Lý do trễ hạn. The .xlsx has the
title rows, the column-number row "(1) … (12)", a group row ("I. Sở …") every 250 dossiers,
dates as text in the portal's several forms and as bare Excel serials, phones that lost
their leading zero, and a footer; the CSV is what Excel writes for the same rows (UTF-8 with
BOM, one header row). Every row is valid for examples/xin-loi/profile.yml (issue date
30/10/2025), so N rows give N letters.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

__all__ = ["make_csv", "make_xlsx", "rows"]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "H’Bia", "Ka"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thị Hương", "Văn Tám", "Thị Mười",
         "Đức Thắng", "Thị Ngọc Ánh", "Niê"]
PROCS = ["Cấp giấy chứng nhận quyền sử dụng đất lần đầu", "Đăng ký biến động quyền sử dụng đất",
         "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Đăng ký thành lập hộ kinh doanh",
         "Chứng thực hợp đồng chuyển nhượng", "Cấp giấy phép khai thác nước dưới đất"]
UNITS = ["Sở Nông nghiệp và Môi trường", "UBND xã Quảng Sơn", "Sở Xây dựng", "Sở Tư pháp"]
REASONS = ["Chờ ý kiến xác minh nguồn gốc đất của UBND xã", "Hồ sơ cần đo đạc lại ranh giới",
           "Chờ kết quả thẩm định của Hội đồng thẩm định", ""]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
GROUP_EVERY = 250


def _serial(day: int, month: int, hour: float) -> float:
    """An Excel serial date for ``day/month/2025`` at ``hour`` o'clock."""
    import datetime as dt

    return (dt.date(2025, month, day) - dt.date(1899, 12, 30)).days + hour / 24


def rows(count: int) -> list[tuple[object, ...]]:
    """``count`` dossier rows (12 cells each), valid for the example profile."""
    out: list[tuple[object, ...]] = []
    for i in range(count):
        day = i % 20 + 1  # received 1..20/10, due 21..28/10 (before the issue date 30/10)
        due = 21 + i % 8
        new_due = i % 25 + 3  # November
        name = f"{FAMILY[i % len(FAMILY)]} {GIVEN[i % len(GIVEN)]}"
        rep = ""
        if i % 7 == 0:
            name = f"CÔNG TY TNHH THƯƠNG MẠI SỐ {i}"
            rep = f"Ông {FAMILY[(i + 3) % len(FAMILY)]} Văn Hùng - Giám đốc"
        phone: object = 912000000 + i % 1000000 if i % 3 == 0 else f"0986 {i % 1000:03d} {i % 997:03d}"
        received: object = f"{day:02d}/10/2025 08:{i % 60:02d}:22"
        if i % 4 == 1:
            received = _serial(day, 10, 8.5)
        elif i % 4 == 2:
            received = f"08:30, {day:02d}/10/2025"
        due_at: object = f"{due:02d}/10/2025 17:00:00" if i % 2 else _serial(due, 10, 17)
        late = f"{i % 9 + 1}  Ngày" if i % 5 else i % 9 + 1
        out.append((
            i + 1, f"000.00.12.H41-2510{day:02d}-{i % 10000:04d}", PROCS[i % len(PROCS)],
            name, rep, phone, f"Thôn {i % 12 + 1}, xã Quảng Sơn, tỉnh Lâm Đồng",
            received, due_at, f"{new_due:02d}/11/2025 17:00", late, REASONS[i % len(REASONS)],
        ))
    return out


def make_xlsx(path: Path, count: int) -> Path:
    """The export as the portal writes it (title rows, merged header, group rows, footer)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    blank: list[object] = [None] * 12
    ws.append(["UBND TỈNH LÂM ĐỒNG", None, None, None, None,
               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", *blank[:6]])
    ws.append(["TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", None, None, None, None,
               "Độc lập - Tự do - Hạnh phúc", *blank[:6]])
    ws.append(blank)
    ws.append(["DANH SÁCH HỒ SƠ TRỄ HẠN CẦN GỬI VĂN BẢN XIN LỖI", *blank[:11]])
    ws.append(["Từ ngày 01/10/2025 đến ngày 31/10/2025", *blank[:11]])
    ws.append(blank)
    ws.append(["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Thông tin người nộp", None, None,
               None, "Ngày", None, None, "Số ngày quá hạn", "Lý do trễ hạn"])
    ws.append([None, None, None, "Chủ hồ sơ", "Người được ủy quyền", "Số điện thoại",
               "Địa chỉ", "Tiếp nhận", "Hẹn trả", "Hẹn trả mới", None, None])
    ws.append([f"({n})" for n in range(1, 13)])
    for i, row in enumerate(rows(count)):
        if i % GROUP_EVERY == 0:
            g = i // GROUP_EVERY
            ws.append([f"{ROMAN[g % 10]}. {UNITS[g % len(UNITS)]}", *blank[:11]])
        ws.append([None if c == "" else c for c in row])
    ws.append(blank)
    ws.append([f"Tổng cộng: {count} hồ sơ", *blank[:11]])
    # merged header cells, as the portal writes them (write-only sheets take merges too)
    for ref in ("A7:A8", "B7:B8", "C7:C8", "D7:G7", "H7:J7", "K7:K8", "L7:L8"):
        ws.merged_cells.add(ref)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def make_csv(path: Path, count: int) -> Path:
    """The same rows as Excel's "CSV UTF-8" (one header row, dates as shown)."""
    import datetime as dt

    def shown(cell: object) -> str:
        if isinstance(cell, float):
            moment = dt.datetime(1899, 12, 30) + dt.timedelta(days=cell)
            return moment.strftime("%d/%m/%Y %H:%M")
        return str(cell)

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Chủ hồ sơ",
                         "Người được ủy quyền", "Số điện thoại", "Địa chỉ", "Ngày tiếp nhận",
                         "Ngày hẹn trả", "Ngày hẹn trả mới", "Số ngày quá hạn", "Lý do trễ hạn"])
        for row in rows(count):
            writer.writerow([shown(c) for c in row])
    return path


if __name__ == "__main__":
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    print(make_xlsx(out / f"ho-so-{n}.xlsx", n), make_csv(out / f"ho-so-{n}.csv", n))
