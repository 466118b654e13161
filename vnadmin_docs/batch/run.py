"""One batch run: spreadsheet in; one letter per good row, one merged file, a manifest out.

Two passes, so that memory does not grow with the sheet:

1. **check** — every row is read in order, then cleaned and checked
   (:func:`~.validate.validate_record`) and checked against the template and the document
   model (:func:`vnadmin_docs.api.prepare`) in chunks (:func:`_vet_chunk`, in the worker pool
   when there is one); duplicate codes are noted in order in this process. Problems are
   collected; each good row's cleaned values are parked in a :class:`~.spill.Spill` (a
   temporary file) and only a 32-byte digest of it stays in memory. Nothing is written
   before every row is checked.
2. **write** — letters are numbered (profile start + position, or the number book) and named
   (pattern, made safe and unique from the data alone); then the parked rows are read back
   chunk by chunk and rendered, skipping letters the journal shows already written from the
   same key with the same checksum (a resumed run after ``kill -9``); files appear
   atomically. The merged file, the PDF stage, the number book and the manifest are fed
   chunk by chunk, in letter order.

``workers > 1`` renders in that many processes; letters are numbered and named before any
letter is rendered and the writer is deterministic, so the output is byte-identical.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from vnadmin_docs import api
from vnadmin_docs._files import (
    atomic_target,
    folder_lock,
    name_inside,
    remove_stale_temps,
    resolve_inside,
    write_bytes_atomically,
)
from vnadmin_docs.batch.addressee import address_for
from vnadmin_docs.batch.days_late import recount_days_late
from vnadmin_docs.batch.filenames import (
    FileNamePatternError,
    Namer,
    pattern_names,
    render_file_name,
)
from vnadmin_docs.batch.firstseen import HashTable
from vnadmin_docs.batch.load import open_table
from vnadmin_docs.batch.manifest import (
    JournalEntry,
    ManifestEntry,
    ManifestSpool,
    append_journal,
    read_journal,
    read_manifest,
    sha256_file,
    write_manifest,
)
from vnadmin_docs.batch.numbering import Assigned, book_identity, number_letters
from vnadmin_docs.batch.outdated import (
    OLD_DIR,
    PDF_KEY,
    Outdated,
    pdfs_made_from,
    set_aside,
    written_by_us,
)
from vnadmin_docs.batch.pdf_out import PDF_DIR, PRINT_KEY, PRINT_PDF, PdfStage
from vnadmin_docs.batch.problems import (
    OutputFolderError,
    file_not_written,
    output_folder,
    why_not_written,
)
from vnadmin_docs.batch.profile import BatchProfile
from vnadmin_docs.batch.record import CleanRecord, RowProblem
from vnadmin_docs.batch.spill import Spill
from vnadmin_docs.batch.table import RawRecord, SkippedRow, Table, group_name
from vnadmin_docs.batch.validate import DuplicateCodes, is_bad, validate_record
from vnadmin_docs.batch.values import sex_from_id, strip_reason_label
from vnadmin_docs.content import TemplateLibrary, TemplateSpec
from vnadmin_docs.errors import ConversionError, DataError, FieldProblem, VnAdminError
from vnadmin_docs.layout.page_model import PageModel
from vnadmin_docs.model.fields import FieldSpec
from vnadmin_docs.pdf import ConversionOptions
from vnadmin_docs.registry import Register, Series
from vnadmin_docs.text.so_line import number_text
from vnadmin_docs.text.working_days import HolidayCalendar
from vnadmin_docs.writer.stream import MergedWriter

__all__ = [
    "LETTERS_DIR",
    "MERGED_FILE",
    "PDF_DIR",
    "PRINT_PDF",
    "BatchResult",
    "data_fields",
    "run_batch",
]

_log = logging.getLogger(__name__)

LETTERS_DIR = "van-ban"
MERGED_FILE = "tat-ca-de-in.docx"
ZIP_FILE = "van-ban.zip"
_ZIP_KEY = "zip:"  # the journal's line for the last van-ban.zip written
_MERGED_KEY = "merged:"  # the journal's lines for the merged file
_CHUNK = 32
_DIGEST = 32  # bytes of a row digest (sha256)
_DERIVED = ("agency", "addressee", "addressee_pronoun", "contact")
ProgressFn = Callable[[int, int], None]
_R = TypeVar("_R")
_T = TypeVar("_T")


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
    retired: tuple[str, ...] = ()
    """Files a previous run into this folder wrote that the data no longer gives (a row
    removed or edited, numbers shifted), moved into ``cu/`` at the end of this run; paths
    relative to the output folder, as they were before the move."""
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
    def exit_code(self) -> int:
        return 1 if self.failed_rows or self.pdf_error is not None else 0


def data_fields(spec: TemplateSpec) -> tuple[FieldSpec, ...]:
    """The template's fields that a data file supplies: those the profile fills in for every
    letter (agency, addressee, pronoun, contact) are left out. Pass these to
    :func:`~vnadmin_docs.batch.load.open_table` and
    :func:`~vnadmin_docs.batch.validate.iter_validated`.

    >>> from vnadmin_docs.content import TemplateLibrary
    >>> names = [f.name for f in data_fields(TemplateLibrary().get("van-ban-xin-loi"))]
    >>> "dossier_code" in names, "agency" in names
    (True, False)
    """
    return tuple(f for f in spec.fields if f.name not in _DERIVED)


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
    # A shallow copy: the pipeline only reads the profile's nested settings (api._deep_merge
    # builds new mappings), and a deep copy cost ~22 µs per letter, twice per letter.
    data: dict[str, Any] = dict(profile.document)
    num = dict(data.get("number") or {})
    num["number"] = number
    data["number"] = num
    data["date"] = issue_day.isoformat()
    applicant = str(v.get("applicant_name") or "")
    honorific = str(v["honorific"]) if v.get("honorific") else None
    if honorific is None and profile.honorific_from_id:
        honorific = sex_from_id(v.get("id_number"))
    who = address_for(
        applicant,
        str(v["representative_name"]) if v.get("representative_name") else None,
        policy=profile.representative,
        kind_hint=str(v["applicant_kind"]) if v.get("applicant_kind") else None,
        honorific_hint=honorific,
    )
    data["addressees"] = [who.salutation]
    if not data.get("subject") and v.get("dossier_code"):
        data["subject"] = f"Về việc giải quyết hồ sơ {v['dossier_code']}"
    declared = {f.name for f in spec.fields}
    content: dict[str, Any] = {k: val for k, val in v.items() if k in declared and val is not None}
    reason = content.get("late_reason") or profile.default_reason
    if isinstance(reason, str):
        content["late_reason"] = strip_reason_label(reason).rstrip(" .;,:…")
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
        "profile": profile.model_dump(mode="json"),
        # the holiday files' contents, not only their names: a corrected file recounts
        "holidays": [hashlib.sha256(Path(h).read_bytes()).hexdigest() for h in profile.holidays],
        "version": _version(),
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _row_digest(values: Mapping[str, object]) -> bytes:
    """A row's cleaned values, hashed: what a letter's key and identity depend on."""
    row = json.dumps(_jsonable(values), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(row.encode()).digest()


def _identity(digest: bytes, settings: str) -> str:
    """A letter's identity before it has a number or a file name (register numbering)."""
    return hashlib.sha256(f"{settings}\n{digest.hex()}".encode()).hexdigest()


