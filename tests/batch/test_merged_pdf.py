"""The merged file opens in LibreOffice: one section per letter, numbering restarts, the
first page of each letter carries no page number."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pdfplumber
import pytest

from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import MERGED_FILE, run_batch

pytestmark = pytest.mark.libreoffice


def _pdf(soffice: str, docx: Path, out: Path) -> Path:
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out),
                    str(docx)], check=True, capture_output=True, timeout=180)
    return out / (docx.stem + ".pdf")


def test_merged_file_in_libreoffice(examples: Path, tmp_path: Path, soffice: str) -> None:
    profile = load_profile(examples / "profile.yml")
    long_reason = "Chờ ý kiến của cơ quan phối hợp về nguồn gốc sử dụng đất. " * 60
    data = tmp_path / "ds.csv"
    rows = [
        "Mã hồ sơ,Tên thủ tục,Chủ hồ sơ,Ngày nhận,Ngày hẹn trả,Ngày hẹn trả mới,Lý do",
        f"000.00.06.H56-251027-0001,Cấp phép,Lê Văn A,27/10/2025,03/11/2025,10/11/2025,"
        f"\"{long_reason}\"",
        "000.00.06.H56-251027-0002,Cấp phép,Công ty TNHH B,27/10/2025,03/11/2025,10/11/2025,Chờ",
    ]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_batch(data, profile, tmp_path / "out")
    assert result.written == 2
    pdf = _pdf(soffice, tmp_path / "out" / MERGED_FILE, tmp_path)
    with pdfplumber.open(pdf) as doc:
        pages = [p.extract_text() or "" for p in doc.pages]
        tops = [" ".join(w["text"] for w in p.extract_words() if w["top"] < 50)
                for p in doc.pages]
    starts = [i for i, text in enumerate(pages) if "UBND TỈNH LÂM ĐỒNG" in text]
    assert len(starts) == 2 and starts[0] == 0
    first_letter = range(starts[0], starts[1])
    assert len(first_letter) >= 2  # the long reason runs onto a second page
    assert tops[starts[0]].strip() == "" and tops[starts[1]].strip() == ""  # no number on p. 1
    assert tops[1].strip() == "2"  # numbered from page 2
    assert "Công ty TNHH B" in pages[starts[1]]


def test_dossier_codes_are_never_split_at_a_line_end(examples: Path, tmp_path: Path,
                                                     soffice: str) -> None:
    # In the example, the first letter's code reached the line end at a hyphen and printed
    # as "000.00.12.H41-" / "251002-0012"; its hyphens are now non-breaking.
    profile = load_profile(examples / "profile.yml")
    result = run_batch(examples / "ho-so-tre-han.xlsx", profile, tmp_path / "out")
    codes = [e.dossier_code for e in result.entries if e.status == "written"]
    assert len(codes) == 8 and "000.00.12.H41-251002-0012" in codes
    pdf = _pdf(soffice, tmp_path / "out" / MERGED_FILE, tmp_path)
    with pdfplumber.open(pdf) as doc:
        lines = [line for p in doc.pages for line in (p.extract_text() or "").splitlines()]
    for code in codes:
        body = [line for line in lines if f"{code}." in line or f"{code};" in line]
        assert body, f"{code} is split across lines"
