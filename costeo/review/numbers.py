"""Arithmetic a reviewer needs: display rounding, round figures, chance of landing on one."""

from __future__ import annotations

from decimal import Decimal

from costeo.money import ZERO, div, mul
from costeo.review.findings import places_of
from costeo.review.subject import BudgetRow

HALF = Decimal("0.5")


def half_unit(places: int) -> Decimal:
    """Half a unit of the last place: the most display rounding can move a figure."""
    return HALF * Decimal(1).scaleb(-places)


def trailing_zeros(value: Decimal) -> int:
    """Power of ten a whole figure is a multiple of (``1500000`` → 5); 0 with cents."""
    if value == 0 or value != value.to_integral_value():
        return 0
    digits = str(abs(int(value)))
    return len(digits) - len(digits.rstrip("0"))


def is_whole(value: Decimal, places: int) -> bool:
    """True when the value is exactly representable with ``places`` decimals."""
    return value == value.quantize(Decimal(1).scaleb(-places)) if places < 30 else True


def amount_places(amount: Decimal) -> int:
    """Decimals an amount is stated with: 0 for whole currency units, 2 with cents."""
    return places_of(amount)


def unit_cost_tolerance(displayed: Decimal, decimals: int | None, amount: Decimal,
                        production: Decimal, parts: int = 1) -> Decimal:
    """How far the implied unit cost may be from the displayed one from rounding alone.

    The displayed unit cost carries half a unit of its last place; the amount, rounded to its
    own last place (``parts`` times when it sums separately rounded lines), moves the implied
    unit cost by at most that rounding ÷ production.
    """
    shown = decimals if decimals is not None else places_of(displayed, 34)
    display = half_unit(shown) if shown < 30 else ZERO
    amount_rounding = mul(half_unit(amount_places(amount)), Decimal(max(parts, 1)))
    return display + (div(amount_rounding, production) if production else ZERO)


def chance_of_round(power: int, resolution: Decimal) -> Decimal:
    """Probability that a figure known to ``resolution`` lands on a multiple of 10^power."""
    step = Decimal(10) ** power
    return min(Decimal(1), div(2 * resolution, step)) if resolution > 0 else div(
        Decimal("0.01"), step)


def effective_unit_cost(row: BudgetRow) -> Decimal | None:
    """A row's unit cost as its figures imply it (amount ÷ production), else as displayed."""
    if row.amount is not None and row.target:
        production = mul(row.target, row.factor)
        if production:
            return div(row.amount, production)
    return row.unit_cost
