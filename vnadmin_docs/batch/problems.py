"""Errors about a whole input file (as opposed to one row, see :class:`BatchRowError`)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from vnadmin_docs._files import TMP_MARK
from vnadmin_docs.errors import VnAdminError

__all__ = ["InputFileError", "OutputFolderError", "output_folder"]


class InputFileError(VnAdminError):
    """Raised when a data file cannot be used at all: unknown or damaged format, text whose
    Vietnamese letters were lost, no header row, no dossier rows. ``path`` names the file.
    The CLI exits with code 2 on it."""

    def __init__(self, path: str, message: str, message_en: str) -> None:
        self.path = path
        super().__init__(f"Tệp {path}: {message}", f"File {path}: {message_en}")


class OutputFolderError(VnAdminError):
    """The output folder (or a folder the batch makes inside it) cannot be used: a file in
    the way, no permission, a read-only disk, a link that leads out of it. Raised before any
    letter is written; the CLI exits with code 2 on it."""

    def __init__(self, path: str, message: str, message_en: str) -> None:
        self.path = path
        super().__init__(
            f"Không dùng được thư mục kết quả {path}: {message}. Hãy sửa lại hoặc chọn thư mục "
            "khác (-o).",
            f"Cannot use the output folder {path}: {message_en}. Fix it or choose another "
            "folder (-o).")


_WHY = {
    errno.ENOTDIR: ("trên đường dẫn có một tệp (không phải thư mục) trùng tên",
                    "a file (not a folder) of that name is in the way"),
    errno.EEXIST: ("đã có một tệp (không phải thư mục) trùng tên",
                   "a file (not a folder) of that name is in the way"),
    errno.EACCES: ("không có quyền ghi", "no permission to write"),
    errno.EPERM: ("không có quyền ghi", "no permission to write"),
    errno.EROFS: ("ổ đĩa chỉ đọc", "the disk is read-only"),
    errno.ENOSPC: ("ổ đĩa hết chỗ trống", "the disk is full"),
}


def output_folder(folder: Path, inside: Path | None = None, *, make: bool = True) -> Path:
    """Make ``folder`` (and its parents), check that a file can be created in it and, with
    ``inside``, that it does not lead out of ``inside`` through a link; returns it.
    ``make=False`` checks a folder that does not exist yet without making it.

    Raises :class:`OutputFolderError` saying why, in both languages."""
    if inside is not None and folder.is_symlink() \
            and folder.resolve().parent != inside.resolve():
        raise OutputFolderError(
            str(inside), f"“{folder.name}” là liên kết trỏ ra ngoài, tới {folder.resolve()} (hãy "
            "xóa liên kết đó)",
            f"“{folder.name}” is a link that leads out of it, to {folder.resolve()} (remove it)")
    if not make and not folder.exists() and not folder.is_symlink():
        return folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(folder))
        probe = folder / f"{TMP_MARK}{os.getpid()}-probe"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        vi, en = _WHY.get(exc.errno or 0, (exc.strerror or str(exc), exc.strerror or str(exc)))
        raise OutputFolderError(str(folder), vi, en) from None
    return folder
