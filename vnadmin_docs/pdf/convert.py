"""Convert many documents (.docx) to PDF with headless LibreOffice, fast and without surprises.

Input: pairs (source document, target PDF path). Output: every target written atomically,
or :class:`ConversionError` naming each source that could not be converted (the others are
in place). How (see docs/dev/pdf.md):

- calls of at most 200 files (one soffice call silently drops files beyond ~247);
- ``processes`` soffice calls at a time, each with its own profile directory;
- each call watched: no new PDF for ``idle_timeout`` seconds → its process group is killed;
- every expected PDF checked (exists, ``%PDF-`` header, pypdf opens it, ≥ 1 page);
- a file that fails is tried once more (alone, when it hung or crashed soffice); files that
  soffice never reached are simply queued again.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from vnadmin_docs.errors import ConversionError
from vnadmin_docs.pdf._files import move_into_place, stage_input
from vnadmin_docs.pdf.chunks import MAX_CHUNK, plan_chunks
from vnadmin_docs.pdf.locate import find_soffice, soffice_missing_error
from vnadmin_docs.pdf.process import CallOutcome, run_watched
from vnadmin_docs.pdf.scratch import scratch_dir
from vnadmin_docs.pdf.validate import pdf_problem

__all__ = ["ConversionOptions", "convert_files", "convert_to_pdf", "default_processes"]

_log = logging.getLogger(__name__)

# After this many soffice calls in a row that failed without producing a single PDF,
# LibreOffice itself is broken: stop instead of retrying every file on its own.
_MAX_EMPTY_FAILURES = 3


def default_processes() -> int:
    """Parallel soffice processes by default: one per CPU core, at most 4 (≈200 MB each)."""
    return max(1, min(os.cpu_count() or 1, 4))


@dataclass(frozen=True)
class ConversionOptions:
    """How to run LibreOffice.

    ``soffice``: the program (default: :func:`find_soffice`). ``processes``: soffice calls at
    a time (default :func:`default_processes`). ``chunk_size``: files per call, 1..200.
    ``idle_timeout``: seconds without a new PDF before a call counts as hung and is killed
    (start-up included). ``retries``: further attempts for a file that failed.
    ``pdf_a``: write PDF/A-2b (archival; PDF/A-1 forbids the transparency that the
    signature and seal PNGs need), fonts embedded (``docs/dev/electronic.md``).
    """

    soffice: Path | None = None
    processes: int | None = None
    chunk_size: int = MAX_CHUNK
    idle_timeout: float = 120.0
    retries: int = 1
    pdf_a: bool = False

    @property
    def export_filter(self) -> str:
        """The ``--convert-to`` argument: plain PDF, or PDF/A-2b through the PDF export
        filter's ``SelectPdfVersion=2`` (JSON filter options, LibreOffice 7.4+)."""
        if not self.pdf_a:
            return "pdf"
        return 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'

    def __post_init__(self) -> None:
        if self.processes is not None and self.processes < 1:
            raise ValueError(f"processes must be at least 1, not {self.processes}")
        if not 1 <= self.chunk_size <= MAX_CHUNK:
            raise ValueError(f"chunk_size must be 1..{MAX_CHUNK}, not {self.chunk_size}")
        if self.idle_timeout <= 0:
            raise ValueError(f"idle_timeout must be positive, not {self.idle_timeout}")
        if self.retries < 0:
            raise ValueError(f"retries must be 0 or more, not {self.retries}")


@dataclass
class _Job:
    index: int
    source: Path
    target: Path
    staged_name: str
    shown: Path
    attempts: int = 0
    done: bool = False
    failed: bool = False
    reason: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class _CallResult:
    chunk: tuple[int, ...]
    outcome: CallOutcome
    staged: dict[int, Path]
    problems: dict[int, tuple[str, str] | None] = field(default_factory=dict)


