"""One rule for every path the batch writes, moves or reads in the output folder (issue 13):
a plain name, inside the folder, and never through a symbolic link — planted links are
refused (exit 2, a Vietnamese message naming the link) before anything is written, and
nothing outside the folder changes. The clerk's own input inside the folder is never
overwritten by a report."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from vnadmin_docs.batch.manifest import STATE_FILE
from vnadmin_docs.batch.run import LETTERS_DIR

HEADER = ["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả",
          "Ngày hẹn trả mới", "Lý do"]


def _csv(path: Path, rows: int, first: int = 0) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows([f"000.00.06.H56-251027-{i:04d}", "Cấp giấy phép xây dựng",
                     f"Nguyễn Văn {chr(65 + i)}", "27/10/2025 08:15", "03/11/2025 17:00",
                     "24/11/2025 17:00", "Chờ ý kiến"] for i in range(first, first + rows))
    return path


def _cli(*args: str) -> tuple[int, str]:
    from click.testing import CliRunner

    from vnadmin_docs.cli.main import cli

    res = CliRunner().invoke(cli, ["batch", "xin-loi", *args])
    return res.exit_code, res.output


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


@pytest.mark.parametrize("planted", [STATE_FILE, ".vnadmin-lock", "manifest.csv",
                                     "manifest.json", "van-ban.zip", "tat-ca-de-in.docx",
                                     "tat-ca-de-in.pdf"])
def test_a_file_planted_as_a_link_is_refused_before_anything_is_written(
        planted: str, tmp_path: Path, examples: Path) -> None:
    elsewhere = tmp_path / "ngoai"
    elsewhere.mkdir()
    victim = elsewhere / "quan-trong.txt"
    victim.write_text("dữ liệu của người khác\n", encoding="utf-8")
    out = tmp_path / "kq"
    out.mkdir()
    (out / planted).symlink_to(victim)
    code, output = _cli(str(_csv(tmp_path / "d.csv", 3)), "--profile",
                        str(examples / "profile.yml"), "-o", str(out), "--zip")
    assert code == 2, output
    assert "Traceback" not in output and "liên kết" in output and planted in output
    assert victim.read_text(encoding="utf-8") == "dữ liệu của người khác\n"
    assert not (out / LETTERS_DIR).exists()  # refused before a letter was written
    assert (out / planted).is_symlink()


@pytest.mark.parametrize("planted", ["cu", "cu/van-ban"])
def test_the_old_letter_folder_planted_as_a_link_is_refused(
        planted: str, tmp_path: Path, examples: Path) -> None:
    profile = str(examples / "profile.yml")
    out = tmp_path / "kq"
    code, output = _cli(str(_csv(tmp_path / "d.csv", 3)), "--profile", profile, "-o", str(out))
    assert code == 0, output
    elsewhere = tmp_path / "ngoai"
    elsewhere.mkdir()
    if planted == "cu/van-ban":
        (out / "cu").mkdir()
    (out / planted).symlink_to(elsewhere, target_is_directory=True)
    before = _snapshot(out)
    # one row fewer and shifted: the earlier letters would be moved into cu/
    code, output = _cli(str(_csv(tmp_path / "d2.csv", 2, first=1)), "--profile", profile,
                        "-o", str(out))
    assert code == 2, output
    assert "Traceback" not in output and "liên kết" in output
    assert list(elsewhere.iterdir()) == []
    assert _snapshot(out) == before


def test_a_letter_name_planted_as_a_link_is_set_aside_as_the_link_never_written_through(
        tmp_path: Path, examples: Path) -> None:
    profile = str(examples / "profile.yml")
    out = tmp_path / "kq"
    data = _csv(tmp_path / "d.csv", 2)
    letters = out / LETTERS_DIR
    victim = tmp_path / "quan-trong.docx"
    victim.write_bytes(b"not a letter")
    code, output = _cli(str(data), "--profile", profile, "-o", str(out))
    assert code == 0, output
    first = sorted(letters.iterdir())[0]
    first.unlink()
    first.symlink_to(victim)
    code, output = _cli(str(data), "--profile", profile, "-o", str(out))
    assert code == 0, output
    assert victim.read_bytes() == b"not a letter"
    assert first.is_file() and not first.is_symlink()
    assert (out / "cu" / LETTERS_DIR / first.name).is_symlink()  # moved aside, as the link


@pytest.mark.parametrize("name", ["manifest.csv", "manifest.json"])
def test_the_clerks_spreadsheet_named_like_the_report_is_never_overwritten(
        name: str, tmp_path: Path, examples: Path) -> None:
    out = tmp_path / "kq"
    out.mkdir()
    data = _csv(out / name, 3)
    before = data.read_bytes()
    code, output = _cli(str(data), "--profile", str(examples / "profile.yml"), "-o", str(out))
    assert code == 2, output
    assert "Traceback" not in output and "ghi đè" in output and name in output
    assert data.read_bytes() == before
    assert not (out / LETTERS_DIR).exists()


def test_manifest_csv_cells_that_excel_would_evaluate_are_written_as_text(
        tmp_path: Path, examples: Path) -> None:
    """Issue 13, OWASP rule: a name or a code beginning with = + - @ is written with a leading
    apostrophe in manifest.csv (Excel shows it as text); manifest.json keeps the value."""
    import json

    data = tmp_path / "d.csv"
    with data.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerow(["=000.00.12.H41-0007", "Cấp giấy phép xây dựng", "=cmd|' /C calc'!A0",
                    "27/10/2025 08:15", "03/11/2025 17:00", "24/11/2025 17:00", "Chờ"])
        w.writerow(["000.00.12.H41-0008", "Cấp giấy phép xây dựng", "@Nguyễn Văn B",
                    "27/10/2025 08:15", "03/11/2025 17:00", "24/11/2025 17:00", "Chờ"])
    out = tmp_path / "kq"
    _cli(str(data), "--profile", str(examples / "profile.yml"), "-o", str(out))
    text = (out / "manifest.csv").read_text(encoding="utf-8-sig")
    cells = [c for row in csv.reader(text.splitlines()) for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], cells
    assert "'=000.00.12.H41-0007" in cells or "'@Nguyễn Văn B" in cells
    rows = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["rows"]
    assert any(r["dossier_code"].startswith("=") or r["applicant"].startswith("@")
               for r in rows)