def _key(digest: bytes, number: int, settings: str, name: str) -> str:
    """The resume key of one letter. Its render data is a function of the cleaned row, its
    number and the run's settings (template, profile, issue date), so hashing those is
    hashing the letter's input."""
    return hashlib.sha256(f"{settings}\n{number}\n{name}\n{digest.hex()}".encode()).hexdigest()


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
"""One letter to build: its index, the row's cleaned values, its number, its issue date.
Workers build the render data from this (``_letter_data``), so the main process, which
also reads the sheet and keeps the journal, does not spend its time on it."""
_Check = tuple[_Ctx, list[_Row]]
_Write = tuple[str, str, tuple[str, ...]] | None
"""Where a letter goes: its path, the folder for a file found there that the tool did not
write (``cu/van-ban``), and the checksums the tool wrote under that name; ``None``: the
letter is rendered only for its page model."""
_Task = tuple[_Ctx, list[tuple[_Row, _Write]], bool]
_Done = tuple[int, str | None, str | None, PageModel | None, str | None]


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


def _map_ordered(pool: Executor | None, fn: Callable[[Any], _R],
                 tasks: Iterable[tuple[Any, _T]], window: int) -> Iterator[tuple[_T, _R]]:
    """``fn`` over the ``(task, tag)`` pairs, ``(tag, result)`` in task order; with a pool,
    at most ``window`` tasks in flight (``Executor.map`` would submit them all, and hold all
    their data, at once)."""
    if pool is None:
        for task, tag in tasks:
            yield tag, fn(task)
        return
    pending: deque[tuple[_T, Future[_R]]] = deque()
    for task, tag in tasks:
        pending.append((tag, pool.submit(fn, task)))
        if len(pending) >= window:
            first, future = pending.popleft()
            yield first, future.result()
    while pending:
        first, future = pending.popleft()
        yield first, future.result()


def _who(values: Mapping[str, object]) -> tuple[str, str]:
    """(dossier code, applicant) of a row, as the manifest shows them."""
    return str(values.get("dossier_code") or ""), str(values.get("applicant_name") or "")