class _Profiles:
    """One LibreOffice profile directory per process slot; a killed call gets a fresh one."""

    def __init__(self, root: Path, count: int) -> None:
        self._root = root
        self._free: queue.Queue[int] = queue.Queue()
        self._paths: dict[int, Path] = {}
        self._generation = 0
        self._lock = threading.Lock()
        for slot in range(count):
            self._paths[slot] = self._new_dir(slot)
            self._free.put(slot)

    def _new_dir(self, slot: int) -> Path:
        with self._lock:
            self._generation += 1
            path = self._root / f"profile-{slot}-{self._generation}"
        path.mkdir()
        return path

    def acquire(self) -> tuple[int, Path]:
        slot = self._free.get()
        return slot, self._paths[slot]

    def release(self, slot: int, *, damaged: bool) -> None:
        if damaged:
            shutil.rmtree(self._paths[slot], ignore_errors=True)
            self._paths[slot] = self._new_dir(slot)
        self._free.put(slot)


class _Run:
    """One conversion run: a temp folder, a pool of soffice processes, the job table."""

    def __init__(self, jobs: list[_Job], soffice: Path, options: ConversionOptions) -> None:
        self.jobs = jobs
        self.soffice = soffice
        self.options = options
        self.processes = options.processes or default_processes()
        self.root = scratch_dir("pdf").resolve()
        self.inbox = self.root / "in"
        self.inbox.mkdir()
        self.profiles = _Profiles(self.root, self.processes)
        self.calls = 0
        self.calls_lock = threading.Lock()
        self.cancel = threading.Event()
        self.empty_failures = 0
        self.last_failure: tuple[str, str] = ("", "")

    # -- worker side (runs in pool threads) -------------------------------------------
    def call(self, chunk: tuple[int, ...]) -> _CallResult:
        with self.calls_lock:
            self.calls += 1
            number = self.calls
        outdir = self.root / f"out-{number}"
        outdir.mkdir()
        slot, profile = self.profiles.acquire()
        names = [self.jobs[i].staged_name for i in chunk]
        cmd = [
            str(self.soffice),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--nologo",
            "--convert-to",
            self.options.export_filter,
            "--outdir",
            str(outdir),
            *names,
        ]
        damaged = True
        try:
            outcome = run_watched(
                cmd,
                cwd=self.inbox,
                progress_dir=outdir,
                idle_timeout=self.options.idle_timeout,
                log_file=self.root / f"call-{number}.log",
                cancelled=self.cancel.is_set,
            )
            damaged = not outcome.ok
        except OSError as exc:
            # The program exists but cannot be started (not executable, wrong architecture).
            raise soffice_missing_error(
                f"Không chạy được {self.soffice}: {exc.strerror or exc}.",
                f"Cannot run {self.soffice}: {exc.strerror or exc}.",
            ) from exc
        finally:
            self.profiles.release(slot, damaged=damaged)
        _log.debug(
            "soffice call %d: %d file(s), %.2f s, exit %s%s",
            number,
            len(chunk),
            outcome.seconds,
            outcome.returncode,
            " (killed)" if outcome.timed_out else "",
        )
        staged = {i: outdir / (Path(self.jobs[i].staged_name).stem + ".pdf") for i in chunk}
        problems = {i: pdf_problem(staged[i]) for i in chunk}
        return _CallResult(chunk, outcome, staged, problems)

    # -- coordinator side (main thread) -----------------------------------------------
    def _fail_reason(self, outcome: CallOutcome) -> tuple[str, str]:
        if outcome.timed_out:
            secs = f"{self.options.idle_timeout:g}"
            return (
                f"LibreOffice bị treo (không tiến triển trong {secs} giây) và đã bị dừng",
                f"LibreOffice hung (no progress for {secs} s) and was killed",
            )
        detail = outcome.output_tail.splitlines()[-1] if outcome.output_tail else ""
        tail = f": {detail}" if detail else ""
        return (
            f"LibreOffice dừng bất thường (mã thoát {outcome.returncode}){tail}",
            f"LibreOffice stopped abnormally (exit code {outcome.returncode}){tail}",
        )

    def _record_attempt(self, index: int, reason: tuple[str, str]) -> bool:
        """Count one failed attempt; True when the file may be tried again."""
        job = self.jobs[index]
        job.attempts += 1
        job.reason = reason
        if job.attempts > self.options.retries:
            job.failed = True
            return False
        return True

    def handle(self, result: _CallResult) -> list[tuple[int, ...]]:
        """Place the good PDFs; return the calls to make next."""
        positions_ok: list[int] = []
        missing: list[int] = []
        for pos, i in enumerate(result.chunk):
            problem = result.problems[i]
            if problem is None:
                positions_ok.append(pos)
                job = self.jobs[i]
                try:
                    move_into_place(result.staged[i], job.target)
                except ConversionError as exc:
                    job.failed = True
                    job.reason = (exc.message, exc.message_en)
                    continue
                job.done = True
            else:
                missing.append(pos)
        if not missing:
            self.empty_failures = 0
            return []
        outcome = result.outcome
        again: list[tuple[int, ...]] = []
        if outcome.ok:
            # Exit 0 but files missing or broken: each of them was tried and failed.
            if positions_ok:
                self.empty_failures = 0
            retry = self._retry_on_their_own(result, missing)
            return [retry] if retry and not self.cancel.is_set() else []
        # Hung or crashed: soffice works through its files in order, so files before the last
        # good PDF failed on their own, the first file after it is the one soffice was on,
        # and the files after that were never opened.
        if positions_ok:
            self.empty_failures = 0
        else:
            self.empty_failures += 1
        self.last_failure = self._fail_reason(outcome)
        last_ok = positions_ok[-1] if positions_ok else -1
        silent = [p for p in missing if p < last_ok]
        after = [p for p in missing if p > last_ok]
        retry_silent = self._retry_on_their_own(result, silent)
        if retry_silent:
            again.append(retry_silent)
        if after:
            culprit = result.chunk[after[0]]
            if self._record_attempt(culprit, self.last_failure):
                again.append((culprit,))
            untouched = tuple(result.chunk[p] for p in after[1:])
            if untouched:
                again.append(untouched)
        if self.empty_failures >= _MAX_EMPTY_FAILURES or self.cancel.is_set():
            return []
        return again

    def _retry_on_their_own(self, result: _CallResult, positions: list[int]) -> tuple[int, ...]:
        """Count a failed attempt for the files at ``positions`` of the call, each failing
        with its own PDF problem; return those that may be tried again."""
        retry: list[int] = []
        for pos in positions:
            index = result.chunk[pos]
            if self._record_attempt(index, result.problems[index] or ("", "")):
                retry.append(index)
        return tuple(retry)

    def execute(self) -> None:
        chunks = plan_chunks(len(self.jobs), self.processes, self.options.chunk_size)
        with ThreadPoolExecutor(self.processes, thread_name_prefix="soffice") as pool:
            running: set[Future[_CallResult]] = {pool.submit(self.call, tuple(c)) for c in chunks}
            try:
                while running:
                    finished, running = wait(running, return_when=FIRST_COMPLETED)
                    for future in finished:
                        for chunk in self.handle(future.result()):
                            running.add(pool.submit(self.call, chunk))
            except BaseException:
                self.cancel.set()
                pool.shutdown(wait=True, cancel_futures=True)
                raise

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _failure_error(jobs: Sequence[_Job], stopped: tuple[str, str]) -> ConversionError:
    failed = [j for j in jobs if not j.done]
    for job in failed:
        if not job.reason[0]:
            job.reason = (
                "không được chuyển vì LibreOffice lỗi liên tục"
                + (f" ({stopped[0]})" if stopped[0] else ""),
                "not converted because LibreOffice kept failing"
                + (f" ({stopped[1]})" if stopped[1] else ""),
            )
    done = len(jobs) - len(failed)
    if len(failed) == 1:
        job = failed[0]
        if job.shown == job.target:
            vi = f"Không tạo được tệp PDF {job.shown}: {job.reason[0]}."
            en = f"Could not make the PDF {job.shown}: {job.reason[1]}."
        else:
            vi = f"Không chuyển được tệp {job.shown} sang PDF: {job.reason[0]}."
            en = f"Could not convert {job.shown} to PDF: {job.reason[1]}."
    else:
        vi = f"Không chuyển được {len(failed)} tệp sang PDF ({done} tệp đã chuyển xong):\n" + (
            "\n".join(f"  - {j.shown}: {j.reason[0]}" for j in failed)
        )
        en = f"Could not convert {len(failed)} file(s) to PDF ({done} converted):\n" + (
            "\n".join(f"  - {j.shown}: {j.reason[1]}" for j in failed)
        )
    vi += "\nHãy mở tệp bằng LibreOffice hoặc Word để kiểm tra, rồi chạy lại."
    en += "\nOpen the file in LibreOffice or Word to check it, then run again."
    return ConversionError(vi, en, path=str(failed[0].shown))


