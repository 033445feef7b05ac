"""Top-down signals: figures set from above rather than built from inputs.

* per-beneficiary totals that land exactly on a round figure, when that is unlikely by chance
  (several rows add up to it, and the figure is known to the cent or better);
* activity amounts that are exact multiples of 10^k (k ≥ 3, and at most a 1-in-10,000 chance:
  from 10,000 for amounts in whole units, from 1,000.00 for amounts in cents), and unit costs
  that are the quotient of such a round amount (the amount was decided first);
* physical targets with no cost.

"Unlikely by chance" is a probability, not a magic epsilon: a figure known to a resolution
``r`` lands within ``r`` of a multiple of 10^k with probability 2r/10^k; an amount stated to
``a`` decimals is a multiple of 10^k with probability 10^-(k+a). Legal transfers (the
program's declared transfer rules) are round by law and are not flagged.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from costeo.money import ZERO, div, mul, round_to, total
from costeo.review.findings import Finding
from costeo.review.numbers import amount_places, half_unit, is_whole, trailing_zeros
from costeo.review.registry import Context, register
from costeo.review.subject import BudgetRow, ReviewSubject

CENT = Decimal("0.005")  # half a cent: the finest resolution a per-beneficiary figure has


@register("top_down", "basic", ("round-per-beneficiary", "round-amount", "quotient-of-round",
                                 "target-without-cost"))
def check_top_down(subject: ReviewSubject, context: Context) -> Iterator[Finding]:
    yield from _per_beneficiary(subject, context)
    legal = {rule.activity for rule in subject.transfers}
    for row in subject.main.lines():
        if row.activity in legal:
            continue
        yield from _round_row(subject, row, context)
        yield from _without_cost(subject, row)


def _round_value(value: Decimal, resolution: Decimal) -> tuple[int, Decimal]:
    """The largest power k ≥ 1 such that ``value`` is within ``resolution`` of a multiple of
    10^k, with that multiple; (0, value) when there is none."""
    best = (0, value)
    power = 1
    while Decimal(10) ** power <= abs(value) + resolution:
        step = Decimal(10) ** power
        nearest = mul(round_to(div(value, step), 0), step)
        if nearest != 0 and abs(value - nearest) <= resolution:
            best = (power, nearest)
        power += 1
    return best


def _per_beneficiary(subject: ReviewSubject, context: Context) -> Iterator[Finding]:
    legal = {rule.activity for rule in subject.transfers}
    lines = subject.main.lines()
    for key, count in subject.beneficiaries.items():
        if count <= 1:
            continue
        rows = [r for r in lines if r.amount is not None and (key == "total" or r.product == key)]
        if len(rows) < 2 or all(r.activity in legal for r in rows):
            continue
        amount = total(r.amount for r in rows if r.amount is not None)
        if amount <= 0:
            continue
        places = max(amount_places(r.amount) for r in rows if r.amount is not None)
        rounding = mul(half_unit(places), Decimal(sum(r.parts for r in rows)))
        resolution = max(CENT, div(rounding, count))
        per = div(amount, count)
        power, figure = _round_value(per, resolution)
        if power == 0:
            continue
        chance = min(Decimal(1), div(2 * resolution, Decimal(10) ** power))
        if chance > context.settings.max_chance:
            continue
        group = "programa" if key == "total" else key
        yield Finding("round-per-beneficiary", subject.code, rows[0].location, dict(
            group=group, group_en="program" if key == "total" else key, amount=amount,
            beneficiaries=count, per_beneficiary=figure, exact=per, rows=len(rows),
            chance=round_to(chance, 8)), item=key, stake=amount)


def _round_row(subject: ReviewSubject, row: BudgetRow, context: Context) -> Iterator[Finding]:
    amount = row.amount
    if amount is None or amount <= 0:
        return
    power = trailing_zeros(amount)
    if power < context.settings.min_round_power:
        return
    chance = Decimal(10) ** -(power + amount_places(amount))
    if chance > context.settings.max_chance_row:
        return
    production = mul(row.target, row.factor) if row.target is not None else ZERO
    shown = row.decimals if row.decimals is not None else 2
    if production > 1:
        implied = div(amount, production)
        if not is_whole(implied, max(shown, 2)):
            yield Finding("quotient-of-round", subject.code, row.location, dict(
                implied=round_to(implied, 10), amount=amount, production=production,
                power=Decimal(10) ** power), item=row.label(), stake=amount)
            return
    yield Finding("round-amount", subject.code, row.location, dict(
        amount=amount, power=Decimal(10) ** power), item=row.label(), stake=amount)


def _without_cost(subject: ReviewSubject, row: BudgetRow) -> Iterator[Finding]:
    if row.target is None or row.target <= 0:
        return
    if (row.amount or ZERO) == 0 and (row.unit_cost or ZERO) == 0:
        yield Finding("target-without-cost", subject.code, row.location, dict(
            target=row.target, amount=row.amount or ZERO), item=row.label())