def _render_chunk(task: _Task) -> list[_Done]:
    """Render each item; write it to its path when one is given. Returns per item: index,
    sha256 of the file written (or None), an error message (or None), the page model (only
    when ``want_models``: shipping page models back from workers costs time), and the name
    a file found at the path was set aside under (or None).

    A file at the path that the tool did not write and that differs from the new letter (a
    letter edited by hand in Word, the clerk's own file) is never overwritten: it is moved
    aside first. One the tool wrote, or the same bytes (a letter written just before a
    ``kill -9``, not yet in the journal), is simply replaced."""
    (spec, dirs, profile), items, want_models = task
    out: list[_Done] = []
    for (index, values, number, day), write in items:
        data = _letter_data(values, spec, profile, number, day)
        try:
            doc = api.render(spec, data, template_dirs=dirs)
            sha: str | None = None
            aside: str | None = None
            if write is not None:
                target, aside_dir, ours = write
                payload = doc.to_bytes()
                sha = hashlib.sha256(payload).hexdigest()
                if os.path.exists(target):
                    found = sha256_file(target)
                    if found != sha and found not in ours:
                        aside = set_aside(target, aside_dir)
                write_bytes_atomically(target, payload, durable=False)
            out.append((index, sha, None, doc.page_model if want_models else None, aside))
        except Exception as exc:  # one bad letter must not stop the batch; reported per row
            if hasattr(exc, "localized"):
                message = exc.localized("vi")
            elif isinstance(exc, OSError):  # full disk, name refused, open in Word (Windows)
                message = f"không ghi được tệp văn bản: {why_not_written(exc)[0]}"
            else:
                message = repr(exc)
            out.append((index, None, str(message), None, None))
    return out


# ---- pass 1: read, clean, check every row ---------------------------------------------------


_Parked = tuple[int, Mapping[str, object], str | None]
"""A row parked between the passes: sheet row, cleaned values, file-name stem (``None``
when the number, which the stem may contain, comes from the book later)."""


