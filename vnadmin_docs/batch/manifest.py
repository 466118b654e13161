"""The batch report (manifest) and the resume journal.

``manifest.csv`` (UTF-8 with BOM so Excel shows Vietnamese; a cell that Excel would read as a
formula is written with a leading apostrophe, see :mod:`vnadmin_docs._cells`) and
``manifest.json`` list every data row: its row number, dossier code, output file, status,
errors and warnings, and the SHA-256 of the file written. The journal
(``.vnadmin-batch-state.jsonl``) gets one line per letter as soon as that letter is on disk; a
run killed with ``kill -9`` and started again reads it and skips letters whose input key and
file checksum still match.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from vnadmin_docs._cells import csv_cell
from vnadmin_docs._files import atomic_text_file, open_inside, resolve_inside, with_file_name
from vnadmin_docs.batch.spill import Spill

__all__ = [
    "MANIFEST_COLUMNS",
    "MANIFEST_CSV",
    "MANIFEST_JSON",
    "STATE_FILE",
    "STATUS_VI",
    "JournalEntry",
    "ManifestEntry",
    "ManifestSpool",
    "append_journal",
    "read_journal",
    "read_manifest",
    "sha256_file",
    "sync_journal",
    "write_manifest",
]

STATE_FILE = ".vnadmin-batch-state.jsonl"
MANIFEST_CSV = "manifest.csv"
MANIFEST_JSON = "manifest.json"
MANIFEST_COLUMNS = ("row", "dossier_code", "applicant", "output_file", "status", "errors",
                    "warnings", "sha256", "number", "pdf_file", "pdf_sha256")
STATUS_VI = {
    "written": "đã tạo",
    "unchanged": "đã có từ lần chạy trước (không đổi)",
    "failed": "lỗi, không tạo",
    "not_written": "hợp lệ, chưa tạo (--strict/--dry-run)",
}


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    row: int
    dossier_code: str
    applicant: str
    output_file: str
    status: str
    errors: str = ""
    warnings: str = ""
    sha256: str = ""
    number: str = ""
    """The letter's number as printed after "Số:" (``101``, ``01``), when it was written."""
    pdf_file: str = ""
    pdf_sha256: str = ""


_ENTRY_FIELDS = tuple(f.name for f in fields(ManifestEntry))


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One journal line. Letters: key = the letter's input key. PDFs: key ``pdf:<sha256 of
    the .docx>``. Numbers taken from a register: key ``number:<letter identity>`` with the
    book's ``number``, ``entry_id`` and ``issued`` date (ISO), file and sha256 empty."""

    key: str
    file: str
    sha256: str
    number: int | None = None
    entry_id: int | None = None
    issued: str | None = None


_JOURNAL_FIELDS = tuple(f.name for f in fields(JournalEntry))


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def read_journal(folder: Path) -> dict[str, JournalEntry]:
    """Entries by key; a last line cut short by a kill is ignored."""
    path = resolve_inside(folder, STATE_FILE)  # a link planted there is refused, not read
    out: dict[str, JournalEntry] = {}
    if not path.exists():
        return out
    fd = open_inside(folder, STATE_FILE, os.O_RDONLY)
    with os.fdopen(fd, encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    for line in text.splitlines():
        try:
            data = json.loads(line)
            entry = JournalEntry(
                str(data["key"]), str(data["file"]), str(data["sha256"]),
                int(data["number"]) if data.get("number") is not None else None,
                int(data["entry_id"]) if data.get("entry_id") is not None else None,
                str(data["issued"]) if data.get("issued") else None,
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
        out[entry.key] = entry
    return out


def append_journal(folder: Path, entries: Iterable[JournalEntry], *,
                   durable: bool = True) -> None:
    """Append entries (one ``O_APPEND`` write, so lines from several processes never
    interleave) and, when ``durable``, push them to disk before returning."""
    lines = "".join(
        json.dumps({k: v for k in _JOURNAL_FIELDS if (v := getattr(e, k)) is not None},
                   ensure_ascii=False)
        + "\n"
        for e in entries
    )
    if not lines:
        return
    fd = open_inside(folder, STATE_FILE, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        with os.fdopen(fd, "ab") as fh:
            fh.write(lines.encode("utf-8"))
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
    except OSError as exc:  # a full disk: name the journal, not “”
        raise with_file_name(exc, folder / STATE_FILE) from exc


def sync_journal(folder: Path) -> None:
    """Push to disk what was appended to the journal without ``durable``."""
    try:
        fd = open_inside(folder, STATE_FILE, os.O_RDONLY)
    except FileNotFoundError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        raise with_file_name(exc, folder / STATE_FILE) from exc
    finally:
        os.close(fd)


def write_manifest(folder: Path, entries: Iterable[ManifestEntry], *,
                   summary: dict[str, object] | None = None) -> tuple[Path, Path]:
    """Write ``manifest.csv`` and ``manifest.json`` atomically, streaming row by row (a
    10,000-row report is never built as one string); returns both paths. ``entries`` is
    iterated twice (a list, or a :class:`ManifestSpool`)."""
    csv_path = resolve_inside(folder, MANIFEST_CSV)
    json_path = resolve_inside(folder, MANIFEST_JSON)
    with atomic_text_file(csv_path, newline="") as fh:
        fh.write("\ufeff")
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(MANIFEST_COLUMNS)
        for e in entries:
            # a value Excel would take for a formula is written as text (OWASP rule)
            writer.writerow([csv_cell(getattr(e, c)) for c in MANIFEST_COLUMNS])
    with atomic_text_file(json_path) as fh:
        fh.write('{"summary": ' + json.dumps(summary or {}, ensure_ascii=False) + ',\n"rows": [')
        for n, e in enumerate(entries):
            row = {f: getattr(e, f) for f in _ENTRY_FIELDS}
            fh.write(("\n  " if n == 0 else ",\n  ") + json.dumps(row, ensure_ascii=False))
        fh.write("\n]}\n")
    return csv_path, json_path


def read_manifest(folder: Path) -> list[ManifestEntry]:
    """The rows of ``manifest.json`` in ``folder`` (empty when there is none)."""
    path = resolve_inside(folder, MANIFEST_JSON)
    if not path.exists():
        return []
    rows = json.loads(path.read_text(encoding="utf-8"))["rows"]
    return [ManifestEntry(**row) for row in rows]


class ManifestSpool:
    """Manifest rows collected one at a time during a run (in a :class:`Spill`, not in
    memory) and read back, as often as needed, through ``finish`` (which may fill in what
    was only known later, such as a letter's PDF)."""

    def __init__(self, finish: Callable[[ManifestEntry], ManifestEntry] | None = None) -> None:
        self._spill: Spill[tuple[object, ...]] = Spill(frame=512)
        self.finish = finish

    def add(self, entry: ManifestEntry) -> None:
        self._spill.append(tuple(getattr(entry, f) for f in _ENTRY_FIELDS))

    def __len__(self) -> int:
        return len(self._spill)

    def __iter__(self) -> Iterator[ManifestEntry]:
        for values in self._spill:
            entry = ManifestEntry(*values)  # type: ignore[arg-type]
            yield self.finish(entry) if self.finish is not None else entry

    def close(self) -> None:
        self._spill.close()
