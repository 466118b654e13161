"""The watchdog's process-group clean-up: nothing it killed still runs when it returns."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.pdf.builders import process_alive
from vnadmin_docs.pdf.process import kill_process_tree, wait_group_gone

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")

# A parent that starts a child which ignores SIGTERM, prints the child's pid, then sleeps.
_TREE = (
    "import subprocess, sys, time\n"
    "child = subprocess.Popen([sys.executable, '-c',"
    " 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)'])\n"
    "print(child.pid, flush=True)\n"
    "time.sleep(600)\n"
)


def _start_tree() -> tuple[subprocess.Popen[bytes], int]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _TREE], stdout=subprocess.PIPE, start_new_session=True
    )
    assert proc.stdout is not None
    with proc.stdout:
        child = int(proc.stdout.readline())
    return proc, child


def test_kill_process_tree_returns_only_when_the_grandchild_is_gone() -> None:
    for _ in range(5):  # the race it guards against shows only now and then
        proc, child = _start_tree()
        kill_process_tree(proc)
        assert proc.returncode is not None
        assert not process_alive(child), "the grandchild still ran when kill returned"


def test_wait_group_gone_reports_a_group_that_outlives_the_timeout() -> None:
    proc, child = _start_tree()
    try:
        started = time.monotonic()
        assert wait_group_gone(proc.pid, timeout=0.2) is False
        assert time.monotonic() - started < 5
        assert process_alive(child)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert wait_group_gone(proc.pid) is True


def test_an_empty_group_is_gone_at_once() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"], start_new_session=True)
    proc.wait()
    started = time.monotonic()
    assert wait_group_gone(proc.pid) is True
    assert time.monotonic() - started < 1
