"""One batch run: spreadsheet in; one letter per good row, one merged file, a manifest out.

Order of work (each step finishes before the next starts):

1. read and check every row (:func:`~vnadmin_docs.batch.load.load_batch`), then check each
   good row against the template and the document model (:func:`vnadmin_docs.api.prepare`)
   — nothing is written before all rows are checked;
2. plan each letter: number (profile start + position among good rows), file name (pattern,
   made safe and unique from the data alone), and a key (hash of the cleaned row, template
   and settings);
3. render and write letters, skipping those the journal shows already written from the same
   key with the same checksum (a resumed run after ``kill -9``); files appear atomically;
4. the merged file for printing, the manifest (CSV + JSON), optionally a .zip.

``workers > 1`` renders in that many processes; letters are numbered and named before any
process starts and the writer is deterministic, so the output is byte-identical.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import logging
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from vnadmin_docs import api
from vnadmin_docs._files import atomic_write_bytes, remove_stale_temps, resolve_inside
from vnadmin_docs.batch.addressee import address_for
from vnadmin_docs.batch.filenames import FileNamePatternError, render_file_name, unique_names
from vnadmin_docs.batch.load import LoadedBatch, load_batch
from vnadmin_docs.batch.manifest import (
    JournalEntry,
    ManifestEntry,
    append_journal,
    read_journal,
    sha256_file,
    write_manifest,
)
from vnadmin_docs.batch.numbering import Assigned, book_identity, number_letters
from vnadmin_docs.batch.pdf_out import PDF_DIR, PRINT_PDF, PdfStage
from vnadmin_docs.batch.profile import BatchProfile
from vnadmin_docs.batch.record import CleanRecord, RowProblem
from vnadmin_docs.content import TemplateLibrary, TemplateSpec
from vnadmin_docs.errors import ConversionError, DataError, FieldProblem
from vnadmin_docs.layout.page_model import PageModel
from vnadmin_docs.pdf import ConversionOptions
from vnadmin_docs.registry import Register, Series
from vnadmin_docs.text.so_line import number_text
from vnadmin_docs.writer.stream import MergedWriter

__all__ = [
    "LETTERS_DIR",
    "MERGED_FILE",
    "PDF_DIR",
    "PRINT_PDF",
    "BatchResult",
    "LetterPlan",
    "plan_letters",
    "run_batch",
]

_log = logging.getLogger(__name__)

LETTERS_DIR = "van-ban"
MERGED_FILE = "tat-ca-de-in.docx"
ZIP_FILE = "van-ban.zip"
_CHUNK = 32
_DERIVED = ("agency", "addressee", "addressee_pronoun", "contact")
ProgressFn = Callable[[int, int], None]
_R = TypeVar("_R")


@dataclass(frozen=True, slots=True)
class LetterPlan:
    """Everything decided about one letter before anything is written. The render data is
    not kept (it is rebuilt, identically, when the letter is rendered) so that memory does
    not grow with the batch."""

    record: CleanRecord
    number: int
    file_name: str
    key: str
    entry_id: int | None = None
    """The number-book entry when the number came from a register."""
    issued: dt.date | None = None
    """The issue date the book recorded (``None``: the run's issue date)."""


@dataclass
class BatchResult:
    """What a run did. ``exit_code``: 0 every row gave a letter, 1 some rows did not."""

    loaded: LoadedBatch
    template: TemplateSpec
    entries: list[ManifestEntry] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
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

    @property
    def rows(self) -> int:
        return len(self.entries)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed_rows or self.pdf_error is not None else 0


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _letter_data(
    v: Mapping[str, object], spec: TemplateSpec, profile: BatchProfile, number: int,
    issue_day: dt.date,
) -> dict[str, Any]:
    """The data one letter is rendered from: profile document settings + the row's cleaned
    values ``v``."""
    data: dict[str, Any] = copy.deepcopy(dict(profile.document))
    num = dict(data.get("number") or {})
    num["number"] = number
    data["number"] = num
    data["date"] = issue_day.isoformat()
    applicant = str(v.get("applicant_name") or "")
    who = address_for(
        applicant,
        str(v["representative_name"]) if v.get("representative_name") else None,
        policy=profile.representative,
        kind_hint=str(v["applicant_kind"]) if v.get("applicant_kind") else None,
        honorific_hint=str(v["honorific"]) if v.get("honorific") else None,
    )
    data["addressees"] = [who.salutation]
    if not data.get("subject") and v.get("dossier_code"):
        data["subject"] = f"Về việc giải quyết hồ sơ {v['dossier_code']}"
    declared = {f.name for f in spec.fields}
    content: dict[str, Any] = {k: val for k, val in v.items() if k in declared and val is not None}
    reason = content.get("late_reason") or profile.default_reason
    if isinstance(reason, str):
        content["late_reason"] = reason.rstrip(" .;")
    derived = {
        "agency": profile.agency,
        "addressee": who.in_text,
        "addressee_pronoun": who.pronoun,
        "contact": profile.contact,
    }
    for name, value in derived.items():
        if name in declared and value:
            content[name] = value
    data["content"] = content
    return data


def _settings_digest(spec: TemplateSpec, profile: BatchProfile, issue_day: dt.date) -> str:
    """What every letter of the run shares: template text and fields, settings, issue date,
    package version."""
    payload = {
        "issue_date": issue_day.isoformat(),
        "template": spec.id,
        "template_text": spec.body,
        "fields": [(f.name, f.type, f.required) for f in spec.fields],
        "profile": _jsonable(profile.model_dump()),
        "version": _version(),
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _identity(rec: CleanRecord, settings: str) -> str:
    """A letter's identity before it has a number or a file name (register numbering)."""
    row = json.dumps(_jsonable(rec.values), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{settings}\n{row}".encode()).hexdigest()


def _key(rec: CleanRecord, number: int, settings: str, name: str) -> str:
    """The resume key of one letter. Its render data is a function of the cleaned row, its
    number and the run's settings (template, profile, issue date), so hashing those is
    hashing the letter's input."""
    row = json.dumps(_jsonable(rec.values), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{settings}\n{number}\n{name}\n{row}".encode()).hexdigest()


def _version() -> str:
    from vnadmin_docs import __version__

    return __version__


def _row_problems(rec: CleanRecord, exc: DataError) -> list[RowProblem]:
    out: list[RowProblem] = []
    for p in exc.problems:
        name = p.path.removeprefix("content.")
        column = rec.headers.get(name) or p.label or p.path
        out.append(RowProblem(rec.row, column, p.value, p.reason, p.reason_en))
    return out


_Ctx = tuple[TemplateSpec, tuple[str, ...], BatchProfile]
"""What every letter of a run shares: template, template folders, profile."""
_Row = tuple[int, Mapping[str, object], int, dt.date]
"""One letter to build: plan index, the row's cleaned values, its number, its issue date.
Workers build the render data from this (``_letter_data``), so the main process, which
also reads the sheet and keeps the journal, does not spend its time on it."""
_Check = tuple[_Ctx, list[_Row]]


def _check_chunk(task: _Check) -> list[tuple[int, tuple[FieldProblem, ...]]]:
    """``api.prepare`` for each letter of a chunk; the problems of those that fail."""
    (spec, dirs, profile), items = task
    library = TemplateLibrary(dirs)
    out: list[tuple[int, tuple[FieldProblem, ...]]] = []
    for index, values, number, day in items:
        data = _letter_data(values, spec, profile, number, day)
        try:
            api.prepare(spec, data, library=library)
        except DataError as exc:
            out.append((index, exc.problems))
    return out


def _map_ordered(pool: Executor | None, fn: Callable[[Any], _R], tasks: Iterable[Any],
                 window: int) -> Iterator[_R]:
    """``fn`` over ``tasks``, results in task order; with a pool, at most ``window`` tasks
    in flight (``Executor.map`` would submit them all, and hold all their data, at once)."""
    if pool is None:
        for task in tasks:
            yield fn(task)
        return
    pending: deque[Future[_R]] = deque()
    for task in tasks:
        pending.append(pool.submit(fn, task))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def plan_letters(
    loaded: LoadedBatch,
    spec: TemplateSpec,
    profile: BatchProfile,
    issue_day: dt.date,
    *,
    profile_source: str | None = None,
    template_dirs: tuple[str, ...] = (),
    pool: Executor | None = None,
    window: int = 4,
) -> tuple[list[LetterPlan], list[RowProblem], list[CleanRecord]]:
    """Plans for the rows that can become letters, the problems of those that cannot, and
    those rows. Each good row is checked with :func:`vnadmin_docs.api.prepare` (in ``pool``
    when given). A problem outside ``content`` (issuer, signer…) is the profile's fault: it
    is raised at once as a :class:`DataError` naming the profile file. Letters are numbered
    from ``profile.numbering.start`` in row order."""
    ready, problems, rejected = _check_rows(
        loaded, spec, profile, issue_day, profile_source=profile_source,
        template_dirs=template_dirs, pool=pool, window=window,
    )
    start = profile.numbering.start
    settings = _settings_digest(spec, profile, issue_day)
    plans = _name_plans([(rec, start + i, None) for i, rec in enumerate(ready)], profile,
                        settings, profile_source)
    return plans, problems, rejected


def _check_rows(
    loaded: LoadedBatch,
    spec: TemplateSpec,
    profile: BatchProfile,
    issue_day: dt.date,
    *,
    profile_source: str | None,
    template_dirs: tuple[str, ...],
    pool: Executor | None,
    window: int,
) -> tuple[list[CleanRecord], list[RowProblem], list[CleanRecord]]:
    """The rows that pass ``api.prepare`` (in order), the problems of the others, those."""
    good = loaded.validation.good
    start = profile.numbering.start

    def tasks() -> Iterator[_Check]:
        for first in range(0, len(good), _CHUNK):
            yield ((spec, template_dirs, profile), [
                (i, good[i].values, start + i, issue_day)
                for i in range(first, min(first + _CHUNK, len(good)))
            ])

    failures: dict[int, tuple[FieldProblem, ...]] = {}
    for result in _map_ordered(pool, _check_chunk, tasks(), window):
        failures.update(result)
    problems: list[RowProblem] = []
    rejected: list[CleanRecord] = []
    ready: list[CleanRecord] = []
    for i, rec in enumerate(good):
        if i in failures:
            exc = DataError(failures[i])
            outside = [p for p in exc.problems if not p.path.startswith("content.")
                       or p.path.removeprefix("content.") in _DERIVED]
            if outside:
                raise DataError(outside, profile_source or "tệp cấu hình") from None
            problems.extend(_row_problems(rec, exc))
            rejected.append(rec)
            continue
        ready.append(rec)
    return ready, problems, rejected


def _name_plans(
    numbered: Sequence[tuple[CleanRecord, int, Assigned | None]],
    profile: BatchProfile,
    settings: str,
    profile_source: str | None,
) -> list[LetterPlan]:
    """File names (pattern, made safe and unique) and keys for numbered rows."""
    try:
        stems = [
            render_file_name(profile.file_name, {"row": rec.row, "number": n, **rec.values})
            for rec, n, _ in numbered
        ]
    except FileNamePatternError as exc:
        raise DataError(
            [FieldProblem("file_name", f"mẫu tên tệp không hợp lệ: {exc}", str(exc),
                          profile.file_name)],
            profile_source or "tệp cấu hình",
        ) from None
    names = unique_names(stems)
    return [
        LetterPlan(rec, n, name, _key(rec, n, settings, name),
                   book.entry_id if book else None, book.issued if book else None)
        for (rec, n, book), name in zip(numbered, names, strict=True)
    ]


# ---- rendering, in this process or in workers ---------------------------------------------

_Task = tuple[_Ctx, list[tuple[_Row, str | None]], bool]
_Done = tuple[int, str | None, str | None, PageModel | None]


def _render_chunk(task: _Task) -> list[_Done]:
    """Render each item; write it to its path when one is given. Returns per item: index,
    sha256 of the file written (or None), an error message (or None), the page model (only
    when ``want_models``: shipping page models back from workers costs time)."""
    (spec, dirs, profile), items, want_models = task
    out: list[_Done] = []
    for (index, values, number, day), target in items:
        data = _letter_data(values, spec, profile, number, day)
        try:
            doc = api.render(spec, data, template_dirs=dirs)
            sha: str | None = None
            if target is not None:
                payload = doc.to_bytes()
                atomic_write_bytes(Path(target), payload, durable=False)
                sha = hashlib.sha256(payload).hexdigest()
            out.append((index, sha, None, doc.page_model if want_models else None))
        except Exception as exc:  # one bad letter must not stop the batch; reported per row
            message = exc.localized("vi") if hasattr(exc, "localized") else repr(exc)
            out.append((index, None, str(message), None))
    return out


def _render_all(
    ctx: _Ctx,
    items: list[tuple[int, bool]],
    job_for: Callable[[int, bool], tuple[_Row, str | None]],
    pool: Executor | None,
    window: int,
    on_chunk: Callable[[list[_Done]], None],
    want_models: bool,
) -> None:
    """Render ``items`` in chunks, results in order. Render data is built per letter where
    the letter is rendered (a worker) and at most ``window`` chunks are in flight, so memory
    stays flat however long the batch."""

    def tasks() -> Iterator[_Task]:
        for start in range(0, len(items), _CHUNK):
            chunk = [job_for(i, write) for i, write in items[start:start + _CHUNK]]
            yield (ctx, chunk, want_models)

    for done in _map_ordered(pool, _render_chunk, tasks(), window):
        on_chunk(done)


def _merged_key(plans: Sequence[LetterPlan]) -> str:
    h = hashlib.sha256()
    for plan in plans:
        h.update(plan.key.encode())
    return "merged:" + h.hexdigest()


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
    :class:`DataError` (profile), :class:`TemplateError`, :class:`RegisterError` (the book
    refused the batch; nothing written); row problems never raise.

    ``pdf``: also a PDF per letter in ``OUTDIR/pdf/`` and ``tat-ca-de-in.pdf`` (needs
    LibreOffice; when it is missing or fails the .docx files are still written and
    ``result.pdf_error`` says why). ``register``: number the letters from this book
    (``series``) instead of ``profile.numbering.start``; see :mod:`.numbering`."""
    issue_day = issue_date or profile.issue_date or dt.date.today()
    dirs = tuple(str(d) for d in template_dirs)
    library = TemplateLibrary(dirs)
    spec = library.get(template or profile.template, on=issue_day)
    mapping = {**profile.columns, **(columns or {})}
    column_fields = tuple(f for f in spec.fields if f.name not in _DERIVED)
    loaded = load_batch(data_path, column_fields, columns=mapping,
                        default_reason=profile.default_reason)
    parallel = workers > 1 and len(loaded.validation.good) > _CHUNK
    with ProcessPoolExecutor(max_workers=workers) if parallel else nullcontext() as pool:
        return _run_loaded(
            loaded, spec, profile, issue_day, Path(out_dir), pool, 2 * max(workers, 1),
            strict=strict, dry_run=dry_run, make_zip=make_zip, dirs=dirs, merged=merged,
            profile_source=profile_source, progress=progress, data_path=data_path,
            pdf=pdf, pdf_options=pdf_options, register=register, series=series,
        )


def _run_loaded(
    loaded: LoadedBatch,
    spec: TemplateSpec,
    profile: BatchProfile,
    issue_day: dt.date,
    out: Path,
    pool: Executor | None,
    window: int,
    *,
    strict: bool,
    dry_run: bool,
    make_zip: bool | None,
    dirs: tuple[str, ...],
    merged: bool,
    profile_source: str | None,
    progress: ProgressFn | None,
    data_path: str | Path,
    pdf: bool,
    pdf_options: ConversionOptions | None,
    register: Register | None,
    series: str | Series,
) -> BatchResult:
    ready, late_problems, rejected = _check_rows(
        loaded, spec, profile, issue_day, profile_source=profile_source,
        template_dirs=dirs, pool=pool, window=window,
    )
    validation = loaded.validation
    problems = sorted([*validation.problems, *late_problems], key=lambda p: p.row)
    bad_rows = {r.row for r in validation.bad} | {r.row for r in rejected}
    settings = _settings_digest(spec, profile, issue_day)
    numbered: list[tuple[CleanRecord, int, Assigned | None]]
    books: list[Assigned] = []
    writing = not (dry_run or (strict and bad_rows))
    if register is not None and writing:
        out.mkdir(parents=True, exist_ok=True)
        settings = hashlib.sha256(
            f"{settings}\n{book_identity(register, series)}".encode()).hexdigest()
        to_number: list[tuple[str, dict[str, Any]]] = []
        for rec in ready:
            data = _letter_data(rec.values, spec, profile, 1, issue_day)
            data["number"].pop("number", None)
            to_number.append((_identity(rec, settings), data))
        books = number_letters(register, series, spec, to_number, read_journal(out), out, dirs)
        numbered = [(rec, b.number, b) for rec, b in zip(ready, books, strict=True)]
    else:
        start = profile.numbering.start
        numbered = [(rec, start + i, None) for i, rec in enumerate(ready)]
    plans = _name_plans(numbered, profile, settings, profile_source)
    result = BatchResult(loaded, spec, problems=problems, dry_run=dry_run,
                         failed_rows=len(bad_rows),
                         numbers_taken=tuple(b.number for b in books if not b.reused),
                         numbers_reused=sum(b.reused for b in books))
    by_row = {p.record.row: p for p in plans}

    problems_of: dict[int, list[RowProblem]] = {}
    for p in problems:
        problems_of.setdefault(p.row, []).append(p)

    def entry(rec: CleanRecord, status: str, file: str = "", sha: str = "",
              error: str = "", number: str = "", pdf_file: str = "",
              pdf_sha: str = "") -> ManifestEntry:
        mine = problems_of.get(rec.row, ())
        errors = "; ".join(p.cause() if p.column is None else f"{p.column}: {p.cause()}"
                           for p in mine if p.severity == "error")
        warns = "; ".join(f"{p.column}: {p.cause()}" for p in mine if p.severity == "warning")
        return ManifestEntry(rec.row, str(rec.values.get("dossier_code") or ""),
                             str(rec.values.get("applicant_name") or ""), file, status,
                             error or errors, warns, sha, number, pdf_file, pdf_sha)

    all_records = sorted([*validation.good, *validation.bad], key=lambda r: r.row)
    if not writing:
        result.strict_blocked = strict and bool(bad_rows)
        result.entries = [
            entry(r, "failed") if r.row in bad_rows else
            entry(r, "not_written", f"{LETTERS_DIR}/{by_row[r.row].file_name}")
            for r in all_records
        ]
        return result

    letters = out / LETTERS_DIR
    letters.mkdir(parents=True, exist_ok=True)
    result.out_dir = out
    for folder in (out, letters):
        stale = remove_stale_temps(folder)
        if stale:
            _log.info("removed %d half-written files left by an interrupted run", len(stale))
    journal = read_journal(out)
    stage = PdfStage(out, journal, pdf_options) if pdf else None
    if stage is not None:
        result.pdf_dir = stage.folder
    merged_key = _merged_key(plans)
    merged_path = resolve_inside(out, MERGED_FILE)
    need_merged = merged and bool(plans) and not (
        merged_key in journal and merged_path.exists()
        and sha256_file(merged_path) == journal[merged_key].sha256
    )

    status: dict[int, tuple[str, str, str]] = {}  # row -> (status, sha, error)
    items: list[tuple[int, bool]] = []  # (plan index, write its file?)
    for i, plan in enumerate(plans):
        target = resolve_inside(letters, plan.file_name)
        done = journal.get(plan.key)
        if done and done.file == plan.file_name and target.exists() \
                and sha256_file(target) == done.sha256:
            status[plan.record.row] = ("unchanged", done.sha256, "")
            if need_merged or (stage is not None
                               and stage.needs_model(plan.file_name, done.sha256)):
                items.append((i, False))
        else:
            items.append((i, True))

    def job_for(i: int, write: bool) -> tuple[_Row, str | None]:
        plan = plans[i]
        target = str(resolve_inside(letters, plan.file_name)) if write else None
        return (i, plan.record.values, plan.number, plan.issued or issue_day), target

    # Letters reach the merged file in plan order (pool.map keeps order), one at a time.
    merger = MergedWriter(merged_path) if need_merged else None
    total = len(items)
    finished = 0
    if progress:
        progress(0, total)

    rendered: dict[int, PageModel | None] = {}  # plan index -> model, kept until its turn

    def on_chunk(done: list[_Done]) -> None:
        nonlocal finished
        fresh: list[JournalEntry] = []
        for index, sha, error, model in done:
            plan = plans[index]
            if error is not None:
                status[plan.record.row] = ("failed", "", error)
                continue
            if sha is not None:
                status[plan.record.row] = ("written", sha, "")
                fresh.append(JournalEntry(plan.key, plan.file_name, sha))
            if merger is not None and model is not None:
                merger.add(model)
            if stage is not None:
                rendered[index] = model
        append_journal(out, fresh)
        if stage is not None:
            feed_pdfs(upto=done[-1][0] if done else -1)
        finished += len(done)
        if progress:
            progress(finished, total)

    fed = 0

    def feed_pdfs(upto: int) -> None:
        """Give the PDF stage every letter up to plan index ``upto``, in plan order."""
        nonlocal fed
        assert stage is not None
        while fed < len(plans) and fed <= upto:
            plan = plans[fed]
            state, sha, _error = status.get(plan.record.row, ("failed", "", ""))
            if state != "failed":
                stage.add(plan.file_name, sha, rendered.pop(fed, None))
            fed += 1

    try:
        _render_all((spec, dirs, profile), items, job_for, pool, window, on_chunk,
                    merger is not None or stage is not None)
        if stage is not None:
            feed_pdfs(upto=len(plans) - 1)
    except BaseException:
        if merger is not None:
            merger.abort()
        raise
    if merger is not None:
        if merger.sections:
            merger.close()
            append_journal(out, [JournalEntry(merged_key, MERGED_FILE,
                                              sha256_file(merged_path))])
        else:
            merger.abort()
    if merged and merged_path.exists():
        result.merged = merged_path
    if stage is not None:
        stage.finish([p.file_name for p in plans
                      if status.get(p.record.row, ("failed", "", ""))[0] != "failed"])
        result.pdf_converted = stage.converted
        result.pdf_unchanged = stage.unchanged
        result.pdf_error = stage.error
        result.print_pdf = stage.print_file
    if register is not None:
        _record_in_book(register, plans, status, letters)

    entries: list[ManifestEntry] = []
    for rec in all_records:
        if rec.row in bad_rows:
            entries.append(entry(rec, "failed"))
            continue
        plan = by_row[rec.row]
        state, sha, error = status.get(rec.row, ("failed", "", "không tạo được"))
        if state == "failed":
            result.failed_rows += 1
            entries.append(entry(rec, "failed", error=error))
            continue
        result.written += state == "written"
        result.unchanged += state == "unchanged"
        made = stage.pdf_of(plan.file_name) if stage is not None else None
        entries.append(entry(rec, state, f"{LETTERS_DIR}/{plan.file_name}", sha,
                             number=number_text(plan.number),
                             pdf_file=made[0] if made else "", pdf_sha=made[1] if made else ""))
    result.entries = entries
    summary = {
        "data": str(data_path),
        "template": spec.id,
        "issue_date": issue_day.isoformat(),
        "rows": len(entries),
        "written": result.written,
        "unchanged": result.unchanged,
        "failed": result.failed_rows,
        "merged": MERGED_FILE if result.merged else "",
        "pdf": sum(1 for e in entries if e.pdf_file),
        "print_pdf": PRINT_PDF if result.print_pdf else "",
        "numbers_from_register": register.location.display() if register is not None else "",
    }
    result.manifest = write_manifest(out, entries, summary=summary)
    if make_zip if make_zip is not None else profile.zip:
        result.archive = _write_zip(out, entries, result.merged, result.print_pdf)
    return result


def _record_in_book(
    register: Register,
    plans: Sequence[LetterPlan],
    status: Mapping[int, tuple[str, str, str]],
    letters: Path,
) -> None:
    """Attach each letter's file (with its checksum) to its book entry; cancel the number
    of a letter that could not be made (the number stays taken, with the reason)."""
    for plan in plans:
        if plan.entry_id is None:
            continue
        state, sha, error = status.get(plan.record.row, ("failed", "", "không tạo được"))
        entry = register.get_by_id(plan.entry_id)
        if state == "failed":
            if not entry.is_cancelled:
                register.cancel(entry, f"Không tạo được văn bản (dòng {plan.record.row}): "
                                       f"{error}")
            continue
        path = resolve_inside(letters, plan.file_name)
        if entry.output_sha256 != sha or entry.output_path != str(path):
            register.attach_output(entry, path)


def _write_zip(out: Path, entries: Sequence[ManifestEntry], merged: Path | None,
               print_pdf: Path | None = None) -> Path:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for e in entries:
            if e.output_file and e.status in ("written", "unchanged"):
                path = resolve_inside(out / LETTERS_DIR, Path(e.output_file).name)
                zf.write(path, e.output_file)
            if e.pdf_file:
                zf.write(resolve_inside(out / PDF_DIR, Path(e.pdf_file).name), e.pdf_file)
        if merged is not None:
            zf.write(merged, merged.name)
        if print_pdf is not None:
            zf.write(print_pdf, print_pdf.name)
        for name in ("manifest.csv", "manifest.json"):
            zf.write(out / name, name)
    target = resolve_inside(out, ZIP_FILE)
    atomic_write_bytes(target, buf.getvalue())
    return target
