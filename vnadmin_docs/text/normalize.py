"""Normalisation applied to every input string before it reaches a document.

Policy for characters XML 1.0 cannot carry (control characters pasted from Excel, for
example): they are **removed** and the caller is told which were removed, so the batch can
warn naming the field; they never reach the writer. Tabs and line breaks are kept where
the field allows several lines and turned into spaces elsewhere.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["INVISIBLE", "clean_text", "invalid_xml_chars", "nfc", "unescape_ooxml", "unglue"]

# XML 1.0 Char production, minus what Word will not show either (U+FFFE/FFFF, surrogates).
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Invisible characters that only confuse matching and layout (ZWSP, ZWNJ, ZWJ, BOM, soft hyphen),
# and the bidirectional controls (U+200E/F, U+202A–202E, U+2066–2069): a right-to-left
# override makes a printed name or code read reversed (issue 13).
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e"
                       r"\u2066-\u2069]")
# Excel writes control characters in cells as _xHHHH_ escapes in its XML, and a typed
# "_xHHHH_" as "_x005F_xHHHH_".
_EXCEL_ESCAPE = re.compile(r"_x005[Ff]_(x[0-9A-Fa-f]{4}_)|_x([0-9A-Fa-f]{4})_")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Invisible characters that may stand where a space was (web copies, joined exports).
_SEPARATING = re.compile(
    r"[\u200b\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x08\x0e-\x1f\x7f-\x9f]+")


def nfc(text: str) -> str:
    """Unicode NFC, the form TCVN 6909:2001 text is compared and written in.

    >>> nfc("Hoa\\u0300") == "Hoà"
    True
    """
    return unicodedata.normalize("NFC", text)


def unglue(text: str) -> str:
    """A space where invisible or control characters join a word ending in a small letter to
    one starting with a capital ("Trần\\u200bThị": two words of a name); elsewhere they are
    left for the caller to remove (inside a word they are only debris).

    >>> unglue("Trần\\u200bThị\\ufeffBình\\x07Lê") == "Trần Thị Bình Lê"
    True
    >>> unglue("Nguy\\u200bễn") == "Nguy\\u200bễn"
    True
    """
    return _SEPARATING.sub(_separator, text)


def _separator(m: re.Match[str]) -> str:
    text, start, end = m.string, m.start(), m.end()
    if start > 0 and end < len(text) and text[start - 1].islower() and text[end].isupper():
        return " "
    return m.group(0)


def invalid_xml_chars(text: str) -> list[str]:
    """The characters of ``text`` that XML 1.0 cannot carry, as ``U+XXXX`` codes.

    >>> invalid_xml_chars("Nguyễn\\x0bVăn\\x00A")
    ['U+000B', 'U+0000']
    >>> invalid_xml_chars("Bình thường")
    []
    """
    return [f"U+{ord(c):04X}" for c in _INVALID_XML.findall(text)]


def clean_text(text: str, *, multiline: bool = False) -> str:
    """NFC, drop characters XML cannot carry and invisible ones, tidy whitespace.

    Line breaks survive only when ``multiline`` is true; runs of spaces collapse to one;
    the ends are stripped. Excel's ``_x000D_`` style escapes are decoded first.

    >>> clean_text("  Nguyễn\\u200b  Văn\\x0b A  ")
    'Nguyễn Văn A'
    >>> clean_text("Trần\\u200bThị Bình")
    'Trần Thị Bình'
    >>> clean_text("Dòng 1_x000D_\\nDòng 2", multiline=True)
    'Dòng 1\\nDòng 2'
    >>> clean_text("Dòng 1\\nDòng 2")
    'Dòng 1 Dòng 2'
    """
    text = unescape_ooxml(text)
    text = nfc(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = INVISIBLE.sub("", unglue(text))
    if multiline:
        lines = [_SPACES.sub(" ", _INVALID_XML.sub(" ", ln)).strip() for ln in text.split("\n")]
        return "\n".join(lines).strip("\n")
    text = text.replace("\n", " ")
    text = _INVALID_XML.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def unescape_ooxml(text: str) -> str:
    """Decode Excel's ``_xHHHH_`` escapes; ``_x005F_`` before one keeps it literal.

    >>> unescape_ooxml("Dòng 1_x000D_\\nDòng 2")
    'Dòng 1\\r\\nDòng 2'
    >>> unescape_ooxml("A_x005F_x000D_B")
    'A_x000D_B'
    """

    def repl(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return "_" + m.group(1)
        return chr(int(m.group(2), 16))

    return _EXCEL_ESCAPE.sub(repl, text)
