"""The result of costing a program: lines, activity/product/program figures, lineage index."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from costeo.costing.components import Component
from costeo.diagnostics import Diagnostics
from costeo.lineage import Figure
from costeo.model.program import Activity, Product, Program
from costeo.money import ZERO, div, total

CellKey = tuple[tuple[str, str], ...]
COMMON = "common"  # the owner key (and figure id) of the program's common actions


def cell_label(key: CellKey) -> str:
    return ", ".join(value for _, value in key)


def cell_id(activity: str, key: CellKey) -> str:
    """The figure id of a cell: ``5000001[raciones,preescolar,I-II,selva]`` (no spaces)."""
    return f"{activity}[{','.join(value for _, value in key)}]"


@dataclass
class Line:
    """One budget line: activity x cell x classifier, rounded to the cent once."""

    activity: str
    cell: CellKey
    classifier: str
    amount: Decimal


@dataclass
class InputShare:
    """An input's contribution to the activity's (base) unit cost, for breakdowns."""

    input_id: str
    name: str
    kind: str
    classifier: str
    unit_cost: Decimal
    declared: bool = False


@dataclass
class CellResult:
    key: CellKey
    target: Decimal
    unit_cost: Decimal
    amount: Decimal
    figure: Figure
    target_figure: Figure
    unit_cost_figure: Figure
    displayed_unit_cost: Decimal | None = None
    published_amount: Decimal | None = None


@dataclass
class ActivityResult:
    activity: Activity
    product: Product | None
    method: str
    target: Decimal
    frequency: Decimal
    amount: Decimal
    figure: Figure
    frequency_figure: Figure
    unit_cost_figure: Figure | None
    cells: list[CellResult]
    lines: list[Line]
    inputs: list[InputShare]
    components: list[Component] = field(default_factory=list)
    declared: bool = False
    result_mode: bool = False
    uniform: bool = True

    @property
    def code(self) -> str:
        return self.activity.code

    @property
    def dimensions(self) -> list[str]:
        return [name for name, _ in self.cells[0].key] if self.cells else []

    @property
    def unit_cost(self) -> Decimal:
        """Cost per unit of target x frequency: the exact driver when every cell shares it,
        else (price overrides per cell, top-down envelopes) amount / production."""
        if self.unit_cost_figure is not None and self.uniform and not self.result_mode:
            return self.unit_cost_figure.value
        production = self.target * self.frequency
        return div(self.amount, production) if production else ZERO


@dataclass
class ProductResult:
    product: Product
    activities: list[ActivityResult]
    amount: Decimal
    figure: Figure
    target: Figure | None = None  # the product's physical target, resolved (may be $param)

    @property
    def code(self) -> str:
        return self.product.code


@dataclass
class CostResult:
    program: Program
    products: list[ProductResult]
    common: list[ActivityResult]
    total: Decimal
    figure: Figure
    diagnostics: Diagnostics
    file: str = ""
    figures: dict[str, Figure] = field(default_factory=dict)

    def activities(self) -> Iterator[ActivityResult]:
        for product in self.products:
            yield from product.activities
        yield from self.common

    def lines(self) -> Iterator[Line]:
        for activity in self.activities():
            yield from activity.lines

    @property
    def common_amount(self) -> Decimal:
        return total(a.amount for a in self.common)

    def owners(self) -> dict[str, str]:
        """Each activity's product code, or ``"common"`` for common actions."""
        return {a.code: (a.product.code if a.product else COMMON) for a in self.activities()}

    def by_classifier(self) -> dict[str, Decimal]:
        sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for line in self.lines():
            sums[line.classifier] += line.amount
        return dict(sorted(sums.items()))

    def by_dimension(self, dimension: str) -> dict[str, Decimal]:
        sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for line in self.lines():
            for name, value in line.cell:
                if name == dimension:
                    sums[value] += line.amount
        return dict(sums)

    def by_territory(self, dimension: str, level: str) -> dict[str, Decimal]:
        """A territory dimension's amounts rolled up to province, department or national."""
        from costeo.territory import territory

        return territory().roll_up(self.by_dimension(dimension), level)  # type: ignore[arg-type]

    def declared_share(self) -> Decimal:
        """Share of the budget whose unit cost is declared without breakdown."""
        declared = total(a.amount for a in self.activities() if a.declared)
        return div(declared, self.total) if self.total else ZERO

    def find(self, figure_id: str) -> Figure | None:
        """A figure by id; spaces after commas in cell ids are ignored."""
        return self.figures.get(figure_id) or self.figures.get(figure_id.replace(", ", ","))
