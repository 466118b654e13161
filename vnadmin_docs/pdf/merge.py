"""Merge PDFs into one file for printing (each document starts on a new sheet side)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from vnadmin_docs.errors import ConversionError
from vnadmin_docs.pdf._files import move_into_place, temp_file_beside
from vnadmin_docs.pdf.validate import pdf_problem

if TYPE_CHECKING:  # pypdf costs ~60 ms to import; only PDF work needs it
    from pypdf import PageObject, PdfWriter

__all__ = ["add_document", "merge_pdfs", "write_atomically"]

_log = logging.getLogger(__name__)


def merge_pdfs(paths: Iterable[str | Path], out: str | Path, *, duplex: bool = False) -> Path:
    """Write the pages of ``paths``, in order, into ``out`` (atomically); return ``out``.

    Each document starts on a new page and gets a bookmark named after its file. With
    ``duplex=True`` a blank page is added after every document with an odd number of pages,
    so each one starts on the front of a sheet when printed on both sides. A source that is
    missing or not a valid PDF raises :class:`ConversionError` naming it; ``out`` is then
    left untouched.
    """
    from pypdf import PdfReader, PdfWriter
    sources = [Path(p) for p in paths]
    target = Path(out)
    if not sources:
        raise ConversionError(
            f"Không có tệp PDF nào để gộp vào {target}.",
            f"There are no PDF files to merge into {target}.",
            path=str(target),
        )
    writer = PdfWriter()
    for source in sources:
        problem = pdf_problem(source)
        if problem is not None:
            raise ConversionError(
                f"Không gộp được {source} vào {target}: {problem[0]}.",
                f"Cannot merge {source} into {target}: {problem[1]}.",
                path=str(source),
            )
        add_document(writer, list(PdfReader(source).pages), source.stem, duplex=duplex)
    # PDFs cut from one converted group carry identical font programs: store them once
    # (100 apology letters: 5 MB → 0.6 MB). pypdf ≥ 4.3 has it; older versions skip it.
    share = getattr(writer, "compress_identical_objects", None)
    if share is not None:
        share()
    write_atomically(writer, target)
    _log.info("merged %d PDF(s) into %s (%d pages)", len(sources), target, len(writer.pages))
    return target


def add_document(writer: PdfWriter, pages: list[PageObject], title: str, *, duplex: bool) -> None:
    """Append one document's pages with a bookmark; pad to an even count for duplex."""
    first = len(writer.pages)
    for page in pages:
        writer.add_page(page)
    writer.add_outline_item(title=title, page_number=first)
    if duplex and len(pages) % 2 == 1:
        box = pages[-1].mediabox
        writer.add_blank_page(width=float(box.width), height=float(box.height))


def write_atomically(writer: PdfWriter, target: Path) -> None:
    """Write ``writer`` to ``target`` through a temp file in the same folder."""
    part = temp_file_beside(target)
    try:
        with part.open("wb") as handle:
            writer.write(handle)
        move_into_place(part, target)
    finally:
        part.unlink(missing_ok=True)
