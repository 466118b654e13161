"""Pass 2 of a batch run: lock the output folder, number and name the letters, render them
chunk by chunk (in the pool when there is one), skipping those the journal shows current,
feed the merged file, PDFs, number book and manifest in letter order, then set aside in
``cu/`` what an earlier run left that this one did not make."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Executor
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from vnadmin_docs._files import (
    LOCK_FILE,
    folder_lock,
    is_link,
    name_inside,
    remove_stale_temps,
    resolve_inside,
    with_file_name,
)
from vnadmin_docs.batch.letter import code_and_applicant, settings_digest
from vnadmin_docs.batch.manifest import (
    MANIFEST_CSV,
    MANIFEST_JSON,
    STATE_FILE,
    JournalEntry,
    ManifestEntry,
    ManifestSpool,
    append_journal,
    read_journal,
    sha256_file,
    sync_journal,
    write_manifest,
)
from vnadmin_docs.batch.numbering import book_identity
from vnadmin_docs.batch.outdated import OLD_DIR, PDF_KEY, Outdated, pdfs_made_from, written_by_us
from vnadmin_docs.batch.pdf_out import PDF_DIR, PRINT_KEY, PRINT_PDF, PdfStage
from vnadmin_docs.batch.plan import (
    MERGED_KEY,
    Names,
    Plan,
    chunked,
    iter_plans,
    merged_file_key,
    new_namer,
    number_from_book,
)
from vnadmin_docs.batch.problems import (
    OutputFolderError,
    inputs_not_overwritten,
    no_links,
    output_folder,
)
from vnadmin_docs.batch.profile import BatchProfile
from vnadmin_docs.batch.render import Ctx, RenderTask, Row, Write, map_ordered, render_chunk
from vnadmin_docs.batch.report import ZIP_KEY, Report, checked_only, write_zip
from vnadmin_docs.batch.result import LETTERS_DIR, MERGED_FILE, ZIP_FILE, BatchResult, ProgressFn
from vnadmin_docs.batch.spill import Spill
from vnadmin_docs.batch.survey import Survey, file_stem
from vnadmin_docs.content import TemplateSpec
from vnadmin_docs.pdf import ConversionOptions
from vnadmin_docs.registry import Register, Series
from vnadmin_docs.text.so_line import number_text
from vnadmin_docs.writer import LetterXml
from vnadmin_docs.writer.stream import MergedWriter

_log = logging.getLogger(__name__)

JOURNAL_SYNC_S = 1.0
"""Seconds between two fsyncs of the journal during pass 2 (the letters journal
themselves; a ``kill -9`` loses nothing unsynced, a power cut at most this much work)."""


def write_pass(
    survey: Survey,
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
    inputs: Sequence[str | Path] = (),
) -> BatchResult:
    """Pass 2; ``named`` receives the letters' file names (profile numbering); the output
    folder's lock is kept in ``held`` until the caller's block ends; ``inputs``: the files
    the run reads (data, profile, holidays), never overwritten by a report."""
    settings = settings_digest(spec, profile, issue_day)
    writing = not (result.dry_run or (strict and survey.failed))
    if not writing:
        result.strict_blocked = strict and bool(survey.failed)
        start = profile.numbering.start
        namer = new_namer()
        shown = [namer(stem if stem is not None else file_stem(profile, row, start + i, values))
                 for i, (row, values, stem, _digest) in enumerate(survey.letters)]
        checked_only(survey, Names(start, shown), result)
        return result
    # Every folder checked before a number is taken from the book or a letter written.
    output_folder(out)
    fixed = (STATE_FILE, LOCK_FILE, MANIFEST_CSV, MANIFEST_JSON, MERGED_FILE, PRINT_PDF,
             ZIP_FILE)
    no_links(out, fixed)
    inputs_not_overwritten(out, fixed, inputs)
    try:
        held.enter_context(folder_lock(out))
    except BlockingIOError:
        raise OutputFolderError(
            str(out), "một lần chạy khác đang ghi vào thư mục này (đợi lần đó xong rồi chạy lại)",
            "another run is writing into this folder (wait for it to finish, then run again)",
        ) from None
    output_folder(out / LETTERS_DIR, inside=out, make=False)
    output_folder(out / OLD_DIR, inside=out, make=False)
    for sub in (LETTERS_DIR, PDF_DIR):
        output_folder(out / OLD_DIR / sub, inside=out / OLD_DIR, make=False)
    if pdf:
        output_folder(out / PDF_DIR, inside=out, make=False)
    merged_path = resolve_inside(out, MERGED_FILE)
    if register is not None:
        settings = hashlib.sha256(
            f"{settings}\n{book_identity(register, series)}".encode()).hexdigest()
        names = number_from_book(survey, register, series, spec, profile, issue_day,
                                 settings, out, dirs)
        assert names.books is not None
        result.numbers_taken = tuple(b.number for b in names.books if not b.reused)
        result.numbers_reused = sum(b.reused for b in names.books)
    else:
        names = Names(profile.numbering.start, named)
        namer = new_namer()
        for _row, _values, stem, _digest in survey.letters:
            named.append(namer(str(stem)))

    letters = output_folder(out / LETTERS_DIR, inside=out)
    letters_dir = str(letters.resolve())
    result.out_dir = out
    for folder in (out, letters):
        stale = remove_stale_temps(folder)
        if stale:
            _log.info("removed %d half-written files left by an interrupted run", len(stale))
    journal = read_journal(out)
    stage = PdfStage(out, journal, pdf_options, letters) if pdf else None
    if stage is not None:
        result.pdf_dir = stage.folder
    merged_key = merged_file_key(survey, names, settings)
    need_merged = merged and len(survey.letters) > 0 and not (
        merged_key in journal and merged_path.exists()
        and sha256_file(merged_path) == journal[merged_key].sha256
    )
    merger = MergedWriter(merged_path) if need_merged else None
    want_models = merger is not None or stage is not None
    ctx: Ctx = (spec, dirs, profile)

    def pdf_columns(entry: ManifestEntry) -> ManifestEntry:
        made = stage.pdf_of(Path(entry.output_file).name) if stage is not None \
            and entry.status in ("written", "unchanged") else None
        return replace(entry, pdf_file=made[0], pdf_sha256=made[1]) if made else entry

    spool = ManifestSpool(pdf_columns)
    report = Report(survey, spool.add)
    pdf_names: list[str] = []  # letters in order, for the PDF print file
    made = Outdated()  # this run's letters: what a previous run left beside them goes
    ours = written_by_us(journal, lambda key: ":" not in key)  # letter file -> checksums
    aside_dir = os.path.join(out, OLD_DIR, LETTERS_DIR)
    set_aside_now: list[str] = []  # files not ours (edited by hand) where a letter went,
    # moved into cu/van-ban/ by render_chunk; named as they were, like ``result.retired``
    State = tuple[str, str, str]  # (status, sha256, error)

    def tasks() -> Iterator[tuple[RenderTask, tuple[list[Plan], dict[int, State]]]]:
        """Per chunk: the letters to render (written, or rendered again only for their page
        model) and the state of those already done."""
        for chunk in chunked(iter_plans(survey, names, settings, issue_day)):
            known: dict[int, State] = {}
            items: list[tuple[Row, Write]] = []
            for plan in chunk:
                target = name_inside(letters_dir, plan.file_name)
                done = journal.get(plan.key)
                row: Row = (plan.index, plan.values, plan.number, plan.issued or issue_day)
                if done and done.file == plan.file_name and os.path.exists(target) \
                        and not is_link(target) and sha256_file(target) == done.sha256:
                    known[plan.index] = ("unchanged", done.sha256, "")
                    if need_merged or (stage is not None
                                       and stage.needs_model(plan.file_name, done.sha256)):
                        items.append((row, None))
                else:
                    items.append((row, (target, aside_dir,
                                        tuple(ours.get(plan.file_name, ())), plan.key)))
            yield (ctx, items, want_models, str(out)), (chunk, known)

    finished = 0
    total = len(survey.letters)
    synced, unsynced = time.monotonic(), False
    if progress:
        progress(0, total)
    try:
        for (chunk, known), done in map_ordered(pool, render_chunk, tasks(), window):
            models: dict[int, LetterXml | None] = {}
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
            if fresh:
                # The letters journalled themselves (render_chunk); the journal is made
                # durable at most once a second: an fsync (~2 ms here) blocks this process,
                # which renders letters too.
                unsynced = True
                if time.monotonic() - synced >= JOURNAL_SYNC_S:
                    sync_journal(out)
                    synced, unsynced = time.monotonic(), False
            if register is not None:
                _record_in_book(register, chunk, states, letters)
            for plan in chunk:
                state, sha, error = states[plan.index]
                code, applicant = code_and_applicant(plan.values)
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
        if unsynced:
            sync_journal(out)
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
            try:
                merger.close()
            except BaseException as exc:
                merger.abort()  # the temporary merged file goes too
                if isinstance(exc, OSError):
                    raise with_file_name(exc, merged_path) from exc
                raise
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
            result.archive = write_zip(out, spool, result.merged, result.print_pdf,
                                       when=issue_day)
            append_journal(out, [JournalEntry(ZIP_KEY, ZIP_FILE, sha256_file(result.archive))])
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
        str(out), written_by_us(journal, lambda key: key.startswith(MERGED_KEY)), str(old))
    stale = changed or bool(letters) or bool(pdfs)
    printed = made.retire(str(out), written_by_us(journal, lambda k: k.startswith(PRINT_KEY)),
                          str(old)) if stale and not pdf_made else []
    zipped = made.retire(str(out), written_by_us(journal, lambda k: k == ZIP_KEY),
                         str(old)) if stale and not zip_made else []
    return (*(f"{LETTERS_DIR}/{n}" for n in letters), *(f"{PDF_DIR}/{n}" for n in pdfs),
            *merged, *printed, *zipped)


def _record_in_book(
    register: Register,
    plans: Sequence[Plan],
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
