"""Direct labour: staff category x time per unit x hourly rate.

The hourly rate comes from monthly pay: pay x payments per year / (hours per month x 12), so
that e.g. 14 payments a year (12 months + 2 bonuses) are spread over the year's hours.
"""

from __future__ import annotations

from decimal import Decimal

from costeo.costing.context import CostingContext
from costeo.lineage import Figure, derived
from costeo.model.inputs import LabourInput
from costeo.model.program import StaffCategory
from costeo.money import div, mul

MINUTES_PER_HOUR = Decimal(60)
MONTHS = Decimal(12)


def hourly_rate(ctx: CostingContext, key: str, category: StaffCategory) -> Figure | None:
    pay = ctx.value(category.monthly_pay, "monthly_pay", category.name, source=category.source)
    months = ctx.value(category.months_per_year, "months_per_year", category.name)
    hours = ctx.value(category.hours_per_month, "hours_per_month", category.name)
    if pay is None or months is None or hours is None:
        return None
    if hours.value == 0:
        ctx.diagnostics.add("zero-divisor", hours.loc or category.loc, field="hours_per_month")
        return None
    value = div(mul(pay.value, months.value), mul(hours.value, MONTHS))
    return derived("hourly_rate", value, "hourly_rate", [pay, months, hours], category.name)


def labour_cost(ctx: CostingContext, inp: LabourInput) -> Figure | None:
    rate = ctx.hourly_rate(inp.staff, inp.field_loc("staff"))
    people = ctx.value(inp.people, "people", inp.name)
    if inp.minutes is not None and inp.hours is not None:
        ctx.diagnostics.add("conflicting-values", inp.field_loc("hours"), first="minutes",
                             second="hours")
        return None
    if inp.minutes is not None:
        minutes = ctx.value(inp.minutes, "minutes", inp.name)
        hours = (derived("hours", div(minutes.value, MINUTES_PER_HOUR), "minutes_to_hours",
                         [minutes], inp.name) if minutes else None)
    elif inp.hours is not None:
        hours = ctx.value(inp.hours, "hours", inp.name)
    else:
        ctx.diagnostics.add("missing-field", inp.loc, field="minutes / hours")
        return None
    if rate is None or people is None or hours is None:
        return None
    value = mul(people.value, hours.value, rate.value)
    return derived("input", value, "labour", [people, hours, rate], inp.name)
