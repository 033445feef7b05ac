"""Common actions: their share of the budget, and unit costs far above comparable ones.

Peers are the common-action rows of every subject in the run (this program's others included)
with the same unit of measure and currency; a unit cost more than ``common_outlier_times`` the
peers' median is flagged (at least ``min_common_peers`` peers).
"""

from __future__ import annotations

from collections.abc import Iterator

from costeo.money import div, total
from costeo.review.findings import Finding
from costeo.review.peers import outlier, rows_of, words
from costeo.review.registry import Context, register
from costeo.review.subject import BudgetRow, ReviewSubject


@register("common", "basic", ("common-share-high", "common-unit-cost-outlier"))
def check_common(subject: ReviewSubject, context: Context) -> Iterator[Finding]:
    lines = [r for r in subject.main.lines() if r.amount is not None]
    budget = total(r.amount for r in lines if r.amount is not None)
    common = [r for r in lines if r.common]
    if budget <= 0 or not common:
        return
    amount = total(r.amount for r in common if r.amount is not None)
    share = div(amount, budget)
    threshold = context.settings.max_common_share
    if share > threshold:
        yield Finding("common-share-high", subject.code, common[0].location, dict(
            amount=amount, share=share, threshold=threshold, budget=budget,
            rows=[r.label() for r in common]), item=subject.code, stake=amount)
    yield from _outliers(subject, context, common)


def _outliers(subject: ReviewSubject, context: Context, common: list[BudgetRow]
              ) -> Iterator[Finding]:
    settings = context.settings
    everyone = rows_of(context, lambda _, r: r.common)
    for row in common:
        unit = words(row.unit)
        if not unit:
            continue
        peers = [(s, r) for s, r in everyone if words(r.unit) == unit]
        found = outlier(subject, row, peers, settings.common_outlier_times,
                        settings.min_common_peers)
        if found is not None and found.times > 1:
            yield Finding("common-unit-cost-outlier", subject.code, row.location, dict(
                unit_cost=found.unit_cost, unit=row.unit or "", median=found.median,
                times=found.times, peers=found.peers), item=row.label(), stake=row.amount)
