"""Legacy Vietnamese encodings (TCVN3/ABC and VNI-Windows) to Unicode.

Inside .xlsx/.xls files such text is ordinary Unicode made of Latin-1 look-alikes
("TrÇn V¨n §øc" is Trần Văn Đức in a ``.VnTime`` font, "Nguyeãn" is Nguyễn in
``VNI-Times``), so byte-level charset detectors cannot see it. This module

* converts with tables written from the code charts (TCVN 5712:1993 VN3, the ABC fonts;
  VNI-Windows), see docs/dev/legacy-encodings.md;
* detects the encoding of a column from the cell font when known (``.Vn…`` → TCVN3,
  ``VNI-…`` → VNI) and otherwise from how many words become valid Vietnamese syllables;
* never touches text that already holds Vietnamese-only Unicode letters (ă, đ, ơ, ư, ị,
  ễ …): "Lê Thị Nhã" stays, it does not become "Lờ Thị Nhó".

TCVN3 quirks handled: ``ư`` is 0xAD, the soft hyphen, which some programs delete
("Ph­êng" → "Phêng"); a syllable that can only have lost its ư ("ơng", "ơc", "ơu") gets it
back. ``.VnTimeH``-style fonts show every letter as a capital although lower-case codes
are stored: pass ``capitals=True`` (see :func:`is_capitals_font`); with ``capitals=None``
a word whose ASCII letters are all capitals is upper-cased after conversion.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "DETECT_CELLS",
    "TCVN3_TO_UNICODE",
    "VNI_TO_UNICODE",
    "ColumnConversion",
    "Encoding",
    "convert_column",
    "detect_cell_encoding",
    "detect_encoding",
    "encoding_from_font",
    "has_unicode_vietnamese",
    "is_capitals_font",
    "is_plausible_syllable",
    "to_unicode",
]

Encoding = Literal["unicode", "tcvn3", "vni"]

# --- TCVN3 (ABC) ----------------------------------------------------------------------
# Rows: a letter without tone, then with huyền, sắc, hỏi, ngã, nặng. Each legacy code is
# written as its Latin-1 code point.
_TCVN3_ROWS: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("aàáảãạ", (0x61, 0xB5, 0xB8, 0xB6, 0xB7, 0xB9)),
    ("ăằắẳẵặ", (0xA8, 0xBB, 0xBE, 0xBC, 0xBD, 0xC6)),
    ("âầấẩẫậ", (0xA9, 0xC7, 0xCA, 0xC8, 0xC9, 0xCB)),
    ("eèéẻẽẹ", (0x65, 0xCC, 0xD0, 0xCE, 0xCF, 0xD1)),
    ("êềếểễệ", (0xAA, 0xD2, 0xD5, 0xD3, 0xD4, 0xD6)),
    ("iìíỉĩị", (0x69, 0xD7, 0xDD, 0xD8, 0xDC, 0xDE)),
    ("oòóỏõọ", (0x6F, 0xDF, 0xE3, 0xE1, 0xE2, 0xE4)),
    ("ôồốổỗộ", (0xAB, 0xE5, 0xE8, 0xE6, 0xE7, 0xE9)),
    ("ơờớởỡợ", (0xAC, 0xEA, 0xED, 0xEB, 0xEC, 0xEE)),
    ("uùúủũụ", (0x75, 0xEF, 0xF3, 0xF1, 0xF2, 0xF4)),
    ("ưừứửữự", (0xAD, 0xF5, 0xF8, 0xF6, 0xF7, 0xF9)),
    ("yỳýỷỹỵ", (0x79, 0xFA, 0xFD, 0xFB, 0xFC, 0xFE)),
    # The only capitals with codes of their own; other capitals are drawn by the …H fonts
    # from the lower-case codes.
    ("ĂÂÊÔƠƯĐđ", (0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xAE)),
)

#: Legacy character → Unicode letter, for TCVN3 (ABC) text.
TCVN3_TO_UNICODE: dict[str, str] = {
    chr(code): letter
    for letters, codes in _TCVN3_ROWS
    for letter, code in zip(letters, codes, strict=True)
    if code >= 0x80
}

# --- VNI-Windows ----------------------------------------------------------------------
# A vowel is written as the base letter followed by one mark character; a few letters
# have a single code. Lower-case mark characters; the capital forms are the Latin-1
# capitals of the same letters (ø → Ø, â → Â …) and are accepted after either case.
_VNI_TONES = {"ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_CIRCUMFLEX = {
    "â": "",
    "à": "\u0300",
    "á": "\u0301",
    "å": "\u0309",
    "ã": "\u0303",
    "ä": "\u0323",
}
_VNI_BREVE = {"ê": "", "è": "\u0300", "é": "\u0301", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {"ñ": "đ", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
_VNI_HORN_BASE = {"ô": "ơ", "ö": "ư"}


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(seq: str, letter: str) -> None:
        table[seq] = letter
        table[seq.upper()] = letter.upper()
        if len(seq) == 2:  # capital base with a lower-case mark and vice versa
            table[seq[0].upper() + seq[1]] = letter.upper()
            table[seq[0] + seq[1].upper()] = letter

    for base in "aeouy":
        for mark, tone in _VNI_TONES.items():
            add(base + mark, _compose(base, tone))
    for base in "aeo":
        for mark, tone in _VNI_CIRCUMFLEX.items():
            add(base + mark, _compose(base, "\u0302", tone))
    for mark, tone in _VNI_BREVE.items():
        add("a" + mark, _compose("a", "\u0306", tone))
    for code, letter in _VNI_HORN_BASE.items():
        add(code, letter)
        for mark, tone in _VNI_TONES.items():
            add(code + mark, _compose(letter, tone))
    for code, letter in _VNI_SINGLE.items():
        add(code, letter)
    return table


#: VNI-Windows sequence (one or two characters) → Unicode letter.
VNI_TO_UNICODE: dict[str, str] = _build_vni()

# --- Detection helpers ----------------------------------------------------------------

# Letters that exist only in Vietnamese Unicode (outside Latin-1) and the combining tone
# marks of decomposed text: their presence proves the text is Unicode already.
_VIET_UNICODE = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1"
    "\u01af\u01b0\u1ea0-\u1ef9\u0300-\u0303\u0306\u0309\u031b\u0323]"
)
_TOKEN = re.compile(r"[A-Za-z\u00a1-\u00ff\u0100-\u024f\u1e00-\u1eff\u0300-\u036f]+")
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_INITIAL = r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
_NUCLEUS = (
    r"(?:iêu|yêu|oai|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|"
    r"ai|ao|au|ay|âu|ây|eo|êu|ia|iu|iê|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|"
    r"[aăâeêioôơuưy])"
)
_SYLLABLE = re.compile(f"({_INITIAL})({_NUCLEUS})((?:ch|ng|nh|[cmnptk])?)")  # k: Đắk Lắk
_LOST_U = re.compile(r"(?<![uưUƯ])([ơờớởỡợƠỜỚỞỠỢ])(?=(?:ng|NG|Ng|c|C|u|U)\b)")
_MARKED_VOWELS = "ăâêôơư"
# Vowel groups that end in a glide take no final consonant; these others need one.
_OPEN_ONLY = frozenset((
    "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua",
    "ui", "ưa", "ưi", "ưu", "uơ", "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "ươi",
    "ươu", "uya", "uyu",
))  # fmt: skip
_CODA_REQUIRED = frozenset(["ă", "â", "iê", "yê", "uô", "ươ", "oă", "oo", "uâ", "uyê"])
_STOP_CODAS = frozenset(("c", "ch", "p", "t", "k"))
_STOP_TONES = frozenset("\u0301\u0323")  # after -c -ch -p -t only sắc or nặng


def _tone_positions(nucleus: str, has_coda: bool) -> set[int]:
    """Where a tone may sit in ``nucleus`` (old and new placement both accepted)."""
    marked = [i for i, ch in enumerate(nucleus) if ch in _MARKED_VOWELS]
    if marked:
        return {marked[-1]}
    if has_coda or len(nucleus) == 1:
        return {len(nucleus) - 1}
    if len(nucleus) == 2:
        return {0, 1} if nucleus in ("oa", "oe", "uy") else {0}
    return {1}


def is_plausible_syllable(word: str) -> bool:
    """Whether ``word`` can be one Vietnamese syllable: letters, initial, vowels and final
    in a possible order, at most one tone, on a vowel where it can sit.

    >>> is_plausible_syllable("Trần"), is_plausible_syllable("trường")
    (True, True)
    >>> is_plausible_syllable("Hoà"), is_plausible_syllable("Hòa"), is_plausible_syllable("quý")
    (True, True, True)
    >>> [is_plausible_syllable(w) for w in ("TrÇn", "Nguyeãn", "leõ", "ing")]
    [False, False, False, False]
    """
    tone_at: list[int] = []
    tones: list[str] = []
    bare_chars: list[str] = []
    for i, ch in enumerate(unicodedata.normalize("NFC", word.lower())):
        parts = unicodedata.normalize("NFD", ch)
        if any(m in _TONE_MARKS for m in parts):
            tone_at.append(i)
            tones += [m for m in parts if m in _TONE_MARKS]
        bare_chars.append(
            unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONE_MARKS))
        )
    bare = "".join(bare_chars)
    if len(tone_at) > 1 or len(bare) != len(bare_chars):
        return False
    match = _SYLLABLE.fullmatch(bare)
    if match is None:
        return False
    initial, nucleus, coda = match.groups()
    open_only = nucleus in _OPEN_ONLY and not (initial == "qu" and nucleus == "y")  # quỳnh
    if (coda and open_only) or (not coda and nucleus in _CODA_REQUIRED):
        return False
    if coda in ("nh", "ch") and nucleus[-1] not in "aêiy":
        return False  # anh, ênh, inh, uynh, oanh; never "onh", "ưnh"
    if coda in ("ng", "c") and nucleus in ("i", "y", "uy"):
        return False  # "inh", "ích", never "ing", "ic"
    if not tone_at:
        return True
    if coda in _STOP_CODAS and tones[0] not in _STOP_TONES:
        return False
    return tone_at[0] - len(initial) in _tone_positions(nucleus, bool(coda))


def encoding_from_font(font: str | None) -> Encoding | None:
    """The encoding a font name implies: ``.Vn…`` → TCVN3, ``VNI-…`` → VNI, else None.

    >>> encoding_from_font(".VnTime"), encoding_from_font("VNI-Times"), encoding_from_font("Arial")
    ('tcvn3', 'vni', None)
    """
    if not font:
        return None
    name = font.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith("vni"):
        return "vni"
    return None


def is_capitals_font(font: str | None) -> bool:
    """Whether a TCVN3 font shows every letter as a capital (``.VnTimeH``, ``.VnArialH``).

    >>> is_capitals_font(".VnTimeH"), is_capitals_font(".VnTime")
    (True, False)
    """
    return encoding_from_font(font) == "tcvn3" and font is not None and font.strip().endswith("H")


def _restore_capitals(original: str, converted: str, capitals: bool | None) -> str:
    if capitals:
        return converted.upper()
    if capitals is False:
        return converted
    # A word with two or more ASCII letters decides by itself ("TRÇN" → TRẦN, "TrÇn" →
    # Trần). A shorter word ("B¸", "Sè") follows the nearest word that both decided and has
    # a lower-case code to be judged by (not "UBND" or "Q§"), else it keeps the case its
    # codes give ("Lª" is "Lê" in .VnTime but "LÊ" in .VnTimeH).
    decided: list[bool | None] = []
    evidence: list[bool | None] = []
    for src in original.split(" "):
        letters = [c for c in src if c.isascii() and c.isalpha()]
        own = all(c.isupper() for c in letters) if len(letters) >= 2 else None
        decided.append(own)
        has_lower_code = any(TCVN3_TO_UNICODE.get(c, "A").islower() for c in src)
        evidence.append(own if has_lower_code else None)
    out: list[str] = []
    for i, dst in enumerate(converted.split(" ")):
        upper = decided[i]
        if upper is None:
            before = [d for d in evidence[:i] if d is not None]
            after = [d for d in evidence[i + 1 :] if d is not None]
            upper = before[-1] if before else after[0] if after else False
        out.append(dst.upper() if upper else dst)
    return " ".join(out)


def _tcvn3(text: str, capitals: bool | None, repair_lost_u: bool) -> str:
    # Word by word so the capital heuristic can compare each word with its source.
    words = text.split(" ")
    converted = " ".join("".join(TCVN3_TO_UNICODE.get(c, c) for c in w) for w in words)
    if repair_lost_u:
        converted = _LOST_U.sub(
            lambda m: ("Ư" if m.group(1).isupper() else "ư") + m.group(1), converted
        )
    return _restore_capitals(text, converted, capitals)


def _vni(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in VNI_TO_UNICODE:
            out.append(VNI_TO_UNICODE[pair])
            i += 2
        else:
            out.append(VNI_TO_UNICODE.get(text[i], text[i]))
            i += 1
    return "".join(out)


def to_unicode(
    text: str, encoding: Encoding, *, capitals: bool | None = None, repair_lost_u: bool = True
) -> str:
    """``text`` converted from ``encoding`` to NFC Unicode.

    Text that already contains Vietnamese-only Unicode letters is returned unchanged,
    whatever ``encoding`` says. ``capitals`` (TCVN3 only): True for ``…H`` fonts, None to
    guess per word from the ASCII letters, False to keep the case the codes give.

    >>> to_unicode("TrÇn V¨n §øc", "tcvn3")
    'Trần Văn Đức'
    >>> to_unicode("Ph\u00adêng Mêng Kh¬ng", "tcvn3")
    'Phường Mường Khương'
    >>> to_unicode("Phêng", "tcvn3")  # soft hyphen lost on the way
    'Phường'
    >>> to_unicode("NGUYEÃN THÒ KIM LINH", "vni"), to_unicode("tröôøng", "vni")
    ('NGUYỄN THỊ KIM LINH', 'trường')
    >>> to_unicode("Lê Thị Nhã", "tcvn3")
    'Lê Thị Nhã'
    """
    if encoding == "unicode" or _VIET_UNICODE.search(text):
        return text
    if text.isascii() and not (encoding == "tcvn3" and capitals):
        return text
    if encoding == "tcvn3":
        result = _tcvn3(text, capitals, repair_lost_u)
    elif encoding == "vni":
        result = _vni(text)
    else:
        raise ValueError(f"unknown encoding {encoding!r}; expected 'unicode', 'tcvn3' or 'vni'")
    return unicodedata.normalize("NFC", result)


def _casing_ok(word: str) -> bool:
    # Real words are lower, UPPER or Title case; "TuÊn" is TCVN3 read as Unicode.
    return word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())


def _score(text: str) -> int:
    """Valid minus invalid syllables among the words that have a non-ASCII letter."""
    score = 0
    for token in _TOKEN.findall(text):
        if token.isascii() or _is_abbreviation(token):
            continue
        score += 1 if _casing_ok(token) and is_plausible_syllable(token) else -1
    return score


def _is_abbreviation(token: str) -> bool:
    # "QĐ", "NĐ", "TTĐT": capital letters without a vowel are neither evidence for nor
    # against an encoding.
    bases = {unicodedata.normalize("NFD", c)[0].lower() for c in token}
    return token.isalpha() and token.isupper() and not bases & set("aeiouy")


@dataclass(frozen=True)
class _Tally:
    """How a column reads under one legacy encoding."""

    better: int  # cells that read better converted
    worse: int  # cells that read better as they are
    score: int  # valid minus invalid syllables after conversion
    capitals: int  # converted words starting with a capital (names are Title Case)

    def key(self) -> tuple[int, int, int]:
        return (self.score, self.better - self.worse, self.capitals)


def _tally(values: Iterable[str], encoding: Encoding) -> _Tally:
    better = worse = score = capitals = 0
    for value in values:
        if _VIET_UNICODE.search(value):
            worse += 1
            continue
        converted = to_unicode(value, encoding)
        before, after = _score(value), _score(converted)
        score += after
        capitals += sum(1 for w in converted.split() if w[:1].isupper())
        if after > before:
            better += 1
        elif before > after:
            worse += 1
    return _Tally(better, worse, score, capitals)


DETECT_CELLS = 2000
"""A column's encoding is judged on its first this many non-ASCII cells."""


