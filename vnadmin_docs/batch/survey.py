"""Pass 1 of a batch run: read every row in order, clean and check it, check it against the
template and the document model, and park the good rows on disk (:class:`~.spill.Spill`)
with their digests. Nothing is written before every row is checked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace

from vnadmin_docs.batch.days_late import recount_days_late
from vnadmin_docs.batch.filenames import FileNamePatternError, pattern_names, render_file_name
from vnadmin_docs.batch.letter import DERIVED, code_and_applicant, row_digest
from vnadmin_docs.batch.problem_log import ProblemLog
from vnadmin_docs.batch.profile import BatchProfile
from vnadmin_docs.batch.record import CleanRecord, RowProblem
from vnadmin_docs.batch.render import CHUNK, CheckTask, Ctx, check_chunk, map_ordered
from vnadmin_docs.batch.spill import Spill
from vnadmin_docs.batch.table import RawRecord, Table, group_name
from vnadmin_docs.batch.validate import DuplicateCodes, is_bad, validate_record
from vnadmin_docs.content import TemplateSpec
from vnadmin_docs.errors import DataError, FieldProblem, VnAdminError
from vnadmin_docs.model.fields import FieldSpec
from vnadmin_docs.text.working_days import HolidayCalendar


def _row_problems(rec: CleanRecord, exc: DataError) -> list[RowProblem]:
    out: list[RowProblem] = []
    for p in exc.problems:
        name = p.path.removeprefix("content.")
        column = rec.headers.get(name) or p.label or p.path
        out.append(RowProblem(rec.row, column, p.value, p.reason, p.reason_en))
    return out


Parked = tuple[int, Mapping[str, object], str | None, bytes]
"""A row parked between the passes: sheet row, cleaned values, file-name stem (``None``
when the number, which the stem may contain, comes from the book later) and the digest of
the values (:func:`~.letter.row_digest`, for the letter's resume key)."""


@dataclass
class Survey:
    """What the check pass keeps: the problems, the rows that give no letter, and the good
    rows parked on disk (each with its digest: nothing per row stays in memory)."""

    letters: Spill[Parked]
    """Each row that will become a letter, in order."""
    rows: int = 0
    problems: ProblemLog = field(default_factory=ProblemLog)
    """Every row problem in row order, on disk (:mod:`.problem_log`)."""
    failed: dict[int, tuple[str, str]] = field(default_factory=dict)
    """Rows that give no letter -> (dossier code, applicant)."""


def check_rows(
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
    parked: Spill[Parked],
) -> Survey:
    """Pass 1; good rows go to ``parked``. The sheet is read here, in order; the per-row
    work runs chunk by chunk in :func:`_vet_chunk` (in the pool when there is one, so that
    reading stays the only serial part). ``name_from``: the first letter number when numbers
    come from the profile (file-name stems are then made here, while each row is at hand)."""
    survey = Survey(parked)
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
            if len(chunk) == CHUNK:
                yield (ctx, options, chunk, start), None
                chunk = []
        if chunk:
            yield (ctx, options, chunk, start), None

    duplicates = DuplicateCodes()
    for _tag, vetted in map_ordered(pool, _vet_chunk, tasks(), window):
        for rec, found, noted, refused, digest in vetted:
            survey.rows += 1
            duplicates.note(rec, found)
            survey.problems.extend(found)
            if is_bad(found):
                survey.failed[rec.row] = code_and_applicant(rec.values)
                continue
            survey.problems.extend(noted)
            if is_bad(noted):
                survey.failed[rec.row] = code_and_applicant(rec.values)
                continue
            if refused is not None:
                exc = DataError(refused)
                outside = [p for p in exc.problems if not p.path.startswith("content.")
                           or p.path.removeprefix("content.") in DERIVED]
                if outside:
                    raise DataError(outside, profile_source or "tệp cấu hình") from None
                # After the row's other problems, as the sorted list of all of them had it.
                survey.problems.extend(_row_problems(rec, exc))
                survey.failed[rec.row] = code_and_applicant(rec.values)
                continue
            stem = None if name_from is None else file_stem(
                profile, rec.row, name_from + len(survey.letters), rec.values)
            survey.letters.append((rec.row, rec.values, stem, digest))
    return survey


@dataclass(frozen=True)
class _VetOptions:
    """What pass 1's per-row work needs besides the run's shared context."""

    fields: tuple[FieldSpec, ...]
    epoch: int
    mixed: tuple[str, ...]
    issue_day: dt.date
    calendar: HolidayCalendar | None


_Vet = tuple[Ctx, _VetOptions, list[RawRecord], int]
_Vetted = tuple[CleanRecord, list[RowProblem], list[RowProblem], tuple[FieldProblem, ...] | None,
                bytes]
"""A row after pass 1's per-row work: the cleaned record, its problems, what the days-late
recount said about it, what ``api.prepare`` refused (``None``: nothing) and the digest of
its values (:func:`~.letter.row_digest`; made here, in the worker, not by the process that
reads the sheet, whose time is the run's serial part; empty for a row that failed)."""


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
        vetted.append((rec, found, noted, None, b""))
    checked = [vetted[i][0] for i in good]
    refused = dict(check_chunk(_check_task(ctx, checked, start, options.issue_day)))
    for j, i in enumerate(good):
        rec, found, noted, _none, _empty = vetted[i]
        if j in refused:
            vetted[i] = (rec, found, noted, refused[j], b"")
        else:
            vetted[i] = (rec, found, noted, None, row_digest(rec.values))
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


def _check_task(ctx: Ctx, chunk: Sequence[CleanRecord], start: int, day: dt.date) -> CheckTask:
    return ctx, [(i, rec.values, start + i, day) for i, rec in enumerate(chunk)]


def file_stem(profile: BatchProfile, row: int, number: int, values: Mapping[str, object]) -> str:
    return render_file_name(profile.file_name, {"row": row, "number": number, **values})


def _one_of(path: str, value: str, choices: Sequence[str], why: str,
            why_en: str) -> FieldProblem:
    """A profile value that is none of ``choices``, with the list to pick from."""
    listed = ", ".join(choices)
    return FieldProblem(path, f"{why}; dùng một trong: {listed}",
                        f"{why_en}; use one of: {listed}", value)


def check_profile(profile: BatchProfile, fields: Sequence[FieldSpec],
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
