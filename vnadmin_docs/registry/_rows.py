"""Turning stored rows into entries, shared by the SQLite and PostgreSQL stores."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any, Protocol

from vnadmin_docs.registry.model import (
    Book,
    Entry,
    EntryDraft,
    EntryStatus,
    RegisterError,
    Series,
)


class RowLike(Protocol):
    """A stored row readable by column name (sqlite3.Row, SQLAlchemy RowMapping)."""

    def __getitem__(self, key: str, /) -> Any: ...


ENTRY_COLUMNS = (
    "id",
    "issuer_abbr",
    "year",
    "series",
    "number",
    "symbol",
    "doc_date",
    "type_name",
    "summary",
    "signer",
    "recipients",
    "copies",
    "archive",
    "sent_on",
    "note",
    "status",
    "created_at",
    "output_path",
    "output_sha256",
    "cancel_reason",
    "cancelled_at",
)
"""Columns of the entry view both stores select, in this order."""


def _date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def entry_from_row(row: RowLike) -> Entry:
    """An Entry from a row with the :data:`ENTRY_COLUMNS`."""
    doc_date = _date(row["doc_date"])
    created_at = _datetime(row["created_at"])
    assert doc_date is not None and created_at is not None
    return Entry(
        id=int(row["id"]),
        issuer_abbr=str(row["issuer_abbr"]),
        year=int(row["year"]),
        series=Series(row["series"]),
        number=int(row["number"]),
        symbol=str(row["symbol"]),
        doc_date=doc_date,
        type_name=str(row["type_name"]),
        summary=str(row["summary"]),
        signer=str(row["signer"]),
        recipients=tuple(json.loads(row["recipients"])),
        copies=None if row["copies"] is None else int(row["copies"]),
        archive=str(row["archive"]),
        sent_on=_date(row["sent_on"]),
        note=str(row["note"]),
        status=EntryStatus(row["status"]),
        created_at=created_at,
        output_path=row["output_path"],
        output_sha256=row["output_sha256"],
        cancel_reason=row["cancel_reason"],
        cancelled_at=_datetime(row["cancelled_at"]),
    )


def book_from_row(row: RowLike) -> Book:
    return Book(
        issuer_abbr=str(row["issuer_abbr"]),
        year=int(row["year"]),
        series=Series(row["series"]),
        last_number=int(row["last_number"]),
        last_date=_date(row["last_date"]),
    )


def draft_values(draft: EntryDraft) -> dict[str, Any]:
    """The stored columns of a draft (recipients as a JSON list)."""
    return {
        "symbol": draft.symbol,
        "type_name": draft.type_name,
        "summary": draft.summary,
        "signer": draft.signer,
        "recipients": json.dumps(list(draft.recipients), ensure_ascii=False),
        "copies": draft.copies,
        "archive": draft.archive,
        "sent_on": draft.sent_on,
        "note": draft.note,
    }


def out_of_order(doc_date: date, last_date: date, last_number: int) -> RegisterError:
    """The error for a date earlier than the last one in the book (Điều 15 khoản 1)."""
    shown = doc_date.strftime("%d/%m/%Y")
    last = last_date.strftime("%d/%m/%Y")
    return RegisterError(
        f"Ngày văn bản {shown} sớm hơn ngày của số {last_number:02d} ({last}) đã cấp trong "
        "sổ: số và thời gian ban hành phải theo trình tự thời gian (Điều 15 khoản 1, "
        "Nghị định 30/2020/NĐ-CP). Hãy dùng ngày cấp số, hoặc nếu đây là đăng ký bổ sung thì "
        "cấp số riêng bằng lệnh “vnadmin-docs register allocate --allow-earlier-date” "
        "(trong thư viện: allow_earlier_date=True).",
        f"The document date {shown} is earlier than the date of number {last_number:02d} "
        f"({last}) already in the book: numbers and dates must follow the order of time "
        "(Decree 30, art. 15.1). Use the numbering date, or allow it explicitly for a late "
        "registration with “vnadmin-docs register allocate --allow-earlier-date” "
        "(library: allow_earlier_date=True).",
    )


def _no_entry(entry_id: int) -> RegisterError:
    return RegisterError(
        f"Sổ không có mục số {entry_id}.", f"The register has no entry {entry_id}."
    )


def must_exist(entry: Entry | None, entry_id: int) -> Entry:
    """``entry``, or the error naming the missing ``entry_id`` when it is ``None``."""
    if entry is None:
        raise _no_entry(entry_id)
    return entry


def not_cancellable(entry: Entry | None, entry_id: int) -> RegisterError:
    """The error for cancelling an entry that is missing or already cancelled."""
    if entry is None:
        return _no_entry(entry_id)
    when = entry.cancelled_at.strftime("%d/%m/%Y") if entry.cancelled_at else "?"
    return RegisterError(
        f"Số {entry.reference} (năm {entry.year}) đã bị hủy ngày {when}, lý do: "
        f"{entry.cancel_reason}.",
        f"Number {entry.reference} ({entry.year}) was already cancelled on {when}, reason: "
        f"{entry.cancel_reason}.",
    )
