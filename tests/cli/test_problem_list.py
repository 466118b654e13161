"""Thousands of warnings are grouped in the terminal; errors are never hidden among them."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from vnadmin_docs.batch.record import RowProblem
from vnadmin_docs.cli.main import cli
from vnadmin_docs.cli.problem_list import EACH_MAX, LINES_MAX, problem_lines

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "examples" / "xin-loi" / "profile.yml"
PHONE = "số điện thoại bị mất số 0 đầu (mất khi lưu tệp), đã thêm lại"


def _phone(row: int) -> RowProblem:
    return RowProblem(row, "Số điện thoại", f"91200{row:04d}", PHONE, "lost its leading 0",
                      "warning")


def test_a_few_problems_are_printed_one_per_line() -> None:
    problems = [_phone(r) for r in range(2, 2 + EACH_MAX)]
    lines = problem_lines(problems, "vi", report="out/manifest.csv")
    assert len(lines) == EACH_MAX
    assert lines[0] == ("Cảnh báo", problems[0].message("vi"))


def test_many_warnings_are_grouped_and_every_error_kept() -> None:
    problems = [_phone(r) for r in range(2, 3335)]
    problems.insert(100, RowProblem(101, "Ngày hẹn trả mới", "31/02/2025",
                                    "ngày 31/02/2025 không có thật", "no such day"))
    lines = problem_lines(problems, "vi", report="out/manifest.csv")
    assert lines[0][0] == "LỖI" and "Dòng 101" in lines[0][1]
    assert lines[1] == ("Cảnh báo", f"cột “Số điện thoại”: {PHONE} — 3.333 dòng "
                                    "(2, 3, 4, 5, 6, 7, 8, 9…)")
    assert lines[-1] == ("…", "từng dòng, đủ cả: out/manifest.csv")
    english = problem_lines(problems, "en", report=None)
    assert "3,333 rows" in english[1][1]
    assert "--dry-run" in english[-1][1]
    blocked = problem_lines(problems, "vi", report=None, strict=True)
    assert blocked[-1][1].startswith("sửa các dòng lỗi rồi chạy lại")


def test_the_terminal_gets_at_most_lines_max_lines() -> None:
    errors = [RowProblem(r, "Mã hồ sơ", "", "bắt buộc nhưng để trống", "required")
              for r in range(2, 2 + LINES_MAX + 50)]
    lines = problem_lines([*errors, _phone(9999)], "vi", report="m.csv")
    assert len(lines) == LINES_MAX + 1
    assert lines[-1] == ("…", "và 51 vấn đề khác; từng dòng, đủ cả: m.csv")


def test_the_command_groups_a_real_shaped_export(tmp_path: Path) -> None:
    header = ("Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Số điện thoại,Ngày nhận,Ngày hẹn trả,"
              "Ngày hẹn trả mới,Lý do\n")
    rows = "".join(f"000.00.06.H56-251027-{i:04d},Cấp phép,Lê Văn A,912000{i:03d},27/10/2025,"
                   f"03/11/2025,10/11/2025,Chờ\n" for i in range(1, 41))
    data = tmp_path / "ho-so.csv"
    data.write_text(header + rows + "000.00.06.H56-251027-0999,Cấp phép,,,27/10/2025,"
                    "03/11/2025,10/11/2025,Chờ\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", "xin-loi", str(data), "--profile", str(PROFILE),
                                      "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    err = result.stderr
    assert err.count("mất số 0 đầu") == 1 and "40 dòng (2, 3, 4, 5, 6, 7, 8, 9…)" in err
    assert "LỖI Dòng 42" in err and "Chủ hồ sơ" in err
    assert str(tmp_path / "o" / "manifest.csv") in err
    manifest = (tmp_path / "o" / "manifest.csv").read_text(encoding="utf-8-sig")
    assert manifest.count("mất số 0 đầu") == 40
