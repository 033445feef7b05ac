"""Variants of a program: a scenario's changes, or a year of the multi-year frame.

A variant is a copy of the program with changed values (each carrying the location where the
scenario wrote it, so lineage shows the scenario as the source) plus the
:class:`~costeo.costing.context.Adjustments` the engine applies on top (annual targets, target
factors, price index).
"""

from __future__ import annotations

from datetime import date

from costeo.costing.context import Adjustments, CostingContext
from costeo.diagnostics import Diagnostics
from costeo.lineage import Figure, derived
from costeo.model.inputs import InputBase
from costeo.model.methods import BottomUp, Declared, TopDown
from costeo.model.planning import Change
from costeo.model.program import Activity, DatedValue, Program
from costeo.model.values import Qty, Ref
from costeo.money import ONE, mul, round_to

# fields a scenario may change on an input, by the input's attribute name
INPUT_FIELDS = ("price", "quantity", "frequency", "minutes", "hours", "people",
                "replacement_price", "useful_life", "units_per_year", "base", "markup",
                "amount", "tax_rate", "fee", "payments")


def scenario_variant(program: Program, name: str, diagnostics: Diagnostics
                     ) -> tuple[Program, Adjustments]:
    """The program as the scenario ``name`` changes it."""
    scenario = program.scenarios[name]
    variant = program.model_copy(deep=True)
    adjust = Adjustments(label=scenario.name)
    for change in scenario.changes:
        apply_change(variant, change, adjust, diagnostics, name)
    return variant, adjust


def apply_change(program: Program, change: Change, adjust: Adjustments,
                 diagnostics: Diagnostics, scenario: str) -> None:
    def unknown(what: str) -> None:
        where = change.field_loc(next((k for k in ("activity", "parameter", "coverage")
                                       if getattr(change, k) is not None), "field"))
        diagnostics.add("unknown-scenario-target", where, scenario=scenario, target=what)

    if change.parameter is not None:
        param = program.parameters.get(change.parameter)
        if param is None or change.field != "value" or isinstance(change.value, Ref):
            unknown(f"${change.parameter}.{change.field}")
            return
        start = date(program.program.fiscal_year, 1, 1)
        param.values = [DatedValue.model_validate({"from": start, "value": change.value})]
        return
    if change.coverage is not None:
        frame = program.frame
        if (frame is None or change.coverage not in frame.coverage or change.year is None
                or not isinstance(change.value, Qty)):
            unknown(f"coverage {change.coverage} {change.year}")
            return
        frame.coverage[change.coverage][str(change.year)] = change.value
        return
    activity = find_activity(program, change.activity or "")
    if activity is None:
        unknown(f"activity {change.activity}")
        return
    if change.input is not None:
        inp = find_input(activity, change.input)
        if inp is None or change.field not in INPUT_FIELDS or change.field not in type(
                inp).model_fields:
            unknown(f"{activity.code}/{change.input}.{change.field}")
            return
        setattr(inp, change.field, change.value)
        if change.field in ("price", "replacement_price", "base", "amount"):
            adjust.fixed_prices.add((activity.code, inp.id))
        return
    if change.field in ("target", "target_factor"):
        # resolved later in the variant's own context (the value may be a $parameter)
        store = adjust.pending_targets if change.field == "target" else adjust.pending_factors
        store[activity.code] = change.value
        return
    method = activity.cost
    if change.field == "unit_cost" and isinstance(method, Declared):
        method.unit_cost = change.value
    elif change.field == "envelope" and isinstance(method, TopDown):
        method.envelope = change.value
    else:
        unknown(f"{activity.code}.{change.field}")


def find_activity(program: Program, code: str) -> Activity | None:
    return next((a for _, a in program.activities() if a.code == code), None)


def find_input(activity: Activity, input_id: str) -> InputBase | None:
    if not isinstance(activity.cost, BottomUp):
        return None
    return next((i for i in activity.cost.inputs if i.id == input_id), None)


def resolve_pending(ctx: CostingContext) -> None:
    """Turn a scenario's raw target values into figures in the variant's own context."""
    adjust = ctx.adjust
    for code, raw in adjust.pending_targets.items():
        figure = ctx.value(raw, "target", f"{adjust.label}: {code}")
        if figure is not None:
            adjust.targets[code] = figure
    for code, raw in adjust.pending_factors.items():
        figure = ctx.value(raw, "factor", f"{adjust.label}: {code}")
        if figure is not None:
            adjust.target_factors[code] = figure
    adjust.pending_targets.clear()
    adjust.pending_factors.clear()


def year_variant(program: Program, year: int, diagnostics: Diagnostics
                 ) -> tuple[Program, Adjustments]:
    """The program projected to a frame year: its parameters, targets and price index."""
    frame = program.frame
    assert frame is not None
    variant = program.model_copy(deep=True)
    variant.program.fiscal_year = year
    adjust = Adjustments(label=str(year))
    base_year = program.program.fiscal_year
    ctx = CostingContext(program, diagnostics, date(base_year, 1, 1))
    if frame.index is not None and year > base_year:
        rates: list[Figure] = []
        for y in range(base_year + 1, year + 1):
            ctx.as_of = date(y, 1, 1)
            rate = ctx.value(frame.index, "rate", str(y))
            if rate is not None:
                rates.append(rate)
        factor = ONE
        for rate in rates:
            factor = mul(factor, ONE + rate.value)
        adjust.price_index = derived("price_index", factor, "cumulative_index", rates, str(year))
    ctx.as_of = date(year, 1, 1)
    for _, activity in program.activities():
        rule = activity.projection
        if rule is None:
            continue
        target = projected_target(ctx, program, activity, year)
        if target is not None:
            adjust.targets[activity.code] = target
    return variant, adjust


def projected_target(ctx: CostingContext, program: Program, activity: Activity,
                     year: int) -> Figure | None:
    frame, rule = program.frame, activity.projection
    assert frame is not None and rule is not None
    population = frame.populations.get(rule.population)
    coverage = frame.coverage.get(rule.population, {})
    key = str(year)
    if population is None or key not in population.values or key not in coverage:
        ctx.diagnostics.add("frame-year-missing", rule.loc, population=rule.population,
                            year=year)
        return None
    pop = ctx.value(population.values[key], "population", f"{population.name} {year}",
                    population.unit, source=population.source)
    cov = ctx.value(coverage[key], "coverage", f"{population.name} {year}")
    per = ctx.value(rule.per_unit, "per_unit", activity.name, fallback=ONE)
    if pop is None or cov is None or per is None:
        return None
    # whole beneficiaries first (households, children), then units per beneficiary
    covered = derived("population", round_to(mul(pop.value, cov.value), 0), "covered",
                      [pop, cov], f"{population.name} {year}", population.unit)
    return derived("target", mul(covered.value, per.value), "projection", [covered, per],
                   f"{activity.name} {year}", activity.unit)
