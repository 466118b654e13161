"""``batch --assign-number``: letters numbered from the register, in order, after the bad
rows are set aside; files recorded with their checksums; numbers kept on a re-run; the
number of a letter that cannot be made is cancelled with the reason."""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import LETTERS_DIR, run_batch
from vnadmin_docs.cli.main import cli
from vnadmin_docs.registry import EntryStatus, Register

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "xin-loi"
DATA = EXAMPLES / "ho-so-tre-han.xlsx"
PROFILE = EXAMPLES / "profile.yml"


def _manifest(out: Path) -> list[dict[str, str]]:
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _so_line(path: Path) -> str:
    document = docx.Document(str(path))
    lines = [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    return next(line for line in lines if line.startswith("Số:"))


def test_numbers_come_from_the_book_in_row_order(tmp_path: Path) -> None:
    book_path = tmp_path / "so.sqlite3"
    with Register.open(book_path) as book:
        # Two documents already issued that year: the batch continues from 03. The example's
        # new dates are in November 2025, so the batch is dated within their year.
        day = load_profile(PROFILE).issue_date
        for _ in range(2):
            book.allocate("TTPVHCC", day, symbol="QĐ-TTPVHCC", type_name="Quyết định",
                          summary="về việc khác")
        before = {e.number for e in book.list()}
        profile = load_profile(PROFILE).model_copy(update={"issue_date": day})
        result = run_batch(DATA, profile, tmp_path / "out", register=book)
        entries = [e for e in book.list() if e.number not in before]
    assert result.failed_rows == 3  # bad rows took no number
    assert result.numbers_taken == tuple(range(3, 11))
    assert [e.number for e in entries] == list(range(3, 11))
    rows = [r for r in _manifest(tmp_path / "out") if r["status"] == "written"]
    assert [r["number"] for r in rows] == [f"{n:02d}" for n in range(3, 11)]
    for row, entry in zip(rows, entries, strict=True):
        letter = tmp_path / "out" / row["output_file"]
        assert _so_line(letter).startswith(f"Số: {entry.number:02d}/PXL-TTPVHCC")
        assert entry.symbol == "PXL-TTPVHCC" and entry.doc_date == day
        assert row["dossier_code"] in entry.summary
        assert entry.output_path == str(letter.resolve())
        assert entry.output_sha256 == hashlib.sha256(letter.read_bytes()).hexdigest()
        assert entry.status is EntryStatus.ISSUED


def test_a_rerun_keeps_its_numbers(tmp_path: Path) -> None:
    profile = load_profile(PROFILE)
    out = tmp_path / "out"
    with Register.open(tmp_path / "so.sqlite3") as book:
        first = run_batch(DATA, profile, out, register=book)
        files = {p.name: p.read_bytes() for p in (out / LETTERS_DIR).iterdir()}
        again = run_batch(DATA, profile, out, register=book)
        assert len(book.list()) == 8
    assert len(first.numbers_taken) == 8 and first.numbers_reused == 0
    assert again.numbers_taken == () and again.numbers_reused == 8
    assert (again.written, again.unchanged) == (0, 8)
    assert {p.name: p.read_bytes() for p in (out / LETTERS_DIR).iterdir()} == files


def test_cli_assign_number_twice_takes_eight_numbers(tmp_path: Path) -> None:
    book_path = tmp_path / "so.sqlite3"
    args = ["batch", "xin-loi", str(DATA), "--profile", str(PROFILE), "-o",
            str(tmp_path / "out"), "--assign-number", "--db", str(book_path)]
    first = CliRunner().invoke(cli, args)
    second = CliRunner().invoke(cli, args)
    assert (first.exit_code, second.exit_code) == (1, 1)  # the 3 bad rows
    assert "Số lấy từ sổ đăng ký" in first.stdout and "8 (01–08)" in first.stdout
    assert "Giữ số đã cấp lần trước" in second.stdout
    with Register.open(book_path) as book:
        assert [e.number for e in book.list()] == list(range(1, 9))
    names = sorted(p.name for p in (tmp_path / "out" / LETTERS_DIR).iterdir())
    assert names[0].startswith("001-") and names[-1].startswith("008-")


def test_dry_run_takes_no_number(tmp_path: Path) -> None:
    book_path = tmp_path / "so.sqlite3"
    result = CliRunner().invoke(cli, ["batch", "xin-loi", str(DATA), "--profile", str(PROFILE),
                                      "-o", str(tmp_path / "out"), "--assign-number", "--db",
                                      str(book_path), "--dry-run"])
    assert result.exit_code == 1
    with Register.open(book_path) as book:
        assert book.list() == []


def test_a_letter_that_fails_to_render_gets_its_number_cancelled(tmp_path: Path) -> None:
    bad_code = "000.00.12.H41-251003-0007"
    source = (ROOT / "templates" / "van-ban-xin-loi.md").read_text(encoding="utf-8")
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "van-ban-xin-loi.md").write_text(
        source + f'\n{{% if dossier_code == "{bad_code}" %}}{{{{ bien_khong_co }}}}{{% endif %}}\n',
        encoding="utf-8")
    with Register.open(tmp_path / "so.sqlite3") as book:
        result = run_batch(DATA, load_profile(PROFILE), tmp_path / "out", register=book,
                           template="van-ban-xin-loi", template_dirs=[folder])
        entries = book.list()
    assert len(entries) == 8
    cancelled = [e for e in entries if e.is_cancelled]
    assert len(cancelled) == 1 and bad_code in cancelled[0].summary
    assert cancelled[0].cancel_reason is not None
    assert "Không tạo được văn bản" in cancelled[0].cancel_reason
    assert all(e.output_sha256 for e in entries if not e.is_cancelled)
    failed = [r for r in _manifest(tmp_path / "out") if r["dossier_code"] == bad_code]
    assert failed[0]["status"] == "failed" and result.failed_rows == 4


@pytest.mark.parametrize("series", ["mat"])
def test_series_is_its_own_book(tmp_path: Path, series: str) -> None:
    book_path = tmp_path / "so.sqlite3"
    result = CliRunner().invoke(cli, ["batch", "xin-loi", str(DATA), "--profile", str(PROFILE),
                                      "-o", str(tmp_path / "out"), "--assign-number", "--db",
                                      str(book_path), "--series", series])
    assert result.exit_code == 1
    with Register.open(book_path) as book:
        assert {e.series.value for e in book.list()} == {series}
        assert len(book.list(series="thuong")) == 0


def test_a_book_that_refuses_the_date_stops_before_any_letter(tmp_path: Path) -> None:
    book_path = tmp_path / "so.sqlite3"
    with Register.open(book_path) as book:  # the 2025 book already reached 01/12/2025
        book.allocate("TTPVHCC", date(2025, 12, 1), symbol="QĐ-TTPVHCC",
                      type_name="Quyết định", summary="về việc khác")
    result = CliRunner().invoke(cli, ["batch", "xin-loi", str(DATA), "--profile", str(PROFILE),
                                      "-o", str(tmp_path / "out"), "--assign-number", "--db",
                                      str(book_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and result.stderr.strip()
    assert not (tmp_path / "out" / LETTERS_DIR).exists()
    with Register.open(book_path) as book:
        assert len(book.list()) == 1
