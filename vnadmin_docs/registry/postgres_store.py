"""The shared number book on PostgreSQL, through SQLAlchemy Core and psycopg 3.

Each allocation is ONE statement run in autocommit mode, so one transaction that begins and
ends inside the server: a data-modifying CTE whose ``INSERT … ON CONFLICT DO UPDATE …
RETURNING`` creates the book row or raises its counter (row-locking it; a ``WHERE`` refuses a
date earlier than the book's last one), followed by the ``INSERT`` of the entries numbered from
the returned counter. Concurrent allocations for the same book queue on that row lock, which
is held only for the statement and its commit, never across a client round trip. A client
that dies mid-way cannot leave half an allocation: the statement commits whole or not at all.
The unique constraint (book_id, number) is the last line of defence.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

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
from vnadmin_docs.registry.store import PAUSE_ENV, pause_for_tests

__all__ = ["PostgresStore", "metadata"]

# Any constant works; it only serialises concurrent first-time schema creation.
_SCHEMA_LOCK_KEY = 0x766E_6164_6D69_6E


metadata = sa.MetaData()

books = sa.Table(
    "vnadmin_books",
    metadata,
    sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("issuer_abbr", sa.Text, nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("series", sa.Text, nullable=False),
    sa.Column("last_number", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_date", sa.Date),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("issuer_abbr", "year", "series", name="vnadmin_books_key"),
    sa.CheckConstraint("series IN ('thuong', 'mat', 'sao')", name="vnadmin_books_series"),
    sa.CheckConstraint("last_number >= 0", name="vnadmin_books_last_number"),
)

entries = sa.Table(
    "vnadmin_entries",
    metadata,
    sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
    sa.Column("book_id", sa.Integer, sa.ForeignKey("vnadmin_books.id"), nullable=False),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("symbol", sa.Text, nullable=False),
    sa.Column("doc_date", sa.Date, nullable=False),
    sa.Column("type_name", sa.Text, nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("signer", sa.Text, nullable=False, server_default=""),
    sa.Column("recipients", sa.Text, nullable=False, server_default="[]"),
    sa.Column("copies", sa.Integer),
    sa.Column("archive", sa.Text, nullable=False, server_default=""),
    sa.Column("sent_on", sa.Date),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("status", sa.Text, nullable=False, server_default="issued"),
    sa.Column("cancel_reason", sa.Text),
    sa.Column("cancelled_at", sa.DateTime(timezone=True)),
    sa.Column("output_path", sa.Text),
    sa.Column("output_sha256", sa.Text),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("book_id", "number", name="vnadmin_entries_book_number"),
    sa.CheckConstraint("number >= 1", name="vnadmin_entries_number"),
    sa.CheckConstraint("copies IS NULL OR copies >= 1", name="vnadmin_entries_copies"),
    sa.CheckConstraint("status IN ('issued', 'cancelled')", name="vnadmin_entries_status"),
    sa.CheckConstraint(
        "status = 'issued' OR cancel_reason IS NOT NULL", name="vnadmin_entries_reason"
    ),
)

# The entry view's columns in ENTRY_COLUMNS order: the book's key from books, the rest from
# entries (the same view SQLite keeps as entry_view).
_BOOK_KEY = ("issuer_abbr", "year", "series")
_VIEW = sa.select(
    *((books if name in _BOOK_KEY else entries).c[name] for name in ENTRY_COLUMNS)
).join_from(entries, books, entries.c.book_id == books.c.id)

_ORDER = (books.c.issuer_abbr, books.c.year, books.c.series, entries.c.number)

_DRAFT_COLUMNS = {
    "symbol": "text",
    "type_name": "text",
    "summary": "text",
    "signer": "text",
    "recipients": "text",
    "copies": "integer",
    "archive": "text",
    "sent_on": "date",
    "note": "text",
}

# Reserve and record in ONE statement: the upsert creates the book or raises its counter
# (row-locking it; its WHERE refuses a date earlier than the book's last one), and the insert
# numbers the drafts from the counter it returned. If the WHERE refuses, nothing is written.
_ALLOCATE = sa.text(
    """
