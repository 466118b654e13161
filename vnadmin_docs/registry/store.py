"""The storage interface every backend of the number book implements.

A store does no validation of the clerk's input (``Register`` does that); it guarantees the
one property that matters: :meth:`RegisterStore.allocate` reserves numbers and records the
entries in one transaction, so concurrent writers never share a number, never leave a gap,
and a writer that dies mid-way leaves nothing behind.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from vnadmin_docs.registry.model import Book, Entry, EntryDraft, EntryStatus, Series

__all__ = ["PAUSE_ENV", "RegisterStore", "pause_for_tests"]

log = logging.getLogger(__name__)

PAUSE_ENV = "VNADMIN_DOCS_TEST_PAUSE_AFTER_RESERVE"
"""Test hook: seconds to sleep after the numbers are reserved and the entries written, before
the commit. The crash tests set it, wait for the log line, and SIGKILL the process."""


def pause_for_tests() -> None:
    """Sleep inside the open transaction when :data:`PAUSE_ENV` asks for it."""
    raw = os.environ.get(PAUSE_ENV)
    if not raw:
        return
    seconds = float(raw)
    log.warning("paused after reserve for %.1f s (%s)", seconds, PAUSE_ENV)
    time.sleep(seconds)


class RegisterStore(Protocol):
    """A place that keeps the books and their entries."""

    url: str

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
        """Give ``drafts`` consecutive numbers in the book of ``doc_date.year`` and record
        them, all in one transaction. Raises RegisterError when ``doc_date`` is earlier than
        the last date in the book and ``allow_earlier_date`` is false."""
        ...

    def attach_output(self, entry_id: int, path: str, sha256: str) -> Entry:
        """Record the document file of an entry and its checksum."""
        ...

    def cancel(self, entry_id: int, reason: str, now: datetime) -> Entry:
        """Mark an issued entry cancelled; its number stays taken."""
        ...

    def get(self, entry_id: int) -> Entry | None: ...

    def find(self, issuer_abbr: str, year: int, series: Series, number: int) -> Entry | None: ...

    def entries(
        self,
        *,
        issuer_abbr: str | None = None,
        year: int | None = None,
        series: Series | None = None,
        status: EntryStatus | None = None,
    ) -> list[Entry]:
        """Entries in book order (issuer, year, series, number)."""
        ...

    def books(self) -> list[Book]: ...

    def close(self) -> None: ...
