"""Output redirected to a file on Windows is in the ANSI code page, not UTF-8: simulated with
PYTHONIOENCODING (cp1252: English Windows; cp1258: Vietnamese Windows, no precomposed ễ)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "xin-loi"


@pytest.mark.parametrize("code_page", ["cp1252", "cp1258"])
def test_a_batch_printed_to_an_ansi_file_does_not_crash(tmp_path: Path, code_page: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": code_page, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "vnadmin_docs", "batch", "xin-loi",
         str(EXAMPLES / "ho-so-tre-han.xlsx"), "--profile", str(EXAMPLES / "profile.yml"),
         "-o", str(tmp_path / "kết quả")],
        capture_output=True, cwd=ROOT, env=env, check=False,
    )
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert proc.returncode == 1  # three bad rows, not a crash
    assert "Kết quả" in proc.stdout.decode("utf-8")
    assert "Dòng 21, cột “Thông tin người nộp / Chủ hồ sơ”: bắt buộc nhưng để trống" in err
    assert len(list((tmp_path / "kết quả" / "van-ban").glob("*.docx"))) == 8
