"""Money and numbers in figures: Vietnamese separators, never a silent rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vnadmin_docs.text._errors import TextValueError
from vnadmin_docs.text.money import format_money, format_number, format_percent


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (0, None, "0"),
        (999, None, "999"),
        (1000, None, "1.000"),
        (1_500_000, None, "1.500.000"),
        (Decimal("1234567.5"), None, "1.234.567,5"),
        ("1.234.567,5", None, "1.234.567,5"),
        (Decimal("1234567.50"), None, "1.234.567,50"),
        (Decimal("0.000001"), None, "0,000001"),
        (10**18, None, "1.000.000.000.000.000.000"),
        (-1234, None, "-1.234"),
        (Decimal("2.5"), 2, "2,50"),
        (Decimal("2.50"), 1, "2,5"),
    ],
)
def test_number_figures(value: int | Decimal | str, places: int | None, shown: str) -> None:
    assert format_number(value, places) == shown


def test_money_in_dong() -> None:
    assert format_money(1_500_000) == "1.500.000 đồng"
    assert format_money("1.500.000") == "1.500.000 đồng"
    assert format_money(Decimal("1500000.000")) == "1.500.000 đồng"


def test_money_with_a_dong_marker_in_the_cell() -> None:
    assert format_money("1.500.000đ") == "1.500.000 đồng"
    assert format_money("1.500.000 VNĐ") == "1.500.000 đồng"
    assert format_money("2.000 đồng") == "2.000 đồng"
    with pytest.raises(TextValueError, match="abc đ"):
        format_money("abc đ")


def test_money_with_a_fraction_of_a_dong_is_refused_and_named() -> None:
    with pytest.raises(TextValueError) as info:
        format_money(Decimal("1500000.4"))
    assert "1500000.4" in str(info.value)
    assert "1500000.4" in info.value.localized("en")


def test_more_places_than_allowed_is_refused() -> None:
    with pytest.raises(TextValueError, match="2 chữ số thập phân"):
        format_number(Decimal("1.005"), places=2)


def test_percentages() -> None:
    assert format_percent(Decimal("12.5")) == "12,5%"
    assert format_percent(100) == "100%"
    assert format_percent("0,75") == "0,75%"
    assert format_percent(Decimal("33.3333")) == "33,3333%"