WITH book AS (
    INSERT INTO vnadmin_books AS b (issuer_abbr, year, series, last_number, last_date, created_at)
    VALUES (:issuer, :year, :series, :n, :doc_date, :now)
    ON CONFLICT ON CONSTRAINT vnadmin_books_key DO UPDATE
        SET last_number = b.last_number + EXCLUDED.last_number,
            last_date = GREATEST(b.last_date, EXCLUDED.last_date)
        WHERE :allow OR b.last_date IS NULL OR b.last_date <= EXCLUDED.last_date
    RETURNING b.id, b.last_number
)
INSERT INTO vnadmin_entries (book_id, number, doc_date, created_at, {columns})
SELECT book.id, book.last_number - :n + d.ord, :doc_date, :now, {picked}
FROM book, unnest({arrays}) WITH ORDINALITY AS d({columns}, ord)
RETURNING *
""".format(
        columns=", ".join(_DRAFT_COLUMNS),
        picked=", ".join(f"d.{name}" for name in _DRAFT_COLUMNS),
        arrays=", ".join(f"CAST(:a_{name} AS {kind}[])" for name, kind in _DRAFT_COLUMNS.items()),
    )
)


class PostgresStore:
    """A :class:`~vnadmin_docs.registry.store.RegisterStore` in a PostgreSQL database."""

    def __init__(self, url: str, *, display: str | None = None, timeout: float = 30.0) -> None:
        self.url = display or url
        try:
            self._engine = sa.create_engine(
                url,
                pool_pre_ping=True,
                connect_args={
                    "connect_timeout": max(1, int(timeout)),
                    # A stuck lock holder must not hang a clerk forever.
                    "options": f"-c lock_timeout={int(timeout * 1000)}",
                },
            )
            self._autocommit = self._engine.execution_options(isolation_level="AUTOCOMMIT")
            with self._engine.begin() as conn:
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_SCHEMA_LOCK_KEY)))
                metadata.create_all(conn, checkfirst=True)
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc

    def _error(self, exc: SQLAlchemyError) -> RegisterError:
        text = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        if isinstance(exc, DBAPIError) and "lock timeout" in text:
            return RegisterError(
                f"Sổ đăng ký {self.url} đang bận (người khác đang cấp số); hãy thử lại.",
                f"The register {self.url} is busy (someone else is numbering); try again.",
            )
        return RegisterError(
            f"Lỗi sổ đăng ký {self.url}: {text}.",
            f"Register error in {self.url}: {text}.",
        )

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
        values = [draft_values(draft) for draft in drafts]
        params: dict[str, Any] = {
            "issuer": issuer_abbr,
            "year": doc_date.year,
            "series": series.value,
            "n": len(drafts),
            "doc_date": doc_date,
            "now": now,
            "allow": allow_earlier_date,
        }
        params.update({f"a_{name}": [v[name] for v in values] for name in _DRAFT_COLUMNS})
        try:
            if os.environ.get(PAUSE_ENV):
                # Crash tests: the same statement, held open in a transaction before COMMIT.
                with self._engine.begin() as conn:
                    rows = conn.execute(_ALLOCATE, params).mappings().all()
                    pause_for_tests()
            else:
                # One statement in autocommit mode is one transaction that ends inside the
                # server: the book row is locked only while the statement runs and commits.
                with self._autocommit.connect() as conn:
                    rows = conn.execute(_ALLOCATE, params).mappings().all()
            if not rows:  # the WHERE of the upsert refused: the date is out of order
                with self._engine.connect() as conn:
                    book = conn.execute(
                        sa.select(books.c.last_number, books.c.last_date).where(
                            (books.c.issuer_abbr == issuer_abbr)
                            & (books.c.year == doc_date.year)
                            & (books.c.series == series.value)
                        )
                    ).one()
                raise out_of_order(doc_date, book.last_date, book.last_number)
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc
        made = [
            entry_from_row(
                {**row, "issuer_abbr": issuer_abbr, "year": doc_date.year, "series": series.value}
            )
            for row in rows
        ]
        return sorted(made, key=lambda entry: entry.number)

    def _rows(self, query: sa.Select[Any]) -> list[sa.RowMapping]:
        try:
            with self._engine.connect() as conn:
                return list(conn.execute(query).mappings())
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc

    def attach_output(self, entry_id: int, path: str, sha256: str) -> Entry:
        try:
            with self._engine.begin() as conn:
                conn.execute(
                    sa.update(entries)
                    .where(entries.c.id == entry_id)
                    .values(output_path=path, output_sha256=sha256)
                )
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc
        return must_exist(self.get(entry_id), entry_id)

    def cancel(self, entry_id: int, reason: str, now: datetime) -> Entry:
        try:
            with self._engine.begin() as conn:
                result = conn.execute(
                    sa.update(entries)
                    .where((entries.c.id == entry_id) & (entries.c.status == "issued"))
                    .values(status="cancelled", cancel_reason=reason, cancelled_at=now)
                )
                if result.rowcount != 1:
                    raise not_cancellable(self.get(entry_id), entry_id)
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc
        return must_exist(self.get(entry_id), entry_id)

    def get(self, entry_id: int) -> Entry | None:
        rows = self._rows(_VIEW.where(entries.c.id == entry_id))
        return entry_from_row(rows[0]) if rows else None

    def find(self, issuer_abbr: str, year: int, series: Series, number: int) -> Entry | None:
        rows = self._rows(
            _VIEW.where(
                (books.c.issuer_abbr == issuer_abbr)
                & (books.c.year == year)
                & (books.c.series == series.value)
                & (entries.c.number == number)
            )
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
        query = _VIEW
        if issuer_abbr is not None:
            query = query.where(books.c.issuer_abbr == issuer_abbr)
        if year is not None:
            query = query.where(books.c.year == year)
        if series is not None:
            query = query.where(books.c.series == series.value)
        if status is not None:
            query = query.where(entries.c.status == status.value)
        return [entry_from_row(row) for row in self._rows(query.order_by(*_ORDER))]

    def books(self) -> list[Book]:
        query = sa.select(
            books.c.issuer_abbr,
            books.c.year,
            books.c.series,
            books.c.last_number,
            books.c.last_date,
        ).order_by(books.c.year, books.c.issuer_abbr, books.c.series)
        return [book_from_row(row) for row in self._rows(query)]

    def close(self) -> None:
        self._engine.dispose()
