"""Scratch folders left by a conversion killed with ``kill -9`` are removed by the next one;
folders of conversions still running, and anything else in the temp directory, are not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from vnadmin_docs.pdf.scratch import scratch_dir, sweep_orphans

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process ids by signal: POSIX")

_CHILD = (
    "import sys, time\n"
    "from vnadmin_docs.pdf.scratch import scratch_dir\n"
    "folder = scratch_dir('pdf')\n"
    "(folder / 'profile.xcu').write_text('x')\n"
    "print(folder, flush=True)\n"
    "time.sleep(600)\n"
)


def _start_conversion(tmp: Path) -> tuple[subprocess.Popen[str], Path]:
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen([sys.executable, "-c", _CHILD], stdout=subprocess.PIPE, text=True,
                            env=env, cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout is not None
    with proc.stdout:
        folder = Path(proc.stdout.readline().strip())
    return proc, folder


def test_a_killed_conversions_folder_is_swept_a_running_ones_is_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    killed, left = _start_conversion(tmp_path)
    running, busy = _start_conversion(tmp_path)
    try:
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait()
        unrelated = [tmp_path / "vnadmin-docx-1234-abc", tmp_path / "anh-scan"]
        for folder in unrelated:
            folder.mkdir()
        assert left.is_dir() and busy.is_dir()
        mine = scratch_dir("letters")
        assert mine.name.startswith(f"vnadmin-letters-{os.getpid()}-")
        assert not left.exists()  # the killed run's profile and files are gone
        assert busy.is_dir() and (busy / "profile.xcu").is_file()
        assert all(folder.is_dir() for folder in unrelated)
        assert sweep_orphans(tmp_path) == []  # its own folder is never an orphan
        assert mine.is_dir()
    finally:
        running.kill()
        running.wait()
    assert sweep_orphans(tmp_path) == [busy]


def test_folders_named_without_a_process_id_go_after_a_day(tmp_path: Path) -> None:
    """Earlier builds named their folders "vnadmin-letters-0e0xvcce": no process to ask."""
    import time

    old, recent = tmp_path / "vnadmin-letters-0e0xvcce", tmp_path / "vnadmin-pdf-k2m9q1zz"
    for folder in (old, recent):
        folder.mkdir()
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (day_ago, day_ago))
    assert sweep_orphans(tmp_path) == [old]
    assert recent.is_dir()
