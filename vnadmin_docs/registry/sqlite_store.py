"""The embedded number book: one SQLite file.

Safety comes from SQLite's single writer: every allocation runs inside ``BEGIN IMMEDIATE``
(the write lock is taken before the counter is read), reads the book's counter, raises it,
inserts the entries and commits. A second process retries the write lock in short randomised
steps until its timeout (SQLite's own busy handler sleeps up to 100 ms a try: measured 6×
slower and up to 4.5 s waits under 8 writers, against 0.1 s this way); a process killed
before ``COMMIT`` leaves only uncommitted WAL frames that SQLite discards. ``synchronous=FULL``
makes a returned number survive a power cut, so it can never be handed out twice.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from vnadmin_docs.registry._rows import (
    ENTRY_COLUMNS,
    book_from_row,
    draft_values,
    entry_from_row,
    must_exist,
    not_cancellable,
    out_of_order,
)
from vnadmin_docs.registry.model import (
    Book,
    Entry,
    EntryDraft,
    EntryStatus,
    RegisterError,
    Series,
)
from vnadmin_docs.registry.sqlite_files import (
    BOOK_COLUMNS,
    ENTRY_TABLE_COLUMNS,
    columns,
    file_error,
    schema_mismatch,
)
from vnadmin_docs.registry.store import pause_for_tests

__all__ = ["SCHEMA_VERSION", "SqliteStore"]

SCHEMA_VERSION = 1

# After opening, SQLite's own busy handler only waits this long (it sleeps up to 100 ms per
# retry, which wastes the lock and favours whoever polls at the right moment); the write
# lock is then retried in short randomised steps until the caller's timeout.
_SHORT_BUSY_MS = 5
_MAX_STEP_S = 0.004

_SCHEMA = """
CREATE TABLE IF NOT EXISTS books (
    id          INTEGER PRIMARY KEY,
    issuer_abbr TEXT    NOT NULL,
    year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
    series      TEXT    NOT NULL CHECK (series IN ('thuong', 'mat', 'sao')),
    last_number INTEGER NOT NULL DEFAULT 0 CHECK (last_number >= 0),
    last_date   TEXT,
    created_at  TEXT    NOT NULL,
    UNIQUE (issuer_abbr, year, series)
);
CREATE TABLE IF NOT EXISTS entries (
    id            INTEGER PRIMARY KEY,
    book_id       INTEGER NOT NULL REFERENCES books (id),
    number        INTEGER NOT NULL CHECK (number >= 1),
    symbol        TEXT    NOT NULL,
    doc_date      TEXT    NOT NULL,
    type_name     TEXT    NOT NULL,
    summary       TEXT    NOT NULL,
    signer        TEXT    NOT NULL DEFAULT '',
    recipients    TEXT    NOT NULL DEFAULT '[]',
    copies        INTEGER CHECK (copies IS NULL OR copies >= 1),
    archive       TEXT    NOT NULL DEFAULT '',
    sent_on       TEXT,
    note          TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'cancelled')),
    cancel_reason TEXT,
    cancelled_at  TEXT,
    output_path   TEXT,
    output_sha256 TEXT,
    created_at    TEXT    NOT NULL,
    UNIQUE (book_id, number),
    CHECK (status = 'issued' OR cancel_reason IS NOT NULL)
);
CREATE VIEW IF NOT EXISTS entry_view AS
    SELECT e.id, b.issuer_abbr, b.year, b.series, e.number, e.symbol, e.doc_date,
           e.type_name, e.summary, e.signer, e.recipients, e.copies, e.archive, e.sent_on,
           e.note, e.status, e.created_at, e.output_path, e.output_sha256, e.cancel_reason,
           e.cancelled_at
    FROM entries e JOIN books b ON b.id = e.book_id;
