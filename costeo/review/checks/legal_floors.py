"""Legal floors: a transfer activity's unit cost must cover the transfer the law sets.

Floor = amount × payments × (1 + tax rate) + fee × payments, from the program's declared
transfer rules (in a costeo model, its transfer inputs). The unit cost compared is the one
the row's figures imply, with the rounding tolerance of the arithmetic check.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from costeo.money import ONE, div, mul
from costeo.review.findings import Finding
from costeo.review.numbers import half_unit, unit_cost_tolerance
from costeo.review.registry import Context, register
from costeo.review.subject import BudgetRow, ReviewSubject, TransferRule


def legal_floor(rule: TransferRule) -> Decimal:
    payments = Decimal(rule.payments)
    return mul(rule.amount, payments, ONE + rule.tax_rate) + mul(rule.fee, payments)


@register("legal_floors", "basic", ("below-legal-floor", "legal-floor-met"))
def check_legal_floors(subject: ReviewSubject, context: Context) -> Iterator[Finding]:
    for rule in subject.transfers:
        floor = legal_floor(rule)
        args = dict(floor=floor, amount=rule.amount, payments=rule.payments,
                    tax_rate=rule.tax_rate, fee=rule.fee)
        lowest: tuple[Decimal, Decimal, BudgetRow] | None = None
        for row in subject.main.lines():
            if row.activity != rule.activity:
                continue
            production = mul(row.target, row.factor) if row.target else Decimal(0)
            if row.amount is not None and production:
                value = div(row.amount, production)
                tolerance = unit_cost_tolerance(value, 34, row.amount, production, row.parts)
            elif row.unit_cost is not None:
                value = row.unit_cost
                tolerance = half_unit(row.decimals) if row.decimals is not None else Decimal(0)
            else:
                continue
            if value + tolerance < floor:
                yield Finding("below-legal-floor", subject.code, row.location, dict(
                    unit_cost=value, shortfall=floor - value, tolerance=tolerance, **args),
                    item=row.label(),
                    stake=mul(floor - value, production) if production else None)
            elif lowest is None or value < lowest[0]:
                lowest = (value, tolerance, row)
        # the strict tier also states, once per rule, that the transfers were checked
        if lowest is not None:
            value, tolerance, row = lowest
            yield Finding("legal-floor-met", subject.code, rule.location or row.location,
                          dict(unit_cost=value, tolerance=tolerance, **args),
                          item=row.activity or "")
