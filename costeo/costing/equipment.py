"""Equipment, instruments and furniture: replacement price / useful life / units per year.

Default useful lives (DOMAIN.md §3): 10 years for equipment and furniture, 3 years for
(surgical, small) instruments; a model may override them per input.
"""

from __future__ import annotations

from decimal import Decimal

from costeo.costing.context import CostingContext
from costeo.lineage import Figure, derived
from costeo.model.inputs import DEFAULT_USEFUL_LIFE, EquipmentInput
from costeo.money import div, mul


def equipment_cost(ctx: CostingContext, inp: EquipmentInput,
                   price: Figure | None = None) -> Figure | None:
    quantity = ctx.value(inp.quantity, "quantity", inp.name)
    price = price or ctx.value(inp.replacement_price, "replacement_price", inp.name)
    life = ctx.value(inp.useful_life, "useful_life", inp.name,
                     fallback=Decimal(DEFAULT_USEFUL_LIFE[inp.category]))
    units = ctx.value(inp.units_per_year, "units_per_year", inp.name)
    if quantity is None or price is None or life is None or units is None:
        return None
    for figure, name in ((life, "useful_life"), (units, "units_per_year")):
        if figure.value == 0:
            ctx.diagnostics.add("zero-divisor", figure.loc or inp.loc, field=name)
            return None
    value = div(mul(quantity.value, price.value), mul(life.value, units.value))
    return derived("input", value, "depreciation", [quantity, price, life, units], inp.name)
