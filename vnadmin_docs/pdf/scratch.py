"""Scratch folders for a conversion, and the sweep of those a killed run left behind.

A conversion works in a folder of the system's temp directory (LibreOffice profiles, staged
inputs, group PDFs: about 1.3 MB for a batch). A run ended by ``kill -9`` (or a closed
console window on Windows) cannot remove its folder, so each folder carries its process id
in its name, ``vnadmin-<kind>-<pid>-<random>``, and a new conversion first removes the
folders of processes that no longer run. On Windows, where asking whether a process exists
by signal is not possible (``os.kill(pid, 0)`` would send it Ctrl-C), and for the folders of
earlier versions (named without a process id), a folder is removed only when it has not
changed for a day.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["scratch_dir", "sweep_orphans"]

_log = logging.getLogger(__name__)

# "vnadmin-pdf-<pid>-<random>"; earlier builds named them "vnadmin-pdf-<random>".
_NAME = re.compile(r"^vnadmin-(?:pdf|letters)-(?:(\d+)-)?[a-z0-9_]+$")
_STALE_SECONDS = 24 * 3600  # no pid to ask (Windows, older names): unchanged for a day


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


def _orphan(path: Path, pid: int | None) -> bool:
    if pid == os.getpid():
        return False
    if pid is None or sys.platform == "win32":
        try:
            return time.time() - path.stat().st_mtime > _STALE_SECONDS
        except OSError:
            return False
    return not _running(pid)


def sweep_orphans(root: str | Path | None = None) -> list[Path]:
    """Remove the scratch folders in ``root`` (the temp directory) whose process has ended;
    returns them. Folders of running processes, and anything else, are left alone."""
    base = Path(root if root is not None else tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(base))
    except OSError:
        return removed
    for entry in entries:
        m = _NAME.match(entry.name)
        if m is None or not entry.is_dir(follow_symlinks=False):
            continue
        path = Path(entry.path)
        if _orphan(path, int(m.group(1)) if m.group(1) else None):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    if removed:
        _log.info("removed %d scratch folder(s) left by interrupted conversions", len(removed))
    return removed


_swept: set[str] = set()  # temp directories already swept by this process


def scratch_dir(kind: str) -> Path:
    """A new scratch folder ``vnadmin-<kind>-<pid>-…`` in the temp directory, after sweeping
    the orphans of earlier runs (once per process: a batch converts in many calls, and
    orphans come from runs that ended before this one); the caller removes it when done.

    >>> folder = scratch_dir("pdf")
    >>> folder.name.startswith(f"vnadmin-pdf-{os.getpid()}-"), folder.is_dir()
    (True, True)
    >>> folder.rmdir()
    """
    root = tempfile.gettempdir()
    if root not in _swept:
        _swept.add(root)
        sweep_orphans(root)
    return Path(tempfile.mkdtemp(prefix=f"vnadmin-{kind}-{os.getpid()}-"))
