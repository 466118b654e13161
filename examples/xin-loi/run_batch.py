"""The same batch as the README's first command, through the Python API.

    python examples/xin-loi/run_batch.py [OUTPUT_FOLDER]

Reads ho-so-tre-han.xlsx (a one-stop export with title rows, a merged two-row header,
group rows, a footer and three bad rows), writes one apology letter per good row, a merged
file to print and the report, then prints what a clerk needs to know.
"""

from __future__ import annotations

import sys
from pathlib import Path

from vnadmin_docs.batch import load_profile, run_batch

HERE = Path(__file__).resolve().parent


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out") / "xin-loi"
    profile = load_profile(HERE / "profile.yml")
    result = run_batch(HERE / "ho-so-tre-han.xlsx", profile, out,
                       profile_source=str(HERE / "profile.yml"))
    print(f"Mẫu: {result.template.id}")
    print(f"Đã tạo {result.written} văn bản, {result.unchanged} văn bản có sẵn từ lần trước, "
          f"{result.failed_rows} dòng lỗi.")
    for problem in result.problems:
        print(f"  - {problem.message()}")
    print(f"Văn bản: {out / 'van-ban'}")
    print(f"Tệp gộp để in: {result.merged}")
    if result.manifest:
        print(f"Báo cáo: {result.manifest[0]}")
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main())
