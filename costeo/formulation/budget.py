"""Cost a whole program: unit costs by method, lines per cell and classifier, aggregates.

budget = Σ target x frequency x unit cost, over each activity's cells, rounded once per line
(activity x cell x classifier, see :mod:`costeo.money`), summed to activity, product and
program. In *result mode* (top-down envelopes) the amount is given and the unit cost follows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from costeo.costing.bottom_up import bottom_up_components
from costeo.costing.components import UNCLASSIFIED, Component
from costeo.costing.context import Adjustments, CostingContext, check_parameters
from costeo.costing.declared import declared_unit_cost
from costeo.costing.observed import observed_unit_cost
from costeo.costing.top_down import envelope
from costeo.diagnostics import Diagnostics
from costeo.formulation.cells import CellInput, build_cells
from costeo.formulation.checks import (
    check_classifiers,
    check_codes,
    check_planning,
    check_zones,
)
from costeo.formulation.periods import check_calendars
from costeo.formulation.published import check_activity_published, check_published, compare
from costeo.formulation.registers import RegisterTable, read_register
from costeo.formulation.result import (
    ActivityResult,
    CellResult,
    CostResult,
    InputShare,
    Line,
    ProductResult,
    cell_id,
    cell_label,
)
from costeo.formulation.variants import resolve_pending
from costeo.formulation.zones import ZonePricing
from costeo.lineage import DEFAULT, Figure, derived
from costeo.model.methods import BottomUp, Declared, Observed, TopDown
from costeo.model.program import Activity, Product, Program
from costeo.money import ONE, ZERO, div, mul, round_money, round_to, split, total
from costeo.review.rules import check_review


def cost_program(program: Program, diagnostics: Diagnostics, file: str = "",
                 adjust: Adjustments | None = None) -> CostResult | None:
    """Cost every activity; None when errors make the budget meaningless (see diagnostics).

    ``adjust`` carries what a frame year or a scenario changes (see costing.context).
    """
    ctx = CostingContext.for_program(program, diagnostics, adjust)
    resolve_pending(ctx)
    check_parameters(program, diagnostics)
    check_codes(program, diagnostics)
    check_classifiers(program, diagnostics)
    check_zones(program, diagnostics)
    check_review(ctx)
    if not ctx.adjust.is_variant:
        check_planning(program, diagnostics)
        check_calendars(ctx)
    if program.cost_centres:
        ctx.all_indirect_ratios()  # every centre is checked, used or not
    registers: dict[str, RegisterTable] = {}
    for code, register in program.registers.items():
        table = read_register(ctx, code, register)
        if table is not None:
            registers[code] = table
    classifier_lines: dict[str, list[Figure]] = defaultdict(list)
    pricing = ZonePricing.for_context(ctx)

    products: list[ProductResult] = []
    for product in program.products:
        if not product.activities:
            diagnostics.add("empty-product", product.loc, product=product.code)
        results = [cost_activity(ctx, product, a, registers, classifier_lines, pricing)
                   for a in product.activities if in_year(a, program)]
        check_shares(ctx, product)
        done = [r for r in results if r is not None]
        amount = total(r.amount for r in done)
        figure = derived("product", amount, "sum", [r.figure for r in done],
                         f"{product.code} {product.name}", id=product.code)
        target = ctx.value(product.target, "target", product.name, product.unit)
        products.append(ProductResult(product, done, amount, figure, target))
    common = [cost_activity(ctx, None, a, registers, classifier_lines, pricing)
              for a in program.common_actions if in_year(a, program)]
    common_done = [r for r in common if r is not None]
    if diagnostics.has_errors:
        return None

    parts = [p.figure for p in products]
    if common_done:
        parts.append(derived("common", total(r.amount for r in common_done), "sum",
                             [r.figure for r in common_done], id="common"))
    grand = total(p.value for p in parts)
    info = program.program
    figure = derived("total", grand, "sum", parts, f"{info.code} {info.name}", id="total")
    result = CostResult(program, products, common_done, grand, figure, diagnostics, file)
    result.figures = index_figures(result, classifier_lines)
    if not ctx.adjust.is_variant:
        check_published(ctx, result)
    return result


def in_year(activity: Activity, program: Program) -> bool:
    """One-off activities (``years: [2014]``) are costed only in those fiscal years."""
    return activity.years is None or program.program.fiscal_year in activity.years


def check_shares(ctx: CostingContext, product: Product) -> None:
    shared = [(a, a.cost) for a in product.activities
              if isinstance(a.cost, TopDown) and a.cost.per_beneficiary is not None]
    if not shared:
        return
    shares = [ctx.value(m.share, "share", a.name, fallback=ONE) for a, m in shared]
    share_sum = total(s.value for s in shares if s is not None)
    if share_sum != ONE:
        ctx.diagnostics.add("shares-not-one", product.loc, product=product.code,
                            total=format(share_sum.normalize(), "f"))


def cost_activity(ctx: CostingContext, product: Product | None, activity: Activity,
                  registers: dict[str, RegisterTable],
                  classifier_lines: dict[str, list[Figure]],
                  pricing: ZonePricing) -> ActivityResult | None:
    cells = build_cells(ctx, activity, registers)
    frequency = ctx.value(activity.frequency, "frequency", activity.name,
                          activity.frequency_unit or "", fallback=ONE)
    method = activity.cost
    if cells is None or frequency is None:
        _cost_for_diagnostics(ctx, activity)
        return None
    if isinstance(method, TopDown):
        return _cost_result_mode(ctx, product, activity, cells, frequency, classifier_lines)

    # a declared unit cost may be given per cell only (a `unit_cost` column, none for the
    # activity): then there is no activity-level unit cost to start from
    per_cell_only = (isinstance(method, Declared) and method.unit_cost is None
                     and all("unit_cost" in c.columns for c in cells))
    base = None if per_cell_only else _components(ctx, activity, None)
    if base is None and not per_cell_only:
        return None
    cell_results: list[CellResult] = []
    lines: list[Line] = []
    uniform = base is not None
    by_zone: dict[tuple[str, ...], list[Component]] = {}  # unit cost once per price zone
    for cell in cells:
        components = base
        zone_prices, zones = pricing.prices(activity, cell.key)
        if base is None or cell.columns.get("unit_cost") is not None or cell.prices():
            overridden = _components(ctx, activity, cell, zone_prices)
            if overridden is None:
                return None
            components, uniform = overridden, False
        elif zone_prices:
            if zones not in by_zone:
                overridden = _components(ctx, activity, cell, zone_prices)
                if overridden is None:
                    return None
                by_zone[zones] = overridden
            components, uniform = by_zone[zones], False
        assert components is not None
        result = _driver_cell(activity, cell, frequency, components, lines, classifier_lines)
        _check_cell(ctx, cell, result)
        cell_results.append(result)
    if base is None:
        share = InputShare(activity.code, activity.name, "declared",
                           lines[0].classifier, ZERO, True)
        finished = _finish(ctx, product, activity, method.method, frequency, cell_results,
                           lines, None, [share], declared=True)
        share.unit_cost = finished.unit_cost
    else:
        finished = _finish(ctx, product, activity, method.method, frequency, cell_results,
                           lines, _sum_components(base, activity.name),
                           _shares(base, method, activity), declared=isinstance(method, Declared))
        finished.components = base
    finished.uniform = uniform
    return finished


def _cost_for_diagnostics(ctx: CostingContext, activity: Activity) -> None:
    """Cost the structure even when targets are broken, so all problems are reported."""
    if not isinstance(activity.cost, TopDown):
        _components(ctx, activity, None)


def _components(ctx: CostingContext, activity: Activity, cell: CellInput | None,
                zone_prices: dict[str, Figure] | None = None) -> list[Component] | None:
    method = activity.cost
    if isinstance(method, BottomUp):  # a cell's own price column wins over its zone's price
        prices = {**(zone_prices or {}), **(cell.prices() if cell else {})}
        return bottom_up_components(ctx, method, prices)
    if isinstance(method, Declared):
        override = cell.columns.get("unit_cost") if cell else None
        figure = declared_unit_cost(ctx, method, activity.name, override)
        if figure is None:
            return None
        return [Component(method.classifier or UNCLASSIFIED, figure, activity.code)]
    if isinstance(method, Observed):
        figure = observed_unit_cost(ctx, method, activity.code)
        if figure is None:
            return None
        return [Component(method.classifier or UNCLASSIFIED, figure, activity.code)]
    raise TypeError(method)  # pragma: no cover


def _sum_components(components: list[Component], subject: str) -> Figure:
    if len(components) == 1 and components[0].figure.role == "unit_cost":
        return components[0].figure
    figure = derived("unit_cost", total(c.figure.value for c in components), "sum",
                     [c.figure for c in components], subject)
    figure.declared = any(c.figure.declared for c in components)
    return figure


def _driver_cell(activity: Activity, cell: CellInput, frequency: Figure,
                 components: list[Component], lines: list[Line],
                 classifier_lines: dict[str, list[Figure]]) -> CellResult:
    groups: dict[str, list[Component]] = defaultdict(list)
    for component in components:
        groups[component.classifier].append(component)
    production = mul(cell.target.value, frequency.value)
    subject = f"{activity.code} [{cell_label(cell.key)}]" if cell.key else activity.code
    line_figures: list[Figure] = []
    factors = [cell.target] if frequency.kind == DEFAULT else [cell.target, frequency]
    for classifier, group in groups.items():
        unit = group[0].figure if len(group) == 1 else _sum_components(
            group, f"{activity.name} ({classifier})")
        amount = round_money(mul(production, unit.value))
        figure = derived("line", amount, "line", [*factors, unit], f"{subject} · {classifier}")
        line_figures.append(figure)
        classifier_lines[classifier].append(figure)
        lines.append(Line(activity.code, cell.key, classifier, amount))
    amount = total(f.value for f in line_figures)
    if len(line_figures) == 1:
        # the cell is its one line: the same formula and inputs, seen as the cell
        figure = replace(line_figures[0], role="cell", subject=subject)
    else:
        figure = derived("cell", amount, "sum", line_figures, subject)
    return _cell_result(cell, _sum_components(components, subject), amount, figure)


def _cell_result(cell: CellInput, unit_cost: Figure, amount: Decimal,
                 figure: Figure) -> CellResult:
    displayed = cell.columns.get("displayed_unit_cost")
    published = cell.columns.get("published_amount")
    return CellResult(cell.key, cell.target.value, unit_cost.value, amount, figure, cell.target,
                      unit_cost, displayed.value if displayed else None,
                      published.value if published else None)


def _cost_result_mode(ctx: CostingContext, product: Product | None, activity: Activity,
                      cells: list[CellInput], frequency: Figure,
                      classifier_lines: dict[str, list[Figure]]) -> ActivityResult | None:
    method = activity.cost
    assert isinstance(method, TopDown)
    classifier = method.classifier or UNCLASSIFIED
    per_cell = any("amount" in c.columns for c in cells)
    whole = None if per_cell else envelope(ctx, method, activity.name)
    if not per_cell and whole is None:
        if method.envelope is None and method.per_beneficiary is None:
            ctx.diagnostics.add("missing-field", method.loc, field="envelope")
        return None
    if whole is not None:
        weights = [mul(c.target.value, frequency.value) for c in cells]
        if sum(weights) == 0:
            ctx.diagnostics.add("zero-divisor", activity.field_loc("target"), field="target")
            return None
        amounts = split(whole.value, weights) if len(cells) > 1 else [round_money(whole.value)]
    cell_results: list[CellResult] = []
    lines: list[Line] = []
    for index, cell in enumerate(cells):
        subject = f"{activity.code} [{cell_label(cell.key)}]" if cell.key else activity.code
        if per_cell:
            given_amount = cell.columns.get("amount")
            if given_amount is None:  # pragma: no cover - every row has all columns
                return None
            amount = round_money(given_amount.value)
            figure = derived("cell", amount, "given_amount", [given_amount], subject)
        else:
            assert whole is not None
            amount = amounts[index]
            figure = derived("cell", amount, "given_amount", [whole], subject)
        production = mul(cell.target.value, frequency.value)
        if production == 0 and amount != 0:
            ctx.diagnostics.add("zero-divisor", cell.target.loc or cell.loc, field="target")
            return None
        unit = derived("unit_cost", div(amount, production) if production else ZERO,
                       "result_unit_cost", [figure, cell.target, frequency], subject)
        classifier_lines[classifier].append(figure)
        lines.append(Line(activity.code, cell.key, classifier, amount))
        result = _cell_result(cell, unit, amount, figure)
        _check_cell(ctx, cell, result)
        cell_results.append(result)
    share = InputShare(activity.code, activity.name, "top_down", classifier, ZERO)
    finished = _finish(ctx, product, activity, "top_down", frequency, cell_results, lines, None,
                       [share], declared=False, result_mode=True)
    share.unit_cost = finished.unit_cost
    return finished


def _shares(components: list[Component], method: BottomUp | Declared | Observed,
            activity: Activity) -> list[InputShare]:
    """Each input's part of the unit cost; a fee keeps its input's name (its kind says fee)."""
    names: dict[str, tuple[str, str]] = {}
    if isinstance(method, BottomUp):
        for inp in method.inputs:
            names[inp.id] = (inp.name, inp.kind)
            names[f"{inp.id}.fee"] = (inp.name, "fee")
    shares = []
    for c in components:
        name, kind = names.get(c.input_id, (activity.name, method.method))
        shares.append(InputShare(c.input_id, name, kind, c.classifier, c.figure.value,
                                 c.figure.declared))
    return shares


def _finish(ctx: CostingContext, product: Product | None, activity: Activity, method: str,
            frequency: Figure, cells: list[CellResult], lines: list[Line],
            unit_cost: Figure | None, shares: list[InputShare], declared: bool,
            result_mode: bool = False) -> ActivityResult:
    amount = total(c.amount for c in cells)
    target = total(c.target for c in cells)
    figure = derived("activity", amount, "sum", [c.figure for c in cells],
                     f"{activity.code} {activity.name}", id=activity.code)
    if len(cells) == 1 and not cells[0].key:
        figure.inputs = cells[0].figure.inputs
        figure.formula = cells[0].figure.formula
    figure.declared = declared
    result = ActivityResult(activity, product, method, target, frequency.value, amount, figure,
                            frequency, unit_cost, cells, lines, shares, declared=declared,
                            result_mode=result_mode)
    if not ctx.adjust.is_variant:  # published figures describe the program as written
        check_activity_published(ctx, result)
    return result


def _check_cell(ctx: CostingContext, cell: CellInput, result: CellResult) -> None:
    published = cell.columns.get("published_amount")
    if published is not None:
        compare(ctx, published.value, result.amount, 1, 0, published.loc or cell.loc)
    displayed = cell.columns.get("displayed_unit_cost")
    if displayed is None or cell.displayed_places is None:
        return
    rounded = round_to(result.unit_cost, cell.displayed_places)
    if rounded != displayed.value:
        ctx.diagnostics.add("displayed-unit-cost-mismatch", displayed.loc or cell.loc,
                            displayed=displayed.value, implied=_fmt(result.unit_cost, 6),
                            places=cell.displayed_places, rounded=rounded)


def _fmt(value: Decimal, places: int) -> str:
    return str(round_to(value, places))


def index_figures(result: CostResult, classifier_lines: dict[str, list[Figure]]
                  ) -> dict[str, Figure]:
    """Every figure a user can ask `costeo explain` about, by a stable id."""
    figures: dict[str, Figure] = {"total": result.figure}
    for product in result.products:
        figures[product.code] = product.figure
    for activity in result.activities():
        code = activity.code
        figures[code] = activity.figure
        unit = activity.unit_cost_figure
        if unit is None or activity.result_mode or not activity.uniform:
            targets = [c.target_figure for c in activity.cells]
            production = targets[0] if len(targets) == 1 else derived(
                "target", activity.target, "sum_targets", targets, activity.activity.name)
            unit = derived("unit_cost", activity.unit_cost, "result_unit_cost",
                           [activity.figure, production, activity.frequency_figure],
                           activity.activity.name)
            unit.declared = activity.declared
        unit.id = f"{code}/unit_cost"
        figures[unit.id] = unit
        for cell in activity.cells:
            if cell.key:
                cell.figure.id = cell_id(code, cell.key)
                figures[cell.figure.id] = cell.figure
                cell.unit_cost_figure.id = f"{cell.figure.id}/unit_cost"
                figures.setdefault(cell.unit_cost_figure.id, cell.unit_cost_figure)
        for component in activity.components:
            component.figure.id = f"{code}/{component.input_id}"
            figures.setdefault(component.figure.id, component.figure)
    if result.common:
        figures["common"] = result.figure.inputs[-1]
    for classifier, lines in sorted(classifier_lines.items()):
        fid = f"classifier:{classifier}"
        figures[fid] = derived("classifier", total(f.value for f in lines), "sum", lines,
                               classifier, id=fid)
    return figures