@dataclass
class _Survey:
    """What the check pass keeps: the problems, the rows that give no letter, and the good
    rows parked on disk with a digest each in memory."""

    letters: Spill[_Parked]
    """Each row that will become a letter, in order."""
    rows: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    failed: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Rows that give no letter -> (dossier code, applicant)."""
    digests: bytearray = field(default_factory=bytearray)

    def digest(self, index: int) -> bytes:
        return bytes(self.digests[index * _DIGEST:(index + 1) * _DIGEST])


def _survey(
    table: Table,
    fields: Sequence[FieldSpec],
    spec: TemplateSpec,
    profile: BatchProfile,
    issue_day: dt.date,
    *,
    profile_source: str | None,
    dirs: tuple[str, ...],
    pool: Executor | None,
    window: int,
    name_from: int | None,
    parked: Spill[_Parked],
) -> _Survey:
    """Pass 1; good rows go to ``parked``. The sheet is read here, in order; the per-row
    work runs chunk by chunk in :func:`_vet_chunk` (in the pool when there is one, so that
    reading stays the only serial part). ``name_from``: the first letter number when numbers
    come from the profile (file-name stems are then made here, while each row is at hand)."""
    survey = _Survey(parked)
    ctx = (spec, dirs, profile)
    calendar = _calendar(profile, profile_source) if profile.days_late == "working_days" \
        else None
    options = _VetOptions(tuple(fields), table.grid.epoch, tuple(table.mixed_dates),
                          issue_day, calendar)
    start = profile.numbering.start

    def tasks() -> Iterator[tuple[_Vet, None]]:
        chunk: list[RawRecord] = []
        for raw in table.iter_records():
            chunk.append(raw)
            if len(chunk) == _CHUNK:
                yield (ctx, options, chunk, start), None
                chunk = []
        if chunk:
            yield (ctx, options, chunk, start), None

    duplicates = DuplicateCodes()
    late: list[RowProblem] = []
    for _tag, vetted in _map_ordered(pool, _vet_chunk, tasks(), window):
        for rec, found, noted, refused in vetted:
            survey.rows += 1
            duplicates.note(rec, found)
            survey.problems.extend(found)
            if is_bad(found):
                survey.failed[rec.row] = _who(rec.values)
                continue
            survey.problems.extend(noted)
            if is_bad(noted):
                survey.failed[rec.row] = _who(rec.values)
                continue
            if refused is not None:
                exc = DataError(refused)
                outside = [p for p in exc.problems if not p.path.startswith("content.")
                           or p.path.removeprefix("content.") in _DERIVED]
                if outside:
                    raise DataError(outside, profile_source or "tệp cấu hình") from None
                late.extend(_row_problems(rec, exc))
                survey.failed[rec.row] = _who(rec.values)
                continue
            stem = None if name_from is None else _stem(
                profile, rec.row, name_from + len(survey.letters), rec.values)
            survey.digests += _row_digest(rec.values)
            survey.letters.append((rec.row, rec.values, stem))
    if late:
        survey.problems = sorted([*survey.problems, *late], key=lambda p: p.row)
    return survey


@dataclass(frozen=True)
class _VetOptions:
    """What pass 1's per-row work needs besides the run's shared context."""

    fields: tuple[FieldSpec, ...]
    epoch: int
    mixed: tuple[str, ...]
    issue_day: dt.date
    calendar: HolidayCalendar | None


_Vet = tuple[_Ctx, _VetOptions, list[RawRecord], int]
_Vetted = tuple[CleanRecord, list[RowProblem], list[RowProblem], tuple[FieldProblem, ...] | None]
"""A row after pass 1's per-row work: the cleaned record, its problems, what the days-late
recount said about it, and what ``api.prepare`` refused (``None``: nothing)."""


def _vet_chunk(task: _Vet) -> list[_Vetted]:
    """Pass 1's per-row work for a chunk of sheet rows: clean and check each row, fill the
    group field, recount the days late, then ``api.prepare`` the rows still good. The
    duplicate-code warning needs the rows before: the caller adds it, in order."""
    ctx, options, raws, start = task
    group_field = ctx[2].group_field
    vetted: list[_Vetted] = []
    good: list[int] = []
    for raw in raws:
        rec, found = validate_record(raw, options.fields, epoch=options.epoch,
                                     mixed=options.mixed, default_reason=ctx[2].default_reason,
                                     issued_on=options.issue_day)
        noted: list[RowProblem] = []
        if not is_bad(found):
            if group_field and rec.group and not rec.values.get(group_field):
                rec = replace(rec, values={**rec.values, group_field: group_name(rec.group)})
            if options.calendar is not None:
                rec, noted = recount_days_late(rec, options.issue_day, options.calendar)
            if not is_bad(noted):
                good.append(len(vetted))
        vetted.append((rec, found, noted, None))
    checked = [vetted[i][0] for i in good]
    for j, problems in _check_chunk(_check_task(ctx, checked, start, options.issue_day)):
        rec, found, noted, _none = vetted[good[j]]
        vetted[good[j]] = (rec, found, noted, problems)
    return vetted


def _calendar(profile: BatchProfile, profile_source: str | None) -> HolidayCalendar:
    try:
        return HolidayCalendar.load(profile.holidays)
    except (OSError, ValueError) as exc:
        message = exc.localized("vi") if isinstance(exc, VnAdminError) else str(exc)
        message_en = exc.localized("en") if isinstance(exc, VnAdminError) else str(exc)
        raise DataError([FieldProblem("holidays", message, message_en,
                                      [str(h) for h in profile.holidays])],
                        profile_source or "tệp cấu hình") from None


def _check_task(ctx: _Ctx, chunk: Sequence[CleanRecord], start: int, day: dt.date) -> _Check:
    return ctx, [(i, rec.values, start + i, day) for i, rec in enumerate(chunk)]


def _stem(profile: BatchProfile, row: int, number: int, values: Mapping[str, object]) -> str:
    return render_file_name(profile.file_name, {"row": row, "number": number, **values})


def _one_of(path: str, value: str, choices: Sequence[str], why: str,
            why_en: str) -> FieldProblem:
    """A profile value that is none of ``choices``, with the list to pick from."""
    listed = ", ".join(choices)
    return FieldProblem(path, f"{why}; dùng một trong: {listed}",
                        f"{why_en}; use one of: {listed}", value)


def _check_profile(profile: BatchProfile, fields: Sequence[FieldSpec],
                   profile_source: str | None) -> None:
    """Refuse, before any row is read, a file-name pattern that can never work and a
    ``group_field`` that is not one of the template's column fields."""
    problems: list[FieldProblem] = []
    try:
        used = pattern_names(profile.file_name)
    except FileNamePatternError as exc:
        problems.append(FieldProblem("file_name", f"mẫu tên tệp không hợp lệ: {exc}", str(exc),
                                     profile.file_name))
    else:  # a misspelt name would give every letter "van-ban (N).docx" without a word
        known = ["number", "row", *(f.name for f in fields)]
        unknown = ", ".join(name for name in used if name not in known)
        if unknown:
            problems.append(_one_of("file_name", profile.file_name, known,
                                    f"mẫu tên tệp dùng tên không có: {unknown}",
                                    f"the file-name pattern uses unknown names: {unknown}"))
    names = [f.name for f in fields if f.type in ("text", "multiline")]
    if profile.group_field is not None and profile.group_field not in names:
        problems.append(_one_of("group_field", profile.group_field, names,
                                f"“{profile.group_field}” không phải cột chữ của mẫu",
                                f"“{profile.group_field}” is not a text column of the "
                                "template"))
    if problems:
        raise DataError(problems, profile_source or "tệp cấu hình")


# ---- between the passes: numbers, names, keys -----------------------------------------------


@dataclass
class _Names:
    """Number, file name and book entry of every letter, by position. ``names`` is read in
    order (a list, or a :class:`Spill` so a long batch keeps no list of names)."""

    start: int
    names: Iterable[str]
    books: list[Assigned] | None = None

    def number(self, index: int) -> int:
        return self.books[index].number if self.books is not None else self.start + index


