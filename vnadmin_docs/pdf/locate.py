"""Find LibreOffice's ``soffice`` program, or say in Vietnamese how to install it.

Search order (first hit wins):

1. the environment variable ``VNADMIN_DOCS_SOFFICE`` (a file, or a folder holding soffice);
2. ``soffice`` then ``libreoffice`` on ``PATH``;
3. the usual install folders of the platform: on Windows ``%ProgramFiles%`` and
   ``%ProgramFiles(x86)%`` ``\\LibreOffice\\program\\soffice.exe`` and the install path the
   LibreOffice installer writes to the registry; on macOS ``LibreOffice.app``; on Linux the
   ``/opt/libreoffice*`` folders of the libreoffice.org packages.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from vnadmin_docs.errors import ConversionError

__all__ = ["SOFFICE_ENV", "find_soffice", "soffice_missing_error"]

SOFFICE_ENV = "VNADMIN_DOCS_SOFFICE"

_log = logging.getLogger(__name__)

_INSTALL_VI = (
    "Cách cài đặt:\n"
    "  - Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui fonts-liberation2\n"
    "  - Windows: tải LibreOffice tại https://www.libreoffice.org/download/ rồi cài đặt\n"
    "  - macOS: tải LibreOffice tại https://www.libreoffice.org/download/ "
    "(hoặc brew install --cask libreoffice)\n"
    f"  - hoặc đặt biến môi trường {SOFFICE_ENV} trỏ tới tệp soffice "
    "(ví dụ C:\\Program Files\\LibreOffice\\program\\soffice.exe)."
)
_INSTALL_EN = (
    "How to install it:\n"
    "  - Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui fonts-liberation2\n"
    "  - Windows: download LibreOffice from https://www.libreoffice.org/download/ and install it\n"
    "  - macOS: download LibreOffice from https://www.libreoffice.org/download/ "
    "(or brew install --cask libreoffice)\n"
    f"  - or set the environment variable {SOFFICE_ENV} to the soffice program "
    "(e.g. C:\\Program Files\\LibreOffice\\program\\soffice.exe)."
)


def soffice_missing_error(detail_vi: str = "", detail_en: str = "") -> ConversionError:
    """The error a clerk sees when LibreOffice is not installed (or cannot be started).

    >>> err = soffice_missing_error()
    >>> err.message.splitlines()[0]
    'Không tìm thấy LibreOffice (chương trình soffice), cần có để xuất văn bản ra PDF.'
    >>> "apt-get install libreoffice-writer-nogui fonts-liberation2" in err.message
    True
    """
    head_vi = "Không tìm thấy LibreOffice (chương trình soffice), cần có để xuất văn bản ra PDF."
    head_en = "LibreOffice (the soffice program) was not found; it is needed to export PDF."
    vi = f"{head_vi}\n{detail_vi}\n{_INSTALL_VI}" if detail_vi else f"{head_vi}\n{_INSTALL_VI}"
    en = f"{head_en}\n{detail_en}\n{_INSTALL_EN}" if detail_en else f"{head_en}\n{_INSTALL_EN}"
    return ConversionError(vi, en)


def _exe_names(platform: str) -> tuple[str, ...]:
    return ("soffice.exe",) if platform == "win32" else ("soffice",)


def _is_program(path: Path) -> bool:
    return path.is_file() and (os.access(path, os.X_OK) or path.suffix.lower() == ".exe")


def _well_known(platform: str, environ: Mapping[str, str]) -> Iterator[Path]:
    """Install folders where LibreOffice lands when it is not on PATH."""
    if platform == "win32":
        for var in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
            base = environ.get(var)
            if base:
                yield Path(base) / "LibreOffice" / "program" / "soffice.exe"
        yield from _windows_registry()
    elif platform == "darwin":
        yield Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
        home = environ.get("HOME")
        if home:
            yield Path(home) / "Applications/LibreOffice.app/Contents/MacOS/soffice"
    else:
        # libreoffice.org's own .deb/.rpm packages install under /opt/libreofficeX.Y.
        yield from sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True)


def _windows_registry() -> list[Path]:
    """Install paths the LibreOffice installer records (only on a real Windows)."""
    found: list[Path] = []
    if sys.platform == "win32":
        import winreg

        keys = (
            r"SOFTWARE\LibreOffice\UNO\InstallPath",
            r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath",
        )
        for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
            for key in keys:
                try:
                    with winreg.OpenKey(hive, key) as handle:
                        value, _kind = winreg.QueryValueEx(handle, "")
                except OSError:
                    continue
                if isinstance(value, str) and value:
                    found.append(Path(value) / "soffice.exe")
    return found


def find_soffice(environ: Mapping[str, str] | None = None, *, platform: str | None = None) -> Path:
    """Path of the soffice program, or :class:`ConversionError` saying how to install it.

    ``environ`` defaults to ``os.environ`` and ``platform`` to ``sys.platform``; both are
    parameters so the search can be shown for another system.
    """
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    names = _exe_names(plat)

    chosen = env.get(SOFFICE_ENV, "").strip().strip('"')
    if chosen:
        given = Path(chosen)
        candidates = [given / n for n in names] + [given / "program" / n for n in names]
        for candidate in [given, *candidates]:
            if _is_program(candidate):
                _log.debug("soffice from %s: %s", SOFFICE_ENV, candidate)
                return candidate
        raise soffice_missing_error(
            f"Biến môi trường {SOFFICE_ENV} trỏ tới “{chosen}”, nhưng đó không phải tệp "
            "chương trình soffice.",
            f"The environment variable {SOFFICE_ENV} points to “{chosen}”, which is not "
            "the soffice program.",
        )

    search_path = env.get("PATH", "")
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name, path=search_path)
        if found:
            _log.debug("soffice on PATH: %s", found)
            return Path(found)

    for candidate in _well_known(plat, env):
        if _is_program(candidate):
            _log.debug("soffice in an install folder: %s", candidate)
            return candidate
    raise soffice_missing_error()