def _make_jobs(pairs: Iterable[tuple[str | Path, str | Path]], name_by_target: bool) -> list[_Job]:
    jobs: list[_Job] = []
    seen: dict[Path, Path] = {}
    for index, (source_in, target_in) in enumerate(pairs):
        source = Path(source_in)
        target = Path(target_in).absolute()
        if not source.is_file():
            raise ConversionError(
                f"Không tìm thấy tệp cần chuyển sang PDF: {source}.",
                f"The file to convert to PDF does not exist: {source}.",
                path=str(source),
            )
        if target in seen:
            raise ConversionError(
                f"Hai tệp {seen[target]} và {source} cùng ghi ra {target}; "
                "hãy đặt tên tệp khác nhau.",
                f"Both {seen[target]} and {source} would be written to {target}; "
                "give them different names.",
                path=str(target),
            )
        seen[target] = source
        suffix = source.suffix.lower() or ".docx"
        shown = target if name_by_target else source
        jobs.append(_Job(index, source, target, f"{index:06d}{suffix}", shown))
    return jobs


def convert_files(
    pairs: Iterable[tuple[str | Path, str | Path]],
    options: ConversionOptions | None = None,
    *,
    name_by_target: bool = False,
) -> list[Path]:
    """Convert each (source, target) pair; return the targets in input order.

    Every target is written atomically (a temp file renamed into place). When a file
    cannot be converted even after a retry, the others are still converted and put in place,
    then :class:`ConversionError` names every source that failed (``path`` = the first).
    A missing LibreOffice raises :class:`ConversionError` saying how to install it.
    ``name_by_target=True`` names the target PDFs in errors instead of the sources (for
    sources that are temporary files the user never saw).
    """
    opts = options or ConversionOptions()
    jobs = _make_jobs(pairs, name_by_target)
    if not jobs:
        return []
    soffice = opts.soffice or find_soffice()
    run = _Run(jobs, soffice, opts)
    try:
        for job in jobs:
            stage_input(job.source, run.inbox / job.staged_name)
        run.execute()
    finally:
        run.cleanup()
    if any(not j.done for j in jobs):
        raise _failure_error(jobs, run.last_failure)
    _log.info("converted %d file(s) to PDF in %d soffice call(s)", len(jobs), run.calls)
    return [j.target for j in jobs]


def convert_to_pdf(
    sources: Iterable[str | Path],
    out_dir: str | Path | None = None,
    options: ConversionOptions | None = None,
) -> list[Path]:
    """Convert documents to PDFs named like them (``thu.docx`` → ``thu.pdf``).

    The PDFs go to ``out_dir`` (created if needed), or next to each source when it is
    ``None``. Returns the PDF paths in input order; see :func:`convert_files` for errors.
    """
    paths = [Path(s) for s in sources]
    folder = Path(out_dir) if out_dir is not None else None
    pairs = [(p, (folder or p.parent) / (p.stem + ".pdf")) for p in paths]
    return convert_files(pairs, options)
