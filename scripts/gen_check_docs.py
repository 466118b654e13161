"""Generate docs/vi/kiem-tra.md from the checker's rule table.

Every rule registered in ``vnadmin_docs.check`` is listed with its ID, severity, what it
requires, an example violation and the fix. A test keeps the committed page in step with
the table (tests/check/test_docs.py).

Run:  .venv/bin/python scripts/gen_check_docs.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from vnadmin_docs.check import Severity
from vnadmin_docs.check.registry import ordered_rules

OUT = Path(__file__).resolve().parents[1] / "docs" / "vi" / "kiem-tra.md"

_SEVERITY = {
    Severity.ERROR: "lỗi",
    Severity.WARNING: "cảnh báo",
    Severity.NOT_EVALUATED: "chưa đánh giá",
}

HEAD = """\
# Kiểm tra thể thức văn bản (`vnadmin-docs check`)

<!-- Tệp này được sinh bởi scripts/gen_check_docs.py từ bảng quy tắc; đừng sửa tay. -->

Lệnh `vnadmin-docs check` đọc **bất kỳ** tệp .docx nào — do phần mềm này tạo ra hay do văn thư
gõ trong Word — và chỉ ra từng chỗ sai thể thức theo Nghị định 30/2020/NĐ-CP: mã quy tắc, vị trí
(đoạn số mấy, hoặc bảng/hàng/cột, kèm đoạn trích), hiện có gì và quy định yêu cầu gì.

```
vnadmin-docs check cong-van.docx                 # báo cáo tiếng Việt
vnadmin-docs check *.docx --json                 # JSON cho phần mềm khác
vnadmin-docs check cong-van.docx --lang en       # tiếng Anh
vnadmin-docs check du-thao.docx --draft          # bản dự thảo: chấp nhận số, ngày để trống
vnadmin-docs check cong-van.docx --render        # dàn trang bằng LibreOffice, kiểm tra cả trang in
vnadmin-docs check cong-van.docx --disable R-ND-5 --profile co-quan.toml
```

Mã thoát: **0** đúng thể thức; **1** có phát hiện ở mức `--fail-on` trở lên (mặc định `error`;
dùng `--fail-on warning` để coi cả cảnh báo là không đạt); **2** không đọc được tệp (thông báo
nêu tên tệp) hoặc hồ sơ cấu hình sai.

Mức độ: **lỗi** — trái quy định của Nghị định; **cảnh báo** — lệch so với mẫu của Nghị định
hoặc chỉ nên sửa; **chưa đánh giá** — không tìm thấy thành phần cần kiểm tra (ví dụ không
nhận ra dòng Quốc hiệu), chương trình không đoán.

Cơ quan có thể tắt quy tắc (`--disable R-…`, lặp lại được) hoặc nạp hồ sơ cấu hình riêng
(`--profile`), ví dụ chỉ chấp nhận lề trái 35 mm:

```toml
[margins]
left_mm = { min = 35, max = 35 }
```

Hồ sơ chỉ được chọn trong phạm vi Nghị định cho phép.

Tệp gộp nhiều văn bản (in hàng loạt, mỗi văn bản một section) được kiểm tra từng văn bản một;
vị trí khi đó bắt đầu bằng “văn bản thứ N”.

Những quy tắc đánh dấu *(trang in)* chỉ kiểm tra được khi dùng `--render` (cần LibreOffice và
gói tùy chọn `vnadmin-docs[render]`): độ dài đường kẻ so với dòng chữ, Quốc hiệu và Tiêu ngữ
không bị xuống dòng, số trang thực sự in từ trang 2. Khi có `--render`, các quy tắc R-QH-6,
R-CQ-5, R-TL-3, R-PGNUM-1, R-PGNUM-2 còn được đo trên trang in.

## Danh sách quy tắc
"""


def render() -> str:
    """The whole Markdown page."""
    parts = [HEAD]
    for r in ordered_rules():
        where = " *(trang in)*" if r.func is None else ""
        parts.append(
            f"\n### {r.rule_id} — {r.title.vi}{where}\n\n"
            f"- Mức độ: {_SEVERITY[r.severity]}\n"
            f"- Ví dụ sai: {_inline(r.example_bad)}\n"
            f"- Cách sửa: {_inline(r.example_fix)}\n"
        )
    return "".join(parts)


def _inline(text: str) -> str:
    return " / ".join(f"`{line}`" if line.strip() else "" for line in text.split("\n"))


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    tmp = OUT.with_suffix(".md.tmp")
    tmp.write_text(render(), encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {OUT}")  # a script, not the library
    return 0


if __name__ == "__main__":
    sys.exit(main())
