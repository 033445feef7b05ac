"""Composite markup: a delivered price built from a cost structure or a flat markup.

With a structure (e.g. food 55%, labour 25%, transport 5%, disposables 3%, cleaning 2%,
margin 10%) the base cost is the share of one component, so price = base / base share and
each component is price x its share. With a flat markup, price = base x (1 + markup).
"""

from __future__ import annotations

from decimal import Decimal

from costeo.costing.context import CostingContext
from costeo.lineage import Figure, derived
from costeo.model.inputs import MarkupInput
from costeo.money import ONE, div, mul, total


def markup_cost(ctx: CostingContext, inp: MarkupInput,
                price: Figure | None = None) -> Figure | None:
    base = price or ctx.value(inp.base, "base", inp.name)
    if inp.structure:
        if inp.markup is not None:
            ctx.diagnostics.add("conflicting-values", inp.field_loc("markup"), first="structure",
                                 second="markup")
            return None
        shares = {k: ctx.value(v, "share", f"{inp.name}: {k}") for k, v in inp.structure.items()}
        if any(s is None for s in shares.values()) or base is None:
            return None
        share_sum = total(s.value for s in shares.values() if s is not None)
        if share_sum != ONE:
            ctx.diagnostics.add("structure-not-one", inp.field_loc("structure"),
                                total=_fmt(share_sum))
            return None
        key = inp.base_component or next(iter(shares))
        base_share = shares.get(key)
        if base_share is None:
            ctx.diagnostics.add("missing-field", inp.loc, field=f"structure.{key}")
            return None
        if base_share.value == 0:
            ctx.diagnostics.add("zero-divisor", base_share.loc or inp.loc, field=key)
            return None
        return derived("input", div(base.value, base_share.value), "gross_up", [base, base_share],
                       inp.name)
    markup = ctx.value(inp.markup, "markup", inp.name)
    if markup is None:
        ctx.diagnostics.add("missing-field", inp.loc, field="structure")
        return None
    if base is None:
        return None
    return derived("input", mul(base.value, ONE + markup.value), "flat_markup", [base, markup],
                   inp.name)


def structure_components(price: Decimal, structure: dict[str, Decimal]) -> dict[str, Decimal]:
    """Each component of a delivered price: price x share (for reports and charts)."""
    return {name: mul(price, share) for name, share in structure.items()}


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")
