"""Letter numbers from the number book (sổ đăng ký văn bản đi) instead of the profile.

Called after every row is checked and before anything is written, so a bad row takes no
number. Each letter has an *identity* (hash of its cleaned row, the run's settings and the
book): when the batch journal already holds ``number:<identity>`` and that entry is still in
the book, not cancelled, the letter keeps its number (a resumed run takes no new numbers).
The others get consecutive numbers in one transaction
(:func:`vnadmin_docs.registry.number_documents`), recorded in the journal at once.

A kill after the book's commit and before the journal line would leave the whole block of
numbers taken with no letter, and the re-run would take as many again. So before the
transaction the journal gets an *intent* line (``number-intent:<hash of the identities>``
with the book's highest number at that moment); a re-run that finds the intent of the same
letters without their numbers adopts the block the killed run took: the first run of
consecutive entries above that number, none cancelled or attached to a file, whose register
lines (symbol, type, trích yếu, signer, date) are those of the letters, in order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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
from vnadmin_docs.registry import (
    Entry,
    Register,
    RegisterError,
    Series,
    ToNumber,
    number_documents,
)
from vnadmin_docs.registry.model import EntryDraft

__all__ = ["NUMBER_KEY", "Assigned", "book_identity", "number_letters"]

_log = logging.getLogger(__name__)

NUMBER_KEY = "number:"
INTENT_KEY = "number-intent:"


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
        intent = INTENT_KEY + hashlib.sha256(
            "\n".join(letters[i][0] for i in fresh).encode()).hexdigest()
        first = items[0].doc
        day = first.date.date or dt.date.today()
        taken = _adopt(register, series, first.issuer.abbreviation, day,
                       [item.draft() for item in items], journal.get(intent))
        adopted = taken is not None
        if taken is None:
            floor = max((e.number for e in register.list(
                issuer_abbr=first.issuer.abbreviation, year=day.year, series=series)),
                default=0)
            append_journal(out, [JournalEntry(intent, "", "", floor)])
            taken = [entry for _doc, entry in number_documents(register, items, series=series)]
        else:
            _log.info("kept %d number(s) an interrupted run took (%s…)", len(taken),
                      taken[0].number)
        records: list[JournalEntry] = []
        for i, entry in zip(fresh, taken, strict=True):
            found[i] = Assigned(entry.id, entry.number, entry.doc_date, entry.reference,
                                adopted)
            record = JournalEntry(NUMBER_KEY + letters[i][0], "", "", entry.number, entry.id,
                                  entry.doc_date.isoformat())
            journal[record.key] = record
            records.append(record)
        append_journal(out, records)
        if not adopted:
            _log.info("took %d number(s) from the book (%s)", len(fresh),
                      ", ".join(str(found[i].number) for i in fresh[:3])
                      + ("…" if len(fresh) > 3 else ""))
    return [found[i] for i in range(len(letters))]


def _adopt(register: Register, series: str | Series, issuer: str, day: dt.date,
           drafts: Sequence[EntryDraft], intent: JournalEntry | None) -> list[Entry] | None:
    """The block of entries a killed run took for these letters, if the journal shows it
    was about to and the book has it (see the module docstring); else ``None``."""
    if intent is None or intent.number is None:
        return None
    above = [e for e in register.list(issuer_abbr=issuer, year=day.year, series=series)
             if e.number > intent.number]
    above.sort(key=lambda e: e.number)
    n = len(drafts)
    for start in range(len(above) - n + 1):
        block = above[start:start + n]
        if all(e.number == block[0].number + k and _same_line(e, d, day)
               for k, (e, d) in enumerate(zip(block, drafts, strict=True))):
            return block
    return None


def _same_line(entry: Entry, draft: EntryDraft, day: dt.date) -> bool:
    return (not entry.is_cancelled and not entry.output_path and entry.doc_date == day
            and (entry.symbol, entry.type_name, entry.summary, entry.signer)
            == (draft.symbol, draft.type_name, draft.summary, draft.signer))
