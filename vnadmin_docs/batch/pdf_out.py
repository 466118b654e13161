"""PDFs of a batch: one per letter in ``OUTDIR/pdf/`` and one print file of them all.

Letters reach :meth:`PdfStage.add` in plan order with the checksum of their .docx and, when
the letter was rendered in this run, its XML (:class:`~vnadmin_docs.writer.LetterXml`, built
once for the letter's own file and reused here). A letter's PDF is *current* when the
journal has ``pdf:<sha256 of the .docx>`` naming this PDF and the PDF on disk still has the
journalled checksum; current PDFs are never converted again. The others are written at once
into merged group files on disk (:class:`vnadmin_docs.pdf.LetterGroups`; the page model is
then dropped, so memory does not grow with N) and converted together: one LibreOffice call
per process for up to ``ROUND_GROUPS`` groups each, so LibreOffice starts once per process
per round, not once per group; each group's PDF is cut at each letter's first page. The
print file is made from the group PDFs when every letter was converted in this run (fonts
shared within a group), else by merging the per-letter PDFs in order (each letter starts on
a new page and keeps its own page numbers, as in ``tat-ca-de-in.docx``); it is rebuilt
only when the set of letter PDFs changed.

LibreOffice missing or failing never stops the batch: the .docx files are written, and the
first :class:`ConversionError` is kept for the caller to report (exit code 1).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from vnadmin_docs._files import resolve_inside
from vnadmin_docs.batch.manifest import JournalEntry, append_journal, sha256_file
from vnadmin_docs.batch.outdated import PDF_KEY
from vnadmin_docs.errors import ConversionError
from vnadmin_docs.pdf import (
    ConversionOptions,
    LetterGroups,
    default_processes,
    find_soffice,
    merge_pdfs,
    pdf_problem,
)
from vnadmin_docs.writer import LetterXml

__all__ = ["PDF_DIR", "PRINT_KEY", "PRINT_PDF", "ROUND_GROUPS", "PdfStage", "pdf_name"]

_log = logging.getLogger(__name__)

PDF_DIR = "pdf"
PRINT_PDF = "tat-ca-de-in.pdf"
PRINT_KEY = "print-pdf:"
"""Journal key prefix of the print PDF (``tat-ca-de-in.pdf``)."""
ROUND_GROUPS = 20
"""Groups (of ``GROUP_SIZE`` letters) per LibreOffice process converted in one round: 4,000
letters on two cores. One start-up per process per round (~0.5 s) against ~20 s of
converting; a run killed mid-way loses at most one round of PDFs (the .docx are kept)."""


def pdf_name(file_name: str) -> str:
    """The PDF's name: the letter's stem.

    >>> pdf_name("101-000.00.06.H56-231027-0001-Lê Văn A.docx")
    '101-000.00.06.H56-231027-0001-Lê Văn A.pdf'
    """
    return Path(file_name).stem + ".pdf"


@dataclass(frozen=True)
class _Pending:
    file_name: str
    docx_sha: str
    target: Path


class PdfStage:
    """Collects letters, converts those without a current PDF, writes the print file."""

    def __init__(
        self,
        out: Path,
        journal: dict[str, JournalEntry],
        options: ConversionOptions | None = None,
        letters: Path | None = None,
    ) -> None:
        """``letters``: the folder of the letters' .docx (default ``out/van-ban``), from which
        a letter whose group fails is converted on its own."""
        self.out = out
        self.letters = letters if letters is not None else out / "van-ban"
        self.folder = out / PDF_DIR
        self.folder.mkdir(parents=True, exist_ok=True)
        # left by a run killed while writing a letter's PDF or the print file
        for part in (*self.folder.glob(".*.part"),
                     *out.glob(f".{Path(PRINT_PDF).stem}.*.part")):
            part.unlink(missing_ok=True)
        self.journal = journal
        self.error: ConversionError | None = None
        self._no_soffice = False
        self.converted = 0
        self.unchanged = 0
        self.print_file: Path | None = None
        self._done: dict[str, str] = {}  # letter file name -> sha256 of its PDF
        self._pending: dict[Path, _Pending] = {}  # target PDF -> letter, until converted
        opts = options or ConversionOptions()
        try:
            soffice = opts.soffice or find_soffice()
        except ConversionError as exc:
            self.error = exc
            self._no_soffice = True
            soffice = None
        self.options = ConversionOptions(
            soffice=soffice, processes=opts.processes, chunk_size=opts.chunk_size,
            idle_timeout=opts.idle_timeout, retries=opts.retries, pdf_a=opts.pdf_a,
        )
        self._groups = LetterGroups(self.options)
        self._round = ROUND_GROUPS * (opts.processes or default_processes())

    def target(self, file_name: str) -> Path:
        return resolve_inside(self.folder, pdf_name(file_name))

    def is_current(self, file_name: str, docx_sha: str) -> bool:
        """Whether the letter's PDF was made from exactly this .docx and is untouched."""
        done = self.journal.get(PDF_KEY + docx_sha)
        target = self.target(file_name)
        return (done is not None and done.file == pdf_name(file_name)
                and target.is_file() and sha256_file(target) == done.sha256)

    def needs_model(self, file_name: str, docx_sha: str | None) -> bool:
        """Whether a letter already on disk must be rendered again to make its PDF."""
        if self._no_soffice:
            return False
        return docx_sha is None or not self.is_current(file_name, docx_sha)

    def add(self, file_name: str, docx_sha: str, model: LetterXml | None) -> None:
        """Take one letter (in plan order); convert when a round of groups is ready."""
        if self.is_current(file_name, docx_sha):
            self._done[file_name] = self.journal[PDF_KEY + docx_sha].sha256
            self.unchanged += 1
            return
        if model is None or self._no_soffice:
            return
        target = self.target(file_name)
        target.unlink(missing_ok=True)  # a PDF of an older .docx must not pass for a new one
        self._pending[target.absolute()] = _Pending(file_name, docx_sha, target)
        self._groups.add(model, target, resolve_inside(self.letters, file_name))
        if self._groups.ready() >= self._round:
            self.flush(final=False)

    def flush(self, *, final: bool = True) -> None:
        """Convert the waiting letters (``final=False``: only the full groups); keep going
        when some fail (the first error is kept). Every PDF is checked before it counts."""
        if self._no_soffice:
            return
        tried, error = self._groups.convert(final=final)
        if error is not None:
            self.error = self.error or error
        fresh: list[JournalEntry] = []
        for path in tried:
            item = self._pending.pop(path)
            if pdf_problem(item.target) is not None:
                continue
            sha = sha256_file(item.target)
            self._done[item.file_name] = sha
            self.converted += 1
            fresh.append(JournalEntry(PDF_KEY + item.docx_sha, item.target.name, sha))
            self.journal[fresh[-1].key] = fresh[-1]
        append_journal(self.out, fresh)

    def pdf_of(self, file_name: str) -> tuple[str, str] | None:
        """(path relative to the output folder, sha256) of a letter's PDF, if it has one."""
        sha = self._done.get(file_name)
        return None if sha is None else (f"{PDF_DIR}/{pdf_name(file_name)}", sha)

    def finish(self, file_names: list[str]) -> None:
        """Convert what is left, then write the print file of ``file_names`` (in order) when
        every one of them has its PDF; otherwise remove a print file left from before."""
        try:
            self.flush()
            self._print(file_names)
        finally:
            self._groups.close()

    def _print(self, file_names: list[str]) -> None:
        target = resolve_inside(self.out, PRINT_PDF)
        if not file_names or any(n not in self._done for n in file_names):
            if target.exists():
                _log.info("letters without PDF: removing the old %s", PRINT_PDF)
                target.unlink()
            return
        digest = hashlib.sha256("\n".join(self._done[n] for n in file_names).encode())
        key = PRINT_KEY + digest.hexdigest()
        done = self.journal.get(key)
        if not (done is not None and target.is_file() and sha256_file(target) == done.sha256):
            letters = [self.target(n) for n in file_names]
            try:
                # from the group PDFs when this run converted every letter (fast, fonts
                # shared within a group), else from the letters' own PDFs
                if not self._groups.write_print_file(letters, target):
                    merge_pdfs(letters, target)
            except ConversionError as exc:
                self.error = self.error or exc
                return
            append_journal(self.out, [JournalEntry(key, PRINT_PDF, sha256_file(target))])
        self.print_file = self.out / PRINT_PDF  # as the caller named the folder