@dataclass(frozen=True, slots=True)
class _Plan:
    """One letter of the write pass."""

    index: int
    row: int
    values: Mapping[str, object]
    number: int
    file_name: str
    key: str
    entry_id: int | None
    issued: dt.date | None


def _namer() -> Namer:
    """File names for the letters of a run, unique without regard to case; remembered as
    hashes, so a 10,000-letter run keeps no dict of names (dry run, book and profile
    numbering all name letters the same way)."""
    return Namer(table=HashTable)


def _number_from_book(
    survey: _Survey, register: Register, series: str | Series, spec: TemplateSpec,
    profile: BatchProfile, issue_day: dt.date, settings: str, out: Path, dirs: tuple[str, ...],
) -> _Names:
    """Numbers from the book for every letter (consecutive, in one transaction), then the
    file names, which may contain the number."""
    to_number: list[tuple[str, dict[str, Any]]] = []
    for index, (_row, values, _) in enumerate(survey.letters):
        data = _letter_data(values, spec, profile, 1, issue_day)
        data["number"].pop("number", None)
        to_number.append((_identity(survey.digest(index), settings), data))
    books = number_letters(register, series, spec, to_number, read_journal(out), out, dirs)
    del to_number
    namer = _namer()
    names = [namer(_stem(profile, row, book.number, values))
             for (row, values, _none), book in zip(survey.letters, books, strict=True)]
    return _Names(0, names, books)


def _plans(survey: _Survey, names: _Names, settings: str,
           issue_day: dt.date) -> Iterator[_Plan]:
    """The letters read back from the spill, in order."""
    for index, ((row, values, _), name) in enumerate(
            zip(survey.letters, names.names, strict=True)):
        number = names.number(index)
        book = names.books[index] if names.books is not None else None
        yield _Plan(index, row, values, number, name,
                    _key(survey.digest(index), number, settings, name),
                    book.entry_id if book else None, book.issued if book else issue_day)


def _merged_key(survey: _Survey, names: _Names, settings: str) -> str:
    h = hashlib.sha256()
    for index, name in enumerate(names.names):
        h.update(_key(survey.digest(index), names.number(index), settings, name).encode())
    return _MERGED_KEY + h.hexdigest()


def _chunks(plans: Iterable[_Plan]) -> Iterator[list[_Plan]]:
    chunk: list[_Plan] = []
    for plan in plans:
        chunk.append(plan)
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Report:
    """Manifest rows in row order: letters as they finish, rows without a letter slotted
    in before the first letter that comes after them."""

    def __init__(self, survey: _Survey, sink: Callable[[ManifestEntry], None]) -> None:
        self._failed = sorted(survey.failed)
        self._who = survey.failed
        self._next = 0
        self._sink = sink
        problems: dict[int, list[RowProblem]] = {}
        for p in survey.problems:
            problems.setdefault(p.row, []).append(p)
        self._problems = problems

    def entry(self, row: int, code: str, applicant: str, status: str, file: str = "",
              sha: str = "", error: str = "", number: str = "") -> ManifestEntry:
        mine = self._problems.get(row, ())
        errors = "; ".join(p.cause() if p.column is None else f"{p.column}: {p.cause()}"
                           for p in mine if p.severity == "error")
        warns = "; ".join(p.cause() if p.column is None else f"{p.column}: {p.cause()}"
                          for p in mine if p.severity == "warning")
        return ManifestEntry(row, code, applicant, file, status, error or errors, warns, sha,
                             number)

    def letter(self, row: int, entry: ManifestEntry) -> None:
        self.failed_until(row)
        self._sink(entry)

    def failed_until(self, row: int | None) -> None:
        """Emit the rows without a letter that come before ``row`` (all when ``None``)."""
        while self._next < len(self._failed) and (row is None or self._failed[self._next] < row):
            bad = self._failed[self._next]
            self._sink(self.entry(bad, *self._who[bad], "failed"))
            self._next += 1


def _checked_only(survey: _Survey, names: _Names, result: BatchResult) -> None:
    """The report of a run that writes nothing: every row, valid ones as ``not_written``."""
    entries: list[ManifestEntry] = []
    report = _Report(survey, entries.append)
    for (row, values, _), name in zip(survey.letters, names.names, strict=True):
        report.letter(row, report.entry(row, *_who(values), "not_written",
                                        f"{LETTERS_DIR}/{name}"))
    report.failed_until(None)
    result.checked = entries


