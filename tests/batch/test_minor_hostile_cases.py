"""The minor cases of issue 13, each with its message or the right behaviour: a password-
protected workbook and a file of another kind named as such, hidden sheets and rows named
in a warning, bidi controls stripped, a key written twice in YAML data refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from vnadmin_docs.batch.problems import InputFileError
from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import LETTERS_DIR, run_batch
from vnadmin_docs.batch.source import read_grid

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả",
          "Ngày hẹn trả mới", "Lý do"]


def _row(i: int, name: str) -> list[str]:
    return [f"000.00.06.H56-251027-{i:04d}", "Cấp giấy phép xây dựng", name,
            "27/10/2025 08:15", "03/11/2025 17:00", "24/11/2025 17:00", "Chờ ý kiến của Sở"]


def test_a_password_protected_workbook_is_named_as_such(fixtures_dir: Path) -> None:
    with pytest.raises(InputFileError) as info:
        read_grid(fixtures_dir / "mat-khau.xlsx")
    message = info.value.localized("vi")
    assert "mật khẩu" in message and "OLE2" not in message and ".xls" not in message.split(":")[-1]


def test_a_pdf_renamed_xlsx_is_named_as_a_pdf(tmp_path: Path, soffice: str) -> None:
    """A real PDF (LibreOffice's conversion of the công văn example) saved as ho-so.xlsx."""
    import vnadmin_docs
    from tests.conftest import CONG_VAN_EXAMPLE

    doc = vnadmin_docs.render("cong-van", vnadmin_docs.load_data(CONG_VAN_EXAMPLE))
    made = doc.to_pdf(tmp_path / "cv.pdf")
    pdf = tmp_path / "ho-so.xlsx"
    pdf.write_bytes(made.read_bytes())
    with pytest.raises(InputFileError) as info:
        read_grid(pdf)
    assert "tệp PDF" in info.value.localized("vi") and ".xlsx" in info.value.localized("vi")


def test_a_word_document_renamed_xlsx_is_named_as_such(tmp_path: Path) -> None:
    docx = sorted((Path(__file__).resolve().parents[1] / "check" / "corpus_real").glob("*.docx"))
    assert docx, "the real agency documents of the checker's corpus are missing"
    target = tmp_path / "ho-so.xlsx"
    target.write_bytes(docx[0].read_bytes())
    with pytest.raises(InputFileError) as info:
        read_grid(target)
    assert "tài liệu Word" in info.value.localized("vi")


def test_hidden_sheets_and_hidden_rows_are_named_with_their_count(tmp_path: Path,
                                                                   examples: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Danh sách"
    sheet.append(HEADER)
    for i in range(1, 5):
        sheet.append(_row(i, f"Nguyễn Văn {'ABCD'[i - 1]}"))
    sheet.row_dimensions[3].hidden = True
    sheet.row_dimensions[5].hidden = True
    secret = book.create_sheet("Đã gửi tháng trước")
    secret.append(HEADER)
    secret.sheet_state = "hidden"
    data = tmp_path / "ho-so.xlsx"
    book.save(data)
    result = run_batch(data, load_profile(examples / "profile.yml"), tmp_path / "kq")
    assert result.hidden_sheets == ("Đã gửi tháng trước",)
    assert result.hidden_rows == (3, 5)
    proc = subprocess.run([sys.executable, "-m", "vnadmin_docs", "batch", "xin-loi", str(data),
                           "--profile", str(examples / "profile.yml"), "-o",
                           str(tmp_path / "kq2")], capture_output=True, text=True, cwd=ROOT,
                          env={"VNADMIN_DOCS_LANG": "vi", "PATH": "/usr/bin:/bin"})
    assert "1 trang bị ẩn (“Đã gửi tháng trước”)" in proc.stderr + proc.stdout
    assert "2 dòng đang bị ẩn" in proc.stderr + proc.stdout


def test_bidi_controls_are_stripped_from_names_and_codes(tmp_path: Path,
                                                          examples: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append(_row(1, "Nguyễn \u202eVăn\u202c An\u2066\u2069"))
    data = tmp_path / "ho-so.xlsx"
    book.save(data)
    result = run_batch(data, load_profile(examples / "profile.yml"), tmp_path / "kq")
    assert result.written == 1
    from docx import Document

    letter = next((tmp_path / "kq" / LETTERS_DIR).iterdir())
    text = "\n".join(p.text for p in Document(str(letter)).paragraphs)
    assert "Nguyễn Văn An" in text
    assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_a_key_written_twice_in_yaml_data_is_refused_with_its_line(tmp_path: Path) -> None:
    data = tmp_path / "ho-so.yaml"
    data.write_text("- Mã hồ sơ: A-1\n  Chủ hồ sơ: Lê Văn A\n  Chủ hồ sơ: Lê Văn B\n",
                    encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        read_grid(data)
    message = info.value.localized("vi")
    assert "“Chủ hồ sơ” được viết hai lần" in message and "dòng 3" in message
