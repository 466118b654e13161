"""Write examples/thong-bao-phan-cong/nhan-su-van-phong.xlsx, the example staff sheet.

It shows both shapes read by vnadmin_docs.batch.staff: the head with all duties in one cell
(line breaks, Alt+Enter in Excel) and the deputies with one duty per row under merged name
cells. Run:  .venv/bin/python scripts/make_staff_example.py
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

OUT = (
    Path(__file__).resolve().parents[1]
    / "examples"
    / "thong-bao-phan-cong"
    / ("nhan-su-van-phong.xlsx")
)

HEAD = [
    "Phụ trách chung, lãnh đạo, điều hành toàn bộ hoạt động của Văn phòng; chịu trách nhiệm "
    "trước Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh về mọi hoạt động của Văn phòng.",
    "Trực tiếp phụ trách công tác tổ chức cán bộ, tài chính, thi đua, khen thưởng; là chủ tài "
    "khoản của Văn phòng.",
    "Trực tiếp phụ trách Phòng Hành chính - Tổ chức, Phòng Tổng hợp.",
]
DEPUTIES = [
    (
        "Bà",
        "Trần Thị Lan",
        "Phó Chánh Văn phòng",
        [
            "Giúp Chánh Văn phòng theo dõi, tham mưu lĩnh vực kinh tế, tài nguyên và môi "
            "trường, xây dựng, giao thông vận tải.",
            "Phụ trách Phòng Kinh tế, Trung tâm Phục vụ hành chính công.",
            "Thay mặt Chánh Văn phòng điều hành công việc khi Chánh Văn phòng đi vắng và được "
            "ủy quyền.",
            "Thực hiện nhiệm vụ khác do Chánh Văn phòng phân công.",
        ],
    ),
    (
        "Ông",
        "Lê Minh Tuấn",
        "Phó Chánh Văn phòng",
        [
            "Giúp Chánh Văn phòng theo dõi, tham mưu lĩnh vực văn hóa - xã hội, nội chính, cải "
            "cách hành chính.",
            "Phụ trách Phòng Khoa giáo - Văn xã, Phòng Nội chính, Ban Tiếp công dân.",
            "Thực hiện nhiệm vụ khác do Chánh Văn phòng phân công.",
        ],
    ),
]


def build(path: Path = OUT) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Phân công"
    ws.append(["DANH SÁCH PHÂN CÔNG NHIỆM VỤ LÃNH ĐẠO VĂN PHÒNG"])
    ws.append(["STT", "Danh xưng", "Họ và tên", "Chức vụ", "Nhiệm vụ"])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append([1, "Ông", "Nguyễn Văn Hùng", "Chánh Văn phòng", "\n".join(f"- {d}" for d in HEAD)])
    ws.cell(ws.max_row, 5).alignment = wrap
    for number, (honorific, name, title, duties) in enumerate(DEPUTIES, start=2):
        first = ws.max_row + 1
        for i, duty in enumerate(duties):
            if i == 0:
                ws.append([number, honorific, name, title, duty])
            else:
                ws.append([None, None, None, None, duty])
            ws.cell(ws.max_row, 5).alignment = wrap
        last = ws.max_row
        for col in "ABCD":
            ws.merge_cells(f"{col}{first}:{col}{last}")
    for col, width in zip("ABCDE", (6, 10, 22, 22, 90), strict=True):
        ws.column_dimensions[col].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.xlsx")
    wb.save(tmp)
    tmp.replace(path)
    return path


if __name__ == "__main__":
    print(build())
