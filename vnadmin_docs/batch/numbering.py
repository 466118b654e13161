"""Letter numbers from the number book (sổ đăng ký văn bản đi) instead of the profile.

Called after every row is checked and before anything is written, so a bad row takes no
number. Each letter has an *identity* (hash of its cleaned row, the run's settings and the
book): when the batch journal already holds ``number:<identity>`` and that entry is still in
the book, not cancelled, the letter keeps its number (a resumed run takes no new numbers).
The others get consecutive numbers in one transaction
(:func:`vnadmin_docs.registry.number_documents`), recorded in the journal at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnadmin_docs import api
from vnadmin_docs.batch.manifest import JournalEntry, append_journal
from vnadmin_docs.content import TemplateLibrary, TemplateSpec
from vnadmin_docs.layout.compose import document_symbol
from vnadmin_docs.layout.figures import figures
from vnadmin_docs.registry import Register, RegisterError, Series, ToNumber, number_documents

__all__ = ["NUMBER_KEY", "Assigned", "book_identity", "number_letters"]

_log = logging.getLogger(__name__)

NUMBER_KEY = "number:"


@dataclass(frozen=True)
class Assigned:
    """A letter's number from the book: the entry, its number and the date it records."""

    entry_id: int
    number: int
    issued: dt.date
    reference: str
    reused: bool


def book_identity(register: Register, series: str | Series) -> str:
    """What makes two runs use "the same book": its location and the series."""
    kind = series.value if isinstance(series, Series) else str(series)
    return f"{register.location.display()}|{kind}"


def _reuse(register: Register, done: JournalEntry | None) -> Assigned | None:
    if done is None or done.entry_id is None:
        return None
    try:
        entry = register.get_by_id(done.entry_id)
    except RegisterError:
        return None
    if entry.is_cancelled or entry.number != done.number:
        return None
    return Assigned(entry.id, entry.number, entry.doc_date, entry.reference, True)


def number_letters(
    register: Register,
    series: str | Series,
    spec: TemplateSpec,
    letters: Sequence[tuple[str, Mapping[str, Any]]],
    journal: dict[str, JournalEntry],
    out: Path,
    template_dirs: Sequence[str] = (),
) -> list[Assigned]:
    """A number for each ``(identity, render data without a number)``, in order.

    Raises :class:`~vnadmin_docs.errors.DataError` or :class:`RegisterError` (nothing is
    taken then) when the book refuses the batch.
    """
    found: dict[int, Assigned] = {}
    for i, (identity, _data) in enumerate(letters):
        kept = _reuse(register, journal.get(NUMBER_KEY + identity))
        if kept is not None:
            found[i] = kept
    fresh = [i for i in range(len(letters)) if i not in found]
    if fresh:
        library = TemplateLibrary(template_dirs)
        figs = figures(None)
        items: list[ToNumber] = []
        for i in fresh:
            _spec, doc, _content = api.prepare(spec, letters[i][1], library=library)
            symbol = document_symbol(doc, spec.layout, figs, spec.type_name)
            items.append(ToNumber(doc, symbol, spec.type_name, spec.layout, spec.title))
        numbered = number_documents(register, items, series=series)
        records: list[JournalEntry] = []
        for i, (_doc, entry) in zip(fresh, numbered, strict=True):
            found[i] = Assigned(entry.id, entry.number, entry.doc_date, entry.reference, False)
            record = JournalEntry(NUMBER_KEY + letters[i][0], "", "", entry.number, entry.id,
                                  entry.doc_date.isoformat())
            journal[record.key] = record
            records.append(record)
        append_journal(out, records)
        _log.info("took %d number(s) from the book (%s)", len(fresh),
                  ", ".join(str(found[i].number) for i in fresh[:3]) + ("…" if len(fresh) > 3
                                                                       else ""))
    return [found[i] for i in range(len(letters))]
