"""Numbers in words: a hand-checked table plus an exact inverse over the whole range."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from vnadmin_docs.text._errors import TextValueError
from vnadmin_docs.text.numbers import (
    NumberStyle,
    amount_in_words,
    number_in_words,
    ordinal_in_words,
    parse_number,
)

# Each line checked by hand against how amounts are written in official documents
# ("Bằng chữ: ..."): inner groups keep "không trăm", "linh" for a zero tens digit,
# "mốt"/"tư"/"lăm" only after "mươi" ("lăm" also after "mười").
CARDINALS: list[tuple[int | str | Decimal, str]] = [
    (0, "không"),
    (1, "một"),
    (4, "bốn"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (19, "mười chín"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (30, "ba mươi"),
    (31, "ba mươi mốt"),
    (44, "bốn mươi tư"),
    (45, "bốn mươi lăm"),
    (55, "năm mươi lăm"),
    (69, "sáu mươi chín"),
    (71, "bảy mươi mốt"),
    (99, "chín mươi chín"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (124, "một trăm hai mươi tư"),
    (200, "hai trăm"),
    (305, "ba trăm linh năm"),
    (999, "chín trăm chín mươi chín"),
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"),
    (1015, "một nghìn không trăm mười lăm"),
    (1021, "một nghìn không trăm hai mươi mốt"),
    (1100, "một nghìn một trăm"),
    (1999, "một nghìn chín trăm chín mươi chín"),
    (2000, "hai nghìn"),
    (2023, "hai nghìn không trăm hai mươi ba"),
    (2024, "hai nghìn không trăm hai mươi tư"),
    (2025, "hai nghìn không trăm hai mươi lăm"),
    (10_000, "mười nghìn"),
    (10_500, "mười nghìn năm trăm"),
    (15_000, "mười lăm nghìn"),
    (21_000, "hai mươi mốt nghìn"),
    (25_000, "hai mươi lăm nghìn"),
    (100_000, "một trăm nghìn"),
    (105_000, "một trăm linh năm nghìn"),
    (250_000, "hai trăm năm mươi nghìn"),
    (1_000_000, "một triệu"),
    (1_000_050, "một triệu không trăm năm mươi"),
    (1_000_500, "một triệu năm trăm"),
    (1_001_000, "một triệu không trăm linh một nghìn"),
    (1_010_000, "một triệu không trăm mười nghìn"),
    (1_500_000, "một triệu năm trăm nghìn"),
    (1_234_567, "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy"),
    (15_000_000, "mười lăm triệu"),
    (21_500_000, "hai mươi mốt triệu năm trăm nghìn"),
    (100_000_000, "một trăm triệu"),
    (1_000_000_000, "một tỷ"),
    (1_000_000_005, "một tỷ không trăm linh năm"),
    (1_005_000_000, "một tỷ không trăm linh năm triệu"),
    (1_500_000_000, "một tỷ năm trăm triệu"),
    (2_000_000_001, "hai tỷ không trăm linh một"),
    (10_000_000_000, "mười tỷ"),
    (25_000_000_000, "hai mươi lăm tỷ"),
    (
        123_456_789_012,
        "một trăm hai mươi ba tỷ bốn trăm năm mươi sáu triệu bảy trăm tám mươi chín nghìn "
        "không trăm mười hai",
    ),
    (10**12, "một nghìn tỷ"),
    (1_500_000_000_000, "một nghìn năm trăm tỷ"),
    (1_001_000_000_000, "một nghìn không trăm linh một tỷ"),
    (10**15, "một triệu tỷ"),
    (10**18, "một tỷ tỷ"),
    (
        10**18 - 1,
        "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín "
        "tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi "
        "chín",
    ),
    (-15, "âm mười lăm"),
    (-1000, "âm một nghìn"),
    (-(10**18), "âm một tỷ tỷ"),
    ("1.000.000.000.000.000", "một triệu tỷ"),
    ("1,05", "một phẩy không năm"),
    ("1,5", "một phẩy năm"),
    ("0,5", "không phẩy năm"),
    ("12,25", "mười hai phẩy hai năm"),
    ("-0,75", "âm không phẩy bảy năm"),
    (Decimal("1234567.5"), "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy phẩy năm"),
    (Decimal("3.14"), "ba phẩy một bốn"),
    (Decimal("2.50"), "hai phẩy năm không"),
    ("1.234.567,89", "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy phẩy tám chín"),
    ("1.5", "một phẩy năm"),
]


@pytest.mark.parametrize(("value", "words"), CARDINALS, ids=[str(v) for v, _ in CARDINALS])
def test_cardinal_table(value: int | str | Decimal, words: str) -> None:
    assert number_in_words(value) == words


def test_table_is_large_enough() -> None:
    assert len(CARDINALS) + len(STYLED) + len(ORDINALS) + len(AMOUNTS) >= 80


STYLED: list[tuple[int, NumberStyle, str]] = [
    (105, NumberStyle(zero_tens="lẻ"), "một trăm lẻ năm"),
    (1001, NumberStyle(zero_tens="lẻ"), "một nghìn không trăm lẻ một"),
    (24, NumberStyle(four="bốn"), "hai mươi bốn"),
    (14, NumberStyle(four="bốn"), "mười bốn"),
    (1000, NumberStyle(thousand="ngàn"), "một ngàn"),
    (2024, NumberStyle(thousand="ngàn", four="bốn"), "hai ngàn không trăm hai mươi bốn"),
    (10**12, NumberStyle(thousand="ngàn"), "một ngàn tỷ"),
]


@pytest.mark.parametrize(("value", "style", "words"), STYLED)
def test_regional_options(value: int, style: NumberStyle, words: str) -> None:
    assert number_in_words(value, style) == words


ORDINALS = [
    (1, "thứ nhất"),
    (2, "thứ hai"),
    (3, "thứ ba"),
    (4, "thứ tư"),
    (5, "thứ năm"),
    (10, "thứ mười"),
    (11, "thứ mười một"),
    (14, "thứ mười bốn"),
    (21, "thứ hai mươi mốt"),
    (24, "thứ hai mươi tư"),
    (100, "thứ một trăm"),
]


@pytest.mark.parametrize(("value", "words"), ORDINALS)
def test_ordinals(value: int, words: str) -> None:
    assert ordinal_in_words(value) == words


def test_ordinal_four_stays_tu_with_bon_style() -> None:
    assert ordinal_in_words(4, NumberStyle(four="bốn")) == "thứ tư"


AMOUNTS: list[tuple[int | str | Decimal, dict[str, object], str]] = [
    (1_500_000, {}, "Một triệu năm trăm nghìn đồng"),
    (1_500_000, {"even": True}, "Một triệu năm trăm nghìn đồng chẵn"),
    ("2.500.000", {}, "Hai triệu năm trăm nghìn đồng"),
    (Decimal("1005000.00"), {}, "Một triệu không trăm linh năm nghìn đồng"),
    (0, {}, "Không đồng"),
    (-50_000, {}, "Âm năm mươi nghìn đồng"),
    (15_000, {"capitalize": False}, "mười lăm nghìn đồng"),
    ("12,5", {"unit": "đô la Mỹ"}, "Mười hai phẩy năm đô la Mỹ"),
    (1_000_000_000, {"even": True}, "Một tỷ đồng chẵn"),
]


@pytest.mark.parametrize(("value", "options", "words"), AMOUNTS)
def test_amounts_for_bang_chu(
    value: int | str | Decimal, options: dict[str, object], words: str
) -> None:
    assert amount_in_words(value, **options) == words  # type: ignore[arg-type]


def test_even_refused_for_fractional_amount() -> None:
    with pytest.raises(TextValueError, match="1500000,5"):
        amount_in_words("1500000,5", even=True)


@pytest.mark.parametrize("bad", ["12a", "1,2,3", "1.23.4", "", "--5", float("nan"), True])
def test_bad_input_names_the_value(bad: object) -> None:
    with pytest.raises(TextValueError) as info:
        number_in_words(bad)  # type: ignore[arg-type]
    assert info.value.value == bad or bad != bad


def test_out_of_range_is_an_error_not_wrong_words() -> None:
    with pytest.raises(TextValueError, match="10\\^18"):
        number_in_words(10**18 + 1)


def test_large_float_refused_because_digits_may_be_lost() -> None:
    with pytest.raises(TextValueError):
        number_in_words(float(2**53 + 2))
    assert number_in_words(1.5) == "một phẩy năm"


def test_text_reading_is_vietnamese() -> None:
    assert parse_number("1.500") == Decimal(1500)
    assert parse_number("1 500 000") == Decimal(1500000)
    assert parse_number("−7") == Decimal(-7)


# num2words entry point ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "words"),
    [
        ({"number": 2023}, "hai nghìn không trăm hai mươi ba"),
        ({"number": 1010}, "một nghìn không trăm mười"),
        ({"number": 1_000_050}, "một triệu không trăm năm mươi"),
        ({"number": Decimal("1.5")}, "một phẩy năm"),
        ({"number": Decimal("1.05")}, "một phẩy không năm"),
        ({"number": -15}, "âm mười lăm"),
        ({"number": 10**15}, "một triệu tỷ"),
        ({"number": 2**53 + 1}, number_in_words(2**53 + 1)),
        ({"number": 3, "to": "ordinal"}, "thứ ba"),
        ({"number": 3, "to": "ordinal_num"}, "thứ 3"),
        ({"number": 2026, "to": "year"}, "hai nghìn không trăm hai mươi sáu"),
        ({"number": 1_500_000, "to": "currency"}, "một triệu năm trăm nghìn đồng"),
        ({"number": 105, "zero_tens": "lẻ"}, "một trăm lẻ năm"),
        ({"number": "2.5"}, "hai phẩy năm"),
    ],
)
def test_num2words_vi_uses_corrected_converter(call: dict[str, object], words: str) -> None:
    assert num2words(lang="vi", **call) == words


def test_num2words_other_currency_not_pretended() -> None:
    with pytest.raises(NotImplementedError):
        num2words(5, lang="vi", to="currency", currency="USD")


# Property: an independent reader of the words gives back the number ---------------------

_UNITS = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5,
    "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip


def _read_group(tokens: list[str]) -> int:
    value = 0
    i = 0
    if len(tokens) >= 2 and tokens[1] == "trăm":
        value += 100 * _UNITS[tokens[0]]
        i = 2
    rest = tokens[i:]
    if rest[:1] == ["linh"]:
        assert len(rest) == 2 and rest[1] in {
            "một",
            "hai",
            "ba",
            "bốn",
            "năm",
            "sáu",
            "bảy",
            "tám",
            "chín",
        }
        return value + _UNITS[rest[1]]
    if rest[:1] == ["mười"]:
        value += 10
        rest = rest[1:]
        assert rest[:1] != ["mốt"] and rest[:1] != ["tư"] and rest[:1] != ["năm"]
    elif len(rest) >= 2 and rest[1] == "mươi":
        value += 10 * _UNITS[rest[0]]
        rest = rest[2:]
        assert rest[:1] not in (["một"], ["năm"])
    else:
        assert rest[:1] not in (["mốt"], ["lăm"], ["tư"])
    if rest:
        assert len(rest) == 1
        value += _UNITS[rest[0]]
    return value


def _read_below_billion(tokens: list[str]) -> int:
    total = 0
    for word, scale in (("triệu", 10**6), ("nghìn", 10**3)):
        if word in tokens:
            i = tokens.index(word)
            total += _read_group(tokens[:i]) * scale
            tokens = tokens[i + 1 :]
    return total + (_read_group(tokens) if tokens else 0)


def _read(words: str) -> int:
    tokens = words.split(" ")
    sign = 1
    if tokens[0] == "âm":
        sign, tokens = -1, tokens[1:]
    if "tỷ" in tokens:
        i = len(tokens) - 1 - tokens[::-1].index("tỷ")
        return sign * (_read(" ".join(tokens[:i])) * 10**9 + _read_below_billion(tokens[i + 1 :]))
    return sign * _read_below_billion(tokens)


@settings(deadline=None)  # no timing in tests
@given(st.integers(min_value=-(10**18), max_value=10**18))
def test_words_read_back_to_the_same_integer(n: int) -> None:
    words = number_in_words(n)
    assert "  " not in words
    if n:
        assert _read(words) == n


@settings(deadline=None)  # no timing in tests
@given(st.integers(min_value=1, max_value=10**18))
def test_inner_groups_always_say_their_hundreds(n: int) -> None:
    # Every group after the first names its hundreds, so the word count of hundreds
    # equals the number of non-zero groups after the leading one.
    words = number_in_words(n).split()
    groups = [int(str(n)[::-1][i : i + 3][::-1]) for i in range(0, len(str(n)), 3)]
    inner_nonzero = sum(1 for g in groups[:-1] if g)
    leading_has_hundreds = groups[-1] >= 100
    assert words.count("trăm") == inner_nonzero + leading_has_hundreds


@settings(deadline=None)  # no timing in tests
@given(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.text(alphabet="0123456789", min_size=1, max_size=6),
)
def test_fraction_digits_each_read(whole: int, frac: str) -> None:
    value = Decimal(f"{whole}.{frac}")
    words = number_in_words(value)
    _, _, after = words.partition(" phẩy ")
    assert [_UNITS[w] for w in after.split()] == [int(d) for d in frac]
