"""``vnadmin-docs register …`` as a clerk types it (run through click's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner, Result

from vnadmin_docs.cli.register import register


def _run(db: Path, *args: str, input: str | None = None, lang: str = "vi") -> Result:
    return CliRunner().invoke(
        register, ["--db", str(db), *args], input=input, env={"VNADMIN_DOCS_LANG": lang}
    )


def _allocate(db: Path, summary: str, day: str = "05/03/2026") -> Result:
    return _run(
        db, "allocate", "--issuer", "BNV", "--symbol", "QĐ-BNV", "--type", "Quyết định",
        "--summary", summary, "--date", day, "--signer", "Nguyễn Văn A",
        "--recipient", "Như Điều 3", "--recipient", "Lưu: VT, TCCB", "--copies", "4",
    )  # fmt: skip


def test_allocate_prints_the_so_line_and_counts_up(tmp_path: Path) -> None:
    db = tmp_path / "so.sqlite3"
    first = _allocate(db, "về việc khen thưởng")
    second = _allocate(db, "về việc nâng lương", "06/03/2026")

    assert first.exit_code == 0, first.output
    assert first.output.strip() == (
        "Đã cấp Số: 01/QĐ-BNV, ngày 05/03/2026 (sổ văn bản thường năm 2026 của BNV)."
    )
    assert "Số: 02/QĐ-BNV" in second.output


def test_list_show_cancel_and_export(tmp_path: Path) -> None:
    db = tmp_path / "so.sqlite3"
    for summary in ("về việc khen thưởng", "về việc nâng lương", "về việc điều động"):
        assert _allocate(db, summary).exit_code == 0

    listed = _run(db, "list", "--year", "2026")
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert lines[0].split("\t") == [
        "Số, ký hiệu", "Ngày", "Hệ thống số", "Tên loại và trích yếu", "Người ký", "Trạng thái"
    ]  # fmt: skip
    assert lines[2].split("\t") == [
        "02/QĐ-BNV", "05/03/2026", "thuong", "Quyết định về việc nâng lương", "Nguyễn Văn A",
        "Đã cấp",
    ]  # fmt: skip

    refused = _run(db, "cancel", "2", "--year", "2026", "--reason", "Ký nhầm", input="n\n")
    assert refused.exit_code != 0
    cancelled = _run(db, "cancel", "2", "--year", "2026", "--reason", "Ký nhầm", input="y\n")
    assert cancelled.exit_code == 0, cancelled.output
    assert "Đã hủy Số: 02/QĐ-BNV năm 2026. Lý do: Ký nhầm" in cancelled.output

    shown = _run(db, "show", "2", "--year", "2026")
    assert "Trạng thái   : Đã hủy" in shown.output
    assert "Lý do hủy    : Ký nhầm" in shown.output
    data = json.loads(_run(db, "show", "2", "--year", "2026", "--json").output)
    assert (data["status"], data["so"], data["recipients"]) == (
        "cancelled",
        "Số: 02/QĐ-BNV",
        ["Như Điều 3", "Lưu: VT, TCCB"],
    )

    after = _allocate(db, "về việc tiếp theo")
    assert "Số: 04/QĐ-BNV" in after.output

    out = tmp_path / "so-2026.xlsx"
    exported = _run(db, "export", str(out), "--year", "2026", "--body-name", "Bộ Nội vụ")
    assert exported.exit_code == 0, exported.output
    assert "(4 số)" in exported.output
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "Số, ký hiệu văn bản" and rows[0][9] == "Ghi chú"
    assert [r[0] for r in rows[2:]] == ["01/QĐ-BNV", "02/QĐ-BNV", "03/QĐ-BNV", "04/QĐ-BNV"]
    assert rows[3][9].endswith(": Ký nhầm")


def test_attach_records_the_file_checksum(tmp_path: Path) -> None:
    db = tmp_path / "so.sqlite3"
    _allocate(db, "về việc khen thưởng")
    document = tmp_path / "qd-01.docx"
    document.write_bytes(b"document bytes")
    attached = _run(db, "attach", "1", str(document), "--year", "2026")
    assert attached.exit_code == 0, attached.output
    shown = _run(db, "show", "1", "--year", "2026").output
    assert "(khớp mã kiểm tra)" in shown
    document.write_bytes(b"edited after numbering")
    assert "ĐÃ BỊ SỬA" in _run(db, "show", "1", "--year", "2026").output


def test_errors_are_one_clear_line_with_an_exit_code(tmp_path: Path) -> None:
    db = tmp_path / "so.sqlite3"
    bad = _run(db, "allocate", "--issuer", "BNV", "--symbol", "QĐ BNV", "--type", "Quyết định",
               "--summary", "x", "--date", "05/03/2026")  # fmt: skip
    assert bad.exit_code == 2
    assert "symbol (Ký hiệu)" in bad.output and "R-SO-5" in bad.output

    missing = _run(db, "show", "7", "--year", "2026")
    assert missing.exit_code == 1
    assert "Sổ chưa có văn bản thường nào năm 2026." in missing.output
    english = _run(db, "show", "7", "--year", "2026", lang="en")
    assert "The register has no thuong documents in 2026." in english.output

    wrong_date = _allocate(db, "x", "31/02/2026")
    assert wrong_date.exit_code == 2
    assert "31/02/2026" in wrong_date.output


def test_the_register_comes_from_the_environment_variable(tmp_path: Path) -> None:
    db = tmp_path / "moi" / "so.sqlite3"
    result = CliRunner().invoke(
        register,
        ["allocate", "--issuer", "UBND", "--symbol", "UBND-VP", "--type", "Công văn",
         "--summary", "V/v họp", "--date", "2026-01-02"],
        env={"VNADMIN_DOCS_REGISTER": str(db)},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Số: 01/UBND-VP" in result.output
    assert db.exists()


def test_a_number_may_be_typed_as_it_is_written_on_the_document(tmp_path: Path) -> None:
    db = tmp_path / "so.sqlite3"
    _allocate(db, "về việc khen thưởng")
    shown = _run(db, "show", "01/QĐ-BNV", "--year", "2026")
    assert shown.exit_code == 0, shown.output
    assert "Số           : Số: 01/QĐ-BNV" in shown.output
    wrong = _run(db, "cancel", "1/TB-BNV", "--year", "2026", "--reason", "x", "-y")
    assert wrong.exit_code == 1
    assert "có ký hiệu QĐ-BNV, không phải TB-BNV" in wrong.output
    nonsense = _run(db, "show", "mười lăm", "--year", "2026")
    assert nonsense.exit_code == 2 and "mười lăm" in nonsense.output
