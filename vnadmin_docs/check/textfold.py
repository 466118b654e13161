"""Text keys for comparing what a clerk typed with what the decree prescribes.

Two keys: :func:`tone_key` keeps every letter and diacritic but ignores where the tone
mark sits (the decree itself writes both "HÒA" and "HOÀ"); :func:`loose_key` drops all
diacritics and case, and is used only to *recognise* elements, never to judge them.

>>> tone_key("CỘNG HOÀ") == tone_key("CỘNG HÒA")
True
>>> tone_key("UỶ BAN") == tone_key("ỦY BAN")
True
>>> tone_key("Hòa") == tone_key("HÒA")
False
>>> loose_key("  Kính   gửi:")
'kinh gui:'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["is_upper_text", "loose_key", "nfc", "tone_key"]

# Combining tone marks: grave, acute, tilde, hook above, dot below.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC with runs of white space collapsed to one space and the ends trimmed.

    >>> nfc("Ho\\u0300a  Bi\\u0300nh ")
    'Hòa Bình'
    """
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def tone_key(text: str) -> str:
    """A key equal for both placements of the tone mark in a syllable.

    The tone mark of each word is removed and appended at the end of the word, so "HÒA"
    and "HOÀ" compare equal while the other diacritics (â, ơ, đ …) still count.

    >>> tone_key("Hạnh phúc") == tone_key("Hạnh phúc")
    True
    >>> tone_key("Hanh phuc") == tone_key("Hạnh phúc")
    False
    """
    words = []
    for word in nfc(text).split(" "):
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(ch for ch in decomposed if ch in _TONES)
        bare = "".join(ch for ch in decomposed if ch not in _TONES)
        words.append(unicodedata.normalize("NFC", bare) + tones)
    return " ".join(words)


def loose_key(text: str) -> str:
    """Lower case, no diacritics, "đ" as "d", single spaces: for recognition only.

    >>> loose_key("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    'cong hoa xa hoi chu nghia viet nam'
    >>> loose_key("Đắk Nông")
    'dak nong'
    """
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_upper_text(text: str) -> bool:
    """True when the text has letters and none of them is lower case.

    >>> is_upper_text("UBND TỈNH ĐẮK NÔNG")
    True
    >>> is_upper_text("Sở Tài chính")
    False
    >>> is_upper_text("12/2024")
    False
    """
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(not ch.islower() for ch in letters)