def detect_encoding(values: Sequence[str], font: str | None = None) -> Encoding:
    """The encoding of a column of cells: "unicode", "tcvn3" or "vni".

    ``font`` is the cells' font name when the file gives one; it decides unless the
    content contradicts it (more cells read better as Unicode). Without a font, a legacy
    encoding is chosen only when more cells read better converted than as they are.
    Columns with nothing but ASCII are "unicode" (there is nothing to convert).

    >>> detect_encoding(["Lê Thị Nhã", "Nguyễn Văn An"], font=".VnTime")
    'unicode'
    >>> detect_encoding(["TrÇn V¨n §øc", "B¶o Th¾ng"])
    'tcvn3'
    >>> detect_encoding(["Nguyeãn Vaên An", "tröôøng"])
    'vni'
    >>> detect_encoding(["Lê Nhã"])  # readable both ways: left alone
    'unicode'
    """
    cells = [v for v in values if isinstance(v, str) and v and not v.isascii()]
    if not cells:
        return "unicode"
    cells = cells[:DETECT_CELLS]
    hinted: Literal["tcvn3", "vni"] | None = None
    from_font = encoding_from_font(font)
    if from_font == "tcvn3" or from_font == "vni":
        hinted = from_font
    candidates: tuple[Literal["tcvn3", "vni"], ...] = ("tcvn3", "vni")
    tallies = {enc: _tally(cells, enc) for enc in candidates}
    if hinted is not None:
        hint = tallies[hinted]
        return "unicode" if hint.worse > hint.better else hinted
    tcvn3, vni = tallies["tcvn3"], tallies["vni"]
    if tcvn3.key() == vni.key():
        return "unicode"  # both readings equally good: do not guess
    best: Literal["tcvn3", "vni"] = "tcvn3" if tcvn3.key() > vni.key() else "vni"
    chosen = tallies[best]
    return best if chosen.better > chosen.worse else "unicode"


