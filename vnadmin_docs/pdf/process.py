"""Run one soffice call under a watchdog that kills its whole process tree.

``soffice`` is a launcher: on Linux a shell script starting ``oosplash`` and ``soffice.bin``,
on Windows ``soffice.exe`` starting ``soffice.bin``. Killing only the launcher would leave a
hung ``soffice.bin`` holding its profile, so each call runs in its own process group
(POSIX: a new session; Windows: ``CREATE_NEW_PROCESS_GROUP``) and the group is killed
(POSIX: ``os.killpg``; Windows: ``taskkill /T /F``).

The watchdog measures *progress*, not total time: the call is declared hung when no new
file has appeared in the output folder for ``idle_timeout`` seconds (the first file's
allowance includes start-up). A chunk of 200 letters may take a minute; one letter never
takes two.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["CallOutcome", "kill_process_tree", "run_watched", "wait_group_gone"]

_log = logging.getLogger(__name__)

_POLL_SECONDS = 0.1
_GROUP_GONE_SECONDS = 5.0


@dataclass(frozen=True)
class CallOutcome:
    """What one watched call did.

    ``returncode`` is ``None`` when the watchdog killed the call; ``output_tail`` holds the
    last lines the program wrote (stdout and stderr together), for error messages.
    """

    returncode: int | None
    timed_out: bool
    seconds: float
    output_tail: str

    @property
    def ok(self) -> bool:
        return not self.timed_out and self.returncode == 0


def kill_process_tree(proc: subprocess.Popen[bytes]) -> None:
    """Kill ``proc`` and every process it started (its process group)."""
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/T", "/F", "/PID", str(proc.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        proc.kill()
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        _log.warning("process %s did not exit after being killed", proc.pid)
    if sys.platform != "win32":
        wait_group_gone(proc.pid)


def wait_group_gone(pgid: int, timeout: float = _GROUP_GONE_SECONDS) -> bool:
    """Wait until no process of group ``pgid`` still runs; False when ``timeout`` passed first.

    SIGKILL is delivered asynchronously: ``killpg`` returns before the grandchildren
    (``soffice.bin``) have died, and they are not ours to ``wait`` for. A retry started at
    that moment would find the old process still holding its files. A zombie counts as
    gone: it holds no files, and reaping it is its new parent's business.
    """
    deadline = time.monotonic() + timeout
    while True:
        if not _group_running(pgid):
            return True
        if time.monotonic() >= deadline:
            _log.warning("process group %s still runs %.0f s after being killed", pgid, timeout)
            return False
        time.sleep(0.01)


def _group_running(pgid: int) -> bool:
    """True while a process of group ``pgid`` exists and (where /proc tells) is not a zombie."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    proc_root = Path("/proc")
    if not (proc_root / "self" / "stat").exists():
        return True  # no /proc (macOS): zombies count as running until reaped
    for entry in proc_root.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue  # gone meanwhile
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 2 and fields[2] == str(pgid) and fields[0] not in ("Z", "X"):
            return True
    return False


def _count_entries(folder: Path) -> int:
    try:
        with os.scandir(folder) as entries:
            return sum(1 for _ in entries)
    except OSError:
        return 0


def _tail(log_file: Path, lines: int = 8) -> str:
    try:
        text = log_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-lines:])


def run_watched(
    cmd: Sequence[str],
    *,
    cwd: Path,
    progress_dir: Path,
    idle_timeout: float,
    log_file: Path,
    cancelled: Callable[[], bool] | None = None,
) -> CallOutcome:
    """Run ``cmd``; kill its process group when ``progress_dir`` stops gaining files.

    Output goes to ``log_file`` (a file, never a pipe, so a chatty program cannot block).
    On POSIX the group is also cleared after a normal exit, so no stray ``soffice.bin``
    outlives the call. When ``cancelled()`` turns true the call is killed at once (a
    process in its own session does not get the terminal's Ctrl-C).
    """
    started = time.monotonic()
    last_progress = started
    seen = _count_entries(progress_dir)
    # Its own process group, so the whole tree can be killed (see the module docstring).
    group: dict[str, Any]
    if sys.platform == "win32":
        group = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    else:
        group = {"start_new_session": True}
    with log_file.open("wb") as log:
        proc = subprocess.Popen(
            list(cmd),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            **group,
        )
        timed_out = False
        try:
            while True:
                try:
                    proc.wait(timeout=_POLL_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    pass
                if cancelled is not None and cancelled():
                    timed_out = True
                    kill_process_tree(proc)
                    break
                now = time.monotonic()
                count = _count_entries(progress_dir)
                if count != seen:
                    seen, last_progress = count, now
                elif now - last_progress > idle_timeout:
                    # info, not warning: the caller's ConversionError tells the user (in
                    # Vietnamese) which file hung; a warning would reach a clerk's console
                    _log.info(
                        "soffice made no progress for %.0f s; killing process group %s",
                        idle_timeout,
                        proc.pid,
                    )
                    timed_out = True
                    kill_process_tree(proc)
                    break
        except BaseException:
            # KeyboardInterrupt or a bug: never leave LibreOffice running behind us.
            kill_process_tree(proc)
            raise
        if not timed_out and sys.platform != "win32":
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            wait_group_gone(proc.pid)
    return CallOutcome(
        returncode=None if timed_out else proc.returncode,
        timed_out=timed_out,
        seconds=time.monotonic() - started,
        output_tail=_tail(log_file),
    )
