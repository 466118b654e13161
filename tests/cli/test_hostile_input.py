"""Every command fed damaged or hostile input (issue 13): a named error, exit code 2, a
Vietnamese message that says what happened and what to do — never a traceback, never
unbounded time or memory. The commands run as real processes, so whatever Python would
print (a traceback, "Exception ignored in …") is seen."""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CONG_VAN_EXAMPLE, under_ci

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "examples" / "xin-loi" / "profile.yml"
HEADER = ["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả",
          "Ngày hẹn trả mới", "Lý do"]


def _cli(*args: str | Path, timeout: float = 120) -> tuple[int, str]:
    env = {**os.environ, "VNADMIN_DOCS_LANG": "vi"}
    proc = subprocess.run([sys.executable, "-m", "vnadmin_docs", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
    return proc.returncode, proc.stdout + proc.stderr


def _clean(output: str) -> None:
    assert "Traceback" not in output and "Exception ignored" not in output, output


@contextlib.contextmanager
def _tmpfs(where: Path, size: str, *, read_only: bool = False) -> Iterator[Path]:
    """A small real file system (root only): full after ``size``, or mounted read-only."""
    where.mkdir()
    opts = f"size={size}" + (",ro" if read_only else "")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        message = f"cannot mount a tmpfs ({done.stderr.strip()}): needs root"
        if under_ci():
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _letters_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows([f"000.00.06.H56-251027-{i:04d}", "Cấp giấy phép xây dựng",
                     f"Nguyễn Văn {chr(65 + i % 26)}", "27/10/2025 08:15", "03/11/2025 17:00",
                     "24/11/2025 17:00", "Chờ ý kiến"] for i in range(rows))
    return path


# ---- render onto a full or read-only disk ---------------------------------------------------


def test_render_onto_a_full_disk_is_a_vietnamese_message(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "day", "4k") as disk:
        code, output = _cli("render", "cong-van", CONG_VAN_EXAMPLE, "-o", disk / "cv.docx")
        assert code == 2, output
        _clean(output)
        assert "cv.docx" in output and "hết chỗ trống" in output and "chạy lại" in output
        assert list(disk.iterdir()) == []  # no half-written or temporary file


def test_render_onto_a_read_only_disk_is_a_vietnamese_message(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "chi-doc", "1m", read_only=True) as disk:
        code, output = _cli("render", "cong-van", CONG_VAN_EXAMPLE, "-o", disk / "cv.docx")
        assert code == 2, output
        _clean(output)
        assert "cv.docx" in output and "chỉ đọc" in output


# ---- batch onto a full disk -----------------------------------------------------------------


@pytest.mark.parametrize("size", ["300k", "450k", "1200k"])
def test_batch_onto_a_full_disk_names_the_file_and_leaves_no_temporary_file(
        size: str, tmp_path: Path) -> None:
    data = _letters_csv(tmp_path / "d.csv", 60)
    with _tmpfs(tmp_path / "day", size) as disk:
        out = disk / "kq"
        code, output = _cli("batch", "xin-loi", data, "--profile", PROFILE, "-o", out, "--zip")
        assert code == 2, output
        _clean(output)
        assert "hết chỗ trống" in output and "“”" not in output, output
        assert not [p for p in out.rglob("*") if p.name.startswith(".vnadmin-tmp-")]
        # space freed (a bigger disk): the rerun completes and reuses what was written
        moved = tmp_path / "kq"
        shutil.copytree(out, moved, symlinks=True)
    code, output = _cli("batch", "xin-loi", data, "--profile", PROFILE, "-o", moved, "--zip")
    assert code == 0, output
    assert len(list((moved / "van-ban").glob("*.docx"))) == 60
    assert (moved / "van-ban.zip").exists()


# ---- data and profiles past the limits -------------------------------------------------------

_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi",
                                                                  strict=True))


@pytest.mark.parametrize(("name", "text", "words"), [
    ("sau.yaml", "issuer: " + "[" * 100_000 + "]" * 100_000 + "\n", "lồng nhau"),
    ("sau.json", "[" * 100_000 + "]" * 100_000, "lồng nhau"),
    ("bom.yaml", _BOMB, "bí danh"),
    ("lap.yaml", "issuer:\n  name: A\n  name: B\nsubject: x\n", "“name” được viết hai lần"),
    ("lap.json", '{"subject": "a", "subject": "b"}', "“subject” được viết hai lần"),
])
def test_render_data_past_a_limit_is_a_named_error(name: str, text: str, words: str,
                                                     tmp_path: Path) -> None:
    data = tmp_path / name
    data.write_text(text, encoding="utf-8")
    started = time.monotonic()
    code, output = _cli("render", "cong-van", data, "-o", tmp_path / "cv.docx")
    assert time.monotonic() - started < 30
    assert code == 2, output
    _clean(output)
    assert words in output and name in output, output
    if name == "lap.yaml":
        assert "dòng 2 và dòng 3" in output