def _invalid_words(text: str) -> int:
    return sum(1 for token in _TOKEN.findall(text)
               if not token.isascii() and not _is_abbreviation(token)
               and not (_casing_ok(token) and is_plausible_syllable(token)))


def has_unicode_vietnamese(text: str) -> bool:
    """True when ``text`` holds a letter or mark that only Unicode Vietnamese has (TCVN3 or
    VNI bytes read as Windows-1252 never give one): such a cell needs no legacy check.

    >>> has_unicode_vietnamese("Nguyễn Văn An"), has_unicode_vietnamese("NguyÔn V¨n Ba")
    (True, False)
    """
    return _VIET_UNICODE.search(text) is not None


def detect_cell_encoding(text: str) -> Encoding:
    """The encoding of ONE cell of a column that reads as Unicode: a TCVN3/VNI name pasted
    among Unicode ones. Much stricter than :func:`detect_encoding`: the cell must read badly
    as it is and every word must become a Vietnamese syllable under exactly one encoding,
    so foreign and ethnic-minority names ("José", "Y Moan Ênuôl") are never touched.

    >>> detect_cell_encoding("NguyÔn V¨n Ba"), detect_cell_encoding("Nguyeãn Vaên Baûo")
    ('tcvn3', 'vni')
    >>> detect_cell_encoding("Y Moan Ênuôl"), detect_cell_encoding("José García")
    ('unicode', 'unicode')
    >>> detect_cell_encoding("Lê Nhã"), detect_cell_encoding("Nguyễn Văn An")
    ('unicode', 'unicode')
    """
    if text.isascii() or has_unicode_vietnamese(text) or _score(text) >= 0:
        return "unicode"
    readable: list[Literal["tcvn3", "vni"]] = []
    for encoding in ("tcvn3", "vni"):
        converted = to_unicode(text, encoding)
        if _score(converted) > 0 and not _invalid_words(converted):
            readable.append(encoding)
    return readable[0] if len(readable) == 1 else "unicode"


@dataclass(frozen=True)
class ColumnConversion:
    """A column after :func:`convert_column`: the encoding found, the converted cells (same
    order and length; non-text cells as they were) and the indices of the cells that changed,
    so the caller can warn naming each one and keep the raw value."""

    encoding: Encoding
    values: tuple[str | None, ...]
    changed: tuple[int, ...]


def convert_column(values: Sequence[str | None], font: str | None = None) -> ColumnConversion:
    """Detect the column's encoding and convert every cell (``.…H`` fonts as capitals).

    >>> result = convert_column(["TrÇn V¨n §øc", None, "B¶o Th¾ng", "An"], font=".VnTime")
    >>> result.encoding, result.values, result.changed
    ('tcvn3', ('Trần Văn Đức', None, 'Bảo Thắng', 'An'), (0, 2))
    """
    texts = [v for v in values if isinstance(v, str)]
    encoding = detect_encoding(texts, font)
    capitals = True if is_capitals_font(font) else None
    converted = tuple(
        to_unicode(v, encoding, capitals=capitals) if isinstance(v, str) else v for v in values
    )
    changed = tuple(i for i, (a, b) in enumerate(zip(values, converted, strict=True)) if a != b)
    return ColumnConversion(encoding, converted, changed)
