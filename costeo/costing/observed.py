"""Observed cost: spent / produced from execution records, averaged across sites.

``mean`` is the simple mean of each site's unit cost; ``weighted`` is total spent / total
produced (each site weighted by its production).
"""

from __future__ import annotations

from decimal import Decimal

from costeo.costing.context import CostingContext
from costeo.lineage import Figure, derived, given
from costeo.model.methods import Observed
from costeo.money import div, total


def observed_unit_cost(ctx: CostingContext, method: Observed, subject: str) -> Figure | None:
    if not method.records:
        ctx.diagnostics.add("no-observations", method.loc, activity=subject)
        return None
    sites: list[Figure] = []
    spent_all: list[Figure] = []
    produced_all: list[Figure] = []
    for record in method.records:
        spent = given("spent", record.spent.value, record.site, record.spent.loc,
                      source=method.source)
        produced = given("produced", record.produced.value, record.site, record.produced.loc)
        if produced.value == 0:
            ctx.diagnostics.add("zero-divisor", produced.loc or record.loc, field="produced")
            return None
        spent_all.append(spent)
        produced_all.append(produced)
        sites.append(derived("site_cost", div(spent.value, produced.value), "site_cost",
                             [spent, produced], record.site))
    if method.average == "mean":
        value = div(total(s.value for s in sites), Decimal(len(sites)))
        return derived("unit_cost", value, "mean", sites, subject)
    value = div(total(f.value for f in spent_all), total(f.value for f in produced_all))
    return derived("unit_cost", value, "weighted", sites, subject)
