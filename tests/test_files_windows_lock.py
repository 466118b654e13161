"""The output-folder lock as it behaves on Windows, where CI cannot run: ``msvcrt`` is replaced
by a model of its documented behaviour (a byte range locked from the file's current position;
LK_NBLCK raises PermissionError when another handle holds it; a lock left at close is
released by the system later, not at once)."""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from vnadmin_docs._files import LOCK_FILE, folder_lock


class _Msvcrt(types.ModuleType):
    LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int], int] = {}  # (file id, offset) -> fd

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        key = (os.fstat(fd).st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        if mode == self.LK_UNLCK:
            self.held.pop(key, None)
        elif key in self.held:
            raise PermissionError(13, "Permission denied")
        else:
            self.held[key] = fd


@pytest.fixture
def msvcrt(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Msvcrt]:
    fake = _Msvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(sys, "platform", "win32")
    yield fake


def test_a_second_run_is_refused_even_if_the_lock_file_grew(
        tmp_path: Path, msvcrt: _Msvcrt) -> None:
    with folder_lock(tmp_path):
        # something (a sync client, a curious clerk) wrote into the lock file meanwhile
        with open(tmp_path / LOCK_FILE, "ab") as fh:
            fh.write(b"x")
        with pytest.raises(BlockingIOError), folder_lock(tmp_path):
            pass


def test_the_next_run_is_not_refused_once_a_run_has_finished(
        tmp_path: Path, msvcrt: _Msvcrt) -> None:
    with folder_lock(tmp_path):
        pass
    with folder_lock(tmp_path):  # a run started right after: the lock was given back
        pass
    assert msvcrt.held == {}
