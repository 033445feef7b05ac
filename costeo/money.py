"""Exact money: the one rounding rule of costeo.

Rule (documented in docs/concepts/money.md):

* Every price, quantity, rate and unit cost is a :class:`decimal.Decimal` kept at full
  precision; floats never enter the model (YAML numbers are read from their text).
* A *budget line* (activity x dimension cell x spending classifier) becomes money exactly once:
  ``target x frequency x unit cost`` rounded to the cent, half away from zero (ROUND_HALF_UP,
  the rule of Excel's ROUND and of the MEF tables).
* Every aggregate (activity, product, program, classifier, segment) is the exact sum of its
  rounded lines, so totals always reconcile to the cent with the lines a user reads.
* Unit costs are rounded only for display; the stored value stays unrounded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext

CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
# 34 significant digits: enough for a national budget (1e12) times ratios with 20 decimals.
PRECISION = 34


def context() -> Context:
    return Context(prec=PRECISION, rounding=ROUND_HALF_UP)


def to_decimal(text: str | int | Decimal) -> Decimal:
    """Parse a decimal from text exactly (no float on the way). Raises ValueError."""
    if isinstance(text, Decimal):
        return text
    if isinstance(text, bool):
        raise ValueError(f"not a number: {text!r}")
    if isinstance(text, int):
        return Decimal(text)
    cleaned = str(text).strip().replace("_", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not a finite number: {text!r}")
    return value


def round_money(value: Decimal) -> Decimal:
    """Round an amount to the cent with the project's rule (half away from zero)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def round_to(value: Decimal, places: int) -> Decimal:
    """Display rounding (unit costs to cents, amounts to the sol): never stored."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def mul(*factors: Decimal) -> Decimal:
    with localcontext(context()):
        result = ONE
        for factor in factors:
            result *= factor
        return +result


def div(numerator: Decimal, denominator: Decimal) -> Decimal:
    with localcontext(context()):
        return numerator / denominator


def total(values: Iterable[Decimal]) -> Decimal:
    with localcontext(context()):
        return sum(values, ZERO)


def split(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split an amount in cents proportionally to weights, losing no cent.

    Largest-remainder method: each part gets its floor in cents, the remaining cents go to
    the parts with the largest remainders (ties to the earliest). The parts always add up
    to ``round_money(amount)`` exactly.
    """
    if not weights:
        raise ValueError("split needs at least one weight")
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    cents = int(round_money(amount) / CENT)
    weight_sum = total(weights)
    if weight_sum == 0:
        raise ValueError("weights add up to zero")
    sign = -1 if cents < 0 else 1
    cents_abs = abs(cents)
    with localcontext(context()):
        exact = [Decimal(cents_abs) * w / weight_sum for w in weights]
    floors = [int(x) for x in exact]
    remaining = cents_abs - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:remaining]:
        floors[i] += 1
    return [Decimal(sign * f) * CENT for f in floors]
