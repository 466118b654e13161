"""The work handed to worker processes: check (``api.prepare``) or render and write a chunk of
letters, and the ordered, windowed map that feeds the pool."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any, TypeVar

from vnadmin_docs import api
from vnadmin_docs._files import is_link, write_bytes_atomically
from vnadmin_docs.batch.letter import letter_data
from vnadmin_docs.batch.manifest import JournalEntry, append_journal, sha256_file
from vnadmin_docs.batch.outdated import set_aside
from vnadmin_docs.batch.problems import why_not_written
from vnadmin_docs.batch.profile import BatchProfile
from vnadmin_docs.content import TemplateLibrary, TemplateSpec
from vnadmin_docs.errors import DataError, FieldProblem
from vnadmin_docs.writer import LetterXml, letter_xml, write_letter

CHUNK = 32
"""Rows per task handed to a worker."""
_R = TypeVar("_R")
_T = TypeVar("_T")

Ctx = tuple[TemplateSpec, tuple[str, ...], BatchProfile]
"""What every letter of a run shares: template, template folders, profile."""
Row = tuple[int, Mapping[str, object], int, dt.date]
"""One letter to build: its index, the row's cleaned values, its number, its issue date.
Workers build the render data from this (``letter_data``), so the main process, which
also reads the sheet and keeps the journal, does not spend its time on it."""
CheckTask = tuple[Ctx, list[Row]]
Write = tuple[str, str, tuple[str, ...], str] | None
"""Where a letter goes: its path, the folder for a file found there that the tool did not
write (``cu/van-ban``), the checksums the tool wrote under that name, and the letter's
resume key; ``None``: the letter is rendered only for its XML."""
RenderTask = tuple[Ctx, list[tuple[Row, Write]], bool, str | None]
"""Context, letters, whether each letter's XML is wanted back, and the output folder whose
journal records each letter as soon as it is on disk (``None``: not journalled)."""
Done = tuple[int, str | None, str | None, LetterXml | None, str | None]


def check_chunk(task: CheckTask) -> list[tuple[int, tuple[FieldProblem, ...]]]:
    """``api.prepare`` for each letter of a chunk; the problems of those that fail."""
    (spec, dirs, profile), items = task
    library = TemplateLibrary(dirs)
    out: list[tuple[int, tuple[FieldProblem, ...]]] = []
    for index, values, number, day in items:
        data = letter_data(values, spec, profile, number, day)
        try:
            api.prepare(spec, data, library=library)
        except DataError as exc:
            out.append((index, exc.problems))
    return out


def map_ordered(pool: Executor | None, fn: Callable[[Any], _R],
                tasks: Iterable[tuple[Any, _T]], window: int) -> Iterator[tuple[_T, _R]]:
    """``fn`` over the ``(task, tag)`` pairs, ``(tag, result)`` in task order.

    With a pool, at most ``window`` tasks are in the pool at once (``Executor.map`` would
    submit them all, and hold all their data, at once), and this process works too: when
    the oldest task in flight is not done yet, it runs the next task itself instead of
    waiting for it. So a batch with ``--workers N`` renders in N processes, this one and
    ``N - 1`` started for the run, and on N cores no process waits for a core while the
    batch's own bookkeeping (the report, the merged file, the journal) takes its share; the
    tasks it runs itself are neither pickled nor sent (docs/dev/batch.md, issue 18)."""
    if pool is None:
        for task, tag in tasks:
            yield tag, fn(task)
        return
    source = iter(tasks)
    pending: deque[tuple[_T, Future[_R]]] = deque()
    held = 4 * window  # results waiting for their turn, at most
    more = True
    while True:
        busy = sum(not job.done() for _tag, job in pending)
        while more and busy < window and len(pending) < held:
            step = next(source, None)
            if step is None:
                more = False
                break
            pending.append((step[1], pool.submit(fn, step[0])))
            busy += 1
        if not pending:
            return
        tag, job = pending[0]
        if more and not job.done() and len(pending) < held:
            step = next(source, None)
            if step is None:
                more = False
            else:
                pending.append((step[1], _run_here(fn, step[0])))
            continue
        pending.popleft()
        yield tag, job.result()


def _run_here(fn: Callable[[Any], _R], task: Any) -> Future[_R]:
    """``fn(task)`` run in this process, as a finished future: an error in it is raised at
    the task's turn, after the results of the tasks before it, as the pool's would be."""
    done: Future[_R] = Future()
    try:
        done.set_result(fn(task))
    except Exception as exc:  # handed to the caller at its turn
        done.set_exception(exc)
    return done


def render_chunk(task: RenderTask) -> list[Done]:
    """Render each item; write it to its path when one is given. Returns per item: index,
    sha256 of the file written (or None), an error message (or None), the letter's XML
    (only when ``want_models``, for the merged file and the PDF groups: built once here for
    the letter's own file and reused, one XML per letter; a few strings, cheaper to send
    back than a page model), and the name a file found at the path was set aside under (or
    None).

    A file at the path that the tool did not write and that differs from the new letter (a
    letter edited by hand in Word, the clerk's own file) is never overwritten: it is moved
    aside first. One the tool wrote, or the same bytes (a letter written just before a
    ``kill -9``, not yet in the journal), is simply replaced."""
    (spec, dirs, profile), items, want_models, journal = task
    out: list[Done] = []
    for (index, values, number, day), write in items:
        data = letter_data(values, spec, profile, number, day)
        try:
            doc = api.render(spec, data, template_dirs=dirs)
            built = letter_xml(doc.page_model)
            sha: str | None = None
            aside: str | None = None
            if write is not None:
                target, aside_dir, ours, key = write
                payload = write_letter(built)
                sha = hashlib.sha256(payload).hexdigest()
                if is_link(target):  # a link is moved aside as the link, never read
                    aside = set_aside(target, aside_dir)
                elif os.path.exists(target):
                    found = sha256_file(target)
                    if found != sha and found not in ours:
                        aside = set_aside(target, aside_dir)
                # Journalled by whichever process writes it, once the file is whole and just
                # before it takes its name: a run killed with -9 (workers or not) then knows
                # every letter on disk (a line whose file never got its name matches no file
                # and is ignored). The main process makes the journal durable once per chunk.
                note = None if journal is None else functools.partial(
                    append_journal, Path(journal),
                    [JournalEntry(key, os.path.basename(target), sha)], durable=False)
                write_bytes_atomically(target, payload, durable=False, before_rename=note)
            out.append((index, sha, None, built if want_models else None, aside))
        except Exception as exc:  # one bad letter must not stop the batch; reported per row
            if hasattr(exc, "localized"):
                message = exc.localized("vi")
            elif isinstance(exc, OSError):  # full disk, name refused, open in Word (Windows)
                message = f"không ghi được tệp văn bản: {why_not_written(exc)[0]}"
            else:
                message = repr(exc)
            out.append((index, None, str(message), None, None))
    return out
