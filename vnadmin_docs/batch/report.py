"""The per-row report in row order (manifest) and ``van-ban.zip``."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from vnadmin_docs._files import atomic_target, resolve_inside, with_file_name
from vnadmin_docs.batch.letter import code_and_applicant
from vnadmin_docs.batch.manifest import MANIFEST_CSV, MANIFEST_JSON, ManifestEntry
from vnadmin_docs.batch.pdf_out import PDF_DIR
from vnadmin_docs.batch.plan import Names
from vnadmin_docs.batch.result import LETTERS_DIR, ZIP_FILE, BatchResult
from vnadmin_docs.batch.survey import Survey

ZIP_KEY = "zip:"  # the journal's line for the last van-ban.zip written


class Report:
    """Manifest rows in row order: letters as they finish, rows without a letter slotted
    in before the first letter that comes after them."""

    def __init__(self, survey: Survey, sink: Callable[[ManifestEntry], None]) -> None:
        self._failed = sorted(survey.failed)
        self._who = survey.failed
        self._next = 0
        self._sink = sink
        self._problems = survey.problems.rows()  # walked in row order, never indexed

    def entry(self, row: int, code: str, applicant: str, status: str, file: str = "",
              sha: str = "", error: str = "", number: str = "") -> ManifestEntry:
        mine = self._problems.of(row)
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


def checked_only(survey: Survey, names: Names, result: BatchResult) -> None:
    """The report of a run that writes nothing: every row, valid ones as ``not_written``."""
    entries: list[ManifestEntry] = []
    report = Report(survey, entries.append)
    for (row, values, *_), name in zip(survey.letters, names.names, strict=True):
        report.letter(row, report.entry(row, *code_and_applicant(values), "not_written",
                                        f"{LETTERS_DIR}/{name}"))
    report.failed_until(None)
    result.checked = entries


@contextlib.contextmanager
def _zip_file(path: Path) -> Iterator[zipfile.ZipFile]:
    """A ``ZipFile`` for writing that, when the block or the closing fails (a full disk),
    still closes its file and raises the error with the zip's name: no "Exception ignored
    in ZipFile.__del__" later, and the caller removes the temporary file."""
    zf = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    try:
        yield zf
        zf.close()
    except BaseException as exc:
        with contextlib.suppress(Exception):
            zf.close()
        fp, zf.fp = zf.fp, None
        if fp is not None:
            with contextlib.suppress(Exception):
                fp.close()
        if isinstance(exc, OSError):
            raise with_file_name(exc, path.with_name(ZIP_FILE)) from exc
        raise


def write_zip(out: Path, entries: Iterable[ManifestEntry], merged: Path | None,
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

    with atomic_target(target) as tmp, _zip_file(tmp) as zf:
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
        for name in (MANIFEST_CSV, MANIFEST_JSON):
            add(zf, resolve_inside(out, name), name)
    return target
