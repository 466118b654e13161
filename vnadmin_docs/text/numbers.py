"""Numbers in Vietnamese words, as official documents write them.

Integers from -10^18 to 10^18 and decimals given as :class:`~decimal.Decimal`, ``int`` or
text are read exactly (no float rounding). The rules, each visible in the examples:

* inner groups keep their hundreds: 2023 → "hai nghìn không trăm hai mươi ba";
* a zero tens digit after hundreds reads "linh" (or "lẻ"): 105 → "một trăm linh năm";
* units after "mươi": 1 → "mốt", 4 → "tư" (or "bốn"), 5 → "lăm"; after "mười": 5 → "lăm";
* groups of three: "nghìn" (or "ngàn"), "triệu", "tỷ"; above a billion the part before
  "tỷ" is read as a number of its own: 10^12 → "một nghìn tỷ", 10^15 → "một triệu tỷ";
* "âm" for negatives; "phẩy" and then every digit after the comma: "1,05" → "một phẩy
  không năm".

Importing this module also registers :class:`Num2WordsVietnamese` as num2words' converter
for ``lang="vi"`` (the converter num2words 0.5.14 ships gets about a quarter of common
amounts wrong; see docs/dev/numbers-in-words.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import num2words as _num2words_pkg

from vnadmin_docs.text._errors import TextValueError

__all__ = [
    "MAX_ABS_INTEGER",
    "Num2WordsVietnamese",
    "NumberStyle",
    "amount_in_words",
    "number_in_words",
    "ordinal_in_words",
    "parse_amount",
    "parse_number",
    "register_num2words",
]

#: Largest absolute value of the integer part this module reads (10^18, "một tỷ tỷ").
MAX_ABS_INTEGER = 10**18

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 10**9
# A float above 2**53 may already have lost digits before it reaches us.
_FLOAT_EXACT_LIMIT = 2**53


@dataclass(frozen=True)
class NumberStyle:
    """Regional choices when reading numbers; the defaults are the usual official ones.

    ``zero_tens``: "linh" (default) or "lẻ" (105 → "một trăm lẻ năm").
    ``four``: "tư" (default) or "bốn" for a 4 after "mươi" (24 → "hai mươi bốn").
    ``thousand``: "nghìn" (default) or "ngàn".

    >>> NumberStyle(zero_tens="lẻ").zero_tens
    'lẻ'
    >>> NumberStyle(four="bon")
    Traceback (most recent call last):
    ...
    ValueError: four must be 'tư' or 'bốn', not 'bon'
    """

    zero_tens: str = "linh"
    four: str = "tư"
    thousand: str = "nghìn"

    def __post_init__(self) -> None:
        allowed = {
            "zero_tens": ("linh", "lẻ"),
            "four": ("tư", "bốn"),
            "thousand": ("nghìn", "ngàn"),
        }
        for name, choices in allowed.items():
            value = getattr(self, name)
            if value not in choices:
                raise ValueError(f"{name} must be {choices[0]!r} or {choices[1]!r}, not {value!r}")


DEFAULT_STYLE = NumberStyle()

_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_PLAIN = re.compile(r"\d+")
_DECIMAL_POINT = re.compile(r"\d+\.\d+")


def _bad_number(value: object) -> TextValueError:
    return TextValueError(
        value,
        f"“{value}” không phải là một số viết được bằng chữ "
        "(ví dụ hợp lệ: 1500000, 1.500.000, 1.234.567,5).",
        f"“{value}” is not a number that can be written in words "
        "(valid examples: 1500000, 1.500.000, 1.234.567,5).",
    )


def _parse_text(text: str) -> Decimal:
    s = text.strip().replace("\u2212", "-")
    for space in (" ", "\u00a0", "\u202f"):
        s = s.replace(space, "")
    sign = ""
    if s and s[0] in "+-":
        sign, s = ("-" if s[0] == "-" else ""), s[1:]
    if s.count(",") == 1:
        whole, frac = s.split(",")
        if not (_GROUPED.fullmatch(whole) or _PLAIN.fullmatch(whole)) or not _PLAIN.fullmatch(frac):
            raise _bad_number(text)
        return Decimal(sign + whole.replace(".", "") + "." + frac)
    if "," in s:
        raise _bad_number(text)
    if _GROUPED.fullmatch(s):
        # Vietnamese grouping wins: "1.500" is one thousand five hundred.
        return Decimal(sign + s.replace(".", ""))
    if _PLAIN.fullmatch(s) or _DECIMAL_POINT.fullmatch(s):
        return Decimal(sign + s)
    raise _bad_number(text)


def parse_number(value: int | Decimal | str | float) -> Decimal:
    """The exact decimal value of ``value``.

    Text is read in Vietnamese notation: "." groups thousands and "," is the decimal
    comma ("1.234.567,5"); a single "." followed by other than three digits is taken as a
    decimal point ("1.5"). Floats are taken by their shortest repr (what was typed in YAML
    or JSON) and refused above 2^53, where digits may already be lost.

    >>> parse_number("1.234.567,5")
    Decimal('1234567.5')
    >>> parse_number("1.500")
    Decimal('1500')
    >>> parse_number("-1,05")
    Decimal('-1.05')
    >>> parse_number(0.1)
    Decimal('0.1')
    >>> parse_number("12a")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vnadmin_docs.text._errors.TextValueError: “12a” không phải là một số viết được bằng chữ ...
    """
    if isinstance(value, bool):
        raise _bad_number(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _bad_number(value)
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _bad_number(value)
        if abs(value) >= _FLOAT_EXACT_LIMIT:
            raise TextValueError(
                value,
                f"Số {value!r} quá lớn để ghi dưới dạng số thực; hãy nhập dưới dạng văn bản "
                "hoặc số nguyên để không mất chữ số.",
                f"{value!r} is too large for a float; give it as text or an integer so no "
                "digit is lost.",
            )
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            return _parse_text(value)
        except InvalidOperation:
            raise _bad_number(value) from None
    raise _bad_number(value)


_CURRENCY_SUFFIX = re.compile(r"\s*(?:đồng|vnđ|vnd|đ|₫)\.?\s*$", re.IGNORECASE)


def parse_amount(value: int | Decimal | str | float) -> Decimal:
    """Like :func:`parse_number`, also accepting a đồng marker after the figures.

    >>> parse_amount("1.500.000đ"), parse_amount("1.500.000 VNĐ"), parse_amount("2.000 đồng")
    (Decimal('1500000'), Decimal('1500000'), Decimal('2000'))
    """
    if isinstance(value, str):
        stripped = _CURRENCY_SUFFIX.sub("", value)
        if stripped != value:
            try:
                return parse_number(stripped)
            except TextValueError:
                raise _bad_number(value) from None
    return parse_number(value)


def _group_words(n: int, full: bool, style: NumberStyle) -> list[str]:
    """Words of a three-digit group; ``full`` keeps "không trăm" (inner groups)."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append(style.zero_tens)
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units == 1:
            words.append("mốt")
        elif units == 4:
            words.append(style.four)
        elif units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    return words


