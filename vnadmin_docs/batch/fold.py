"""Folding of spreadsheet headers and short labels for matching (never for output).

A clerk's export may say ``Mã hồ sơ``, ``MÃ HỒ SƠ``, ``Ma ho so`` or ``Mã hồ sơ (*):``;
all of them must reach the same declared field. Folding is lossy on purpose: it is only
ever used to compare, the original text is what the clerk sees in messages.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_header", "fold_once"]

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Notes clerks add to headers that do not change their meaning: "(*)", "(ngày)", "(dd/mm/yyyy)".
_NOTES = re.compile(r"\((\*|ngay|ngày|dd/mm/yyyy|dd/mm/yyyy hh:mm(:ss)?|bắt buộc|bat buoc)\)",
                    re.IGNORECASE)


def fold_once(text: str) -> str:
    """:func:`fold` without its cache, for texts that do not repeat (each row's names and
    codes): cached, they would only churn the cache and leave survivors scattered across
    the interpreter's memory pools."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("đ", "d").replace("Đ", "D").replace("\u00d0", "D").replace("\u00f0", "d")
    return _NON_WORD.sub(" ", text.lower()).strip()


# Headers, labels and honorific words repeat and hit the cache.
@lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """Lower case, no diacritics, ``đ`` → ``d``, punctuation and spaces collapsed to one space.

    >>> fold("  Mã  HỒ SƠ ")
    'ma ho so'
    >>> fold("Người được ủy quyền")
    'nguoi duoc uy quyen'
    >>> fold("ĐT liên hệ") == fold("dt lien he")
    True
    >>> fold("Ngày hẹn trả\\nkết quả")
    'ngay hen tra ket qua'
    """
    return fold_once(text)


def fold_header(text: str) -> str:
    """:func:`fold` after dropping header notes such as ``(*)`` and ``(ngày)``.

    >>> fold_header("Mã hồ sơ (*):")
    'ma ho so'
    >>> fold_header("Số ngày quá hạn (ngày)")
    'so ngay qua han'
    """
    return fold(_NOTES.sub(" ", text))