# ---- pass 2: render and write ---------------------------------------------------------------


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
    _check_profile(profile, column_fields, profile_source)
    table = open_table(data_path, column_fields, columns=mapping)
    out = Path(out_dir)
    # Numbers from the book are taken only when files will be written; a run that only
    # checks (or is blocked by --strict) shows the profile's numbering.
    from_book = register is not None and not dry_run
    parallel = workers > 1 and table.count > _CHUNK
    window = 2 * max(workers, 1)
    with ProcessPoolExecutor(max_workers=workers) if parallel else nullcontext() as pool, \
            Spill[_Parked]() as parked, Spill[str]() as named, ExitStack() as held:
        survey = _survey(table, column_fields, spec, profile, issue_day,
                         profile_source=profile_source, dirs=dirs, pool=pool, window=window,
                         name_from=None if from_book else profile.numbering.start,
                         parked=parked)
        result = BatchResult(spec, source=table.grid.path, rows=survey.rows,
                             skipped=table.skipped, valid=len(parked),
                             problems=survey.problems, dry_run=dry_run,
                             failed_rows=len(survey.failed))
        del table  # the sheet is no longer needed: pass 2 reads the parked rows
        try:
            return _write_pass(
                survey, result, spec, profile, issue_day, out, pool, window,
                strict=strict, make_zip=make_zip, dirs=dirs, merged=merged, progress=progress,
                data_path=data_path, pdf=pdf, pdf_options=pdf_options,
                register=register if from_book else None, series=series, named=named,
                held=held,
            )
        except OSError as exc:  # the merged file or the report open in Word/Excel, disk full
            raise file_not_written(out, exc) from exc


