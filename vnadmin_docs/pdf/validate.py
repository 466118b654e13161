"""Is this file a PDF a clerk can open? (header, parsable by pypdf, at least one page)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pypdf costs ~60 ms to import; only PDF work needs it
    pass

__all__ = ["pdf_problem"]

_log = logging.getLogger(__name__)


def pdf_problem(path: Path) -> tuple[str, str] | None:
    """``None`` when ``path`` is a valid PDF with at least one page, else (reason_vi, reason_en).

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "x.pdf"
    >>> _ = bad.write_bytes(b"not a pdf")
    >>> pdf_problem(bad)[0]
    'tệp tạo ra không phải PDF (thiếu phần đầu %PDF-)'
    """
    from pypdf import PdfReader
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except FileNotFoundError:
        return ("LibreOffice không tạo ra tệp PDF", "LibreOffice produced no PDF file")
    except OSError as exc:
        return (f"không đọc được tệp PDF ({exc})", f"cannot read the PDF file ({exc})")
    if b"%PDF-" not in head:
        return (
            "tệp tạo ra không phải PDF (thiếu phần đầu %PDF-)",
            "the file produced is not a PDF (no %PDF- header)",
        )
    try:
        pages = len(PdfReader(path).pages)
    except Exception as exc:  # pypdf raises many types on damaged files; all mean "broken"
        _log.debug("pypdf cannot read %s: %r", path, exc)
        return (
            f"tệp PDF tạo ra bị hỏng ({type(exc).__name__})",
            f"the PDF produced is damaged ({type(exc).__name__})",
        )
    if pages < 1:
        return ("tệp PDF tạo ra không có trang nào", "the PDF produced has no pages")
    return None
