"""Letters a previous run wrote that the current data no longer gives.

Numbers are positions among the good rows and file names may contain them, so a re-run
after a row was removed, edited or added gives many letters a new number and a new name. The
old files would stay in ``van-ban/`` beside the new ones: two letters for one dossier, with
two numbers, and letters for dossiers no longer in the data — none of them in the manifest.
When a run has handled every letter, the files the journal shows *this tool* wrote (same
name, same checksum) that are not letters of this run are removed. A file the journal does
not know (the clerk's own) or one changed since it was written is never touched.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping

from vnadmin_docs._files import name_inside
from vnadmin_docs.batch.firstseen import HashTable
from vnadmin_docs.batch.manifest import JournalEntry, sha256_file

__all__ = ["Outdated", "written_by_us"]

_log = logging.getLogger(__name__)


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


class Outdated:
    """The letters of this run, remembered as they finish (as hashes: a long batch keeps no
    set of names), then :meth:`remove` for what the journal knows and this run did not make."""

    def __init__(self) -> None:
        self._current = HashTable()

    def keep(self, name: str) -> None:
        self._current.put(name, 1)

    def __contains__(self, name: str) -> bool:
        return self._current.get(name) is not None

    def remove(self, folder: str, known: Mapping[str, set[str]],
               keep: Callable[[str], bool] | None = None) -> list[str]:
        """Delete from ``folder`` each file of ``known`` that is not kept and still has a
        journalled checksum; returns the names removed, sorted."""
        kept = keep or self.__contains__
        removed: list[str] = []
        for name in sorted(known):
            if kept(name):
                continue
            try:
                path = name_inside(folder, name)
                if sha256_file(path) not in known[name]:
                    continue  # changed by hand since: not ours to delete
                os.unlink(path)
            except (OSError, ValueError):  # already gone, or not a plain name: leave it
                continue
            removed.append(name)
        if removed:
            _log.info("removed %d letter file(s) of a previous run that the data no longer "
                      "gives: %s", len(removed), _sample(removed))
        return removed


def _sample(names: Iterable[str]) -> str:
    names = list(names)
    return ", ".join(names[:3]) + ("…" if len(names) > 3 else "")
