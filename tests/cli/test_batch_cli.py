"""The clerk's command: exit codes, messages on stderr, a summary, quiet in a pipe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from vnadmin_docs.cli.batch import batch
from vnadmin_docs.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "xin-loi"


@pytest.fixture(scope="module")
def app() -> click.Group:
    if "batch" not in cli.commands:
        cli.add_command(batch)
    return cli


def _run(app: click.Group, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_example_exits_1_and_names_the_bad_rows(app: click.Group, tmp_path: Path) -> None:
    code, out, err = _run(app, "batch", "xin-loi", str(EXAMPLES / "ho-so-tre-han.xlsx"),
                          "--profile", str(EXAMPLES / "profile.yml"), "-o", str(tmp_path))
    assert code == 1
    assert "Dòng 15, cột “Ngày / Hẹn trả mới”: giá trị “31/02/2025 17:00”" in err
    assert "Dòng 21, cột “Thông tin người nộp / Chủ hồ sơ”" in err
    assert "Đã tạo" in out and "tat-ca-de-in.docx" in out and "manifest.csv" in out
    assert "\x1b[" not in err and "━" not in err  # no progress bar outside a terminal


def test_all_good_exits_0(app: click.Group, tmp_path: Path) -> None:
    data = tmp_path / "ok.csv"
    data.write_text("Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày nhận,Ngày hẹn trả,Ngày hẹn trả mới,"
                    "Lý do\n000.00.06.H56-251027-0361,Cấp phép,Lê Văn A,27/10/2025,03/11/2025,"
                    "10/11/2025,Chờ\n", encoding="utf-8")
    code, _, _ = _run(app, "batch", "xin-loi", str(data), "--profile",
                        str(EXAMPLES / "profile.yml"), "-o", str(tmp_path / "o"), "--zip")
    assert code == 0
    assert (tmp_path / "o" / "van-ban.zip").is_file()


def test_unusable_input_exits_2(app: click.Group, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes("Mã hồ sơ,Chủ hồ sơ\n1,Nguyễn Văn Bình\n".encode("cp1252", "replace"))
    code, _, err = _run(app, "batch", "xin-loi", str(bad), "--profile",
                        str(EXAMPLES / "profile.yml"), "-o", str(tmp_path / "o"))
    assert code == 2 and "CSV UTF-8" in err
    profile = tmp_path / "p.yaml"
    profile.write_text("templat: xin-loi\n", encoding="utf-8")
    code, _, err = _run(app, "batch", "xin-loi", str(EXAMPLES / "ho-so-tre-han.xlsx"),
                        "--profile", str(profile), "-o", str(tmp_path / "o"))
    assert code == 2 and "templat" in err
    code, _, _ = _run(app, "batch", "xin-loi", str(EXAMPLES / "ho-so-tre-han.xlsx"))
    assert code == 2  # usage: --profile and -o are required


def test_english_messages(app: click.Group, tmp_path: Path) -> None:
    code, _, err = _run(app, "--lang", "en", "batch", "xin-loi",
                        str(EXAMPLES / "ho-so-tre-han.xlsx"), "--profile",
                        str(EXAMPLES / "profile.yml"), "-o", str(tmp_path), "--dry-run")
    assert code == 1 and "Row 15, column “Ngày / Hẹn trả mới”" in err
    assert not (tmp_path / "van-ban").exists()


def test_runs_as_a_program_in_a_pipe(tmp_path: Path) -> None:
    script = ("import sys; from vnadmin_docs.cli.main import cli; "
              "from vnadmin_docs.cli.batch import batch; cli.add_command(batch); "
              "cli(sys.argv[1:])")
    proc = subprocess.run(
        [sys.executable, "-c", script, "batch", "xin-loi", str(EXAMPLES / "ho-so-tre-han.xlsx"),
         "--profile", str(EXAMPLES / "profile.yml"), "-o", str(tmp_path), "--workers", "2"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert proc.returncode == 1
    assert len(list((tmp_path / "van-ban").iterdir())) == 8
    assert "\r" not in proc.stderr
