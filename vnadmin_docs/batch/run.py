"""One batch run: spreadsheet in; one letter per good row, one merged file, a manifest out.

Two passes, so that memory does not grow with the sheet:

1. **check** — every row is read in order, then cleaned and checked
   (:func:`~.validate.validate_record`) and checked against the template and the document
   model (:func:`vnadmin_docs.api.prepare`) in chunks (:mod:`.survey`; in the worker pool
   when there is one); duplicate codes are noted in order in this process. Problems are
   parked on disk (:class:`~.problem_log.ProblemLog`); each good row's cleaned values and
   their digest are parked in a :class:`~.spill.Spill` (a temporary file): nothing per row
   stays in memory but a few bytes in the hash tables of codes and names. Nothing is written
   before every row is checked.
2. **write** — letters are numbered (profile start + position, or the number book) and named
   (pattern, made safe and unique from the data alone); then the parked rows are read back
   chunk by chunk and rendered, skipping letters the journal shows already written from the
   same key with the same checksum (a resumed run after ``kill -9``); files appear
   atomically. The merged file, the PDF stage, the number book and the manifest are fed
   chunk by chunk, in letter order.

``workers > 1`` renders in that many processes; letters are numbered and named before any
letter is rendered and the writer is deterministic, so the output is byte-identical.

The stages live in their own modules: :mod:`.survey` (pass 1: read, clean, check),
:mod:`.letter` (a row mapped to a letter's data and keys), :mod:`.render` (the work handed to
the worker processes), :mod:`.plan` (numbers, names and keys between the passes),
:mod:`.write` (pass 2), :mod:`.report` (manifest order, zip) and :mod:`.result`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from contextlib import ExitStack, nullcontext
from pathlib import Path

from vnadmin_docs.batch.letter import data_fields
from vnadmin_docs.batch.load import open_table
from vnadmin_docs.batch.pdf_out import PDF_DIR, PRINT_PDF
from vnadmin_docs.batch.pool import worker_pool
from vnadmin_docs.batch.problems import file_not_written
from vnadmin_docs.batch.profile import BatchProfile
from vnadmin_docs.batch.render import CHUNK
from vnadmin_docs.batch.result import LETTERS_DIR, MERGED_FILE, BatchResult, ProgressFn
from vnadmin_docs.batch.spill import Spill
from vnadmin_docs.batch.survey import Parked, check_profile, check_rows
from vnadmin_docs.batch.write import write_pass
from vnadmin_docs.content import TemplateLibrary
from vnadmin_docs.pdf import ConversionOptions
from vnadmin_docs.registry import Register, Series

__all__ = [
    "LETTERS_DIR",
    "MERGED_FILE",
    "PDF_DIR",
    "PRINT_PDF",
    "BatchResult",
    "data_fields",
    "run_batch",
]


def run_batch(
    data_path: str | Path,
    profile: BatchProfile,
    out_dir: str | Path,
    *,
    strict: bool = False,
    dry_run: bool = False,
    workers: int = 1,
    make_zip: bool | None = None,
    columns: Mapping[str, str | None] | None = None,
    template: str | None = None,
    template_dirs: Sequence[str | Path] = (),
    merged: bool = True,
    issue_date: dt.date | None = None,
    profile_source: str | None = None,
    progress: ProgressFn | None = None,
    pdf: bool = False,
    pdf_options: ConversionOptions | None = None,
    register: Register | None = None,
    series: str | Series = Series.ORDINARY,
) -> BatchResult:
    """Run a whole batch; see the module docstring. Raises
    :class:`~vnadmin_docs.batch.problems.InputFileError` (unusable data file),
    :class:`~vnadmin_docs.batch.problems.OutputFolderError` (``out_dir`` cannot be written,
    or another run is writing into it), :class:`DataError` (profile), :class:`TemplateError`,
    :class:`RegisterError` (the book refused the batch; nothing written); row problems never
    raise: they are in ``result.problems`` and the manifest.

    ``dry_run``: check every row, write nothing (the report is in ``result.entries``);
    ``strict``: write nothing when a row has an error; ``workers``: render in that many
    processes; ``columns``: header → field name (``None`` ignores a column), over the
    profile's ``columns``; ``template``: a template id instead of ``profile.template``;
    ``issue_date``: instead of ``profile.issue_date`` (default today); ``merged``: also the
    merged print file; ``make_zip``: also ``van-ban.zip`` (``None``: the profile's ``zip``);
    ``profile_source``: the profile's path, named in error messages; ``progress``: called
    with (letters done, total).

    ``pdf``: also a PDF per letter in ``OUTDIR/pdf/`` and ``tat-ca-de-in.pdf`` (needs
    LibreOffice; when it is missing or fails the .docx files are still written and
    ``result.pdf_error`` says why). ``register``: number the letters from this book
    (``series``) instead of ``profile.numbering.start``; see :mod:`.numbering`."""
    issue_day = issue_date or profile.issue_date or dt.date.today()
    dirs = tuple(str(d) for d in template_dirs)
    library = TemplateLibrary(dirs)
    spec = library.get(template or profile.template, on=issue_day)
    mapping = {**profile.columns, **(columns or {})}
    column_fields = data_fields(spec)
    check_profile(profile, column_fields, profile_source)
    table = open_table(data_path, column_fields, columns=mapping)
    out = Path(out_dir)
    # Numbers from the book are taken only when files will be written; a run that only
    # checks (or is blocked by --strict) shows the profile's numbering.
    from_book = register is not None and not dry_run
    parallel = workers > 1 and table.count > CHUNK
    # With workers this process renders too (map_ordered): ``workers - 1`` are started.
    # Chunks queued per started worker: checking a chunk takes ~15 ms, a tenth of writing
    # it, so pass 1 keeps more of them queued for the time this process spends reading.
    window = 2 * max(workers - 1, 1)
    with worker_pool(workers - 1) if parallel else nullcontext() as pool, \
            Spill[Parked]() as parked, Spill[str]() as named, ExitStack() as held:
        survey = check_rows(table, column_fields, spec, profile, issue_day,
                            profile_source=profile_source, dirs=dirs, pool=pool, window=4 * window,
                            name_from=None if from_book else profile.numbering.start,
                            parked=parked)
        result = BatchResult(spec, source=table.grid.path, rows=survey.rows,
                             hidden_sheets=table.grid.hidden_sheets,
                             skipped=table.skipped, valid=len(parked),
                             problems=survey.problems, dry_run=dry_run,
                             failed_rows=len(survey.failed))
        del table  # the sheet is no longer needed: pass 2 reads the parked rows
        try:
            return write_pass(
                survey, result, spec, profile, issue_day, out, pool, window,
                strict=strict, make_zip=make_zip, dirs=dirs, merged=merged, progress=progress,
                data_path=data_path, pdf=pdf, pdf_options=pdf_options,
                register=register if from_book else None, series=series, named=named,
                held=held, inputs=[data_path, *([profile_source] if profile_source else []),
                                   *profile.holidays],
            )
        except OSError as exc:  # the merged file or the report open in Word/Excel, disk full
            raise file_not_written(out, exc) from exc
