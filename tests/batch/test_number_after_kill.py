"""``--assign-number`` killed right after the book took the numbers, before the batch
journal recorded them: the re-run keeps that block instead of taking as many numbers again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import run_batch
from vnadmin_docs.registry import Register

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "xin-loi" / "ho-so-tre-han.xlsx"
PROFILE = ROOT / "examples" / "xin-loi" / "profile.yml"
DAY = load_profile(PROFILE).issue_date

_KILLED_AFTER_COMMIT = """
import os, signal, sys
import vnadmin_docs.batch.numbering as numbering
from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import run_batch
from vnadmin_docs.registry import Register
take = numbering.number_documents
def take_then_die(*args, **kwargs):
    take(*args, **kwargs)  # committed in the book
    os.kill(os.getpid(), signal.SIGKILL)
numbering.number_documents = take_then_die
with Register.open(sys.argv[2]) as book:
    run_batch(sys.argv[1], load_profile(sys.argv[3]), sys.argv[4], register=book)
"""


def _killed_run(tmp_path: Path, book: Path, out: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", _KILLED_AFTER_COMMIT, str(DATA), str(book),
                           str(PROFILE), str(out)],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()


def test_numbers_taken_by_a_killed_run_are_kept_not_taken_again(tmp_path: Path) -> None:
    book_path, out = tmp_path / "so.sqlite3", tmp_path / "out"
    with Register.open(book_path) as book:  # one number already used by someone else
        book.allocate("TTPVHCC", DAY, symbol="QĐ-TTPVHCC", type_name="Quyết định",
                      summary="về việc khác")
    _killed_run(tmp_path, book_path, out)
    with Register.open(book_path) as book:
        assert [e.number for e in book.list()] == list(range(1, 10))  # the block: 02–09
        result = run_batch(DATA, load_profile(PROFILE), out, register=book)
        entries = book.list()
    assert result.numbers_taken == () and result.written == 8
    assert [e.number for e in entries] == list(range(1, 10))  # nothing taken twice, no gap
    assert all(e.output_path for e in entries[1:]) and not entries[0].output_path
    assert sorted(int(e.number) for e in result.entries if e.status == "written") == \
        list(range(2, 10))


def test_a_block_that_is_not_the_batch_is_never_adopted(tmp_path: Path) -> None:
    book_path, out = tmp_path / "so.sqlite3", tmp_path / "out"
    _killed_run(tmp_path, book_path, out)
    with Register.open(book_path) as book:
        for entry in book.list():  # someone cancels the stray numbers by hand
            book.cancel(entry, "lô bị ngắt")
        book.allocate("TTPVHCC", DAY, symbol="PXL-TTPVHCC", type_name="Phiếu",
                      summary="một văn bản khác, chờ gắn tệp")
        result = run_batch(DATA, load_profile(PROFILE), out, register=book)
        entries = book.list()
    assert result.numbers_taken == tuple(range(10, 18))  # 01–08 cancelled, 09 someone's
    assert entries[8].summary == "một văn bản khác, chờ gắn tệp" and not entries[8].output_path
    assert all(e.output_path for e in entries[9:])
