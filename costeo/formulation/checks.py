"""Checks of a valid model that need no costing: unique codes, classifiers present."""

from __future__ import annotations

from costeo.diagnostics import Diagnostics, Location
from costeo.messages import did_you_mean
from costeo.model.methods import BottomUp
from costeo.model.program import Activity, Product, Program


def check_codes(program: Program, diagnostics: Diagnostics) -> None:
    """Product, activity and common-action codes are unique; so are input ids per activity."""
    seen: dict[str, Location | None] = {}
    blocks: list[Product | Activity] = []
    for product in program.products:  # in file order: a repeat is reported where it repeats
        blocks += [product, *product.activities]
    blocks += program.common_actions
    for block in blocks:
        if block.code in seen:
            first = seen[block.code]
            diagnostics.add("duplicate-code", block.field_loc("code"), code=block.code,
                            first_line=first.line if first else 0)
        else:
            seen[block.code] = block.field_loc("code")
    for _, activity in program.activities():
        if isinstance(activity.cost, BottomUp):
            ids: set[str] = set()
            for inp in activity.cost.inputs:
                if inp.id in ids:
                    diagnostics.add("duplicate-input-id", inp.field_loc("id"), id=inp.id,
                                    activity=activity.code)
                ids.add(inp.id)


def check_classifiers(program: Program, diagnostics: Diagnostics) -> None:
    """Every input (or non-bottom-up method) names its spending classifier."""
    for _, activity in program.activities():
        method = activity.cost
        if isinstance(method, BottomUp):
            for inp in method.inputs:
                if inp.classifier is None:
                    diagnostics.add("missing-classifier", inp.loc, item=inp.name)
        elif method.classifier is None:
            diagnostics.add("missing-classifier", method.loc or activity.loc, item=activity.name)


def check_planning(program: Program, diagnostics: Diagnostics) -> None:
    """Scenarios name things that exist; the frame has every projected year's data."""
    from costeo.formulation.variants import scenario_variant

    for name, scenario in program.scenarios.items():
        if scenario.changes:
            scenario_variant(program, name, diagnostics)
    frame = program.frame
    for _, activity in program.activities():
        rule = activity.projection
        if rule is None:
            continue
        if frame is None:
            diagnostics.add("frame-year-missing", rule.field_loc("population"),
                            population=rule.population, year=program.program.fiscal_year)
            continue
        population = frame.populations.get(rule.population)
        coverage = frame.coverage.get(rule.population, {})
        for year in frame.years:
            if population is None or str(year) not in population.values or (
                    str(year) not in coverage):
                diagnostics.add("frame-year-missing", rule.field_loc("population"),
                                population=rule.population, year=year)
                break


def check_zones(program: Program, diagnostics: Diagnostics) -> None:
    """Zone maps name a territory dimension; inputs price zones that exist."""
    for zones in program.zones.values():
        dimension = program.dimensions.get(zones.dimension)
        if dimension is None or dimension.territory is None:
            territorial = [n for n, d in program.dimensions.items() if d.territory]
            diagnostics.add("unknown-dimension", zones.field_loc("dimension"),
                            name=zones.dimension, suggestion=did_you_mean(zones.dimension,
                                                                          territorial))
    for _, activity in program.activities():
        if not isinstance(activity.cost, BottomUp):
            continue
        for inp in activity.cost.inputs:
            rule = inp.zone_prices
            if rule is None:
                continue
            zone_map = program.zones.get(rule.zones)
            if zone_map is None:
                diagnostics.add("unknown-zone-map", rule.field_loc("zones"), name=rule.zones,
                                suggestion=did_you_mean(rule.zones, list(program.zones)))
                continue
            known = set(zone_map.map) | ({zone_map.default} if zone_map.default else set())
            for zone in rule.prices:
                if zone not in known:
                    diagnostics.add("unknown-zone", rule.field_loc("prices"), zone=zone,
                                    zones=rule.zones, choices=", ".join(sorted(known)))
