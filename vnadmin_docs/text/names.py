"""Personal and organisation names: printed as Phụ lục II writes them, matched loosely.

* Personal names get each syllable capitalised ("NGUYỄN văn an" → "Nguyễn Văn An"),
  including after "-" and an apostrophe in Tây Nguyên names ("H'Hen Niê").
* Organisation names are never re-cased ("Công ty TNHH MTV …" stays as written); only
  spaces and look-alike letters are cleaned.
* The look-alikes "Ð" (U+00D0, Icelandic eth) and "Ɖ" (U+0189, African D) become "Đ"
  (:func:`vnadmin_docs.text.case.fix_d_lookalike` plus the African D).
* Old and new tone placement ("Hoà"/"Hòa", "Thuỷ"/"Thủy") are the same for matching
  (:func:`fold_key`), but every function here prints the name as the citizen wrote it.

Upper case is :func:`vnadmin_docs.text.case.upper_vi`; :func:`lower_vi` is its mirror.
"""

from __future__ import annotations

import re
import unicodedata

from vnadmin_docs.text.case import fix_d_lookalike, upper_vi
from vnadmin_docs.text.normalize import nfc

__all__ = [
    "fix_all_d_lookalikes",
    "fold_key",
    "lower_vi",
    "organization_name",
    "person_name",
    "same_name",
]

# Beyond the eth that case.fix_d_lookalike handles: the African D (Ɖ/ɖ).
_AFRICAN_D = str.maketrans({"\u0189": "\u0110", "\u0256": "\u0111"})
# The five tone marks, as combining characters (huyền, sắc, ngã, hỏi, nặng).
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_PART_SEPARATORS = re.compile(r"([-'’ʼ])")


def fix_all_d_lookalikes(text: str) -> str:
    """Replace every letter that only looks like Đ/đ (eth Ð/ð, African Ɖ/ɖ) by Đ/đ.

    >>> fix_all_d_lookalikes("ÐẮK NÔNG"), fix_all_d_lookalikes("\u0189ức")
    ('ĐẮK NÔNG', 'Đức')
    """
    return fix_d_lookalike(text).translate(_AFRICAN_D)


def _clean(text: str) -> str:
    return " ".join(fix_all_d_lookalikes(nfc(text)).split())


def lower_vi(text: str) -> str:
    """Lower case in NFC, look-alike Đ fixed (the mirror of ``case.upper_vi``).

    >>> lower_vi("ĐỨC ỬNG")
    'đức ửng'
    """
    return nfc(fix_all_d_lookalikes(nfc(text)).lower())


def _capitalize_part(part: str) -> str:
    # The first letter, not the first character: "(anh)" → "(Anh)".
    first = next((i for i, ch in enumerate(part) if ch.isalpha()), None)
    if first is None:
        return part
    head, letter, tail = part[:first], part[first], part[first + 1 :]
    return head + upper_vi(fix_all_d_lookalikes(letter)) + lower_vi(tail)


def person_name(text: str) -> str:
    """A personal name with each syllable capitalised and spaces collapsed.

    >>> person_name("NGUYỄN  THỊ kim LINH")
    'Nguyễn Thị Kim Linh'
    >>> person_name("ðặng văn đức")
    'Đặng Văn Đức'
    >>> person_name("h'hen niê"), person_name("Y-MOAN ÊNUÔL")
    ("H'Hen Niê", 'Y-Moan Ênuôl')
    >>> person_name("Lê Văn Hoà")  # tone placement kept as written
    'Lê Văn Hoà'
    """
    words = []
    for word in _clean(text).split(" "):
        parts = _PART_SEPARATORS.split(word)
        words.append(
            "".join(p if _PART_SEPARATORS.fullmatch(p) else _capitalize_part(p) for p in parts)
        )
    return " ".join(words)


def organization_name(text: str) -> str:
    """An organisation name as written: NFC, look-alike Đ fixed, spaces collapsed.

    >>> organization_name("Công ty  TNHH   MTV Xây dựng Ðắk Nông")
    'Công ty TNHH MTV Xây dựng Đắk Nông'
    """
    return _clean(text)


def _fold_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = sorted(ch for ch in decomposed if ch in _TONES)
    base = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", base) + "".join(tones)


def fold_key(text: str) -> str:
    """A key under which spellings of the same name compare equal.

    Case, spacing, NFC/NFD, the Đ look-alikes and the position of the tone mark inside a
    syllable are ignored; the letters and the tone itself are not (Hoa ≠ Hòa ≠ Hóa).

    >>> fold_key("Hoà") == fold_key("hòa"), fold_key("Thuỷ") == fold_key("THỦY")
    (True, True)
    >>> fold_key("Hoa") == fold_key("Hòa")
    False
    """
    return " ".join(_fold_word(w) for w in lower_vi(_clean(text)).split(" ") if w)


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same for matching purposes (see :func:`fold_key`).

    >>> same_name("Nguyễn Thị Thuỷ", "NGUYỄN THỊ THỦY")
    True
    """
    return fold_key(a) == fold_key(b)
