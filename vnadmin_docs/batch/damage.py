"""Damage and lookalikes in one cell's text (issue 13), judged per cell so that one bad row
is a row error while the rest of the file makes its letters.

- :func:`lost_letter_words`: a ``?`` standing for a lost Vietnamese letter ("Nguy?n V?n
  Bình": a cell typed or saved through Windows-1252 "ANSI"). A word counts when it is made
  of letters and ``?`` only and a ``?`` is inside it or begins it ("Nguy?n", "?inh"); a
  question mark after a word ("Có phải?", "x?") and one in a code or an address
  ("a.php?id=1", "x:y*z?") are not damage.
- :func:`fold_lookalikes`: letters that look like Vietnamese ones but are other characters —
  the Icelandic eth "Ð"/"ð" (U+00D0/U+00F0) and the African D "Ɖ" (U+0189) typed for
  "Đ"/"đ"; Cyrillic and Greek letters inside an otherwise Latin word ("Nguyеn" with a
  Cyrillic "е"). Searching the register or a citizen database for "Đinh" would not find
  "Ðinh". Each fold is reported.
- :func:`join_lines`: a line break inside a one-line cell between two sentences becomes the
  punctuation the sentence needs (". " when the first does not end with one), a wrapped
  line a space.
"""

from __future__ import annotations

import re

__all__ = ["LOOKALIKES", "fold_lookalikes", "join_lines", "lost_letter_words"]

_TOKEN = re.compile(r"[^\s,;:.()\[\]\"'“”‘’!]+")
_LETTERS_AND_MARKS = re.compile(r"[^\W\d_?]*(?:\?+[^\W\d_?]*)+")
_LOST_INSIDE = re.compile(r"(?:^|[^\W\d_])\?+[^\W\d_]")


def lost_letter_words(text: str, limit: int = 4) -> list[str]:
    """The words of ``text`` in which ``?`` stands for a lost letter.

    >>> lost_letter_words("Nguy?n V?n Bình"), lost_letter_words("?inh Th? Hoa")
    (['Nguy?n', 'V?n'], ['?inh'])
    >>> lost_letter_words("Có phải? x? x:y*z? a.php?id=1 ???")
    []
    """
    if "?" not in text:
        return []
    found: list[str] = []
    for token in _TOKEN.findall(text):
        if _LETTERS_AND_MARKS.fullmatch(token) and _LOST_INSIDE.search(token):
            if token not in found:
                found.append(token)
            if len(found) == limit:
                break
    return found


LOOKALIKES = {
    "\u00d0": ("Đ", "chữ Eth Iceland “Ð” (U+00D0)"),
    "\u00f0": ("đ", "chữ eth Iceland “ð” (U+00F0)"),
    "\u0189": ("Đ", "chữ D châu Phi “Ɖ” (U+0189)"),
    "\u0256": ("đ", "chữ d châu Phi “ɖ” (U+0256)"),
}
"""Always folded: they have no use in Vietnamese text and look exactly like Đ/đ."""
# Cyrillic and Greek letters drawn like Latin ones: folded only inside a word that also has
# Latin letters (a Russian or Greek name written in its own script is left alone).
_SCRIPT_TWINS = dict(zip(
    "аеорсхуіАВЕКМНОРСТХУІοαΑΒΕΗΙΚΜΝΟΡΤΥΧ",
    "aeopcxyiABEKMHOPCTXYIoaABEHIKMNOPTYX", strict=True))
_TWIN = re.compile(f"[{''.join(_SCRIPT_TWINS)}]")
_ANY = re.compile(f"[{''.join(LOOKALIKES)}{''.join(_SCRIPT_TWINS)}]")
"""Any letter :func:`fold_lookalikes` may fold: one scan for the cells (nearly all) with none."""
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_WORD = re.compile(r"\w+")


def fold_lookalikes(text: str) -> tuple[str, list[tuple[str, str, str]]]:
    """``text`` with the lookalike letters folded, and ``(found, folded to, what it was)``
    for each kind folded.

    >>> fold_lookalikes("Ðinh Thị Hoà")[0], fold_lookalikes("Nguyеn")[0]
    ('Đinh Thị Hoà', 'Nguyen')
    >>> fold_lookalikes("Иван Петров")  # a Cyrillic name stays Cyrillic
    ('Иван Петров', [])
    """
    if not _ANY.search(text):
        return text, []
    folds: dict[str, tuple[str, str, str]] = {}
    for ch, (to, what) in LOOKALIKES.items():
        if ch in text:
            text = text.replace(ch, to)
            folds[ch] = (ch, to, what)
    if _TWIN.search(text):
        def word(m: re.Match[str]) -> str:
            w = m.group()
            if not _TWIN.search(w) or not _LATIN.search(w):
                return w
            for ch in set(_TWIN.findall(w)):
                folds[ch] = (ch, _SCRIPT_TWINS[ch],
                             f"chữ “{ch}” (U+{ord(ch):04X}) của bảng chữ Kirin/Hy Lạp")
            return _TWIN.sub(lambda c: _SCRIPT_TWINS[c.group()], w)

        text = _WORD.sub(word, text)
    return text, list(folds.values())


_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n|\x0b|\x0c)+[ \t]*")
_ENDS_SENTENCE = re.compile(r"[.!?…:;,]$")


def join_lines(text: str) -> str:
    """A one-line cell's line breaks: between two sentences (the next line starts with a
    capital and both sides have two words or more) the punctuation the first needs, else a
    space.

    >>> join_lines("Môi trường\\nĐã có ý kiến của Sở")
    'Môi trường. Đã có ý kiến của Sở'
    >>> join_lines("Chờ xác minh.\\nĐã có ý kiến"), join_lines("Nguyễn Văn\\nAn")
    ('Chờ xác minh. Đã có ý kiến', 'Nguyễn Văn An')
    >>> join_lines("đang chờ ý kiến\\ncủa Sở")
    'đang chờ ý kiến của Sở'
    """
    if not _BREAK.search(text):
        return text
    parts = _BREAK.split(text)
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if not out:
            out = part
            continue
        sentence = part[:1].isupper() and len(part.split()) >= 2 and len(out.split()) >= 2
        if sentence and not _ENDS_SENTENCE.search(out):
            out += ". " + part
        else:
            out += " " + part
    return out