def _write_pass(
    survey: _Survey,
    result: BatchResult,
    spec: TemplateSpec,
    profile: BatchProfile,
    issue_day: dt.date,
    out: Path,
    pool: Executor | None,
    window: int,
    *,
    strict: bool,
    make_zip: bool | None,
    dirs: tuple[str, ...],
    merged: bool,
    progress: ProgressFn | None,
    data_path: str | Path,
    pdf: bool,
    pdf_options: ConversionOptions | None,
    register: Register | None,
    series: str | Series,
    named: Spill[str],
    held: ExitStack,
) -> BatchResult:
    """Pass 2; ``named`` receives the letters' file names (profile numbering); the output
    folder's lock is kept in ``held`` until the caller's block ends."""
    settings = _settings_digest(spec, profile, issue_day)
    writing = not (result.dry_run or (strict and survey.failed))
    if not writing:
        result.strict_blocked = strict and bool(survey.failed)
        start = profile.numbering.start
        namer = _namer()
        shown = [namer(stem if stem is not None else _stem(profile, row, start + i, values))
                 for i, (row, values, stem) in enumerate(survey.letters)]
        _checked_only(survey, _Names(start, shown), result)
        return result
    # Every folder checked before a number is taken from the book or a letter written.
    output_folder(out)
    try:
        held.enter_context(folder_lock(out))
    except BlockingIOError:
        raise OutputFolderError(
            str(out), "một lần chạy khác đang ghi vào thư mục này (đợi lần đó xong rồi chạy lại)",
            "another run is writing into this folder (wait for it to finish, then run again)",
        ) from None
    output_folder(out / LETTERS_DIR, inside=out, make=False)
    if pdf:
        output_folder(out / PDF_DIR, inside=out, make=False)
    try:
        merged_path = resolve_inside(out, MERGED_FILE)
    except ValueError:  # a link named like the merged file, leading elsewhere
        raise OutputFolderError(
            str(out), f"“{MERGED_FILE}” là liên kết trỏ ra ngoài (hãy xóa liên kết đó)",
            f"“{MERGED_FILE}” is a link that leads out of it (remove it)") from None
    if register is not None:
        settings = hashlib.sha256(
            f"{settings}\n{book_identity(register, series)}".encode()).hexdigest()
        names = _number_from_book(survey, register, series, spec, profile, issue_day,
                                  settings, out, dirs)
        assert names.books is not None
        result.numbers_taken = tuple(b.number for b in names.books if not b.reused)
        result.numbers_reused = sum(b.reused for b in names.books)
    else:
        names = _Names(profile.numbering.start, named)
        namer = _namer()
        for _row, _values, stem in survey.letters:
            named.append(namer(str(stem)))

    letters = output_folder(out / LETTERS_DIR, inside=out)
    letters_dir = str(letters.resolve())
    result.out_dir = out
    for folder in (out, letters):
        stale = remove_stale_temps(folder)
        if stale:
            _log.info("removed %d half-written files left by an interrupted run", len(stale))
    journal = read_journal(out)
    stage = PdfStage(out, journal, pdf_options) if pdf else None
    if stage is not None:
        result.pdf_dir = stage.folder
    merged_key = _merged_key(survey, names, settings)
    need_merged = merged and len(survey.letters) > 0 and not (
        merged_key in journal and merged_path.exists()
        and sha256_file(merged_path) == journal[merged_key].sha256
    )
    merger = MergedWriter(merged_path) if need_merged else None
    want_models = merger is not None or stage is not None
    ctx: _Ctx = (spec, dirs, profile)

    def pdf_columns(entry: ManifestEntry) -> ManifestEntry:
        made = stage.pdf_of(Path(entry.output_file).name) if stage is not None \
            and entry.status in ("written", "unchanged") else None
        return replace(entry, pdf_file=made[0], pdf_sha256=made[1]) if made else entry

    spool = ManifestSpool(pdf_columns)
    report = _Report(survey, spool.add)
    pdf_names: list[str] = []  # letters in order, for the PDF print file
    made = Outdated()  # this run's letters: what a previous run left beside them goes
    ours = written_by_us(journal, lambda key: ":" not in key)  # letter file -> checksums
    aside_dir = os.path.join(out, OLD_DIR, LETTERS_DIR)
    set_aside_now: list[str] = []  # files not ours (edited by hand) where a letter went,
    # moved into cu/van-ban/ by _render_chunk; named as they were, like ``result.retired``
    State = tuple[str, str, str]  # (status, sha256, error)

    def tasks() -> Iterator[tuple[_Task, tuple[list[_Plan], dict[int, State]]]]:
        """Per chunk: the letters to render (written, or rendered again only for their page
        model) and the state of those already done."""
        for chunk in _chunks(_plans(survey, names, settings, issue_day)):
            known: dict[int, State] = {}
            items: list[tuple[_Row, _Write]] = []
            for plan in chunk:
                target = name_inside(letters_dir, plan.file_name)
                done = journal.get(plan.key)
                row: _Row = (plan.index, plan.values, plan.number, plan.issued or issue_day)
                if done and done.file == plan.file_name and os.path.exists(target) \
                        and sha256_file(target) == done.sha256:
                    known[plan.index] = ("unchanged", done.sha256, "")
                    if need_merged or (stage is not None
                                       and stage.needs_model(plan.file_name, done.sha256)):
                        items.append((row, None))
                else:
                    items.append((row, (target, aside_dir,
                                        tuple(ours.get(plan.file_name, ())))))
            yield (ctx, items, want_models), (chunk, known)

    finished = 0
    total = len(survey.letters)
    if progress:
        progress(0, total)
    try:
        for (chunk, known), done in _map_ordered(pool, _render_chunk, tasks(), window):
            models: dict[int, PageModel | None] = {}
            fresh: list[JournalEntry] = []
            states = dict(known)
            asides = {index for index, *_rest, aside in done if aside is not None}
            set_aside_now.extend(f"{LETTERS_DIR}/{plan.file_name}" for plan in chunk
                                 if plan.index in asides)
            for index, sha, error, model, _aside in done:
                if error is not None:
                    states[index] = ("failed", "", error)
                    continue
                if sha is not None:
                    states[index] = ("written", sha, "")
                models[index] = model
            for plan in chunk:
                state, sha, _error = states[plan.index]
                if state == "written":
                    fresh.append(JournalEntry(plan.key, plan.file_name, sha))
                if state == "failed":
                    continue
                model = models.get(plan.index)
                if merger is not None and model is not None:
                    merger.add(model)
                if stage is not None:
                    stage.add(plan.file_name, sha, model)
                    pdf_names.append(plan.file_name)
            append_journal(out, fresh)
            if register is not None:
                _record_in_book(register, chunk, states, letters)
            for plan in chunk:
                state, sha, error = states[plan.index]
                code, applicant = _who(plan.values)
                if state == "failed":
                    result.failed_rows += 1
                    report.letter(plan.row, report.entry(plan.row, code, applicant, "failed",
                                                         error=error))
                    continue
                result.written += state == "written"
                result.unchanged += state == "unchanged"
                made.keep(plan.file_name, sha or "")
                report.letter(plan.row, report.entry(
                    plan.row, code, applicant, state, f"{LETTERS_DIR}/{plan.file_name}", sha,
                    number=number_text(plan.number)))
            finished += len(chunk)
            if progress:
                progress(finished, total)
        report.failed_until(None)
        if stage is not None:
            stage.finish(pdf_names)
    except BaseException:
        if merger is not None:
            merger.abort()
        spool.close()
        raise
    if merger is not None:
        if merger.sections:
            merger.close()
            append_journal(out, [JournalEntry(merged_key, MERGED_FILE,
                                              sha256_file(merged_path))])
        else:
            merger.abort()
    zipping = make_zip if make_zip is not None else profile.zip
    retired = _retire_outdated(out, letters_dir, journal, made, ours,
                               has_letters=len(survey.letters) > 0,
                               changed=result.written > 0, pdf_made=stage is not None,
                               zip_made=zipping)
    result.retired = (*set_aside_now, *retired)
    if merged and merged_path.exists():
        result.merged = out / MERGED_FILE  # as the caller named the folder, like the others
    if stage is not None:
        result.pdf_converted = stage.converted
        result.pdf_unchanged = stage.unchanged
        result.pdf_error = stage.error
        result.print_pdf = stage.print_file
    summary = {
        "data": str(data_path),
        "template": spec.id,
        "issue_date": issue_day.isoformat(),
        "rows": len(spool),
        "written": result.written,
        "unchanged": result.unchanged,
        "failed": result.failed_rows,
        "merged": MERGED_FILE if result.merged else "",
        "pdf": sum(1 for n in pdf_names if stage is not None and stage.pdf_of(n)),
        "print_pdf": PRINT_PDF if result.print_pdf else "",
        "numbers_from_register": register.location.display() if register is not None else "",
        "moved_to_cu": list(result.retired),
    }
    try:
        result.manifest = write_manifest(out, spool, summary=summary)
        if zipping:
            result.archive = _write_zip(out, spool, result.merged, result.print_pdf,
                                        when=issue_day)
            append_journal(out, [JournalEntry(_ZIP_KEY, ZIP_FILE, sha256_file(result.archive))])
    finally:
        spool.close()
    return result


