"""The job store: one folder per job under ``<data>/jobs/<user>/<id>/``, its state in
``state.json`` (written atomically), so a page that was closed finds its batch again and a
server restarted later still shows what was made. A batch runs in its own process, started
here and never inside a request."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import multiprocessing
import os
import re
import secrets
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnadmin_docs._files import atomic_write_bytes

__all__ = ["Job", "JobStore", "read_json", "write_json"]

_ID = re.compile(r"^[A-Za-z0-9_-]{16,32}$")
_USER = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")


def write_json(path: Path, data: object) -> None:
    atomic_write_bytes(path, json.dumps(data, ensure_ascii=False, indent=1,
                                        default=str).encode("utf-8"), durable=False)


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _alive_windows(pid: int) -> bool:
    """On Windows ``os.kill(pid, 0)`` would end the process: ask for its exit code."""
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    if os.name == "nt":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a finished child that nobody reaped yet is a zombie: gone for our purposes
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return done == 0


@dataclass(frozen=True)
class Job:
    id: str
    user: str
    folder: Path

    @property
    def meta(self) -> dict[str, Any]:
        return read_json(self.folder / "meta.json") or {}

    @property
    def state(self) -> dict[str, Any]:
        return read_json(self.folder / "state.json") or {"status": "new"}

    def set_state(self, **values: Any) -> dict[str, Any]:
        state = {**self.state, **values}
        write_json(self.folder / "state.json", state)
        return state

    def path(self, name: str) -> Path:
        """A file of this job by a name the server chose (never a name from a request)."""
        return self.folder / name


class JobStore:
    def __init__(self, root: Path, job_timeout: float) -> None:
        self.root = root
        self.job_timeout = job_timeout
        root.mkdir(parents=True, exist_ok=True)

    def _user_dir(self, user: str) -> Path:
        if not _USER.match(user):
            raise ValueError(f"bad user name {user!r}")
        return self.root / user

    def create(self, user: str, kind: str, **meta: Any) -> Job:
        job_id = secrets.token_urlsafe(15)
        folder = self._user_dir(user) / job_id
        folder.mkdir(parents=True)
        job = Job(job_id, user, folder)
        write_json(folder / "meta.json", {"id": job_id, "kind": kind, "user": user,
                                          "created": dt.datetime.now().isoformat(
                                              timespec="seconds"), **meta})
        return job

    def get(self, user: str, job_id: str, kind: str | None = None) -> Job | None:
        """The job ``job_id`` of ``user`` only: another user's id is simply not found."""
        if not _ID.match(job_id):
            return None
        folder = self._user_dir(user) / job_id
        if not (folder / "meta.json").is_file():
            return None
        job = Job(job_id, user, folder)
        if kind is not None and job.meta.get("kind") != kind:
            return None
        return job

    def list(self, user: str, kind: str | None = None) -> list[Job]:
        folder = self._user_dir(user)
        if not folder.is_dir():
            return []
        jobs = [Job(p.name, user, p) for p in folder.iterdir()
                if _ID.match(p.name) and (p / "meta.json").is_file()]
        if kind is not None:
            jobs = [j for j in jobs if j.meta.get("kind") == kind]
        return sorted(jobs, key=lambda j: (j.folder / "meta.json").stat().st_mtime,
                      reverse=True)

    def prune(self, user: str, kind: str, max_age: float) -> int:
        """Remove ``user``'s jobs of ``kind`` older than ``max_age`` seconds (form previews
        pile up otherwise); a running job is never removed. Returns how many went."""
        import shutil

        now, gone = time.time(), 0
        for job in self.list(user, kind):
            if job.state.get("status") == "running":
                continue
            if now - (job.folder / "meta.json").stat().st_mtime > max_age:
                shutil.rmtree(job.folder, ignore_errors=True)
                gone += 1
        return gone

    def start(self, job: Job, target: Any, *args: Any) -> None:
        """Run ``target(str(job.folder), *args)`` in a new process (spawned: it shares no
        thread or socket with the server) and record its pid."""
        ctx = multiprocessing.get_context("spawn")
        job.set_state(status="running", done=0, total=0, error=None,
                      started=time.time(), finished=None)
        proc = ctx.Process(target=target, args=(str(job.folder), *args), daemon=False,
                           name=f"vnadmin-web-job-{job.id}")
        proc.start()
        job.set_state(pid=proc.pid)

    def refresh(self, job: Job) -> dict[str, Any]:
        """The job's state, after noticing a process that died or overran its time."""
        state = job.state
        if state.get("status") != "running":
            return state
        pid = state.get("pid")
        started = float(state.get("started") or time.time())
        if pid and time.time() - started > self.job_timeout and _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), getattr(signal, "SIGKILL", signal.SIGTERM))
            return job.set_state(status="failed", error=(
                f"quá thời gian cho phép ({self.job_timeout / 60:.0f} phút) nên đã dừng; "
                "chạy lại sẽ tiếp tục từ chỗ dừng",
                f"over the time limit ({self.job_timeout / 60:.0f} min), stopped; running "
                "again resumes where it stopped"))
        if pid and not _alive(pid):
            state = job.state  # it may have finished between the two reads
            if state.get("status") == "running":
                return job.set_state(status="interrupted", error=(
                    "việc tạo văn bản bị ngắt giữa chừng; bấm “Tạo văn bản” để chạy tiếp "
                    "(các văn bản đã tạo được giữ nguyên)",
                    "the run was interrupted; press “Make the letters” to resume (letters "
                    "already made are kept)"))
        return state