def _below_billion(n: int, leading: bool, style: NumberStyle) -> list[str]:
    words: list[str] = []
    first = leading
    groups = ((n // 1_000_000, "triệu"), (n // 1000 % 1000, style.thousand), (n % 1000, ""))
    for value, label in groups:
        if value:
            words += _group_words(value, full=not first, style=style)
            if label:
                words.append(label)
            first = False
    return words


def _integer_words(n: int, leading: bool, style: NumberStyle) -> list[str]:
    if n >= _BILLION:
        # The part before "tỷ" is a number of its own: 10^15 is "một triệu tỷ".
        high, low = divmod(n, _BILLION)
        words = [*_integer_words(high, leading, style), "tỷ"]
        if low:
            words += _below_billion(low, False, style)
        return words
    return _below_billion(n, leading, style)


def _check_range(value: Decimal, original: object) -> None:
    if abs(value) > MAX_ABS_INTEGER:
        raise TextValueError(
            original,
            f"Số {original} vượt quá giới hạn đọc thành chữ (±10^18).",
            f"{original} is beyond the range that can be written in words (±10^18).",
        )


def number_in_words(value: int | Decimal | str | float, style: NumberStyle = DEFAULT_STYLE) -> str:
    """The number in lower-case Vietnamese words (cardinal).

    >>> number_in_words(2023)
    'hai nghìn không trăm hai mươi ba'
    >>> number_in_words(105)
    'một trăm linh năm'
    >>> number_in_words(105, NumberStyle(zero_tens="lẻ"))
    'một trăm lẻ năm'
    >>> number_in_words(24), number_in_words(24, NumberStyle(four="bốn"))
    ('hai mươi tư', 'hai mươi bốn')
    >>> number_in_words(10**15)
    'một triệu tỷ'
    >>> number_in_words("1,05")
    'một phẩy không năm'
    >>> number_in_words(Decimal("-15"))
    'âm mười lăm'
    """
    number = parse_number(value)
    _check_range(number, value)
    negative = number < 0
    text = format(abs(number), "f")
    whole_text, _, frac_text = text.partition(".")
    whole = int(whole_text)
    words = _integer_words(whole, True, style) if whole else [_DIGITS[0]]
    if frac_text:
        words += ["phẩy", *(_DIGITS[int(d)] for d in frac_text)]
    if negative and (whole or frac_text.strip("0")):
        words.insert(0, "âm")
    return " ".join(words)


def ordinal_in_words(value: int | str, style: NumberStyle = DEFAULT_STYLE) -> str:
    """The ordinal: "thứ nhất", "thứ hai", "thứ tư", then "thứ" + the cardinal.

    >>> [ordinal_in_words(n) for n in (1, 2, 4, 10, 21)]
    ['thứ nhất', 'thứ hai', 'thứ tư', 'thứ mười', 'thứ hai mươi mốt']
    >>> ordinal_in_words(0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vnadmin_docs.text._errors.TextValueError: Số thứ tự phải là số nguyên từ 1 trở lên, ...
    """
    number = parse_number(value)
    if number != number.to_integral_value() or number < 1:
        raise TextValueError(
            value,
            f"Số thứ tự phải là số nguyên từ 1 trở lên, không phải {value}.",
            f"An ordinal must be a whole number from 1 up, not {value}.",
        )
    n = int(number)
    if n == 1:
        return "thứ nhất"
    if n == 4:
        # "thứ tư" is the only form, whatever the style says for "hai mươi tư".
        return "thứ tư"
    return "thứ " + number_in_words(n, style)


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def amount_in_words(
    value: int | Decimal | str | float,
    *,
    unit: str = "đồng",
    even: bool = False,
    capitalize: bool = True,
    style: NumberStyle = DEFAULT_STYLE,
) -> str:
    """An amount of money in words, as after "Bằng chữ:".

    ``even`` adds "chẵn" (whole amounts only); ``capitalize`` upper-cases the first
    letter. Zeros after the decimal comma are dropped (1500000,00 is a whole amount);
    other decimals are read with "phẩy".

    >>> amount_in_words(1_500_000)
    'Một triệu năm trăm nghìn đồng'
    >>> amount_in_words("1.500.000", even=True)
    'Một triệu năm trăm nghìn đồng chẵn'
    >>> amount_in_words(Decimal("1005000.00"), capitalize=False)
    'một triệu không trăm linh năm nghìn đồng'
    >>> amount_in_words("12,5", unit="đô la Mỹ")
    'Mười hai phẩy năm đô la Mỹ'
    >>> amount_in_words("250.000đ")
    'Hai trăm năm mươi nghìn đồng'
    """
    number = parse_amount(value)
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    elif even:
        raise TextValueError(
            value,
            f"Số tiền {value} có phần thập phân nên không thể ghi “chẵn”.",
            f"The amount {value} has a fractional part, so it cannot be written as even (“chẵn”).",
        )
    words = number_in_words(number, style) + " " + unit
    if even:
        words += " chẵn"
    return _capitalize(words) if capitalize else words


class Num2WordsVietnamese:
    """num2words converter for ``lang="vi"`` backed by this module.

    Registered on import, so ``num2words(n, lang="vi", to=...)`` gives the same words as
    :func:`number_in_words`. Keyword options: ``zero_tens``, ``four``, ``thousand``
    (see :class:`NumberStyle`).

    >>> from num2words import num2words
    >>> num2words(2023, lang="vi")
    'hai nghìn không trăm hai mươi ba'
    >>> num2words(4, lang="vi", to="ordinal")
    'thứ tư'
    >>> num2words(1500000, lang="vi", to="currency")
    'một triệu năm trăm nghìn đồng'
    >>> num2words("1.05", lang="vi")
    'một phẩy không năm'
    """

    def str_to_number(self, value: str) -> Decimal:
        """Text as num2words means it: a Python decimal literal ("1.05")."""
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            raise _bad_number(value) from None

    @staticmethod
    def _style(options: dict[str, str]) -> NumberStyle:
        return NumberStyle(**options)

    def to_cardinal(self, number: int | Decimal | float, **options: str) -> str:
        """Cardinal words."""
        return number_in_words(number, self._style(options))

    def to_ordinal(self, number: int | Decimal, **options: str) -> str:
        """Ordinal words ("thứ nhất")."""
        return ordinal_in_words(int(number), self._style(options))

    def to_ordinal_num(self, number: int | Decimal, **options: str) -> str:
        """Ordinal with digits ("thứ 3")."""
        ordinal_in_words(int(number))  # same validation
        return f"thứ {int(number)}"

    def to_year(self, number: int | Decimal, **options: str) -> str:
        """A year is read as a cardinal: 2023 → "hai nghìn không trăm hai mươi ba"."""
        return number_in_words(number, self._style(options))

    def to_currency(
        self,
        val: int | Decimal | float,
        currency: str = "VND",
        cents: bool = True,
        separator: str = ",",
        adjective: bool = False,
        **options: str,
    ) -> str:
        """Amount in đồng (only VND is supported), lower case."""
        if currency.upper() != "VND":
            raise NotImplementedError(f'Currency code "{currency}" not implemented for "vi"')
        return amount_in_words(val, capitalize=False, style=self._style(options))


def register_num2words() -> None:
    """Make ``num2words(..., lang="vi")`` use :class:`Num2WordsVietnamese` (idempotent).

    >>> register_num2words()
    >>> from num2words import num2words
    >>> num2words(21, lang="vi")
    'hai mươi mốt'
    """
    _num2words_pkg.CONVERTER_CLASSES["vi"] = Num2WordsVietnamese()


register_num2words()
