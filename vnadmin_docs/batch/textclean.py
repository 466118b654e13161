"""Cell text cleaning, in the one fixed order the input notes require.

1. ``_xHHHH_`` escapes (openpyxl leaves ``_x000D_`` literal) → the character; UTF-8 text
   that was read as Windows-1252 and saved again ("Nguyá»…n") → the text it was;
2. legacy TCVN3/VNI conversion (per column: :mod:`vnadmin_docs.text.legacy`, detected in
   ``table.build_table``);
3. NFC (macOS, Unikey "tổ hợp" and cp1258 give decomposed text);
4. invisible and control characters removed, NBSP and odd spaces made spaces;
5. whitespace collapsed (line breaks kept only for multi-line fields).

Each step is a small pure function so a test (and a curious clerk) can see each one.
"""

from __future__ import annotations

import re
import unicodedata

# bidi controls included (U+200E/F, U+202A–202E, U+2066–2069): U+202E reverses what follows
from vnadmin_docs.text.normalize import INVISIBLE as _INVISIBLE
from vnadmin_docs.text.normalize import unescape_ooxml, unglue

__all__ = [
    "clean_cell_text",
    "collapse_spaces",
    "drop_invisible",
    "fix_utf8_read_as_cp1252",
    "nfc",
    "tidy_cell_text",
    "unescape_ooxml",
    "unmangle",
]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Everything drop_invisible changes (line breaks and tabs included): most cells have none.
_SPECIAL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff"
    r"\ufffe\uffff]"
)
# What collapse_spaces changes: a run of spaces, an odd space, a space at either end.
_UNEVEN_SPACES = re.compile(r"^\s|\s$| {2}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# The first two characters of a Vietnamese letter's UTF-8 bytes read as Windows-1252: a
# lead byte C2–C6 or E1 ("Ã", "Ä", "Æ", "á") and a continuation byte 80–BF ("»", "¡", "€"…).
_CP1252_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"[\u00c2-\u00c6\u00e1][{_CP1252_CONTINUATION}]")
_LATIN1_SYMBOLS = re.compile("[\u0080-\u00bf]")


def _cp1252_bytes(text: str) -> bytes | None:
    """The bytes Windows-1252 gives ``text`` (its five unassigned bytes come back as
    U+0081…U+009D, as Windows decodes them); ``None`` when a character has no byte."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))
    return bytes(out)


def fix_utf8_read_as_cp1252(text: str) -> str:
    """Undo a UTF-8 file opened as Windows-1252 ("ANSI") and saved again: a CSV without a
    BOM opened in Excel shows "Nguyá»…n VÄƒn BÃ¬nh" and keeps it. Changed only when the
    whole text reads back as UTF-8 into letters (never into symbols or invisible spaces).

    >>> fix_utf8_read_as_cp1252("Nguyá»…n VÄƒn BÃ¬nh")
    'Nguyễn Văn Bình'
    >>> fix_utf8_read_as_cp1252("Chá»\x9d Ã½ kiáº¿n")  # 0x9D: a byte Windows-1252 lacks
    'Chờ ý kiến'
    >>> fix_utf8_read_as_cp1252("Nguyễn Văn Bình"), fix_utf8_read_as_cp1252("CHÂ\u00a0A")
    ('Nguyễn Văn Bình', 'CHÂ\xa0A')
    """
    if not _MOJIBAKE.search(text):
        return text
    raw = _cp1252_bytes(text)
    if raw is None:
        return text
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return text
    return text if _LATIN1_SYMBOLS.search(fixed) else fixed


def nfc(text: str) -> str:
    """Compose to NFC.

    >>> nfc("Nguye\\u0302\\u0303n") == "Nguyễn"
    True
    """
    return unicodedata.normalize("NFC", text)


def drop_invisible(text: str, *, multiline: bool = False) -> str:
    """Remove zero-width characters, BOMs, soft hyphens and control characters; vertical tabs
    and form feeds (Word line breaks) become line breaks or spaces.

    >>> drop_invisible("Nguy\\u200bễn\\x0bVăn")
    'Nguyễn Văn'
    >>> drop_invisible("Trần\\u200bThị\\ufeffBình\\x07Lê Văn\\u200fAn")
    'Trần Thị Bình Lê Văn An'
    >>> drop_invisible("a\\x0bb", multiline=True)
    'a\\nb'
    """
    if not _SPECIAL.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    text = unglue(text)  # "Trần\u200bThị" → "Trần Thị", before the invisibles go
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text)


def collapse_spaces(text: str, *, multiline: bool = False) -> str:
    """One space between words, none at the ends (per line when multi-line).

    >>> collapse_spaces("  Nguyễn\\u00a0\\u00a0Văn   A ")
    'Nguyễn Văn A'
    """
    if multiline:
        lines = [_SPACES.sub(" ", ln).strip() for ln in text.split("\n")]
        return "\n".join(ln for ln in lines if ln)
    if not _UNEVEN_SPACES.search(text):
        return text
    return _SPACES.sub(" ", text).strip()


def clean_cell_text(text: str, *, multiline: bool = False) -> str:
    """Steps 1, 3, 4 and 5 in order (legacy conversion, step 2, works on whole columns and
    is applied by the caller between unescaping and NFC).

    >>> clean_cell_text(" Tra\\u0302\\u0300n_x000D_ Thi\\u0323\\u00a0 B\\u200b ")
    'Trần Thị B'
    """
    return tidy_cell_text(unmangle(text), multiline=multiline)


def unmangle(text: str) -> str:
    """Step 1: ``_xHHHH_`` decoded (once: ``_x005F_x000D_`` stays the text ``_x000D_``) and
    UTF-8 read as Windows-1252 undone.

    >>> unmangle("A_x005F_x000D_B_x000D_")
    'A_x000D_B\\r'
    """
    return fix_utf8_read_as_cp1252(unescape_ooxml(text))


def tidy_cell_text(text: str, *, multiline: bool = False) -> str:
    """Steps 3, 4 and 5 on text already :func:`unmangle`-d."""
    return collapse_spaces(drop_invisible(nfc(text), multiline=multiline), multiline=multiline)
