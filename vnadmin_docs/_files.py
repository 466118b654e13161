"""Files appear whole or not at all: write a temporary file in the same folder, flush it to
disk, then rename it over the target (``os.replace`` is atomic on one file system).

The one place for this in the package: documents (``RenderedDocument.save``), batch letters,
the batch report and journal, and the register's .xlsx export all write through here.

Also the one rule for a file the program writes, moves or reads *inside a folder* on the
user's behalf (output folder, template folder): :func:`resolve_inside` — a plain name, in that
folder, and never a symbolic link (refused, not followed; see docs/dev/path-safety.md).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = [
    "LOCK_FILE",
    "TMP_MARK",
    "WHY_NOT_WRITTEN",
    "UnsafePath",
    "atomic_target",
    "atomic_text_file",
    "atomic_write_bytes",
    "file_named_in",
    "folder_lock",
    "is_link",
    "name_inside",
    "open_inside",
    "remove_stale_temps",
    "resolve_inside",
    "why_not_written",
    "with_file_name",
    "write_bytes_atomically",
]

TMP_MARK = ".vnadmin-tmp-"
LOCK_FILE = ".vnadmin-lock"


class UnsafePath(ValueError):
    """A name that would lead out of its folder: a folder part, ``..``, an absolute path, or
    a symbolic link (to anywhere: a link is refused, never followed). ``link`` tells which.
    A :class:`ValueError`, so that callers that refused an escaping name still do."""

    def __init__(self, folder: str | os.PathLike[str], name: str, *, link: bool) -> None:
        self.folder = os.fspath(folder)
        self.name = name
        self.link = link
        why = "is a symbolic link" if link else "escapes the output folder"
        super().__init__(f"output name {why}: {name!r}")


def is_link(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a symbolic link (or a Windows junction), without following it."""
    p = os.fspath(path)
    if os.path.islink(p):
        return True
    isjunction = getattr(os.path, "isjunction", None)
    return bool(isjunction and isjunction(p))


def resolve_inside(folder: Path | str, name: str) -> Path:
    """``folder / name`` for a plain file name, refusing anything that would land outside
    ``folder``: a folder part, ``..``, a drive, and a symbolic link already at that place
    (:class:`UnsafePath`). ``folder`` itself is resolved (it is the user's choice); what is
    *inside* it is never followed.

    >>> resolve_inside(Path("/tmp/out"), "a.docx").name
    'a.docx'
    >>> resolve_inside(Path("/tmp/out"), "../x.docx")
    Traceback (most recent call last):
    ...
    vnadmin_docs._files.UnsafePath: output name escapes the output folder: '../x.docx'
    """
    base = Path(folder).resolve()
    target = Path(name_inside(str(base), name))
    if is_link(target):
        raise UnsafePath(base, name, link=True)
    return target


def open_inside(folder: Path | str, name: str, flags: int, mode: int = 0o644) -> int:
    """``os.open`` of ``folder / name`` under the rule of :func:`resolve_inside`, with
    ``O_NOFOLLOW`` where the system has it (a link planted between the check and the open is
    refused too). Returns the descriptor."""
    target = resolve_inside(folder, name)
    try:
        return os.open(target, flags | getattr(os, "O_NOFOLLOW", 0), mode)
    except OSError as exc:
        if is_link(target):  # ELOOP: planted after the check
            raise UnsafePath(folder, name, link=True) from exc
        raise


def _temp_name(name: str) -> str:
    """The name a file is written under before it is renamed to ``name``."""
    return f"{TMP_MARK}{os.getpid()}-{name}"


