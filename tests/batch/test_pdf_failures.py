"""``batch --pdf`` when LibreOffice fails on one letter, seen from a clerk's console: the
command itself (a real process, so Python's own handling of log records applies)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.pdf.builders import fake_soffice
from vnadmin_docs.batch.run import LETTERS_DIR, PDF_DIR, PRINT_PDF
from vnadmin_docs.pdf import SOFFICE_ENV

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "xin-loi"
HEADER = "Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày nhận,Ngày hẹn trả,Ngày hẹn trả mới,Lý do\n"


def _data(tmp_path: Path, names: list[str]) -> Path:
    data = tmp_path / "ds.csv"
    rows = [f"000.00.06.H56-251027-{i:04d},Cấp phép,{name},27/10/2025,03/11/2025,10/11/2025,Chờ"
            for i, name in enumerate(names, start=1)]
    data.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return data


def _run(tmp_path: Path, data: Path, soffice: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, SOFFICE_ENV: str(soffice), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "vnadmin_docs", "batch", "xin-loi", str(data), "--profile",
         str(EXAMPLES / "profile.yml"), "-o", str(tmp_path / "out"), "--pdf", "--workers", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )


def test_a_letter_that_crashes_libreoffice_is_named_in_vietnamese_without_scratch_files(
    tmp_path: Path,
) -> None:
    # The merged group holding "HONG" crashes, its letters are converted alone, and only
    # that letter fails. The console used to show an English log line naming the deleted
    # scratch file group-0000.docx and telling the clerk to open it.
    fake = fake_soffice(tmp_path / "fake", "crash-on-marker")
    data = _data(tmp_path, ["Lê Văn An", "Trần HONG", "Phạm Thị Chi"])
    done = _run(tmp_path, data, fake)
    assert done.returncode == 1, done.stderr
    err = done.stderr
    assert "Trần HONG.pdf" in err and "mã thoát 81" in err
    assert "vnadmin-letters-" not in err and "group-0" not in err
    assert "some merged groups failed" not in err and "Traceback" not in err
    out = tmp_path / "out"
    assert len(list((out / LETTERS_DIR).glob("*.docx"))) == 3
    pdfs = sorted(p.name for p in (out / PDF_DIR).glob("*.pdf"))
    assert len(pdfs) == 2 and not any("HONG" in name for name in pdfs)
    assert not (out / PRINT_PDF).exists()  # a print file missing a letter would mislead
