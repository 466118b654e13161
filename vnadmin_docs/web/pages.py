"""A document's pages as images for the browser: .docx → PDF (LibreOffice, through
:mod:`vnadmin_docs.pdf`) → one PNG per page (poppler's ``pdftoppm``). And where a piece of
text is on those pages, so the checker's findings can be marked in place."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from vnadmin_docs.errors import VnAdminError
from vnadmin_docs.pdf import ConversionOptions, convert_files

__all__ = ["PREVIEW_DPI", "Place", "docx_pages", "find_text", "pdf_pages"]

PREVIEW_DPI = 80
MAX_PAGES = 40


@dataclass(frozen=True)
class Place:
    """Where a text is: page index and the box in fractions of the page (0..1)."""

    page: int
    left: float
    top: float
    width: float
    height: float


def pdf_pages(pdf: Path, out_dir: Path, dpi: int = PREVIEW_DPI) -> list[Path]:
    """PNG files of the PDF's pages (at most :data:`MAX_PAGES`), in order."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise VnAdminError("thiếu chương trình pdftoppm (gói poppler-utils) để vẽ trang",
                           "pdftoppm (poppler-utils) is needed to draw the pages")
    out_dir.mkdir(parents=True, exist_ok=True)
    prefix = out_dir / "trang"
    subprocess.run([exe, "-png", "-r", str(dpi), "-l", str(MAX_PAGES), str(pdf), str(prefix)],
                   check=True, capture_output=True, timeout=120)
    def page_no(p: Path) -> int:
        return int(p.stem.rsplit("-", 1)[-1])
    return sorted(out_dir.glob("trang-*.png"), key=page_no)


def docx_pages(docx: Path, out_dir: Path, dpi: int = PREVIEW_DPI) -> tuple[Path, list[Path]]:
    """The PDF and the page images of ``docx``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / (docx.stem + ".pdf")
    from vnadmin_docs.web.office import warm_convert

    if not warm_convert(docx, pdf):
        convert_files([(docx, pdf)], ConversionOptions(processes=1, idle_timeout=60),
                      name_by_target=True)
    return pdf, pdf_pages(pdf, out_dir / "trang", dpi)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", "", text).casefold()


def find_text(pdf: Path, needle: str) -> Place | None:
    """The first place ``needle`` is printed (spaces and case ignored), or ``None``."""
    import pdfplumber

    # the checker shortens long quotes with "…": look for what comes before it
    want = _fold(needle.split("…")[0].removesuffix("..."))[:40]
    if len(want) < 2:
        return None
    with pdfplumber.open(pdf) as doc:
        for index, page in enumerate(doc.pages[:MAX_PAGES]):
            chars = [c for c in page.chars if c["text"].strip()]
            text = "".join(_fold(c["text"]) for c in chars)
            at = text.find(want)
            if at < 0:
                continue
            # one folded char per pdf char, except ligatures; close enough for a marker
            hit = chars[at: at + len(want)]
            if not hit:
                continue
            x0 = min(c["x0"] for c in hit)
            x1 = max(c["x1"] for c in hit)
            top = min(c["top"] for c in hit)
            bottom = max(c["bottom"] for c in hit)
            w, h = float(page.width), float(page.height)
            return Place(index, x0 / w, top / h, (x1 - x0) / w, (bottom - top) / h)
    return None
