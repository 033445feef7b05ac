"""Indirect costs: a cost centre's ratio of indirect to direct recurrent spending.

Support centres (administration, cleaning, laundry, security...) are first distributed to the
centres after them in the file by the step-down method, each by its allocation base (m², staff,
direct cost, services...). A producing centre's ratio is then
(indirect spending + cost received from support centres) / direct spending, and an activity
produced there carries ratio x its direct cost.
"""

from __future__ import annotations

from costeo.costing.context import CostingContext
from costeo.lineage import Figure, derived
from costeo.model.inputs import IndirectInput
from costeo.money import ZERO, div, mul, total

DIRECT_COST_BASE = "direct_cost"


def centre_ratios(ctx: CostingContext) -> dict[str, Figure | None]:
    centres = ctx.program.cost_centres
    names = list(centres)
    received: dict[str, list[Figure]] = {name: [] for name in names}
    directs = {n: ctx.value(c.direct, "direct", c.name) for n, c in centres.items()}
    indirects = {n: ctx.value(c.indirect, "indirect", c.name) for n, c in centres.items()}

    for position, name in enumerate(names):
        centre = centres[name]
        if centre.kind != "support":
            continue
        own = [f for f in (directs[name], indirects[name]) if f is not None]
        cost = derived("allocated", total(f.value for f in [*own, *received[name]]), "sum",
                       [*own, *received[name]], centre.name)
        base = centre.allocate_by or DIRECT_COST_BASE
        recipients = names[position + 1:]
        bases: dict[str, Figure] = {}
        missing: list[str] = []
        for other in recipients:
            if base == DIRECT_COST_BASE:
                figure = directs[other]
            else:
                raw = centres[other].bases.get(base)
                if raw is None:
                    missing.append(other)
                    continue
                figure = ctx.value(raw, "allocation_base", f"{centres[other].name} ({base})")
            if figure is not None and figure.value > 0:
                bases[other] = figure
        base_sum = derived("base_total", total(f.value for f in bases.values()), "sum",
                           list(bases.values()), f"{centre.name} ({base})")
        if base_sum.value == 0:
            ctx.diagnostics.add("allocation-base-zero", centre.loc, base=base, centre=name)
            continue
        for other in missing:  # a centre silently receiving nothing would hide cost elsewhere
            ctx.diagnostics.add("missing-allocation-base", centres[other].field_loc("bases"),
                                centre=other, base=base, support=name)
        for other, figure in bases.items():
            share = derived("base_share", div(figure.value, base_sum.value), "base_share",
                            [figure, base_sum], centres[other].name)
            received[other].append(
                derived("allocation", mul(cost.value, share.value), "step_down", [cost, share],
                        f"{centre.name} → {centres[other].name}")
            )

    ratios: dict[str, Figure | None] = {}
    for name, centre in centres.items():
        direct, indirect = directs[name], indirects[name]
        if centre.kind == "support" or direct is None or indirect is None:
            ratios[name] = None
            continue
        if direct.value == 0:
            ctx.diagnostics.add("zero-divisor", direct.loc or centre.loc, field="direct")
            ratios[name] = None
            continue
        allocated = received[name]
        numerator = total([indirect.value, *(f.value for f in allocated)])
        ratios[name] = derived("indirect_ratio", div(numerator, direct.value), "indirect_ratio",
                               [indirect, *allocated, direct], centre.name)
    return ratios


def indirect_cost(ctx: CostingContext, inp: IndirectInput, direct: list[Figure]) -> Figure | None:
    ratio = ctx.indirect_ratio(inp.centre, inp.field_loc("centre"))
    if ratio is None:
        return None
    direct_cost = derived("direct_cost", total(f.value for f in direct) if direct else ZERO,
                          "sum", list(direct), inp.name)
    return derived("input", mul(ratio.value, direct_cost.value), "indirect", [ratio, direct_cost],
                   inp.name)
