"""What a batch run returns, and the names of the files it makes in the output folder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from vnadmin_docs.batch.manifest import ManifestEntry, read_manifest
from vnadmin_docs.batch.record import RowProblem
from vnadmin_docs.batch.table import SkippedRow
from vnadmin_docs.content import TemplateSpec
from vnadmin_docs.errors import ConversionError

LETTERS_DIR = "van-ban"
MERGED_FILE = "tat-ca-de-in.docx"
ZIP_FILE = "van-ban.zip"
ProgressFn = Callable[[int, int], None]


@dataclass
class BatchResult:
    """What a run did. ``exit_code``: 0 every row gave a letter (and every PDF asked for was
    made), 1 some rows did not (or ``pdf_error``).

    The per-row report is not kept in memory during a run (it streams to ``manifest.csv`` /
    ``manifest.json``); :attr:`entries` reads it back when asked.
    """

    template: TemplateSpec
    source: str = ""
    """The data file that was read."""
    rows: int = 0
    """Dossier rows read (header, title, group and footer rows not counted)."""
    skipped: tuple[SkippedRow, ...] = ()
    """Rows passed over on purpose: group headings, column numbers, the footer."""
    valid: int = 0
    """Rows that passed every check (the letters planned)."""
    problems: Sequence[RowProblem] = field(default_factory=list)
    """Every row problem in row order (errors and warnings). After a run, a
    :class:`~.problem_log.ProblemLog`: read from disk as it is iterated, so a long batch
    does not hold them all; ``list(result.problems)`` makes a list."""
    written: int = 0
    unchanged: int = 0
    failed_rows: int = 0
    out_dir: Path | None = None
    merged: Path | None = None
    manifest: tuple[Path, Path] | None = None
    archive: Path | None = None
    dry_run: bool = False
    strict_blocked: bool = False
    pdf_dir: Path | None = None
    print_pdf: Path | None = None
    pdf_converted: int = 0
    """Letters converted to PDF in this run (the others' PDFs were already current)."""
    pdf_unchanged: int = 0
    pdf_error: ConversionError | None = None
    """Why some or all PDFs are missing (LibreOffice not installed, a letter that fails)."""
    numbers_taken: tuple[int, ...] = ()
    """Numbers newly taken from the book in this run (in letter order)."""
    numbers_reused: int = 0
    """Letters that kept the number a previous run took for them."""
    retired: tuple[str, ...] = ()
    """Files a previous run into this folder wrote that the data no longer gives (a row
    removed or edited, numbers shifted), moved into ``cu/`` at the end of this run; paths
    relative to the output folder, as they were before the move."""
    hidden_sheets: tuple[str, ...] = ()
    """The workbook's hidden sheets (not read)."""
    checked: list[ManifestEntry] | None = field(default=None, repr=False)
    """The report of a run that wrote nothing (``--dry-run``, blocked ``--strict``)."""

    @cached_property
    def entries(self) -> list[ManifestEntry]:
        """One entry per row, in row order: the report of a run that wrote nothing, or the
        written manifest read back from disk (once, when first asked)."""
        if self.checked is not None:
            return self.checked
        if self.manifest is not None:
            return read_manifest(self.manifest[1].parent)
        return []

    @property
    def warning_count(self) -> int:
        """How many of :attr:`problems` are warnings (counted as they were found)."""
        from vnadmin_docs.batch.problem_log import ProblemLog

        if isinstance(self.problems, ProblemLog):
            return self.problems.count("warning")
        return sum(1 for p in self.problems if p.severity == "warning")

    @property
    def hidden_rows(self) -> tuple[int, ...]:
        """Sheet rows hidden in the workbook (a filter, hidden by hand) that were read."""
        from vnadmin_docs.batch.validate import HIDDEN_ROW_EN

        return tuple(p.row for p in self.problems if p.reason_en == HIDDEN_ROW_EN)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed_rows or self.pdf_error is not None else 0
