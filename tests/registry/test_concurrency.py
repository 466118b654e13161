"""Many processes take numbers at once: no duplicates, no gaps, on SQLite and PostgreSQL.

Also: a process SIGKILLed inside an allocation (after its numbers are reserved and its rows
written, before the commit) leaves no trace, and the next clerk gets the number it held.
"""

from __future__ import annotations

import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import IO

import pytest

from vnadmin_docs.registry import Register
from vnadmin_docs.registry.store import PAUSE_ENV

WORKER = str(Path(__file__).with_name("_worker.py"))
# The workers import the package from this checkout even when it is not installed.
SOURCE_ROOT = str(Path(__file__).resolve().parents[2])
WORK_DATE = date(2026, 5, 4)  # the date _worker.py numbers with


def _start(url: str, worker: int, count: int, go: Path, *extra: str,
           env: dict[str, str] | None = None) -> subprocess.Popen[str]:  # fmt: skip
    return subprocess.Popen(
        [sys.executable, WORKER, url, str(worker), str(count), str(go), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                filter(None, [SOURCE_ROOT, os.environ.get("PYTHONPATH")])
            ),
            **(env or {}),
        },
    )


def _line(stream: IO[str] | None) -> str:
    """One line read straight from the pipe. (``readline()`` on the text wrapper may buffer
    later lines, which ``communicate()`` — reading the raw descriptor — would then lose.)"""
    assert stream is not None
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(stream.fileno(), 1)
        if not chunk:
            break
        data += chunk
    return data.decode()


def _run_workers(
    url: str, tmp_path: Path, workers: int, count: int, *extra: str
) -> list[list[list[int]]]:
    """Start the workers, release them together, return each one's committed numbers
    (grouped per transaction)."""
    go = tmp_path / "go"
    procs = [_start(url, w, count, go, *extra) for w in range(workers)]
    for proc in procs:
        line = _line(proc.stdout).strip()
        assert line == "ready", proc.communicate()[1]
    go.touch()
    results: list[list[list[int]]] = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert out.strip().endswith("done"), err
        results.append([[int(n) for n in line.split()] for line in out.strip().splitlines()[:-1]])
    return results


def _numbers(register: Register) -> list[int]:
    return [e.number for e in register.list(issuer_abbr="UBND", year=2026)]


@pytest.mark.slow
def test_8_processes_x_500_get_4000_distinct_consecutive_numbers(
    register_url: str, tmp_path: Path
) -> None:
    results = _run_workers(register_url, tmp_path, 8, 500)

    handed_out = [n for worker in results for group in worker for n in group]
    assert len(handed_out) == 4000
    assert sorted(handed_out) == list(range(1, 4001))
    for worker in results:
        flat = [n for group in worker for n in group]
        assert flat == sorted(flat), "each process sees its numbers grow"
    with Register.open(register_url) as register:
        entries = register.list(issuer_abbr="UBND", year=2026)
        assert [e.number for e in entries] == list(range(1, 4001))
        # every number is recorded with the document of the process that received it
        owner = {n: w for w, worker in enumerate(results) for g in worker for n in g}
        assert all(e.summary.startswith(f"w{owner[e.number]} ") for e in entries)
        assert register.books()[0].last_number == 4000
    # the processes really overlapped: the book interleaves their numbers
    switches = sum(
        1 for a, b in itertools.pairwise(entries) if a.summary.split()[0] != b.summary.split()[0]
    )
    assert switches >= 8


@pytest.mark.slow
def test_concurrent_batches_get_consecutive_blocks(register_url: str, tmp_path: Path) -> None:
    results = _run_workers(register_url, tmp_path, 4, 100, "--batch", "25")

    blocks = [group for worker in results for group in worker]
    assert len(blocks) == 16
    for block in blocks:
        assert block == list(range(block[0], block[0] + 25)), "a batch is one run of numbers"
    assert sorted(n for block in blocks for n in block) == list(range(1, 401))


def _wait_for_pause(proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = _line(proc.stderr)
        if "paused after reserve" in line:
            return
        if not line and proc.poll() is not None:
            break
    raise AssertionError(f"the worker never reached the pause: {proc.communicate()[1]}")


def test_process_killed_inside_allocation_leaves_no_gap_and_no_duplicate(
    register_url: str, tmp_path: Path
) -> None:
    go = tmp_path / "go"
    go.touch()
    first = _start(register_url, 0, 3, go)
    assert first.communicate(timeout=60)[0].split() == ["ready", "1", "2", "3", "done"]

    victim = _start(register_url, 1, 1, go, env={PAUSE_ENV: "120"})
    _wait_for_pause(victim)  # number 4 reserved and its row written, not committed
    waiting = _start(register_url, 2, 1, go)  # blocks on the victim's lock
    assert _line(waiting.stdout).strip() == "ready"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    out, err = waiting.communicate(timeout=60)

    assert out.split() == ["4", "done"], err
    with Register.open(register_url) as register:
        entries = register.list(issuer_abbr="UBND", year=2026)
        assert [e.number for e in entries] == [1, 2, 3, 4]
        assert not any(e.summary.startswith("w1 ") for e in entries)
        assert entries[-1].summary == "w2 i0"
        assert register.books()[0].last_number == 4
        after = register.allocate(
            "UBND", WORK_DATE, symbol="UBND-VP", type_name="Công văn", summary="next"
        )
        assert after.number == 5
    if not register_url.startswith("postgresql"):
        with sqlite3.connect(register_url) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_processes_killed_at_random_moments_leave_the_book_consistent(
    register_url: str, tmp_path: Path
) -> None:
    go = tmp_path / "go"
    go.touch()
    rng = random.Random(8)
    reported: list[int] = []
    for worker in range(4):
        proc = _start(register_url, worker, 100_000, go)
        assert _line(proc.stdout).strip() == "ready"
        time.sleep(rng.uniform(0.05, 0.4))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        reported.extend(int(n) for n in out.split() if n.isdigit())

        with Register.open(register_url) as register:
            numbers = _numbers(register)
            # no gap, no duplicate, and nothing a process was told is lost
            assert numbers == list(range(1, len(numbers) + 1))
            assert set(reported) <= set(numbers)
            # at most the one number committed but not yet printed when the kill came
            assert len(numbers) - len(reported) <= worker + 1
            assert register.books()[0].last_number == len(numbers)
    with Register.open(register_url) as register:
        last = len(_numbers(register))
        entry = register.allocate(
            "UBND", WORK_DATE, symbol="UBND-VP", type_name="Công văn", summary="after"
        )
        assert entry.number == last + 1


def test_threads_sharing_one_register_never_share_a_number(register_url: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with Register.open(register_url) as register:

        def take(worker: int) -> list[int]:
            return [
                register.allocate(
                    "UBND", WORK_DATE, symbol="UBND-VP", type_name="Công văn",
                    summary=f"t{worker} i{i}",
                ).number
                for i in range(40)
            ]  # fmt: skip

        with ThreadPoolExecutor(max_workers=8) as pool:
            taken = [n for numbers in pool.map(take, range(8)) for n in numbers]
        assert sorted(taken) == list(range(1, 321))
        assert _numbers(register) == list(range(1, 321))
