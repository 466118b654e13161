"""Many documents → one PDF each, at batch speed: convert merged files, then split them.

LibreOffice spends most of each file's time on per-document work (loading, setting up the
layout and the PDF export), so one .docx holding 100 letters converts about three times
faster than 100 letters in one call. Input: page models (one per document) and a target
PDF per document. The documents are merged in groups (one section each, so numbering
restarts and page 1 of each shows no number), the groups are converted in parallel, and
each group's PDF is cut at every page that shows nothing in the top margin: under
R-PGNUM-2 that is exactly the first page of each section (a document, or an appendix,
which numbers its own pages, R-PGNUM-3), so a document starts at its first section.

Safety: a group is split only when the cut gives exactly as many documents as went in;
otherwise (or when the group fails to convert) its documents are converted one file each,
which isolates a document that breaks LibreOffice and names it in the error.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vnadmin_docs.errors import ConversionError
from vnadmin_docs.layout.page_model import PageModel
from vnadmin_docs.pdf.chunks import plan_chunks
from vnadmin_docs.pdf.convert import ConversionOptions, convert_files, default_processes
from vnadmin_docs.pdf.merge import add_document, write_atomically
from vnadmin_docs.pdf.scratch import scratch_dir
from vnadmin_docs.writer import write_docx, write_merged

if TYPE_CHECKING:  # pypdf costs ~60 ms to import; only PDF work needs it
    from pypdf import PageObject

__all__ = ["GROUP_SIZE", "documents_to_pdfs", "first_pages", "print_from_pieces", "split_pdf"]

_log = logging.getLogger(__name__)

GROUP_SIZE = 100

# LibreOffice starts each text object with an absolute position: "BT <x> <y> Td".
_TEXT_AT = re.compile(rb"BT\s+(-?[\d.]+)\s+(-?[\d.]+)\s+Td")


def _texts_above(page: PageObject, limit: float) -> bool:
    data = page.get_contents()
    raw = data.get_data() if data is not None else b""
    ys = [float(m.group(2)) for m in _TEXT_AT.finditer(raw)]
    if ys or b"BT" not in raw:
        return any(y > limit for y in ys)
    # Another producer's layout of text objects: ask pypdf where the text goes (slower).
    found: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            found.append(tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    return any(y > limit for y in found)


def first_pages(pdf: Path, top_margin_pt: float) -> list[int]:
    """0-based indices of the pages that print nothing in the top margin.

    In a merged file of Decree 30 documents these are the first pages of the documents,
    because every later page carries its page number there (R-PGNUM-1/2).
    """
    from pypdf import PdfReader
    reader = PdfReader(pdf)
    starts = []
    for index, page in enumerate(reader.pages):
        limit = float(page.mediabox.top) - top_margin_pt
        if not _texts_above(page, limit):
            starts.append(index)
    return starts


def split_pdf(pdf: Path, starts: list[int], targets: Sequence[Path]) -> None:
    """Write pages ``starts[k]`` up to the next start of ``pdf`` as ``targets[k]``."""
    from pypdf import PdfReader, PdfWriter
    reader = PdfReader(pdf)
    ends = [*starts[1:], len(reader.pages)]
    root: Any = reader.trailer["/Root"]
    for target, start, end in zip(targets, starts, ends, strict=True):
        writer = PdfWriter()
        for index in range(start, end):
            writer.add_page(reader.pages[index])
        if "/OutputIntents" in root and "/Metadata" in root:
            # A PDF/A conversion (issue 16): each letter keeps the claim, its output
            # intent and the fonts its pages embed.
            from pypdf.generic import NameObject

            for key in ("/OutputIntents", "/Metadata"):
                writer._root_object[NameObject(key)] = writer._add_object(
                    root[key].get_object().clone(writer)
                )
        write_atomically(writer, target)


def print_from_pieces(
    target: Path,
    pieces: list[tuple[Path, int, int | None]],
    paths: list[Path],
    duplex: bool,
) -> None:
    """One PDF of the documents whose pages are ``pieces`` (file, first, end), each with a
    bookmark named after its path in ``paths``."""
    from pypdf import PdfReader, PdfWriter
    pages_of: dict[Path, list[PageObject]] = {}  # each file parsed once, not once a piece
    writer = PdfWriter()
    for (pdf, start, end), path in zip(pieces, paths, strict=True):
        if pdf not in pages_of:
            pages_of[pdf] = list(PdfReader(pdf).pages)
        add_document(writer, pages_of[pdf][start:end], path.stem, duplex=duplex)
    write_atomically(writer, target)


def documents_to_pdfs(
    models: Sequence[PageModel],
    targets: Sequence[str | Path],
    options: ConversionOptions | None = None,
    *,
    group_size: int = GROUP_SIZE,
    print_file: str | Path | None = None,
    duplex: bool = False,
) -> list[Path]:
    """Write ``models[i]`` as the PDF ``targets[i]``; return the targets (absolute).

    Each PDF is written atomically. When some documents cannot be converted, the others
    are still written and :class:`ConversionError` names the failed targets.
    ``print_file``: also write the whole batch as one PDF for printing, in order, each
    document on a new page with a bookmark named after its target (fonts shared within a
    group, so much smaller than merging the single PDFs); ``duplex`` adds a blank page
    after documents with an odd number of pages.
    """
    if len(models) != len(targets):
        raise ValueError(f"{len(models)} documents but {len(targets)} targets")
    paths = [Path(t).absolute() for t in targets]
    if len(set(paths)) != len(paths):
        dup = next(p for p in paths if paths.count(p) > 1)
        raise ConversionError(
            f"Hai văn bản cùng ghi ra {dup}; hãy đặt tên tệp khác nhau.",
            f"Two documents would be written to {dup}; give them different names.",
            path=str(dup),
        )
    if not models:
        return []
    opts = options or ConversionOptions()
    processes = opts.processes or default_processes()
    groups = plan_chunks(len(models), processes, min(group_size, 200))
    work = scratch_dir("letters")
    try:
        merged: list[tuple[Path, Path]] = []
        for number, group in enumerate(groups):
            docx = work / f"group-{number:04d}.docx"
            docx.write_bytes(write_merged([models[i] for i in group]))
            merged.append((docx, work / f"group-{number:04d}.pdf"))
        try:
            # no retry of a failed group: converting its documents one by one below is the
            # retry (a hung group tried again cost one more idle time-out for nothing)
            convert_files(merged, dataclasses.replace(opts, retries=0))
        except ConversionError as exc:
            # Not a warning: with no logging set up (the CLI) Python prints warnings to
            # stderr, and this one names scratch files that are gone by then. The letters
            # that still fail alone are named in the error raised below.
            _log.info("some merged groups failed, converting their documents alone: %s",
                      exc.message_en)
        redo: list[int] = []
        pieces: dict[int, tuple[Path, int, int | None]] = {}
        for group, (_docx, pdf) in zip(groups, merged, strict=True):
            if not pdf.exists():
                redo.extend(group)
                continue
            top = min(s.setup.top.pt for i in group for s in models[i].sections)
            starts = first_pages(pdf, top)
            # Every section (a document, or an appendix of one) starts on a page without
            # a number; a document begins at its first section.
            counts = [len(models[i].sections) for i in group]
            if len(starts) != sum(counts) or starts[:1] != [0]:
                _log.warning(
                    "group of %d documents (%d sections) split into %d; converting them one by one",
                    len(group),
                    sum(counts),
                    len(starts),
                )
                redo.extend(group)
                continue
            firsts = [starts[sum(counts[:k])] for k in range(len(counts))]
            split_pdf(pdf, firsts, [paths[i] for i in group])
            for k, i in enumerate(group):
                pieces[i] = (pdf, firsts[k], firsts[k + 1] if k + 1 < len(firsts) else None)
        if redo:
            singles = work / "singles"
            singles.mkdir()
            pairs = []
            for i in redo:
                docx = singles / f"{i:06d}-{paths[i].stem[:60]}.docx"
                docx.write_bytes(write_docx(models[i]))
                pairs.append((docx, paths[i]))
            convert_files(pairs, opts, name_by_target=True)
            pieces.update({i: (paths[i], 0, None) for i in redo})
        if print_file is not None:
            ordered = [pieces[i] for i in range(len(models))]
            print_from_pieces(Path(print_file), ordered, paths, duplex)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return paths
