"""Traceability: the share of the budget whose unit cost has an input breakdown.

Bottom-up costs (inputs with P × Q, labour, equipment...) and observed costs (spent ÷ produced
at sites) can be traced; declared and top-down ones cannot. A published table that shows only
unit costs cannot tell: that is a note, not a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from costeo.money import ZERO, div, total
from costeo.review.findings import Finding
from costeo.review.registry import Context, register
from costeo.review.subject import BudgetRow, Costing, ReviewSubject

TRACED = (Costing.BOTTOM_UP, Costing.OBSERVED)


def is_traced(row: BudgetRow) -> bool:
    return row.costing in TRACED or (row.costing is Costing.UNKNOWN and row.inputs > 0)


@register("traceability", "basic", ("low-traceability", "traceability", "traceability-unknown"))
def check_traceability(subject: ReviewSubject, context: Context) -> Iterator[Finding]:
    lines = [r for r in subject.main.lines() if r.amount is not None]
    budget = total(r.amount for r in lines if r.amount is not None)
    if budget <= 0:
        return
    if all(r.costing is Costing.UNKNOWN and r.inputs == 0 for r in lines):
        yield Finding("traceability-unknown", subject.code, subject.main.location or
                      subject.location, dict(amount=budget), item=subject.code, stake=budget)
        return
    untraced_rows = sorted((r for r in lines if not is_traced(r)),
                           key=lambda r: -(r.amount or ZERO))
    untraced = total(r.amount for r in untraced_rows if r.amount is not None)
    if untraced == 0:
        return
    traced_share = div(budget - untraced, budget)
    threshold = context.settings.min_traceable_share
    code = "low-traceability" if traced_share < threshold else "traceability"
    first = untraced_rows[0]
    yield Finding(code, subject.code, first.location, dict(
        traced=traced_share, untraced=1 - traced_share, traced_amount=budget - untraced,
        untraced_amount=untraced, threshold=threshold, budget=budget,
        untraced_rows=[f"{r.label()}: {r.amount} ({r.costing.value})"
                       for r in untraced_rows[:5]]),
        item=subject.code, stake=untraced)
