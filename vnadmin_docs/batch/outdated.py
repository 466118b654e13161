"""Letters a previous run wrote that the current data no longer gives.

Numbers are positions among the good rows and file names may contain them, so a re-run
after a row was removed, edited or added gives many letters a new number and a new name. The
old files would stay in ``van-ban/`` beside the new ones: two letters for one dossier, with
two numbers, and letters for dossiers no longer in the data — none of them in the manifest.
When a run has handled every letter, the files the journal shows *this tool* wrote (same
name, same checksum) that are not letters of this run are moved into ``cu/`` (``cu/van-ban/``,
``cu/pdf/``): out of the way of printing, never destroyed (a letter may already have been
sent, and a numbered one is an official record). A file the journal does not know (the
clerk's own) or one changed since it was written is never touched.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping

from vnadmin_docs._files import UnsafePath, is_link, name_inside
from vnadmin_docs.batch.firstseen import HashTable
from vnadmin_docs.batch.manifest import JournalEntry, sha256_file

__all__ = [
    "OLD_DIR",
    "PDF_KEY",
    "Outdated",
    "free_name",
    "pdfs_made_from",
    "set_aside",
    "sha_key",
    "written_by_us",
]

_log = logging.getLogger(__name__)

OLD_DIR = "cu"
PDF_KEY = "pdf:"
"""Journal key prefix of a letter's PDF: ``pdf:<sha256 of the .docx it was made from>``."""


def written_by_us(journal: Mapping[str, JournalEntry],
                  kind: Callable[[str], bool]) -> dict[str, set[str]]:
    """File name -> the checksums the journal recorded for it, for the entries whose key
    ``kind`` accepts.

    >>> j = {"ab": JournalEntry("ab", "a.docx", "1"), "pdf:1": JournalEntry("pdf:1", "a.pdf", "2")}
    >>> written_by_us(j, lambda key: ":" not in key)
    {'a.docx': {'1'}}
    """
    out: dict[str, set[str]] = {}
    for key, entry in journal.items():
        if entry.file and entry.sha256 and kind(key):
            out.setdefault(entry.file, set()).add(entry.sha256)
    return out


def free_name(name: str, taken: Callable[[str], bool]) -> str:
    """``name``, or ``name (2)``, ``name (3)``… before the extension, the first not taken.

    >>> free_name("a.docx", {"a.docx", "a (2).docx"}.__contains__)
    'a (3).docx'
    """
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    candidate, n = name, 1
    while taken(candidate):
        n += 1
        candidate = f"{stem} ({n}){dot}{ext}"
    return candidate


def sha_key(sha: str) -> int:
    """The first 60 bits of a hex SHA-256, as the integer :class:`Outdated` keeps per letter.

    >>> sha_key("f" * 64) == 2 ** 60 - 1
    True
    """
    return int(sha[:15], 16)


def pdfs_made_from(journal: Mapping[str, JournalEntry]) -> dict[int, str]:
    """:func:`sha_key` of a .docx -> the name of the PDF the journal shows made from it."""
    return {sha_key(key.removeprefix(PDF_KEY)): entry.file
            for key, entry in journal.items() if key.startswith(PDF_KEY) and entry.file}


def set_aside(path: str, into: str) -> str:
    """Move the file ``path`` into the folder ``into`` (made if needed) under its own name,
    or ``name (2)``… when that is taken; returns the name it got there. A ``path`` that is a
    link is moved as the link (never followed); an ``into`` that is a link, or inside one
    (``cu/`` planted as a link), is refused (:class:`~vnadmin_docs._files.UnsafePath`)."""
    name = os.path.basename(path)
    parent = os.path.dirname(into)
    for folder in (into, parent):
        if is_link(folder):
            raise UnsafePath(os.path.dirname(folder), os.path.basename(folder), link=True)
    os.makedirs(into, exist_ok=True)
    free = free_name(name, lambda n: os.path.lexists(os.path.join(into, n)))
    os.replace(path, name_inside(into, free))
    return free


class Outdated:
    """The letters of this run, remembered as they finish with their checksum (as hashes: a
    long batch keeps no set of names), then :meth:`retire` for what the journal knows and
    this run did not make."""

    def __init__(self) -> None:
        self._current = HashTable()

    def keep(self, name: str, sha: str) -> None:
        self._current.put(name, sha_key(sha) if sha else -1)

    def __contains__(self, name: str) -> bool:
        return self._current.get(name) is not None

    def pdf_is_current(self, pdf: str, made: Mapping[int, str]) -> bool:
        """Whether ``pdf`` (``x.pdf``) was made from this run's ``x.docx`` as it is now;
        ``made`` is :func:`pdfs_made_from` of the journal. A PDF of an older version of the
        letter (a run without ``--pdf`` after the data changed) is not."""
        key = self._current.get(pdf.removesuffix(".pdf") + ".docx")
        return key is not None and made.get(key) == pdf

    def retire(self, folder: str, known: Mapping[str, set[str]], into: str,
               keep: Callable[[str], bool] | None = None) -> list[str]:
        """Move into ``into`` each file of ``folder`` that ``known`` lists, that is not kept
        and that still has a journalled checksum (a name already used in ``into`` gets
        `` (2)``…); returns the names moved, sorted."""
        kept = keep or self.__contains__
        moved: list[str] = []
        for name in sorted(known):
            if kept(name):
                continue
            try:
                path = name_inside(folder, name)
                if is_link(path) or sha256_file(path) not in known[name]:
                    continue  # changed by hand since: not ours to move
                set_aside(path, into)
            except (OSError, ValueError):  # already gone, or not a plain name: leave it
                continue
            moved.append(name)
        if moved:
            _log.info("moved %d file(s) of a previous run that the data no longer gives to "
                      "%s: %s", len(moved), into,
                      ", ".join(moved[:3]) + ("…" if len(moved) > 3 else ""))
        return moved
