"""Uploaded files: size-capped, typed from their bytes, zip bombs refused, stored under a
name the server chooses. The name the browser sent is kept for display only, cleaned."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

from starlette.datastructures import UploadFile

from vnadmin_docs.errors import VnAdminError

__all__ = [
    "EXPORT_SUFFIXES",
    "MAX_UNZIPPED",
    "UploadError",
    "display_name",
    "save_upload",
]

EXPORT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".txt", ".json", ".yaml", ".yml",
                   ".html", ".htm", ".xml")
DOCX_SUFFIXES = (".docx",)
PROFILE_SUFFIXES = (".yml", ".yaml")
MAX_UNZIPPED = 200 * 1024 * 1024
"""Bytes a .xlsx/.docx may expand to; a real export of 10,000 rows is ~30 MB unzipped."""
MAX_RATIO = 150
"""Largest expansion of one zip member; XML compresses ~10–30×, bombs ~1000×."""
MAX_MEMBERS = 5000
_ZIP = b"PK\x03\x04"
_CHUNK = 1 << 16


class UploadError(VnAdminError):
    """An upload is refused: too big, empty, of the wrong kind, or a zip bomb."""


def display_name(raw: str | None, fallback: str = "tep") -> str:
    """The browser's file name, made harmless for display and for ``Content-Disposition``:
    the last path part only, control and reserved characters removed, at most 120 chars.

    >>> display_name("C:\\\\Users\\\\a\\\\..\\\\Hồ sơ trễ hạn.xlsx")
    'Hồ sơ trễ hạn.xlsx'
    >>> display_name("../../etc/passwd\\x00.xlsx")
    'passwd.xlsx'
    >>> display_name("   ")
    'tep'
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*]', "_", name).strip(" .")
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 110] + dot + ext[:9]) if dot and len(ext) <= 9 else name[:120]
    return name or fallback


def _check_zip(path: Path, shown: str, lang_kind: str) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise UploadError(f"{shown}: tệp nén có quá nhiều thành phần ({len(infos)})",
                                  f"{shown}: the zip has too many members ({len(infos)})")
            total = 0
            for info in infos:
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if total > MAX_UNZIPPED or (info.file_size > 1 << 20 and ratio > MAX_RATIO):
                    raise UploadError(
                        f"{shown}: tệp giải nén ra quá lớn (có thể là “bom nén”), không đọc",
                        f"{shown}: the file expands far too much (a zip bomb?); not read")
    except zipfile.BadZipFile:
        raise UploadError(f"{shown}: tệp {lang_kind} bị hỏng, không mở được",
                          f"{shown}: the {lang_kind} file is damaged and cannot be opened"
                          ) from None


async def save_upload(upload: UploadFile, folder: Path, stem: str, *,
                      suffixes: tuple[str, ...], max_bytes: int) -> tuple[Path, str]:
    """Write ``upload`` to ``folder/stem<suffix>`` (the suffix from the browser's name, if
    allowed) and return (path, display name). Raises :class:`UploadError`."""
    shown = display_name(upload.filename)
    suffix = Path(shown).suffix.lower()
    if suffix not in suffixes:
        raise UploadError(
            f"{shown}: không nhận loại tệp này; hãy chọn tệp {', '.join(suffixes)}",
            f"{shown}: this kind of file is not accepted; choose a {', '.join(suffixes)} file")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}{suffix}"
    size = 0
    with target.open("wb") as out:
        while chunk := await upload.read(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                out.close()
                target.unlink(missing_ok=True)
                raise UploadError(
                    f"{shown}: tệp quá lớn (giới hạn {max_bytes // (1024 * 1024)} MB)",
                    f"{shown}: the file is too large (limit {max_bytes // (1024 * 1024)} MB)")
            out.write(chunk)
    if size == 0:
        target.unlink(missing_ok=True)
        raise UploadError(f"{shown}: tệp rỗng", f"{shown}: the file is empty")
    with target.open("rb") as f:
        head = f.read(4)
    if suffix in (".xlsx", ".xlsm", ".docx") or head == _ZIP:
        if head != _ZIP:
            target.unlink(missing_ok=True)
            kind = "Word" if suffix == ".docx" else "Excel"
            raise UploadError(f"{shown}: tệp không phải là tệp {kind} thật (nội dung sai loại)",
                              f"{shown}: this is not a real {kind} file (wrong content)")
        try:
            _check_zip(target, shown, "Word" if suffix == ".docx" else "Excel")
        except UploadError:
            target.unlink(missing_ok=True)
            raise
    return target, shown
