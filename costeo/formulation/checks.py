"""Checks of a valid model that need no costing: unique codes, classifiers present."""

from __future__ import annotations

from costeo.diagnostics import Diagnostics, Location
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
