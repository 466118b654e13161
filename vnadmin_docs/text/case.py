"""Vietnamese letter case.

Python's ``str.upper`` already maps every precomposed Vietnamese letter correctly (ệ → Ệ,
đ → Đ); what it does not do is fix the look-alike "Ð" (U+00D0, Icelandic eth) that some
keyboards and PDF copies produce, nor keep the official mixed-case abbreviations.
"""

from __future__ import annotations

from vnadmin_docs.text.normalize import nfc

__all__ = ["fix_d_lookalike", "upper_vi"]


def fix_d_lookalike(text: str) -> str:
    """Replace the eth look-alikes Ð/ð by Vietnamese Đ/đ.

    >>> fix_d_lookalike("ÐẮK NÔNG")
    'ĐẮK NÔNG'
    """
    return text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")


def upper_vi(text: str) -> str:
    """Upper case with every diacritic kept, in NFC.

    >>> upper_vi("Sở Lao động - Thương binh và Xã hội")
    'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'
    >>> upper_vi("ủy ban nhân dân xã đắk ơ")
    'ỦY BAN NHÂN DÂN XÃ ĐẮK Ơ'
    """
    return nfc(fix_d_lookalike(text)).upper()
