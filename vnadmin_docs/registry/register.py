"""The number book a clerk (or a program) talks to.

>>> import tempfile, pathlib, datetime
>>> folder = tempfile.mkdtemp()
>>> with Register.open(pathlib.Path(folder) / "so.sqlite3") as book:
...     entry = book.allocate("BNV", datetime.date(2026, 3, 5), symbol="QĐ-BNV",
...                           type_name="Quyết định", summary="về việc khen thưởng")
>>> entry.so_line
'Số: 01/QĐ-BNV'
"""

from __future__ import annotations

import builtins
import hashlib
import logging
import os
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType

from vnadmin_docs.errors import DataError, FieldProblem
from vnadmin_docs.registry._rows import must_exist
from vnadmin_docs.registry.location import Location, parse_location
from vnadmin_docs.registry.model import (
    Book,
    Entry,
    EntryDraft,
    EntryStatus,
    RegisterError,
    Series,
    check_drafts,
    parse_series,
)
from vnadmin_docs.registry.store import RegisterStore

__all__ = ["Register", "file_sha256"]

log = logging.getLogger(__name__)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, as 64 lower-case hex digits."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


class Register:
    """The outgoing-document register (sổ đăng ký văn bản đi).

    Open it with :meth:`open`; every method is safe to call from several processes (and
    several desks, on PostgreSQL) at once.
    """

    def __init__(self, store: RegisterStore, location: Location) -> None:
        self._store = store
        self.location = location

    @classmethod
    def open(cls, url: str | os.PathLike[str] | None = None, *, timeout: float = 30.0) -> Register:
        """Open (creating if needed) the register at ``url``.

        ``url`` is a file path, ``sqlite:///path``, ``postgresql://user:pw@host/db``, or
        ``None`` for ``$VNADMIN_DOCS_REGISTER`` or the per-user default file. ``timeout`` is
        how long (seconds) to wait while someone else holds the book.
        """
        location = parse_location(url)
        store: RegisterStore
        if location.kind == "sqlite":
            from vnadmin_docs.registry.sqlite_store import SqliteStore

            assert location.path is not None
            store = SqliteStore(location.path, timeout=timeout)
        else:
            from vnadmin_docs.registry.postgres_store import PostgresStore

            assert location.url is not None
            store = PostgresStore(location.url, display=location.display(), timeout=timeout)
        log.debug("register opened: %s", location.display())
        return cls(store, location)

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- numbering -----------------------------------------------------------------------

    def allocate(
        self,
        issuer_abbr: str,
        doc_date: date | None = None,
        series: str | Series = Series.ORDINARY,
        *,
        symbol: str,
        type_name: str,
        summary: str,
        signer: str = "",
        recipients: Sequence[str] = (),
        copies: int | None = None,
        archive: str = "",
        sent_on: date | None = None,
        note: str = "",
        allow_earlier_date: bool = False,
    ) -> Entry:
        """Give the next number of the body's series for the year of ``doc_date`` (today
        when ``None``) and record the document, in one transaction.

        ``symbol`` is the ký hiệu after the slash (``QĐ-BNV``). Raises DataError naming every
        bad field, RegisterError when ``doc_date`` is earlier than the last date already in
        the book (Điều 15: numbers follow time) unless ``allow_earlier_date``.
        """
        draft = EntryDraft(
            symbol=symbol,
            type_name=type_name,
            summary=summary,
            signer=signer,
            recipients=tuple(recipients),
            copies=copies,
            archive=archive,
            sent_on=sent_on,
            note=note,
        )
        return self.allocate_many(
            issuer_abbr, doc_date, [draft], series, allow_earlier_date=allow_earlier_date
        )[0]

    def allocate_many(
        self,
        issuer_abbr: str,
        doc_date: date | None,
        drafts: Sequence[EntryDraft],
        series: str | Series = Series.ORDINARY,
        *,
        allow_earlier_date: bool = False,
    ) -> list[Entry]:
        """Number a batch in order: consecutive numbers, one transaction, all or nothing."""
        kind = parse_series(series)
        if not drafts:
            return []
        check_drafts(issuer_abbr, drafts, kind)
        return self._store.allocate(
            issuer_abbr,
            kind,
            doc_date or date.today(),
            list(drafts),
            allow_earlier_date=allow_earlier_date,
            now=_now(),
        )

    # -- after numbering -----------------------------------------------------------------

    def attach_output(self, entry: Entry | int, path: str | os.PathLike[str]) -> Entry:
        """Record the document file of ``entry`` with its SHA-256 checksum."""
        file = Path(path)
        try:
            checksum = file_sha256(file)
        except OSError as exc:
            raise RegisterError(
                f"Không đọc được tệp văn bản “{file}” để ghi vào sổ: {exc.strerror}.",
                f"Cannot read the document file “{file}” to record it: {exc.strerror}.",
            ) from exc
        entry_id = entry.id if isinstance(entry, Entry) else entry
        return self._store.attach_output(entry_id, str(file.resolve()), checksum)

    def output_matches(self, entry: Entry) -> bool | None:
        """Whether the recorded file still has its recorded checksum (``None``: no file
        recorded; ``False``: missing or changed)."""
        if entry.output_path is None or entry.output_sha256 is None:
            return None
        try:
            return file_sha256(Path(entry.output_path)) == entry.output_sha256
        except OSError:
            return False

    def cancel(
        self,
        target: Entry | int,
        reason: str,
        *,
        issuer_abbr: str | None = None,
        year: int | None = None,
        series: str | Series = Series.ORDINARY,
    ) -> Entry:
        """Cancel a number (an Entry, or a number in the given book); it stays taken.

        A reason is required: it is printed in the Ghi chú column of the book.
        """
        if not reason.strip():
            raise DataError(
                [
                    FieldProblem(
                        "reason",
                        "cần ghi lý do hủy số",
                        "a reason for cancelling is required",
                        None,
                        "Lý do hủy",
                    )
                ]
            )
        entry = (
            target
            if isinstance(target, Entry)
            else self.get(target, issuer_abbr=issuer_abbr, year=year, series=series)
        )
        return self._store.cancel(entry.id, reason.strip(), _now())

    # -- reading -------------------------------------------------------------------------

    def get(
        self,
        number: int,
        *,
        issuer_abbr: str | None = None,
        year: int | None = None,
        series: str | Series = Series.ORDINARY,
    ) -> Entry:
        """The entry with ``number`` in the book of ``issuer_abbr``, ``year`` (this year when
        ``None``) and ``series``. The issuer may be left out when the register holds one
        issuer for that year and series."""
        kind = parse_series(series)
        year = year or date.today().year
        issuer = issuer_abbr or self._only_issuer(year, kind)
        entry = self._store.find(issuer, year, kind, number)
        if entry is None:
            raise RegisterError(
                f"Sổ {kind.label} năm {year} của {issuer} không có số {number:02d}.",
                f"The {kind.value} book of {issuer} for {year} has no number {number:02d}.",
            )
        return entry

    def get_by_id(self, entry_id: int) -> Entry:
        return must_exist(self._store.get(entry_id), entry_id)

    def list(
        self,
        *,
        issuer_abbr: str | None = None,
        year: int | None = None,
        series: str | Series | None = None,
        status: EntryStatus | str | None = None,
    ) -> list[Entry]:
        """Entries in book order, filtered by any of the arguments."""
        return self._store.entries(
            issuer_abbr=issuer_abbr,
            year=year,
            series=None if series is None else parse_series(series),
            status=None if status is None else EntryStatus(status),
        )

    def books(self) -> builtins.list[Book]:
        """Every book (issuer × year × series) with its last number."""
        return self._store.books()

    def _only_issuer(self, year: int, series: Series) -> str:
        issuers: builtins.list[str] = sorted(
            {b.issuer_abbr for b in self.books() if b.year == year and b.series is series}
        )
        if len(issuers) == 1:
            return issuers[0]
        if not issuers:
            raise RegisterError(
                f"Sổ chưa có {series.label} nào năm {year}.",
                f"The register has no {series.value} documents in {year}.",
            )
        raise RegisterError(
            f"Sổ có nhiều cơ quan ban hành năm {year} ({', '.join(issuers)}); hãy chỉ rõ "
            "cơ quan (--issuer).",
            f"The register holds several issuers in {year} ({', '.join(issuers)}); name one "
            "(--issuer).",
        )

    # -- export --------------------------------------------------------------------------

    def export_xlsx(
        self,
        path: str | os.PathLike[str],
        year: int,
        *,
        issuer_abbr: str | None = None,
        series: str | Series = Series.ORDINARY,
        body_name: str | None = None,
        parent_name: str | None = None,
        volume: int = 1,
    ) -> Path:
        """Write the year's book as .xlsx in the form of Phụ lục IV (atomically)."""
        from vnadmin_docs.registry.export import write_register_xlsx

        kind = parse_series(series)
        issuer = issuer_abbr or self._only_issuer(year, kind)
        rows = self.list(issuer_abbr=issuer, year=year, series=kind)
        return write_register_xlsx(
            Path(path),
            rows,
            year=year,
            issuer_abbr=issuer,
            series=kind,
            body_name=body_name,
            parent_name=parent_name,
            volume=volume,
        )
