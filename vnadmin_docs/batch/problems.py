"""Errors about a whole input file (as opposed to one row, see :class:`BatchRowError`)."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from vnadmin_docs._files import (
    TMP_MARK,
    WHY_NOT_WRITTEN,
    UnsafePath,
    file_named_in,
    is_link,
    resolve_inside,
    why_not_written,
)
from vnadmin_docs.errors import VnAdminError

__all__ = [
    "InputFileError",
    "OutputFolderError",
    "file_not_written",
    "inputs_not_overwritten",
    "no_links",
    "output_folder",
    "why_not_written",
]


class InputFileError(VnAdminError):
    """Raised when a data file cannot be used at all: unknown or damaged format, text whose
    Vietnamese letters were lost, no header row, no dossier rows. ``path`` names the file.
    The CLI exits with code 2 on it."""

    def __init__(self, path: str, message: str, message_en: str) -> None:
        self.path = path
        super().__init__(f"Tệp {path}: {message}", f"File {path}: {message_en}")


class OutputFolderError(VnAdminError):
    """The output folder (or a folder the batch makes inside it) cannot be used: a file in
    the way, no permission, a read-only disk, a link that leads out of it; raised before any
    letter is written. Also raised when a file of the run (the merged file, the report)
    cannot be written, e.g. because it is open in Word or Excel on Windows
    (:func:`file_not_written`): the letters already written are kept, and a re-run completes
    the rest. The CLI exits with code 2 on it."""

    def __init__(self, path: str, message: str, message_en: str) -> None:
        self.path = path
        super().__init__(
            f"Không dùng được thư mục kết quả {path}: {message}. Hãy sửa lại hoặc chọn thư mục "
            "khác (-o).",
            f"Cannot use the output folder {path}: {message_en}. Fix it or choose another "
            "folder (-o).")


def file_not_written(folder: Path, exc: OSError) -> OutputFolderError:
    """The error for a file of the run (merged file, report, zip) that could not be
    written into ``folder``."""
    name = file_named_in(exc)
    vi, en = why_not_written(exc)
    return OutputFolderError(
        str(folder), f"không ghi được tệp “{name}” ({vi}); các văn bản đã ghi xong được giữ "
        "lại, chạy lại sau khi khắc phục sẽ làm tiếp phần còn lại",
        f"cannot write “{name}” ({en}); the letters already written are kept, and running "
        "again once this is fixed completes the rest")


def output_folder(folder: Path, inside: Path | None = None, *, make: bool = True) -> Path:
    """Make ``folder`` (and its parents), check that a file can be created in it and, with
    ``inside``, that it is not a symbolic link (links are refused, never followed:
    docs/dev/path-safety.md); returns it.
    ``make=False`` checks a folder that does not exist yet without making it.

    Raises :class:`OutputFolderError` saying why, in both languages."""
    if inside is not None and is_link(folder):
        raise _link_refused(inside, folder.name, folder)
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
        plain = exc.strerror or str(exc)
        vi, en = WHY_NOT_WRITTEN.get(exc.errno or 0, (plain, plain))
        raise OutputFolderError(str(folder), vi, en) from None
    return folder


def _link_refused(folder: Path, name: str, link: Path) -> OutputFolderError:
    where = os.path.realpath(link)
    return OutputFolderError(
        str(folder), f"“{name}” là liên kết (symlink) tới {where}; chương trình không ghi, đọc "
        "hay chuyển tệp qua liên kết (hãy xóa liên kết đó)",
        f"“{name}” is a symbolic link to {where}; the program never writes, reads or moves "
        "files through a link (remove it)")


def no_links(folder: Path, names: Iterable[str]) -> None:
    """Refuse, before anything is written, a symbolic link planted in ``folder`` under any
    of ``names`` (journal, lock, reports, merged file, zip); :class:`OutputFolderError`."""
    for name in names:
        try:
            resolve_inside(folder, name)
        except UnsafePath:
            raise _link_refused(folder, name, folder / name) from None


def inputs_not_overwritten(folder: Path, names: Iterable[str],
                           inputs: Iterable[str | Path]) -> None:
    """Refuse, before anything is written, a run whose input file (the data, the profile,
    a holiday file) is one of the files ``names`` it would write into ``folder``: the
    clerk's spreadsheet named ``manifest.csv`` is never replaced by the report."""
    given = [Path(i) for i in inputs]
    for name in names:
        target = folder / name
        if not target.exists():
            continue
        for path in given:
            try:
                same = path.exists() and os.path.samefile(target, path)
            except OSError:
                same = False
            if same:
                raise OutputFolderError(
                    str(folder),
                    f"tệp đầu vào {path} nằm trong thư mục kết quả và trùng tên với tệp "
                    f"“{name}” mà lần chạy sẽ ghi đè; hãy đổi tên tệp đó hoặc chọn thư mục "
                    "kết quả khác",
                    f"the input file {path} is in the output folder under the name “{name}”, "
                    "which this run would overwrite; rename it or choose another folder")