"""

_SELECT = f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entry_view"
_ORDER = " ORDER BY issuer_abbr, year, series, number"


_T = TypeVar("_T")


def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


class SqliteStore:
    """A :class:`~vnadmin_docs.registry.store.RegisterStore` in one SQLite file."""

    def __init__(self, path: Path, *, timeout: float = 30.0) -> None:
        self.path = path
        self.url = str(path)
        self.timeout = timeout
        # One connection per store: threads sharing a Register take turns on it, so one
        # thread's BEGIN … COMMIT never interleaves with another's statements.
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                str(path), timeout=timeout, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise RegisterError(
                f"Không mở được sổ đăng ký văn bản đi “{path}”: {exc}.",
                f"Cannot open the register “{path}”: {exc}.",
            ) from exc
        self._db.row_factory = sqlite3.Row
        self.read_only = False
        try:
            self._setup()
            self._db.execute(f"PRAGMA busy_timeout = {_SHORT_BUSY_MS}")
        except sqlite3.DatabaseError as exc:
            self._db.close()
            if not self._open_read_only(exc):
                raise self._error(exc) from exc
        except BaseException:
            self._db.close()
            raise

    def _open_read_only(self, exc: sqlite3.DatabaseError) -> bool:
        """A book on a read-only disk (or in a folder without write permission) can still be
        listed, shown and exported: SQLite cannot make the WAL index beside it, so open it
        ``immutable`` (nobody can be writing to a read-only file). Writing then fails with
        the read-only message. ``False`` when that is not the problem or does not help."""
        text = str(exc).lower()
        if not self.path.is_file() or not any(w in text for w in ("readonly", "unable to open")):
            return False
        try:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1",
                                 uri=True, isolation_level=None, check_same_thread=False)
        except sqlite3.Error:
            return False
        db.row_factory = sqlite3.Row
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error:
            db.close()
            return False
        if version != SCHEMA_VERSION:
            db.close()
            return False
        self._db = db
        self.read_only = True
        return True

    def _setup(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            self._pragmas()
            return
        if version > SCHEMA_VERSION:
            raise RegisterError(
                f"Sổ “{self.path}” do phiên bản mới hơn của vnadmin-docs tạo (lược đồ "
                f"{version}); hãy cập nhật chương trình.",
                f"The register “{self.path}” was made by a newer vnadmin-docs (schema "
                f"{version}); please upgrade.",
            )
        foreign = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT IN ('books', 'entries') AND name NOT LIKE 'sqlite_%'"
            )
        ]
        if foreign:
            raise schema_mismatch(self.path, foreign)
        for table, wanted in (("books", BOOK_COLUMNS), ("entries", ENTRY_TABLE_COLUMNS)):
            have = columns(db, table)
            if have and not set(wanted) <= have:  # same name, another program's table
                raise schema_mismatch(self.path, [table])
        self._pragmas()
        with self._write():
            # One statement at a time: executescript() would commit our transaction first.
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _pragmas(self) -> None:
        """WAL, full durability and foreign keys (only once the file is known to be ours)."""
        db = self._db
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"journal_mode is {mode}, WAL was refused")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")

    def _error(self, exc: sqlite3.Error) -> RegisterError:
        about_file = file_error(self.path, exc)
        if about_file is not None:
            return about_file
        if _is_busy(exc):
            return RegisterError(
                f"Sổ đăng ký “{self.path}” đang bận (người khác đang cấp số) quá "
                f"{self.timeout:g} giây; hãy thử lại.",
                f"The register “{self.path}” stayed busy (someone else is numbering) for more "
                f"than {self.timeout:g} seconds; try again.",
            )
        return RegisterError(
            f"Lỗi sổ đăng ký “{self.path}”: {exc}.",
            f"Register error in “{self.path}”: {exc}.",
        )

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding SQLite's write lock from the first statement."""
        db = self._db
        with self._lock:
            self._retry_busy(lambda: db.execute("BEGIN IMMEDIATE"))
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            try:
                db.execute("COMMIT")
            except sqlite3.Error as exc:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise self._error(exc) from exc

    def allocate(
        self,
        issuer_abbr: str,
        series: Series,
        doc_date: date,
        drafts: Sequence[EntryDraft],
        *,
        allow_earlier_date: bool,
        now: datetime,
    ) -> list[Entry]:
        year = doc_date.year
        try:
            with self._write() as db:
                db.execute(
                    "INSERT OR IGNORE INTO books (issuer_abbr, year, series, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    (issuer_abbr, year, series.value, now.isoformat()),
                )
                book = db.execute(
                    "SELECT id, last_number, last_date FROM books "
                    "WHERE issuer_abbr = ? AND year = ? AND series = ?",
                    (issuer_abbr, year, series.value),
                ).fetchone()
                last_number = int(book["last_number"])
                if book["last_date"] and not allow_earlier_date:
                    last_date = date.fromisoformat(book["last_date"])
                    if doc_date < last_date:
                        raise out_of_order(doc_date, last_date, last_number)
                new_last = last_number + len(drafts)
                db.execute(
                    "UPDATE books SET last_number = ?, "
                    "last_date = max(coalesce(last_date, ''), ?) WHERE id = ?",
                    (new_last, doc_date.isoformat(), book["id"]),
                )
                db.executemany(
                    "INSERT INTO entries (book_id, number, doc_date, created_at, symbol, "
                    "type_name, summary, signer, recipients, copies, archive, sent_on, "
                    "note) VALUES (:book_id, :number, :doc_date, :created_at, :symbol, "
                    ":type_name, :summary, :signer, :recipients, :copies, :archive, "
                    ":sent_on, :note)",
                    [
                        {
                            **draft_values(draft),
                            "sent_on": _iso(draft.sent_on),
                            "book_id": book["id"],
                            "number": last_number + offset,
                            "doc_date": doc_date.isoformat(),
                            "created_at": now.isoformat(),
                        }
                        for offset, draft in enumerate(drafts, start=1)
                    ],
                )
                pause_for_tests()
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        # Read the new entries back in one query (numbers are unique within the book).
        rows = self._query(
            f"{_SELECT} WHERE issuer_abbr = ? AND year = ? AND series = ? "
            "AND number BETWEEN ? AND ? ORDER BY number",
            (issuer_abbr, year, series.value, last_number + 1, new_last),
        )
        return [entry_from_row(row) for row in rows]

    def attach_output(self, entry_id: int, path: str, sha256: str) -> Entry:
        try:
            with self._write() as db:
                db.execute(
                    "UPDATE entries SET output_path = ?, output_sha256 = ? WHERE id = ?",
                    (path, sha256, entry_id),
                )
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        return must_exist(self.get(entry_id), entry_id)

    def cancel(self, entry_id: int, reason: str, now: datetime) -> Entry:
        try:
            with self._write() as db:
                cursor = db.execute(
                    "UPDATE entries SET status = 'cancelled', cancel_reason = ?, "
                    "cancelled_at = ? WHERE id = ? AND status = 'issued'",
                    (reason, now.isoformat(), entry_id),
                )
                if cursor.rowcount != 1:
                    raise not_cancellable(self.get(entry_id), entry_id)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        return must_exist(self.get(entry_id), entry_id)

    def _query(self, sql: str, params: Sequence[Any]) -> list[sqlite3.Row]:
        with self._lock:
            return self._retry_busy(lambda: self._db.execute(sql, params).fetchall())

    def _retry_busy(self, action: Callable[[], _T]) -> _T:
        """Run ``action``, retrying while the database is locked, up to the timeout."""
        deadline = time.monotonic() + self.timeout
        step = 0.0005
        while True:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() >= deadline:
                    raise self._error(exc) from exc
            except sqlite3.Error as exc:
                raise self._error(exc) from exc
            time.sleep(random.uniform(0, step))
            step = min(step * 2, _MAX_STEP_S)

    def get(self, entry_id: int) -> Entry | None:
        rows = self._query(f"{_SELECT} WHERE id = ?", (entry_id,))
        return entry_from_row(rows[0]) if rows else None

    def find(self, issuer_abbr: str, year: int, series: Series, number: int) -> Entry | None:
        rows = self._query(
            f"{_SELECT} WHERE issuer_abbr = ? AND year = ? AND series = ? AND number = ?",
            (issuer_abbr, year, series.value, number),
        )
        return entry_from_row(rows[0]) if rows else None

    def entries(
        self,
        *,
        issuer_abbr: str | None = None,
        year: int | None = None,
        series: Series | None = None,
        status: EntryStatus | None = None,
    ) -> list[Entry]:
        where: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("issuer_abbr", issuer_abbr),
            ("year", year),
            ("series", series.value if series else None),
            ("status", status.value if status else None),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + _ORDER
        return [entry_from_row(row) for row in self._query(sql, params)]

    def books(self) -> list[Book]:
        rows = self._query(
            "SELECT issuer_abbr, year, series, last_number, last_date FROM books "
            "ORDER BY year, issuer_abbr, series",
            (),
        )
        return [book_from_row(row) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()
