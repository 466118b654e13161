"""The font of the agency's text signature (Times New Roman 10 pt, R-DAU-4), embedded.

pyHanko lays text out in a 1000-unit glyph space; with a TrueType font whose em square is
2048 units (Times New Roman, Liberation Serif) the stamp text came out about twice too
wide. The font is therefore rescaled to 1000 units per em with fontTools before pyHanko
sees it (``docs/dev/electronic.md`` shows the measurement).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from vnadmin_docs.errors import VnAdminError

__all__ = ["quiet_font_logs", "stamp_font", "times_font_file"]

_CANDIDATES = (
    # Windows, macOS, Linux (Liberation Serif has Times New Roman's metrics).
    Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts" / "times.ttf",
    Path("/Library/Fonts/Times New Roman.ttf"),
    Path("/System/Library/Fonts/Supplemental/Times New Roman.ttf"),
    Path("/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"),
)


_ITALIC = {
    "times.ttf": "timesi.ttf",
    "Times New Roman.ttf": "Times New Roman Italic.ttf",
    "Times_New_Roman.ttf": "Times_New_Roman_Italic.ttf",
    "LiberationSerif-Regular.ttf": "LiberationSerif-Italic.ttf",
}


def times_font_file(italic: bool = False) -> Path:
    """Times New Roman, or the metric-compatible Liberation Serif (upright or italic)."""
    env = os.environ.get("VNADMIN_DOCS_STAMP_FONT")
    for path in ((Path(env),) if env else ()) + _CANDIDATES:
        if path.is_file():
            if italic:
                slanted = path.with_name(_ITALIC.get(path.name, path.name))
                return slanted if slanted.is_file() else path
            return path
    found = shutil.which("fc-match")
    if found and sys.platform != "win32":
        import subprocess

        out = subprocess.run(
            [found, "-f", "%{file}", "Times New Roman"], capture_output=True, text=True
        ).stdout.strip()
        if out and Path(out).is_file():
            return Path(out)
    raise VnAdminError(
        "Không tìm thấy phông Times New Roman (hay Liberation Serif) để ghi chữ ký số của "
        "cơ quan; đặt biến VNADMIN_DOCS_STAMP_FONT trỏ tới tệp .ttf.",
        "Times New Roman (or Liberation Serif) not found for the agency's text signature; "
        "set VNADMIN_DOCS_STAMP_FONT to a .ttf file.",
    )


@functools.lru_cache(maxsize=4)
def stamp_font(source: Path | None = None, italic: bool = False) -> Path:
    """A copy of the font with 1000 units per em (cached per process)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    path = source or times_font_file(italic)
    font = TTFont(str(path))
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    folder = Path(tempfile.mkdtemp(prefix="vnadmin-font-"))
    atexit.register(shutil.rmtree, folder, True)
    target = folder / f"{path.stem}-1000upm.ttf"
    font.save(str(target))
    return target


@contextlib.contextmanager
def quiet_font_logs() -> Iterator[None]:
    """Silence fontTools' remarks on tables it does not subset ("FFTM NOT subset") and
    pyHanko's on rounding (102.00000000000001 > 102) while a stamp is laid out."""
    quiet = [logging.getLogger(n) for n in ("pyhanko.pdf_utils.layout", "fontTools.subset")]
    levels = [q.level for q in quiet]
    for q in quiet:
        q.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for q, level in zip(quiet, levels, strict=True):
            q.setLevel(level)
