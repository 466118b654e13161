"""``kill -9`` of a batch running with workers (issue 13): the workers die with it (no
orphans), and a rerun — with any number of workers — reuses every complete letter already
on disk (each letter is journalled by the process that wrote it, the moment it is in place).
A real kill of a real process, from outside, at a moment chosen by what is on disk."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vnadmin_docs._files import TMP_MARK
from vnadmin_docs.batch.manifest import STATE_FILE
from vnadmin_docs.batch.profile import load_profile
from vnadmin_docs.batch.run import LETTERS_DIR, run_batch

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "examples" / "xin-loi" / "profile.yml"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="reads /proc to find the workers")


def _csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Mã hồ sơ", "Tên thủ tục", "Chủ hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả",
                    "Ngày hẹn trả mới", "Lý do"])
        w.writerows([f"000.00.06.H56-251027-{i:04d}", "Cấp giấy phép xây dựng",
                     f"Nguyễn Văn {i}", "27/10/2025 08:15", "03/11/2025 17:00",
                     "24/11/2025 17:00", "Chờ ý kiến"] for i in range(rows))
    return path


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat.rpartition(")")[2].split()[1]) == pid:
            found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("rerun_workers", [1, 3])
def test_kill_9_with_workers_leaves_no_orphan_and_the_rerun_reuses_every_letter(
        rerun_workers: int, tmp_path: Path) -> None:
    data = _csv(tmp_path / "ho-so.csv", 400)
    out = tmp_path / "kq"
    proc = subprocess.Popen([sys.executable, "-m", "vnadmin_docs", "batch", "xin-loi",
                             str(data), "--profile", str(PROFILE), "-o", str(out),
                             "--workers", "3"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    letters = out / LETTERS_DIR
    workers: list[int] = []
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        workers = _children(proc.pid) or workers
        if letters.is_dir() and len(list(letters.iterdir())) >= 100:
            break
        assert proc.poll() is None, "the batch ended before it could be killed"
        time.sleep(0.05)
    else:
        pytest.fail("no letters after 240 s")
    workers = _children(proc.pid) or workers
    assert len(workers) >= 2, workers  # --workers 3: this process and two started
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    gone = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < gone:
        time.sleep(0.1)
    assert [w for w in workers if _alive(w)] == []  # the workers died with the batch

    # a worker killed in the middle of a write leaves its temporary file, never a letter
    on_disk = {p.name for p in letters.iterdir()
               if p.suffix == ".docx" and not p.name.startswith(TMP_MARK)}
    assert 100 <= len(on_disk) < 400
    journal = [json.loads(line) for line in
               (out / STATE_FILE).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert on_disk <= {e["file"] for e in journal}  # every complete letter is journalled
    result = run_batch(data, load_profile(PROFILE), out, workers=rerun_workers)
    assert result.unchanged == len(on_disk) and result.written == 400 - len(on_disk)
    assert result.failed_rows == 0
