"""Output file names from a pattern filled with row data, made safe on every system.

Data can contain anything: ``/`` and ``:`` (Thanh Hóa's file names come from
``d/m/yyyy h:m``), ``..``, Windows-reserved names (``CON``, ``NUL``…), 300-character procedure
names. The result is one plain file name: no path separators, no traversal, no reserved
names or characters, at most ``max_len`` characters, unique within the batch.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

__all__ = [
    "FileNamePatternError",
    "KeyTable",
    "Namer",
    "pattern_names",
    "render_file_name",
    "safe_file_name",
    "unique_names",
]

_BAD = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_RESERVED = {"con", "prn", "aux", "nul", "conin$", "conout$",
             *(f"{dev}{i}" for dev in ("com", "lpt") for i in (*"123456789", "¹", "²", "³"))}
MAX_BYTES = 200
"""Longest stem in UTF-8 bytes. Linux and macOS refuse a name over 255 bytes, and a
Vietnamese letter takes 2–3 bytes; the rest is left for `` (12)``, ``.docx`` and the
temporary name (``.vnadmin-tmp-<pid>-``) the file is first written under."""


class FileNamePatternError(ValueError):
    """The pattern uses something other than plain ``{field}`` / ``{field:spec}`` names."""


def safe_file_name(stem: str, *, max_len: int = 120, max_bytes: int = MAX_BYTES,
                   fallback: str = "van-ban") -> str:
    """One safe file-name stem (no extension): at most ``max_len`` characters and
    ``max_bytes`` bytes in UTF-8.

    >>> safe_file_name("000.00.06.H56-231027-0361 / Nguyễn Văn A")
    '000.00.06.H56-231027-0361 - Nguyễn Văn A'
    >>> safe_file_name("../../etc/passwd")
    'etc - passwd'
    >>> safe_file_name("CON")
    '_CON'
    >>> safe_file_name("  ...  ")
    'van-ban'
    >>> len(safe_file_name("a" * 500))
    120
    >>> len(safe_file_name("Ễ" * 120).encode()), safe_file_name("CON .txt")
    (198, '_CON .txt')
    """
    text = unicodedata.normalize("NFC", stem)
    text = _BAD.sub(" - ", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(?:\s*-\s*){2,}", " - ", text)
    text = text.strip(" .-_")
    if len(text) > max_len:
        text = text[:max_len].rstrip(" .-_")
    if len(text.encode("utf-8")) > max_bytes:
        text = text.encode("utf-8")[:max_bytes].decode("utf-8", "ignore").rstrip(" .-_")
    if not text:
        return fallback
    # Windows takes "CON.txt" and "CON .txt" for the device too
    if text.split(".")[0].rstrip(" ").lower() in _RESERVED:
        text = "_" + text
    return text


def _check_field(name: str, conv: str | None) -> None:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name) or conv:
        raise FileNamePatternError(
            f"only {{name}} or {{name:format}} fields are allowed: '{{{name}}}'"
        )


def pattern_names(pattern: str) -> list[str]:
    """The field names ``pattern`` uses, checked as :func:`render_file_name` checks them.

    >>> pattern_names("{number:03d}-{dossier_code}-{applicant_name}")
    ['number', 'dossier_code', 'applicant_name']
    """
    names: list[str] = []
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:  # "{number" without its "}"
        raise FileNamePatternError(f"{exc}: '{pattern}'") from None
    for _literal, name, _spec, conv in parsed:
        if name is not None:
            _check_field(name, conv)
            names.append(name)
    return names


def render_file_name(pattern: str, values: Mapping[str, object]) -> str:
    """Fill ``pattern`` with ``values`` (only ``{name}`` and ``{name:spec}``; missing or empty
    values become ``""``), then make it safe.

    >>> render_file_name("{number:03d}-{dossier_code}", {"number": 7, "dossier_code": "A/B"})
    '007-A - B'
    >>> render_file_name("{x.__class__}", {"x": 1})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vnadmin_docs.batch.filenames.FileNamePatternError: only {name} or ... '{x.__class__}'
    """
    out: list[str] = []
    for literal, name, spec, conv in string.Formatter().parse(pattern):
        out.append(literal)
        if name is None:
            continue
        _check_field(name, conv)
        value = values.get(name)
        if value is None:
            continue
        try:
            out.append(format(value, spec or ""))
        except (ValueError, TypeError):
            out.append(str(value))
    return safe_file_name("".join(out))


class KeyTable(Protocol):
    """What :class:`Namer` remembers names in: a ``dict`` or a :class:`~.firstseen.HashTable`."""

    def get(self, key: str) -> int | None: ...

    def put(self, key: str, value: int) -> None: ...


class _DictTable(dict[str, int]):
    def put(self, key: str, value: int) -> None:
        self[key] = value


class Namer:
    """:func:`unique_names` one stem at a time (a batch names 10,000 letters without
    keeping a list of them); ``table`` makes what the names are remembered in."""

    def __init__(self, suffix: str = ".docx",
                 table: Callable[[], KeyTable] = _DictTable) -> None:
        self.suffix = suffix
        self._seen = table()  # folded stem -> how many times it came
        self._used = table()  # folded name given -> 1

    def __call__(self, stem: str) -> str:
        key = stem.casefold()
        count = (self._seen.get(key) or 0) + 1
        name = stem if count == 1 else f"{stem} ({count})"
        while self._used.get(name.casefold()) is not None:
            count += 1
            name = f"{stem} ({count})"
        self._seen.put(key, count)
        self._used.put(name.casefold(), 1)
        return name + self.suffix


def unique_names(stems: Iterable[str], suffix: str = ".docx") -> list[str]:
    """File names unique without regard to case (Windows, macOS): a repeated stem gets
    `` (2)``, `` (3)``… in order. Depends only on the stems, never on what is on disk, so a
    resumed run gives every letter the same name again.

    >>> unique_names(["A", "a", "B", "A"])
    ['A.docx', 'a (2).docx', 'B.docx', 'A (3).docx']
    >>> unique_names(["A", "A", "A (2)"])
    ['A.docx', 'A (2).docx', 'A (2) (2).docx']
    """
    namer = Namer(suffix)
    return [namer(stem) for stem in stems]
