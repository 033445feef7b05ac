"""Scenarios side by side: what changed, by how much, and which inputs made it change."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from costeo.diagnostics import Diagnostics
from costeo.formulation.budget import cost_program
from costeo.formulation.result import CostResult
from costeo.formulation.variants import scenario_variant
from costeo.lineage import DERIVED, Figure
from costeo.model.program import Program
from costeo.money import ZERO, mul, round_money

BASE = "base"


def cost_scenario(program: Program, name: str, diagnostics: Diagnostics,
                  file: str = "") -> CostResult | None:
    """The program costed under scenario ``name`` ('base' is the program as written)."""
    if name == BASE:
        return cost_program(program, diagnostics, file)
    variant, adjust = scenario_variant(program, name, diagnostics)
    if diagnostics.has_errors:
        return None
    return cost_program(variant, diagnostics, file, adjust)


@dataclass
class ChangedValue:
    """A value that differs between two scenarios: where, what, before and after."""

    label: str
    before: Decimal | None  # None: the value is new in this scenario (e.g. a factor)
    after: Decimal
    where: str


@dataclass
class LineDiff:
    code: str
    name: str
    before: Decimal
    after: Decimal
    changed: list[ChangedValue] = field(default_factory=list)

    @property
    def difference(self) -> Decimal:
        return self.after - self.before


@dataclass
class Comparison:
    before: str
    after: str
    total_before: Decimal
    total_after: Decimal
    products: list[LineDiff]
    activities: list[LineDiff]
    classifiers: list[LineDiff]

    @property
    def difference(self) -> Decimal:
        return self.total_after - self.total_before


def compare(before: CostResult, after: CostResult, before_name: str = BASE,
            after_name: str = "") -> Comparison:
    activities: list[LineDiff] = []
    after_acts = {a.code: a for a in after.activities()}
    for act in before.activities():
        other = after_acts.get(act.code)
        if other is None:
            continue
        diff = LineDiff(act.code, act.activity.name, act.amount, other.amount)
        if diff.difference != 0:
            diff.changed = changed_leaves(act.figure, other.figure)
        activities.append(diff)
    products = [
        LineDiff(p.code, p.product.name, p.amount,
                 next((q.amount for q in after.products if q.code == p.code), ZERO))
        for p in before.products
    ]
    b_cls, a_cls = before.by_classifier(), after.by_classifier()
    classifiers = [LineDiff(c, c, b_cls.get(c, ZERO), a_cls.get(c, ZERO))
                   for c in sorted(set(b_cls) | set(a_cls))]
    return Comparison(before_name, after_name, before.total, after.total, products, activities,
                      classifiers)


def changed_leaves(before: Figure, after: Figure) -> list[ChangedValue]:
    """The given values (leaves) that differ between two lineage trees of the same figure.

    Trees are walked in parallel while their shapes agree; where a scenario replaced a whole
    sub-tree (e.g. cells by one annual target) the new sub-tree's leaves are reported.
    """
    found: list[ChangedValue] = []

    def walk(b: Figure | None, a: Figure) -> None:
        if b is None or b.role != a.role or len(b.inputs) != len(a.inputs) or (
                not a.inputs and b.inputs):
            # the scenario reshaped this sub-tree: report the leaves that are new or moved
            old = {(leaf.loc, leaf.role): leaf for leaf in (b.leaves() if b else [])}
            for leaf in a.leaves():
                match = old.get((leaf.loc, leaf.role))
                if match is None or match.value != leaf.value:
                    add(match, leaf)
            return
        if not a.inputs:
            if a.value != b.value or a.loc != b.loc:
                add(b, a)
            return
        if a.value == b.value and a.kind == b.kind == DERIVED and _same(b, a):
            return
        for child_b, child_a in zip(b.inputs, a.inputs, strict=True):
            walk(child_b, child_a)

    def add(b: Figure | None, a: Figure) -> None:
        item = ChangedValue(a.label(), b.value if b is not None else None, a.value,
                            str(a.loc) if a.loc else (a.source or ""))
        if all(item.label != f.label or item.where != f.where for f in found):
            found.append(item)

    walk(before, after)
    return found


def _same(b: Figure, a: Figure) -> bool:
    return all(x.value == y.value and x.loc == y.loc for x, y in zip(b.leaves(), a.leaves(),
                                                                   strict=False))


@dataclass
class InertialLine:
    code: str
    name: str
    previous: Decimal
    inertial: Decimal
    results_based: Decimal

    @property
    def difference(self) -> Decimal:
        return self.results_based - self.inertial


def inertial(result: CostResult, name: str, diagnostics: Diagnostics) -> list[InertialLine]:
    """Last year's amounts scaled by growth, beside the results-based formulation."""
    scenario = result.program.scenarios[name]
    rule = scenario.inertial
    if rule is None:
        return []
    from costeo.costing.context import CostingContext

    ctx = CostingContext.for_program(result.program, diagnostics)
    growth = ctx.value(rule.growth, "rate", scenario.name)
    factor = Decimal(1) + (growth.value if growth else ZERO)
    amounts = {p.code: (p.product.name, p.amount) for p in result.products}
    amounts.update({a.code: (a.activity.name, a.amount) for a in result.activities()})
    lines = []
    for code, previous in rule.previous.items():
        if code not in amounts:
            diagnostics.add("unknown-scenario-target", previous.loc, scenario=name, target=code)
            continue
        name_, amount = amounts[code]
        lines.append(InertialLine(code, name_, previous.value,
                                  round_money(mul(previous.value, factor)), amount))
    return lines
