"""Merge PDFs into one file for printing (each document starts on a new sheet side)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from vnadmin_docs.errors import ConversionError
from vnadmin_docs.pdf._files import move_into_place, temp_file_beside
from vnadmin_docs.pdf.validate import pdf_problem

__all__ = ["merge_pdfs"]

_log = logging.getLogger(__name__)


def merge_pdfs(paths: Iterable[str | Path], out: str | Path, *, duplex: bool = False) -> Path:
    """Write the pages of ``paths``, in order, into ``out`` (atomically); return ``out``.

    Each document starts on a new page and gets a bookmark named after its file. With
    ``duplex=True`` a blank page is added after every document with an odd number of pages,
    so each one starts on the front of a sheet when printed on both sides. A source that is
    missing or not a valid PDF raises :class:`ConversionError` naming it; ``out`` is then
    left untouched.
    """
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
        reader = PdfReader(source)
        first = len(writer.pages)
        for page in reader.pages:
            writer.add_page(page)
        writer.add_outline_item(title=source.stem, page_number=first)
        if duplex and len(reader.pages) % 2 == 1:
            last = reader.pages[-1].mediabox
            writer.add_blank_page(width=float(last.width), height=float(last.height))
    part = temp_file_beside(target)
    try:
        with part.open("wb") as handle:
            writer.write(handle)
        move_into_place(part, target)
    finally:
        part.unlink(missing_ok=True)
    _log.info("merged %d PDF(s) into %s (%d pages)", len(sources), target, len(writer.pages))
    return target