def _temp_beside(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return target.with_name(_temp_name(target.name))


@contextlib.contextmanager
def atomic_target(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target``; it replaces ``target`` only when the block
    succeeds and is removed otherwise. For libraries that save by file name (openpyxl), and
    the base of the two writers below."""
    target = Path(target)
    tmp = _temp_beside(target)
    try:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()  # a leftover or a planted link: the library then creates a new file
        yield tmp
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise with_file_name(exc, target) from exc
        raise


def atomic_write_bytes(target: str | Path, data: bytes, *, durable: bool = True) -> Path:
    """Write ``data`` to ``target`` through a temporary file and an atomic rename.

    A killed process never leaves a half-written ``target``: the rename happens only after
    the whole file is written. ``durable`` also forces the bytes to disk before the rename
    (survives a power cut); the batch turns it off for single letters, whose checksums are
    verified on resume anyway, because one fsync per letter costs more than rendering it.
    """
    write_bytes_atomically(os.fspath(target), data, durable=durable)
    return Path(target)


def write_bytes_atomically(target: str, data: bytes, *, durable: bool = True) -> None:
    """:func:`atomic_write_bytes` on plain strings, for the batch's thousands of letters:
    ``pathlib`` interns every file name it parses, and the interpreter's table of interned
    names then grows by a step of ~2 MB during a 10,000-letter run."""
    folder, name = os.path.split(target)
    if folder:
        os.makedirs(folder, exist_ok=True)
    tmp = os.path.join(folder, _temp_name(name))
    try:
        # O_EXCL after removing a leftover: a temporary name planted as a link is never
        # written through.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o666)
        with open(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):  # a write onto a full disk names no file: name it
            raise with_file_name(exc, target) from exc
        raise


def name_inside(folder: str, name: str) -> str:
    """``folder`` joined with ``name`` when ``name`` is a plain file name (no folder part,
    not ``.`` or ``..``); the string form of :func:`resolve_inside` for a folder already
    resolved.

    >>> name_inside("/tmp/out", "a.docx")
    '/tmp/out/a.docx'
    >>> name_inside("/tmp/out", "../x.docx")
    Traceback (most recent call last):
    ...
    vnadmin_docs._files.UnsafePath: output name escapes the output folder: '../x.docx'
    """
    seps = os.sep + (os.altsep or "")
    if name in ("", ".", "..") or any(c in name for c in seps) or os.path.splitdrive(name)[0]:
        raise UnsafePath(folder, name, link=False)
    return os.path.join(folder, name)


@contextlib.contextmanager
def atomic_text_file(target: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text file written in place of ``target`` only when the block succeeds."""
    with atomic_target(target) as tmp, open(tmp, "w", encoding="utf-8", newline=newline) as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temporary files a killed run left behind; returns what was removed."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.glob(f"{TMP_MARK}*"):
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder`` for one writer: an exclusive lock on ``folder/.vnadmin-lock``, which
    the system releases when the process ends, even by ``kill -9`` (no stale lock to clear).
    Raises :class:`BlockingIOError` at once when another process holds it: a second run
    into the same folder would sweep the first one's temporary files from under it; and
    :class:`UnsafePath` when the lock file is a symbolic link."""
    fd = open_inside(folder, LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_APPEND)
    fh = os.fdopen(fd, "a+b")
    try:
        if sys.platform == "win32":
            import msvcrt

            # msvcrt.locking locks bytes from the current position, and "a+b" opens at the
            # end: a lock file that someone wrote into would be locked at another offset by
            # each run. Byte 0 always (locking past the end of a file is allowed).
            fh.seek(0)
            try:
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            except OSError as exc:  # LK_NBLCK: PermissionError (EACCES) when held elsewhere
                raise BlockingIOError(str(exc)) from None
            try:
                yield
            finally:
                # Windows releases a lock left at close "when resources allow", not at once:
                # unlock first so that a run started right after this one is not refused.
                fh.seek(0)
                with contextlib.suppress(OSError):
                    msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            yield
    finally:
        fh.close()  # closing the file releases the lock


WHY_NOT_WRITTEN = {
    errno.ENOTDIR: ("trên đường dẫn có một tệp (không phải thư mục) trùng tên",
                    "a file (not a folder) of that name is in the way"),
    errno.EEXIST: ("đã có một tệp (không phải thư mục) trùng tên",
                   "a file (not a folder) of that name is in the way"),
    errno.EACCES: ("không có quyền ghi", "no permission to write"),
    errno.EPERM: ("không có quyền ghi", "no permission to write"),
    errno.EROFS: ("ổ đĩa chỉ đọc", "the disk is read-only"),
    errno.ENOSPC: ("ổ đĩa hết chỗ trống", "the disk is full"),
}


def file_named_in(exc: OSError) -> str:
    """The file ``exc`` is about, as the clerk knows it: the target of a rename, without the
    temporary prefix.

    >>> file_named_in(PermissionError(13, "denied", "/o/.vnadmin-tmp-7-a.csv", None, "/o/a.csv"))
    'a.csv'
    >>> file_named_in(PermissionError(13, "denied", "/o/.vnadmin-tmp-7-a.csv"))
    'a.csv'
    """
    name = os.path.basename(os.fsdecode(exc.filename2 or exc.filename or ""))
    if name.startswith(TMP_MARK):
        name = name[len(TMP_MARK):].partition("-")[2]
    return name


def why_not_written(exc: OSError) -> tuple[str, str]:
    """Why a file could not be written, in Vietnamese and English. On Windows a file open in
    another program (Word, Excel, a PDF reader) cannot be replaced: PermissionError.

    >>> why_not_written(PermissionError(13, "Access is denied"))[1].split(":")[1]
    ' close it and run again'
    """
    if isinstance(exc, PermissionError):
        return ("tệp đang mở trong chương trình khác như Word, Excel, trình đọc PDF, hoặc không "
                "được phép ghi: hãy đóng tệp rồi chạy lại",
                "it is open in another program such as Word, Excel, a PDF reader, or writing "
                "is not allowed: close it and run again")
    return WHY_NOT_WRITTEN.get(exc.errno or 0, (exc.strerror or str(exc), exc.strerror or str(exc)))


def with_file_name(exc: OSError, path: str | os.PathLike[str]) -> OSError:
    """``exc`` with ``path`` as its file name when the system gave none (a write or flush
    onto a full disk names no file), so that the message names the file."""
    if exc.filename:
        return exc
    return type(exc)(exc.errno, exc.strerror or str(exc), os.fspath(path))
