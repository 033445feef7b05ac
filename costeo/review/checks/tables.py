"""Cross-table reconciliation: two tables of one program must agree per product and modality.

Lines are grouped by product and by the segment keys both tables share (e.g. the modality when
one table is by modality and the other by segment); each group's amount and, where both tables
give it in the same unit, each activity's target must agree. The amount tolerance is the
rounding of the lines added on both sides (half a unit each).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from costeo.money import ZERO, mul
from costeo.review.findings import Finding
from costeo.review.numbers import amount_places, half_unit
from costeo.review.registry import Context, register
from costeo.review.subject import BudgetRow, BudgetTable, ReviewSubject

Group = tuple[str, ...]


@register("tables", "basic", ("tables-disagree",))
def check_tables(subject: ReviewSubject, context: Context) -> Iterator[Finding]:
    main = subject.main
    for other in subject.tables[1:]:
        yield from _pair(subject, main, other)


def _shared_keys(first: BudgetTable, second: BudgetTable) -> list[str]:
    def keys(table: BudgetTable) -> set[str]:
        lines = table.lines()
        return set.intersection(*(set(r.keys) for r in lines)) if lines else set()

    return sorted(keys(first) & keys(second))


@dataclass
class _Sum:
    value: Decimal = ZERO
    rows: int = 0
    first: BudgetRow | None = None
    units: set[str | None] = field(default_factory=set)


def _sums(table: BudgetTable, shared: list[str], by_activity: bool) -> dict[Group, _Sum]:
    """Amounts per group (product + shared keys), or targets per group and activity."""
    sums: dict[Group, _Sum] = defaultdict(_Sum)
    for row in table.lines():
        if row.common or row.product is None:  # common actions may be left out of a view
            continue
        if by_activity and (row.activity is None or row.target is None):
            continue
        group: Group = (row.product or "", *(row.keys[k] for k in shared))
        if by_activity:
            group += (row.activity or "",)
        entry = sums[group]
        entry.value += (row.target if by_activity else row.amount) or ZERO
        entry.rows += 1
        entry.first = entry.first or row
        entry.units.add(row.unit)
    return dict(sums)


def _pair(subject: ReviewSubject, first: BudgetTable, second: BudgetTable
          ) -> Iterator[Finding]:
    shared = _shared_keys(first, second)
    places = max([amount_places(r.amount) for t in (first, second) for r in t.lines()
                  if r.amount is not None], default=0)
    a, b = _sums(first, shared, False), _sums(second, shared, False)
    for group in sorted(set(a) | set(b)):
        x, y = a.get(group, _Sum()), b.get(group, _Sum())
        tolerance = mul(half_unit(places), Decimal(x.rows + y.rows))
        if abs(x.value - y.value) > tolerance:
            yield _finding(subject, first, second, group, "amount", x.value, y.value,
                           y.first or x.first, stake=max(abs(x.value), abs(y.value)))
    ta, tb = _sums(first, shared, True), _sums(second, shared, True)
    for group in sorted(set(ta) & set(tb)):
        x, y = ta[group], tb[group]
        if x.units == y.units and len(x.units) == 1 and x.value != y.value:
            yield _finding(subject, first, second, group, "target", x.value, y.value,
                           y.first, stake=None)


def _finding(subject: ReviewSubject, first: BudgetTable, second: BudgetTable, group: Group,
             what: str, x: Decimal, y: Decimal, row: BudgetRow | None,
             stake: Decimal | None) -> Finding:
    words = {"amount": ("monto", "amount"), "target": ("meta física", "physical target")}[what]
    label = " · ".join(part for part in group if part)
    return Finding("tables-disagree", subject.code, row.location if row else second.location,
                   dict(group=label, what=words[0], what_en=words[1], first=x, second=y,
                        difference=y - x, first_table=first.name, second_table=second.name),
                   item=label, stake=stake)
