"""Legacy encodings: the code charts, real strings seen in the wild, and detection."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnadmin_docs.text.legacy import (
    TCVN3_TO_UNICODE,
    convert_column,
    detect_encoding,
    encoding_from_font,
    is_capitals_font,
    is_plausible_syllable,
    to_unicode,
)

# The TCVN3 (ABC, VN3) chart restated in code-point order, independently of the module's
# row-by-row table: code 0xA1.. → letter.
TCVN3_CHART = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ",
    0xC6: "ặ", 0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip


def test_tcvn3_table_matches_the_chart() -> None:
    assert {ord(k): v for k, v in TCVN3_TO_UNICODE.items()} == TCVN3_CHART
    assert len(TCVN3_CHART) == 74


_TO_TCVN3 = {v: chr(k) for k, v in TCVN3_CHART.items()}


def encode_tcvn3(text: str) -> str:
    """What a .VnTime user's keyboard driver stores (capitals without a code: lower code)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TO_TCVN3:
            out.append(_TO_TCVN3[ch])
        elif ch.lower() in _TO_TCVN3 and not ch.isascii():
            out.append(_TO_TCVN3[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


# VNI-Windows restated as rules: base letter, then one mark character.
_TONE_CHAR = {"\u0300": "ø", "\u0301": "ù", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_CIRC_CHAR = {"": "â", "\u0300": "à", "\u0301": "á", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_BREVE_CHAR = {"": "ê", "\u0300": "è", "\u0301": "é", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_I_CHAR = {"": "i", "\u0300": "ì", "\u0301": "í", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def encode_vni(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        upper = ch.isupper()
        low = ch.lower()
        if low == "đ":
            code = "ñ"
        else:
            parts = unicodedata.normalize("NFD", low)
            base, marks = parts[0], parts[1:]
            tone = next((m for m in marks if m in _TONE_CHAR), "")
            quality = next((m for m in marks if m in "\u0302\u0306\u031b"), "")
            if not marks or base not in "aeiouy":
                code = low
            elif base == "i":
                code = _I_CHAR[tone]
            elif base == "y" and tone == "\u0323":
                code = "î"
            elif quality == "\u031b":
                code = {"o": "ô", "u": "ö"}[base] + _TONE_CHAR.get(tone, "")
            elif quality == "\u0302":
                code = base + _CIRC_CHAR[tone]
            elif quality == "\u0306":
                code = base + _BREVE_CHAR[tone]
            else:
                code = base + _TONE_CHAR[tone]
        out.append(code.upper() if upper else code)
    return "".join(out)


# Strings seen in real files and converters (input-data.md §2, public converter docs).
REAL_TCVN3 = [
    ("TrÇn V¨n §øc", "Trần Văn Đức"),
    ("B¶o Th¾ng", "Bảo Thắng"),
    ("M\u00adêng Kh\u00ad¬ng", "Mường Khương"),
    ("B¸t X¸t", "Bát Xát"),
    ("Ninh B×nh", "Ninh Bình"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
]

REAL_VNI = [
    ("Nguyeãn", "Nguyễn"),
    ("tröôøng", "trường"),
    ("ñoàng", "đồng"),
    ("NGUYEÃN THÒ KIM LINH", "NGUYỄN THỊ KIM LINH"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
]


@pytest.mark.parametrize(("legacy", "text"), REAL_TCVN3)
def test_real_tcvn3_strings(legacy: str, text: str) -> None:
    assert to_unicode(legacy, "tcvn3") == text
    assert encode_tcvn3(text) == legacy


@pytest.mark.parametrize(("legacy", "text"), REAL_VNI)
def test_real_vni_strings(legacy: str, text: str) -> None:
    assert to_unicode(legacy, "vni") == text
    assert encode_vni(text) == legacy


def test_lost_soft_hyphen_is_put_back_where_only_u_fits() -> None:
    assert to_unicode("Ph\u00adêng", "tcvn3") == "Phường"
    assert to_unicode("Phêng", "tcvn3") == "Phường"
    assert to_unicode("n\u00adíc", "tcvn3") == "nước"
    assert to_unicode("níc", "tcvn3") == "nước"
    assert to_unicode("r\u00adîu", "tcvn3") == "rượu"
    # "ngời" is a word of its own: no guessing there.
    assert to_unicode("ngêi", "tcvn3") == "ngời"


def test_vntimeh_capitals() -> None:
    assert to_unicode("TRÇN V¡N §øC", "tcvn3") == "TRẦN VĂN ĐỨC"
    assert to_unicode("trÇn v¨n ®øc", "tcvn3", capitals=True) == "TRẦN VĂN ĐỨC"
    assert to_unicode("Lª V¨n B¸", "tcvn3") == "Lê Văn Bá"
    assert to_unicode("NGUYÔN V¡N B¸", "tcvn3") == "NGUYỄN VĂN BÁ"


def test_unicode_vietnamese_is_never_converted() -> None:
    for text in ("Lê Thị Nhã", "Nguyễn Văn Đức", "Phường Hoà Bình", "ĐẮK NÔNG"):
        assert to_unicode(text, "tcvn3") == text
        assert to_unicode(text, "vni") == text


def test_fonts() -> None:
    assert encoding_from_font(".VnTime") == "tcvn3"
    assert encoding_from_font(".VnArialH") == "tcvn3"
    assert encoding_from_font("VNI-Times") == "vni"
    assert encoding_from_font("VNI-Helve") == "vni"
    assert encoding_from_font("Times New Roman") is None
    assert encoding_from_font(None) is None
    assert is_capitals_font(".VnTimeH")
    assert not is_capitals_font("VNI-Times")


NAMES_UNICODE = [
    "Lê Thị Nhã",
    "Nguyễn Văn An",
    "Trần Thị Thu Hà",
    "Phạm Minh Đức",
    "Hoàng Thị Mỹ Lệ",
    "Lê Nhã",
    "Võ Tá Hùng",
]


def test_detect_unicode_column_even_with_a_legacy_font_name() -> None:
    assert detect_encoding(NAMES_UNICODE) == "unicode"
    assert detect_encoding(NAMES_UNICODE, font=".VnTime") == "unicode"
    assert detect_encoding(NAMES_UNICODE, font="VNI-Times") == "unicode"


def test_detect_tcvn3_and_vni_columns_without_font() -> None:
    assert detect_encoding([encode_tcvn3(n) for n in NAMES_UNICODE]) == "tcvn3"
    assert detect_encoding([encode_vni(n) for n in NAMES_UNICODE]) == "vni"


def test_detect_with_font() -> None:
    assert detect_encoding([encode_tcvn3(n) for n in NAMES_UNICODE], ".VnTime") == "tcvn3"
    assert detect_encoding([encode_vni(n) for n in NAMES_UNICODE], "VNI-Times") == "vni"


def test_ascii_or_empty_column_needs_nothing() -> None:
    assert detect_encoding(["Nguyen Van An", "", "123"], font=".VnTime") == "unicode"
    assert detect_encoding([]) == "unicode"


def test_mixed_column_keeps_retyped_unicode_cells() -> None:
    column = [encode_tcvn3(n) for n in NAMES_UNICODE[1:5]] + ["Lê Thị Nhã"]
    encoding = detect_encoding(column, font=".VnTime")
    assert encoding == "tcvn3"
    assert [to_unicode(c, encoding) for c in column] == [*NAMES_UNICODE[1:5], "Lê Thị Nhã"]


# Property tests over generated names --------------------------------------------------

_SYLLABLES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Thị", "Văn", "Hữu", "Đức", "Thành", "Minh", "Ngọc",
    "Thu", "Hương", "Quỳnh", "Trường", "Tuấn", "Nhã", "Thuỷ", "Khoẻ", "Ưng", "Ơn", "Ánh",
    "Yến", "Ổn", "Việt", "Nguyệt", "Khương", "Mường", "Huyền", "Xuân", "Quốc", "Dũng",
]  # fmt: skip
_TCVN3_SAFE = [s for s in _SYLLABLES if s[0].isascii() or s[0] in "ĂÂÊÔƠƯĐ"]

names = st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=4).map(" ".join)
tcvn3_names = st.lists(st.sampled_from(_TCVN3_SAFE), min_size=2, max_size=4).map(" ".join)


@settings(deadline=None)  # no timing in tests
@given(names)
def test_vni_round_trip(name: str) -> None:
    assert to_unicode(encode_vni(name), "vni") == name
    assert to_unicode(encode_vni(name.upper()), "vni") == name.upper()


@settings(deadline=None)  # no timing in tests
@given(tcvn3_names)
def test_tcvn3_round_trip(name: str) -> None:
    assert to_unicode(encode_tcvn3(name), "tcvn3") == name


@settings(deadline=None)  # no timing in tests
@given(st.lists(names, min_size=3, max_size=20))
def test_unicode_columns_detected_as_unicode(column: list[str]) -> None:
    assert detect_encoding(column) == "unicode"


def _reads_as_unicode(cell: str) -> bool:
    return all(is_plausible_syllable(w) for w in cell.split() if not w.isascii())


def _check_detection(encoded: list[str], encoding: str) -> None:
    found = detect_encoding(encoded)
    # Never the other legacy encoding. "unicode" (left alone) only when converting would
    # be a guess: every cell also reads as valid Vietnamese as it is ("Phan Thò" is VNI
    # for Phan Thị and also a Unicode word), or reads equally well in the other legacy
    # encoding ("Thuû" is Thuỷ in TCVN3 and Thủ in VNI).
    assert found in (encoding, "unicode")
    if found == "unicode":
        other = "vni" if encoding == "tcvn3" else "tcvn3"
        as_is = all(_reads_as_unicode(c) for c in encoded)
        as_other = all(_reads_as_unicode(to_unicode(c, other)) for c in encoded)  # type: ignore[arg-type]
        assert as_is or as_other


@settings(deadline=None)  # no timing in tests
@given(st.lists(names, min_size=3, max_size=20))
def test_vni_columns_detected(column: list[str]) -> None:
    _check_detection([encode_vni(n) for n in column], "vni")


@settings(deadline=None)  # no timing in tests
@given(st.lists(tcvn3_names, min_size=3, max_size=20))
def test_tcvn3_columns_detected(column: list[str]) -> None:
    _check_detection([encode_tcvn3(n) for n in column], "tcvn3")


def test_convert_column_reports_each_changed_cell() -> None:
    column = ["TRÇN V¡N §øC", None, "Lª ThÞ Nh·", "Nguyen Van An", ""]
    result = convert_column(column, font=".VnTimeH")
    assert result.encoding == "tcvn3"
    assert result.values == ("TRẦN VĂN ĐỨC", None, "LÊ THỊ NHÃ", "NGUYEN VAN AN", "")
    assert result.changed == (0, 2, 3)


def test_convert_column_leaves_unicode_alone() -> None:
    column = ["Lê Thị Nhã", "Trần Văn Đức", "Lê Nhã"]
    result = convert_column(column, font=".VnTime")
    assert result.encoding == "unicode"
    assert result.values == tuple(column)
    assert result.changed == ()


def test_document_numbers_and_abbreviations() -> None:
    assert to_unicode("Sè: 123/Q§-UBND", "tcvn3") == "Số: 123/QĐ-UBND"
    assert to_unicode("Soá: 123/QÑ-UBND", "vni") == "Số: 123/QĐ-UBND"
    column = ["Sè: 123/Q§-UBND", "Uû ban nh©n d©n tØnh §¾k N«ng", "TR\u00a6êNG TIÓU HäC"]
    assert detect_encoding(column) == "tcvn3"
    assert [to_unicode(c, "tcvn3") for c in column] == [
        "Số: 123/QĐ-UBND",
        "Uỷ ban nhân dân tỉnh Đắk Nông",
        "TRƯỜNG TIỂU HỌC",
    ]
    assert detect_encoding(["Soá: 123/QÑ-UBND", "UÛy ban nhaân daân tænh Ñaék Noâng"]) == "vni"
