"""Programming by period: calendars of working days, and the budget phased by month.

A line is phased to months by the first rule that applies:

1. its activity has a ``calendar``: by the calendar's working days per month;
2. its cell has a period dimension (``period: bimester``/``quarter``/``month``): evenly over
   that period's months;
3. otherwise it is annual: evenly over the twelve months.

Each split keeps every cent (largest remainder), so monthly totals add up to the budget.
Months aggregate to bimesters, quarters and the year.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from costeo.costing.context import CostingContext
from costeo.formulation.result import CostResult, Line
from costeo.model.planning import Calendar
from costeo.model.program import Dimension
from costeo.money import ZERO, split

MONTHS_IN = {"month": 1, "bimester": 2, "quarter": 3, "semester": 6, "year": 12}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def working_days(calendar: Calendar) -> dict[int, int]:
    """Working days per month (1-12) from start to end, without holidays and breaks."""
    days: dict[int, int] = defaultdict(int)
    holidays = set(calendar.holidays)
    weekdays = set(calendar.weekdays)
    day = calendar.start
    while day <= calendar.end:
        in_break = any(b.from_ <= day <= b.to for b in calendar.breaks)
        if day.isoweekday() in weekdays and day not in holidays and not in_break:
            days[day.month] += 1
        day += timedelta(days=1)
    return dict(sorted(days.items()))


def check_calendars(ctx: CostingContext) -> None:
    """Calendars exist, and a calendar activity's frequency (e.g. 191 days) matches it."""
    program = ctx.program
    for _, activity in program.activities():
        name = activity.calendar
        if name is None:
            continue
        calendar = program.calendars.get(name)
        if calendar is None:
            ctx.diagnostics.add("unknown-calendar", activity.field_loc("calendar"),
                                name=name, choices=", ".join(program.calendars) or "-")
            continue
        days = sum(working_days(calendar).values())
        frequency = ctx.value(activity.frequency, "frequency", activity.name)
        if frequency is not None and Decimal(days) != frequency.value:
            ctx.diagnostics.add("calendar-days-mismatch", activity.field_loc("frequency"),
                                days=days, calendar=name, frequency=frequency.value)


def period_months(dimension: Dimension, value: str) -> list[int]:
    """The months (1-12) a value of a period dimension covers (by position)."""
    width = MONTHS_IN.get(dimension.period or "", 0)
    codes = dimension.codes()
    if not width or value not in codes:
        return list(range(1, 13))
    first = codes.index(value) * width + 1
    return [m for m in range(first, first + width) if m <= 12]


def by_month(result: CostResult) -> dict[int, Decimal]:
    """The budget phased by month (1-12), exact to the cent."""
    months: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for _, phased in phase(result):
        for month, amount in phased.items():
            months[month] += amount
    return dict(sorted(months.items()))


def phase(result: CostResult) -> list[tuple[Line, dict[int, Decimal]]]:
    program = result.program
    weights_by_activity: dict[str, dict[int, int]] = {}
    for activity in result.activities():
        name = activity.activity.calendar
        if name and name in program.calendars:
            weights_by_activity[activity.code] = working_days(program.calendars[name])
    out = []
    for line in result.lines():
        weights = weights_by_activity.get(line.activity)
        if weights is None:
            months = list(range(1, 13))
            for dim, value in line.cell:
                dimension = program.dimensions.get(dim)
                if dimension is not None and dimension.period:
                    months = period_months(dimension, value)
            weights = {m: 1 for m in months}
        parts = split(line.amount, [Decimal(w) for w in weights.values()])
        out.append((line, dict(zip(weights, parts, strict=True))))
    return out


def group_months(months: dict[int, Decimal], period: str) -> dict[str, Decimal]:
    """Monthly amounts grouped by bimester, quarter, semester or year (labels I, II...)."""
    width = MONTHS_IN[period]
    grouped: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for month, amount in months.items():
        label = ROMAN[(month - 1) // width] if width < 12 else "anual"
        grouped[label] += amount
    return dict(grouped)