def _retire_outdated(out: Path, letters_dir: str, journal: Mapping[str, JournalEntry],
                     made: Outdated, ours: Mapping[str, set[str]], *, has_letters: bool,
                     changed: bool, pdf_made: bool, zip_made: bool) -> tuple[str, ...]:
    """After every letter is handled: move into ``out/cu/`` (see :mod:`.outdated`) the
    letters, PDFs and merged file an earlier run wrote into ``out`` that this run did not
    make, the PDFs made from an older version of a letter (a run without ``--pdf`` after
    the data changed), and the print PDF when a letter changed and this run did not make
    PDFs (``changed``: a letter was written; ``pdf_made``: the PDF stage ran and has
    rewritten or removed the print PDF itself); likewise ``van-ban.zip`` when this run
    does not make it again (``zip_made``)."""
    old = out / OLD_DIR
    # ``ours``: the letters the journal knew at the start (this run adds none to the dict)
    letters = made.retire(letters_dir, ours, str(old / LETTERS_DIR))
    from_docx = pdfs_made_from(journal)
    pdfs = made.retire(str(out / PDF_DIR), written_by_us(journal, lambda k: k.startswith(PDF_KEY)),
                       str(old / PDF_DIR),
                       keep=lambda name: made.pdf_is_current(name, from_docx))
    merged = [] if has_letters else made.retire(
        str(out), written_by_us(journal, lambda key: key.startswith(_MERGED_KEY)), str(old))
    stale = changed or bool(letters) or bool(pdfs)
    printed = made.retire(str(out), written_by_us(journal, lambda k: k.startswith(PRINT_KEY)),
                          str(old)) if stale and not pdf_made else []
    zipped = made.retire(str(out), written_by_us(journal, lambda k: k == _ZIP_KEY),
                         str(old)) if stale and not zip_made else []
    return (*(f"{LETTERS_DIR}/{n}" for n in letters), *(f"{PDF_DIR}/{n}" for n in pdfs),
            *merged, *printed, *zipped)


def _record_in_book(
    register: Register,
    plans: Sequence[_Plan],
    states: Mapping[int, tuple[str, str, str]],
    letters: Path,
) -> None:
    """Attach each letter's file (with its checksum) to its book entry; cancel the number
    of a letter that could not be made (the number stays taken, with the reason)."""
    for plan in plans:
        if plan.entry_id is None:
            continue
        state, sha, error = states[plan.index]
        entry = register.get_by_id(plan.entry_id)
        if state == "failed":
            if not entry.is_cancelled:
                register.cancel(entry, f"Không tạo được văn bản (dòng {plan.row}): {error}")
            continue
        path = resolve_inside(letters, plan.file_name)
        if entry.output_sha256 != sha or entry.output_path != str(path):
            register.attach_output(entry, path)


def _write_zip(out: Path, entries: Iterable[ManifestEntry], merged: Path | None,
               print_pdf: Path | None = None, *, when: dt.date) -> Path:
    """``van-ban.zip``: the letters, their PDFs, the merged files and the manifest, written
    to a temporary file beside it and renamed (never built in memory). Every entry is dated
    ``when`` (the issue date) rather than with its file's time, so the same batch gives the
    same bytes however and whenever it was run (a resumed run, ``--workers N``)."""
    target = resolve_inside(out, ZIP_FILE)
    stamp = (when.year, when.month, when.day, 0, 0, 0)

    def add(zf: zipfile.ZipFile, path: Path, name: str) -> None:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        big = path.stat().st_size >= zipfile.ZIP64_LIMIT
        with open(path, "rb") as src, zf.open(info, "w", force_zip64=big) as dst:
            shutil.copyfileobj(src, dst, 1 << 16)

    with atomic_target(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for e in entries:
            if e.output_file and e.status in ("written", "unchanged"):
                add(zf, resolve_inside(out / LETTERS_DIR, Path(e.output_file).name),
                    e.output_file)
            if e.pdf_file:
                add(zf, resolve_inside(out / PDF_DIR, Path(e.pdf_file).name), e.pdf_file)
        if merged is not None:
            add(zf, merged, merged.name)
        if print_pdf is not None:
            add(zf, print_pdf, print_pdf.name)
        for name in ("manifest.csv", "manifest.json"):
            add(zf, out / name, name)
    return target
