"""Figures as published: every style an analyst uses reads back to the exact Decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from costeo.review.tables.numbers import from_cell_number, read, vote


@pytest.mark.parametrize(("text", "value", "places"), [
    ("S/ 1,176,161,644", "1176161644", 0),      # es_PE, DOMAIN.md §4.1 total
    ("1.176.161.644", "1176161644", 0),         # es_EC thousands dots
    ("1 176 161 644", "1176161644", 0),         # spaces
    ("1\u00a0176\u00a0161\u00a0644", "1176161644", 0),  # no-break spaces from Excel
    ("1'176,161,644", "1176161644", 0),         # apostrophe for millions
    ("2,55", "2.55", 2),                        # decimal comma
    ("2.55", "2.55", 2),
    ("1.70", "1.70", 2),                        # trailing zero kept: displayed with cents
    ("$ 12.5", "12.5", 1),
    ("$1.234.567,89", "1234567.89", 2),         # es_EC money
    ("S/. 2.40", "2.40", 2),
    ("(1,234.50)", "-1234.50", 2),              # accounting negative
    ("-2.5", "-2.5", 1),
    ("15%", "0.15", 2),
    ("0.01%", "0.0001", 4),                     # ITF
    ("0,125", "0.125", 3),                      # a leading zero cannot group thousands
    ("12345,678", "12345.678", 3),              # five digits cannot be a thousands group
    ("S/ 452.0452", "452.0452", 4),
])
def test_published_styles(text: str, value: str, places: int) -> None:
    reading = read(text)
    assert reading.figure is not None, text
    assert reading.figure.value == Decimal(value)
    assert str(reading.figure.value) == value  # the exact text, places included
    assert reading.figure.places == places


@pytest.mark.parametrize("text", ["", "-", "—", "  ", "s/d"])
def test_missing(text: str) -> None:
    assert read(text).missing


@pytest.mark.parametrize("text", ["abc", "12 abc", "S/ 6 951 734 (ver nota)", "1,23,456",
                                  "1..2", "2,5,5", "1.234,5.6", "12-3", "1 23"])
def test_not_numbers(text: str) -> None:
    assert not read(text).valid


@pytest.mark.parametrize(("text", "decimal", "value"), [
    ("1,234", ".", "1234"), ("1,234", ",", "1.234"),
    ("1.234", ".", "1.234"), ("1.234", ",", "1234"),
    ("(5.194)", ",", "-5194"),
])
def test_one_separator_and_three_digits_is_decided_by_the_column(text: str, decimal: str,
                                                                 value: str) -> None:
    reading = read(text)
    assert reading.ambiguous and reading.figure is None and reading.decimal_mark is None
    assert reading.resolve(decimal).value == Decimal(value)


def test_ambiguous_default_is_a_thousands_separator() -> None:
    assert read("5.194").as_thousands().value == Decimal(5194)
    assert read("5,194").as_thousands().value == Decimal(5194)


def test_vote_counts_what_figures_show() -> None:
    assert vote([read("2.55"), read("1,176,161,644"), read("1.234")]) == "."
    assert vote([read("2,55"), read("1.176.161.644")]) == ","
    assert vote([read("1.234"), read("82142")]) is None
    assert vote([read("2.55"), read("2,55")]) is None  # a tie decides nothing


@pytest.mark.parametrize(("number", "value", "places"), [
    (2.55, "2.55", 2), (1.7, "1.7", 1), (82142.0, "82142", 0), (82142, "82142", 0),
    (40077453.000000004, "40077453", 0), (0.1 + 0.2, "0.3", 1),
])
def test_workbook_numbers_lose_their_binary_noise(number: float, value: str,
                                                  places: int) -> None:
    figure = from_cell_number(number)
    assert figure.value == Decimal(value) and figure.places == places


# --- property: format a Decimal in each published style, read it back exactly ------------

STYLES = {
    # name: (prefix, thousands, decimal)
    "plain": ("", "", "."),
    "es_PE": ("S/ ", ",", "."),
    "es_EC": ("$", ".", ","),
    "spaces": ("", " ", ","),
    "apostrophe": ("", "'", "."),
    "comma_plain": ("", "", ","),
}


def _format(value: Decimal, places: int, style: str, parentheses: bool) -> str:
    prefix, thousands, decimal = STYLES[style]
    text = f"{abs(value):,.{places}f}"  # 1,234.56
    whole, _, frac = text.partition(".")
    whole = whole.replace(",", thousands)
    body = whole + (decimal + frac if places else "")
    if value < 0:
        return f"({prefix}{body})" if parentheses else f"-{prefix}{body}"
    return prefix + body


@given(places=st.integers(0, 4), data=st.data(), style=st.sampled_from(sorted(STYLES)),
       parentheses=st.booleans())
def test_any_decimal_in_any_style_reads_back_exactly(places: int, data: st.DataObject,
                                                     style: str, parentheses: bool) -> None:
    value = data.draw(st.decimals(min_value=-10**12, max_value=10**12, places=places,
                                  allow_nan=False, allow_infinity=False))
    text = _format(value, places, style, parentheses)
    reading = read(text)
    assert reading.valid, text
    figure = reading.resolve(STYLES[style][2])
    assert figure.value == value, text
    assert figure.places == places, text
    if reading.decimal_mark is not None:  # what a figure shows agrees with its style
        assert reading.decimal_mark == STYLES[style][2], text
