"""A batch's letters → one PDF each, streamed: merged groups on disk, one warm run at the end.

:func:`~vnadmin_docs.pdf.letters.documents_to_pdfs` needs every page model in memory and
starts LibreOffice afresh for each call. A batch hands its letters over one at a time, so
:class:`LetterGroups` writes each letter at once into the merged group file it belongs to
(``GROUP_SIZE`` letters, one section each, streamed by :class:`MergedWriter`; the page model
is then dropped), and :meth:`LetterGroups.convert` converts *all* the groups in one
:func:`convert_files` run: each LibreOffice process converts its share of the groups in a
single call (start-up paid once per process, not once per group), the processes sharing the
cores. Each group's PDF is then cut at the letters' first pages, as in ``letters.py``.

Safety is that of ``letters.py``: a group is cut only when the cut gives exactly as many
sections as went in, starting at page 1; a group that fails to convert, or does not cut
right, has its letters converted one file each from their own .docx (``source``), which
isolates a letter that breaks LibreOffice and names its PDF in the error. Every PDF is then
checked by the caller (see ``batch/pdf_out.py``). Design: docs/dev/pdf.md.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from vnadmin_docs.errors import ConversionError
from vnadmin_docs.layout.page_model import PageModel
from vnadmin_docs.pdf.convert import ConversionOptions, convert_files
from vnadmin_docs.pdf.letters import GROUP_SIZE, first_pages, print_from_pieces, split_pdf
from vnadmin_docs.pdf.scratch import scratch_dir
from vnadmin_docs.writer import LetterXml, letter_xml
from vnadmin_docs.writer.stream import MergedWriter

__all__ = ["LetterGroups", "Piece"]

_log = logging.getLogger(__name__)

Piece = tuple[Path, int, "int | None"]
"""Where a letter's pages are: (PDF file, first page, end page or ``None`` for the end)."""


@dataclass(frozen=True)
class _Letter:
    target: Path
    source: Path
    sections: int
    top_pt: float


@dataclass
class _Group:
    docx: Path
    pdf: Path
    writer: MergedWriter | None
    letters: list[_Letter] = field(default_factory=list)


class LetterGroups:
    """``add`` letters in order, ``convert`` once, then optionally ``write_print_file``;
    ``close`` (or the ``with`` block) removes the scratch folder."""

    def __init__(self, options: ConversionOptions, group_size: int = GROUP_SIZE) -> None:
        if not 1 <= group_size <= 200:
            raise ValueError(f"group_size must be 1..200, not {group_size}")
        self.options = options
        self.group_size = group_size
        self._work: Path | None = None
        self._groups: list[_Group] = []
        self.pieces: dict[Path, Piece] = {}
        """Target PDF -> where its pages are, after :meth:`convert`."""
        self._converted = 0  # groups before this index are converted

    def __len__(self) -> int:
        return sum(len(g.letters) for g in self._groups)

    def _open_group(self) -> _Group:
        if self._work is None:
            self._work = scratch_dir("letters")
        number = len(self._groups)
        docx = self._work / f"group-{number:04d}.docx"
        group = _Group(docx, self._work / f"group-{number:04d}.pdf", MergedWriter(docx))
        self._groups.append(group)
        return group

    def add(self, letter: PageModel | LetterXml, target: Path, source: Path) -> None:
        """Write ``letter`` (its page model, or the XML built for its own file, reused as it
        is) into the current group; ``source`` is the same letter as a .docx file (converted
        alone when its group fails)."""
        built = letter if isinstance(letter, LetterXml) else letter_xml(letter)
        group = self._groups[-1] if self._groups else None
        if group is None or group.writer is None:
            group = self._open_group()
        assert group.writer is not None
        group.writer.add(built)
        sections = built.model.sections
        top = min(s.setup.top.pt for s in sections)
        group.letters.append(_Letter(target.absolute(), source, len(sections), top))
        if len(group.letters) >= self.group_size:
            group.writer.close()
            group.writer = None

    def ready(self) -> int:
        """Full groups written and not converted yet (only the last group can be open)."""
        open_last = bool(self._groups) and self._groups[-1].writer is not None
        return len(self._groups) - self._converted - open_last

    def convert(self, *, final: bool = True) -> tuple[list[Path], ConversionError | None]:
        """Convert the groups not converted yet (with ``final=False`` only the full ones)
        and cut them into their targets. Returns the targets tried and ``None`` when each of
        them has its PDF, else the error naming the letters that have none."""
        if final:
            for group in self._groups:
                if group.writer is not None:
                    group.writer.close()
                    group.writer = None
        # only the last group can still be open: the ones to do are a run from _converted
        todo = [g for g in self._groups[self._converted:] if g.writer is None]
        self._converted += len(todo)
        tried = [letter.target for g in todo for letter in g.letters]
        if not todo:
            return tried, None
        try:
            # one run for all the groups: each process converts its share in one call, its
            # start-up paid once; no retry of a failed group (converting its letters one by
            # one below is the retry: a hung group tried again cost one more time-out)
            convert_files([(g.docx, g.pdf) for g in todo],
                          dataclasses.replace(self.options, retries=0))
        except ConversionError as exc:
            # info, not warning: it names scratch files; the letters that still fail alone
            # are named in the error returned below
            _log.info("some merged groups failed, converting their letters alone: %s",
                      exc.message_en)
        redo: list[_Letter] = []
        for group in todo:
            group.docx.unlink(missing_ok=True)
            if not self._cut(group):
                redo.extend(group.letters)
        if not redo:
            return tried, None
        self.pieces.update({letter.target: (letter.target, 0, None) for letter in redo})
        try:
            convert_files([(letter.source, letter.target) for letter in redo], self.options,
                          name_by_target=True)
        except ConversionError as exc:
            return tried, exc
        return tried, None

    def _cut(self, group: _Group) -> bool:
        """Split the group's PDF into its letters; False when it cannot be trusted."""
        if not group.pdf.exists():
            return False
        starts = first_pages(group.pdf, min(letter.top_pt for letter in group.letters))
        counts = [letter.sections for letter in group.letters]
        if len(starts) != sum(counts) or starts[:1] != [0]:
            _log.warning("group of %d letters (%d sections) split into %d; converting them "
                         "one by one", len(counts), sum(counts), len(starts))
            return False
        firsts = [starts[sum(counts[:k])] for k in range(len(counts))]
        targets = [letter.target for letter in group.letters]
        split_pdf(group.pdf, firsts, targets)
        ends: list[int | None] = [*firsts[1:], None]
        for target, first, end in zip(targets, firsts, ends, strict=True):
            self.pieces[target] = (group.pdf, first, end)
        return True

    def write_print_file(self, targets: list[Path], out: Path, *, duplex: bool = False) -> bool:
        """Write the letters ``targets`` (in order) as one PDF from the group PDFs (fonts
        shared within a group); False, writing nothing, when one of them was not made here."""
        wanted = [t.absolute() for t in targets]
        if not wanted or any(t not in self.pieces or not t.exists() for t in wanted):
            return False
        print_from_pieces(out, [self.pieces[t] for t in wanted], wanted, duplex)
        return True

    def close(self) -> None:
        for group in self._groups:
            if group.writer is not None:
                group.writer.abort()
                group.writer = None
        if self._work is not None:
            shutil.rmtree(self._work, ignore_errors=True)
            self._work = None

    def __enter__(self) -> LetterGroups:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
