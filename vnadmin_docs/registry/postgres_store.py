"""The shared number book on PostgreSQL, through SQLAlchemy Core and psycopg 3.

Each allocation is one transaction of two statements: an atomic ``INSERT … ON CONFLICT DO
UPDATE … RETURNING`` that creates the book row or raises its counter (and so row-locks it until
COMMIT; a ``WHERE`` refuses a date earlier than the book's last one), then one ``INSERT`` of
the entries. Concurrent allocations for the same book queue on that row lock; a client that
dies before the commit loses its connection and the server rolls the transaction back,
counter included.
The unique constraint (book_id, number) is the last line of defence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from vnadmin_docs.registry._rows import (
    book_from_row,
    draft_values,
    entry_from_row,
    not_cancellable,
    out_of_order_error_args,
)
from vnadmin_docs.registry.model import (
    Book,
    Entry,
    EntryDraft,
    EntryStatus,
    RegisterError,
    Series,
)
from vnadmin_docs.registry.store import pause_for_tests

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

_VIEW = sa.select(
    entries.c.id,
    books.c.issuer_abbr,
    books.c.year,
    books.c.series,
    entries.c.number,
    entries.c.symbol,
    entries.c.doc_date,
    entries.c.type_name,
    entries.c.summary,
    entries.c.signer,
    entries.c.recipients,
    entries.c.copies,
    entries.c.archive,
    entries.c.sent_on,
    entries.c.note,
    entries.c.status,
    entries.c.created_at,
    entries.c.output_path,
    entries.c.output_sha256,
    entries.c.cancel_reason,
    entries.c.cancelled_at,
).join_from(entries, books, entries.c.book_id == books.c.id)

_ORDER = (books.c.issuer_abbr, books.c.year, books.c.series, entries.c.number)


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
        count = len(drafts)
        # One statement creates the book or raises its counter; either way the book row is
        # locked until COMMIT, so the next allocation waits here and then sees our numbers.
        insert = pg_insert(books).values(
            issuer_abbr=issuer_abbr,
            year=doc_date.year,
            series=series.value,
            last_number=count,
            last_date=doc_date,
            created_at=now,
        )
        in_order = (
            sa.true()
            if allow_earlier_date
            else books.c.last_date.is_(None) | (books.c.last_date <= insert.excluded.last_date)
        )
        reserve = insert.on_conflict_do_update(
            constraint="vnadmin_books_key",
            set_={
                "last_number": books.c.last_number + count,
                "last_date": sa.func.greatest(books.c.last_date, insert.excluded.last_date),
            },
            where=in_order,
        ).returning(books.c.id, books.c.last_number)
        try:
            with self._engine.begin() as conn:
                reserved = conn.execute(reserve).one_or_none()
                if reserved is None:  # the WHERE refused: the date is out of order
                    book = conn.execute(
                        sa.select(books.c.last_number, books.c.last_date).where(
                            (books.c.issuer_abbr == issuer_abbr)
                            & (books.c.year == doc_date.year)
                            & (books.c.series == series.value)
                        )
                    ).one()
                    raise RegisterError(
                        *out_of_order_error_args(doc_date, book.last_date, book.last_number)
                    )
                book_id, new_last = int(reserved.id), int(reserved.last_number)
                first = new_last - count + 1
                rows: list[dict[str, Any]] = [
                    {
                        **draft_values(draft),
                        "book_id": book_id,
                        "number": first + offset,
                        "doc_date": doc_date,
                        "created_at": now,
                    }
                    for offset, draft in enumerate(drafts)
                ]
                inserted = conn.execute(
                    sa.insert(entries).returning(*entries.c, sort_by_parameter_order=True),
                    rows,
                ).mappings()
                made = [
                    entry_from_row(
                        {
                            **row,
                            "issuer_abbr": issuer_abbr,
                            "year": doc_date.year,
                            "series": series.value,
                        }
                    )
                    for row in inserted
                ]
                pause_for_tests()
        except SQLAlchemyError as exc:
            raise self._error(exc) from exc
        return made

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
        return self._must_get(entry_id)

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
        return self._must_get(entry_id)

    def _must_get(self, entry_id: int) -> Entry:
        entry = self.get(entry_id)
        if entry is None:
            raise RegisterError(
                f"Sổ không có mục số {entry_id}.", f"The register has no entry {entry_id}."
            )
        return entry

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
