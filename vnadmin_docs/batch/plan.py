"""Between the passes: each letter's number (profile or number book), file name and resume
key, read back from the spill in order."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vnadmin_docs.batch.filenames import Namer
from vnadmin_docs.batch.firstseen import HashTable
from vnadmin_docs.batch.letter import letter_data, letter_identity, letter_key
from vnadmin_docs.batch.manifest import read_journal
from vnadmin_docs.batch.numbering import Assigned, number_letters
from vnadmin_docs.batch.profile import BatchProfile
from vnadmin_docs.batch.render import CHUNK
from vnadmin_docs.batch.survey import Survey, file_stem
from vnadmin_docs.content import TemplateSpec
from vnadmin_docs.registry import Register, Series

MERGED_KEY = "merged:"  # the journal's lines for the merged file


@dataclass
class Names:
    """Number, file name and book entry of every letter, by position. ``names`` is read in
    order (a list, or a :class:`Spill` so a long batch keeps no list of names)."""

    start: int
    names: Iterable[str]
    books: list[Assigned] | None = None

    def number(self, index: int) -> int:
        return self.books[index].number if self.books is not None else self.start + index


@dataclass(frozen=True, slots=True)
class Plan:
    """One letter of the write pass."""

    index: int
    row: int
    values: Mapping[str, object]
    number: int
    file_name: str
    key: str
    entry_id: int | None
    issued: dt.date | None


def new_namer() -> Namer:
    """File names for the letters of a run, unique without regard to case; remembered as
    hashes, so a 10,000-letter run keeps no dict of names (dry run, book and profile
    numbering all name letters the same way)."""
    return Namer(table=HashTable)


def number_from_book(
    survey: Survey, register: Register, series: str | Series, spec: TemplateSpec,
    profile: BatchProfile, issue_day: dt.date, settings: str, out: Path, dirs: tuple[str, ...],
) -> Names:
    """Numbers from the book for every letter (consecutive, in one transaction), then the
    file names, which may contain the number."""
    to_number: list[tuple[str, dict[str, Any]]] = []
    for _row, values, _stem, digest in survey.letters:
        data = letter_data(values, spec, profile, 1, issue_day)
        data["number"].pop("number", None)
        to_number.append((letter_identity(digest, settings), data))
    books = number_letters(register, series, spec, to_number, read_journal(out), out, dirs)
    del to_number
    namer = new_namer()
    names = [namer(file_stem(profile, row, book.number, values))
             for (row, values, _none, _digest), book in zip(survey.letters, books, strict=True)]
    return Names(0, names, books)


def iter_plans(survey: Survey, names: Names, settings: str,
               issue_day: dt.date) -> Iterator[Plan]:
    """The letters read back from the spill, in order."""
    for index, ((row, values, _, digest), name) in enumerate(
            zip(survey.letters, names.names, strict=True)):
        number = names.number(index)
        book = names.books[index] if names.books is not None else None
        yield Plan(index, row, values, number, name,
                    letter_key(digest, number, settings, name),
                    book.entry_id if book else None, book.issued if book else issue_day)


def merged_file_key(survey: Survey, names: Names, settings: str) -> str:
    h = hashlib.sha256()
    for index, ((*_, digest), name) in enumerate(zip(survey.letters, names.names, strict=True)):
        h.update(letter_key(digest, names.number(index), settings, name).encode())
    return MERGED_KEY + h.hexdigest()


def chunked(plans: Iterable[Plan]) -> Iterator[list[Plan]]:
    chunk: list[Plan] = []
    for plan in plans:
        chunk.append(plan)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
