"""Declared unit cost: given without breakdown. Allowed, but marked as declared everywhere."""

from __future__ import annotations

from costeo.costing.context import CostingContext
from costeo.lineage import Figure
from costeo.model.methods import Declared


def declared_unit_cost(ctx: CostingContext, method: Declared, subject: str,
                       override: Figure | None = None) -> Figure | None:
    figure = override or ctx.value(method.unit_cost, "unit_cost", subject, source=method.source)
    if figure is None:
        if method.unit_cost is None:
            ctx.diagnostics.add("missing-field", method.loc, field="unit_cost")
        return None
    figure.declared = True
    return figure
