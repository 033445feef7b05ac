"""Goods and services, bottom-up: C = quantity x frequency x price (P x Q)."""

from __future__ import annotations

from costeo.costing.context import CostingContext
from costeo.lineage import Figure, derived
from costeo.model.inputs import ItemInput
from costeo.money import ONE, mul


def item_cost(ctx: CostingContext, inp: ItemInput, price: Figure | None = None) -> Figure | None:
    quantity = ctx.value(inp.quantity, "quantity", inp.name, inp.unit or "")
    frequency = ctx.value(inp.frequency, "frequency", inp.name, fallback=ONE)
    price = price or ctx.value(inp.price, "price", inp.name)
    if quantity is None or frequency is None or price is None:
        return None
    value = mul(quantity.value, frequency.value, price.value)
    return derived("input", value, "qfp", [quantity, frequency, price], inp.name)