def test_a_profile_anchor_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    profile = tmp_path / "cau-hinh.yml"
    profile.write_text(PROFILE.read_text(encoding="utf-8") + "\n" + _BOMB.replace("a:", "za:")
                       .replace("*a", "*za").replace("&a", "&za"), encoding="utf-8")
    started = time.monotonic()
    code, output = _cli("batch", "xin-loi", _letters_csv(tmp_path / "d.csv", 2), "--profile",
                        profile, "-o", tmp_path / "kq")
    assert time.monotonic() - started < 30
    assert code == 2, output
    _clean(output)
    assert "bí danh" in output and "cau-hinh.yml" in output


def test_batch_json_data_nested_too_deep_is_an_input_file_error(tmp_path: Path) -> None:
    data = tmp_path / "ho-so.json"
    data.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, output = _cli("batch", "xin-loi", data, "--profile", PROFILE, "-o", tmp_path / "kq")
    assert code == 2, output
    _clean(output)
    assert "lồng nhau" in output and "ho-so.json" in output


# ---- a hostile template through the command line ----------------------------------------------


def test_a_template_past_the_sandbox_limit_names_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "thu.md").write_text("---\nid: thu\nlayout: cong-van\nfields:\n"
                                   "  body: {type: markup}\n---\nMột.\n"
                                   "{{ 'a' * 100000000 }}\n", encoding="utf-8")
    code, output = _cli("render", "thu", CONG_VAN_EXAMPLE, "-o", tmp_path / "x.docx",
                        "--templates", folder)
    assert code == 2, output
    _clean(output)
    assert "thu.md, dòng 8" in output


# ---- a damaged number book ---------------------------------------------------------------------


def _book(path: Path) -> Path:
    for n in range(3):
        code, output = _cli("register", "--db", path, "allocate", "--issuer", "UBND",
                            "--symbol", "UBND-VP", "--type", "Công văn", "--summary", f"thử {n}",
                            "--date", "05/03/2026")
        assert code == 0, output
    return path


@pytest.mark.parametrize(("case", "words"), [
    ("truncated", "bị hỏng hoặc bị cắt cụt"),
    ("garbage", "không phải sổ đăng ký"),
    ("foreign-same-tables", "chương trình khác"),
    ("foreign-other-tables", "chương trình khác"),
])
def test_a_damaged_or_foreign_number_book_is_a_vietnamese_message_with_a_next_step(
        case: str, words: str, tmp_path: Path) -> None:
    path = tmp_path / "so.sqlite3"
    if case == "truncated":
        good = _book(tmp_path / "tot.sqlite3")
        path.write_bytes(good.read_bytes()[:8192])
    elif case == "garbage":
        path.write_bytes(os.urandom(5000))
    else:
        db = sqlite3.connect(path)
        if case == "foreign-same-tables":
            db.execute("CREATE TABLE books (x)")
            db.execute("CREATE TABLE entries (y)")
        else:
            db.execute("CREATE TABLE khach_hang (ten)")
        db.commit()
        db.close()
    before = path.read_bytes()
    code, output = _cli("register", "--db", path, "list", "--year", "2026")
    assert code == 2, output
    _clean(output)
    assert words in output and "hãy" in output.lower()
    assert path.read_bytes() == before  # nothing written into someone else's file


def test_a_number_book_on_a_read_only_disk_lists_and_refuses_to_write(tmp_path: Path) -> None:
    good = _book(tmp_path / "so.sqlite3")
    with _tmpfs(tmp_path / "chi-doc", "1m") as disk:
        shutil.copy(good, disk / "so.sqlite3")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        code, output = _cli("register", "--db", disk / "so.sqlite3", "list", "--year", "2026")
        assert code == 0, output
        assert "03/UBND-VP" in output
        code, output = _cli("register", "--db", disk / "so.sqlite3", "allocate", "--issuer",
                            "UBND", "--symbol", "UBND-VP", "--type", "Công văn", "--summary",
                            "x", "--date", "05/03/2026")
        assert code == 2, output
        _clean(output)
        assert "chỉ đọc" in output and "--db" in output
