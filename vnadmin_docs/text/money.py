"""Numbers, money and percentages in Vietnamese figures (through Babel's ``vi`` locale).

"." groups thousands and "," is the decimal comma: 1.500.000 đồng; 1.234.567,5; 12,5%.

Amounts are never rounded silently. Each function takes ``places``: ``None`` prints every
digit the value has; a number prints exactly that many decimals, and a value that would
need rounding to fit raises :class:`~vnadmin_docs.text._errors.TextValueError` naming the
value. (An amount on an official document that differs from the data by a rounding is an
error the clerk must see; see docs/dev/numbers-in-words.md.)
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal

from vnadmin_docs.text._errors import TextValueError
from vnadmin_docs.text.numbers import parse_amount, parse_number

__all__ = ["format_money", "format_number", "format_percent"]

_LOCALE = "vi"


def _fit(number: Decimal, places: int | None, original: object) -> Decimal:
    if places is None:
        return number
    if places < 0:
        raise ValueError(f"places must be >= 0, not {places}")
    fitted = number.quantize(Decimal(1).scaleb(-places))
    if fitted != number:
        raise TextValueError(
            original,
            f"Giá trị {original} có nhiều hơn {places} chữ số thập phân; chương trình không tự "
            "làm tròn. Hãy sửa dữ liệu hoặc cho phép thêm chữ số thập phân.",
            f"The value {original} has more than {places} decimal place(s); it is not rounded "
            "automatically. Correct the data or allow more decimal places.",
        )
    return fitted


def _figures(number: Decimal, places: int | None) -> str:
    if places is None:
        # As given: Decimal("2.50") keeps its two places.
        exponent = number.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    pattern = "#,##0" if not places else "#,##0." + "0" * places
    return format_decimal(number, format=pattern, locale=_LOCALE, decimal_quantization=False)


def format_number(value: int | Decimal | str | float, places: int | None = None) -> str:
    """A number in Vietnamese figures.

    >>> format_number(1234567)
    '1.234.567'
    >>> format_number("1234567.5")
    '1.234.567,5'
    >>> format_number(Decimal("0.125"))
    '0,125'
    >>> format_number(Decimal("1234567.50"))
    '1.234.567,50'
    >>> format_number(Decimal("2.5"), places=2)
    '2,50'
    >>> format_number(Decimal("2.555"), places=2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vnadmin_docs.text._errors.TextValueError: Giá trị 2.555 có nhiều hơn 2 chữ số thập phân; ...
    """
    number = _fit(parse_number(value), places, value)
    return _figures(number, places)


def format_money(
    value: int | Decimal | str | float, unit: str = "đồng", places: int | None = 0
) -> str:
    """An amount with its unit: "1.500.000 đồng".

    ``places`` defaults to 0 because the đồng has no subunit in use: an amount with a
    fractional part raises instead of being rounded. Zeros after the comma are fine.

    >>> format_money(1500000)
    '1.500.000 đồng'
    >>> format_money("1.500.000,00")
    '1.500.000 đồng'
    >>> format_money(-250000), format_money("250000đ")
    ('-250.000 đồng', '250.000 đồng')
    >>> format_money(Decimal("12.5"), unit="USD", places=2)
    '12,50 USD'
    >>> format_money(Decimal("1500000.5"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vnadmin_docs.text._errors.TextValueError: Giá trị 1500000.5 có nhiều hơn 0 chữ số thập phân; ...
    """
    number = _fit(parse_amount(value), places, value)
    return f"{_figures(number, places)} {unit}"


def format_percent(value: int | Decimal | str | float, places: int | None = None) -> str:
    """A percentage; ``value`` is in percent (12.5 means 12,5%), written without a space.

    >>> format_percent(Decimal("12.5"))
    '12,5%'
    >>> format_percent(100)
    '100%'
    >>> format_percent("7", places=1)
    '7,0%'
    """
    return f"{format_number(value, places)}%"
