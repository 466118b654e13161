"""Put finished files in place atomically: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from pathlib import Path

from vnadmin_docs.errors import ConversionError

__all__ = ["move_into_place", "stage_input", "temp_file_beside"]

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def temp_file_beside(target: Path) -> Path:
    """A fresh, empty temp file in ``target``'s folder (same file system, so rename is atomic).

    Created with the user's umask like any other file (``tempfile.mkstemp`` makes it
    owner-only, and the rename kept that: the PDFs were unreadable to the colleague or the
    print server reading the shared folder, while the .docx beside them were not).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(100):
        part = target.parent / f".{target.stem[:40]}.{secrets.token_hex(4)}.part"
        try:
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return part
    raise FileExistsError(f"no free temp file name beside {target}")


def _cannot_write(target: Path, exc: OSError) -> ConversionError:
    if isinstance(exc, PermissionError):
        # Windows refuses to replace a file another program (a PDF viewer) holds open.
        return ConversionError(
            f"Không ghi được {target}: tệp đang mở trong chương trình khác hoặc không có "
            "quyền ghi. Hãy đóng tệp rồi chạy lại.",
            f"Cannot write {target}: the file is open in another program or not writable. "
            "Close it and run again.",
            path=str(target),
        )
    return ConversionError(
        f"Không ghi được {target}: {exc.strerror or exc}.",
        f"Cannot write {target}: {exc.strerror or exc}.",
        path=str(target),
    )


def move_into_place(staged: Path, target: Path) -> None:
    """Move ``staged`` to ``target`` atomically, also across file systems.

    Raises :class:`ConversionError` naming ``target`` when it cannot be written.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise _cannot_write(target, exc) from exc
    part = temp_file_beside(target)
    try:
        shutil.copyfile(staged, part)
        os.replace(part, target)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    finally:
        part.unlink(missing_ok=True)
    staged.unlink(missing_ok=True)


def stage_input(source: Path, staged: Path) -> None:
    """Make ``source`` readable as ``staged`` (a hard link when possible, else a copy)."""
    try:
        os.link(source, staged)
    except OSError:
        shutil.copyfile(source, staged)
