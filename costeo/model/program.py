"""The results chain: program -> result -> products -> activities (+ common actions).

These are the typed objects a program file is validated into. They are pure data (no I/O);
every block remembers its source location (see :class:`costeo.model.base.Node`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from costeo.model.base import Node
from costeo.model.methods import Method
from costeo.model.planning import Calendar, Ceiling, Frame, Projection, Scenario
from costeo.model.review import ReviewRules
from costeo.model.values import Day, FiscalYear, Integer, Number, SignedNumber, Text, Value

CURRENCIES = ("PEN", "USD")


class Measure(Node):
    year: Integer
    value: SignedNumber


class Indicator(Node):
    code: Text
    name: Text
    unit: Text
    baseline: Measure | None = None
    target: Measure | None = None
    source: Text | None = None


class Result(Node):
    statement: Text
    population: Text | None = None
    indicators: list[Indicator] = []


class ProgramInfo(Node):
    code: Text
    name: Text
    entity: Text
    fiscal_year: FiscalYear
    currency: Literal["PEN", "USD"]
    country: Text | None = None
    source: Text | None = None
    result: Result


class DatedValue(Node):
    from_: Day = Field(alias="from")
    value: SignedNumber
    note: Text | None = None


class Parameter(Node):
    """A dated parameter (salary scale, price, transfer amount, tax rate) with its source."""

    name: Text | None = None
    unit: Text
    source: Text
    values: list[DatedValue]


class Dimension(Node):
    """A named segmentation (region, quintile, user type, modality...) and its values."""

    name: Text
    values: list[Text] | dict[str, Text] = []
    period: Literal["month", "bimester", "quarter", "semester", "year"] | None = None
    territory: Literal["district", "province", "department"] | None = None

    def codes(self) -> list[str]:
        return list(self.values) if isinstance(self.values, dict) else list(self.values)

    def label(self, code: str) -> str:
        if isinstance(self.values, dict) and code in self.values:
            return self.values[code]
        if self.territory is not None:
            from costeo.territory import territory

            place = territory().lookup(code)
            return place.label if place is not None else code
        return code


class Zones(Node):
    """Price zones of a territory dimension: zone -> department, province or district codes.

    The most specific code wins (district, then province, then department), then the
    ``default`` zone. Inputs may price per zone with ``zone_prices``.
    """

    name: Text
    dimension: Text
    map: dict[Text, list[Text]]
    default: Text | None = None
    source: Text | None = None


class StaffCategory(Node):
    """A staff category: hourly rate = monthly pay x months paid / (hours per month x 12)."""

    name: Text
    monthly_pay: Value
    months_per_year: Value = Field(default_factory=lambda: _qty(12))
    hours_per_month: Value
    source: Text | None = None


class CostCentre(Node):
    """A producing or support centre; support centres are stepped down by an allocation base."""

    name: Text
    kind: Literal["producing", "support"] = "producing"
    direct: Value
    indirect: Value = Field(default_factory=lambda: _qty(0))
    allocate_by: Text | None = None
    bases: dict[str, Value] = {}
    source: Text | None = None


class Register(Node):
    """A beneficiary register (padrón) per period: final = initial + entries - exits."""

    name: Text
    unit: Text
    period: Text
    columns: list[Text]
    rows: list[list[Any]]
    source: Text | None = None


class CellTable(Node):
    """Targets, amounts, unit costs or prices per combination of dimension values."""

    dimensions: list[Text]
    columns: list[Text]
    rows: list[list[Any]]
    source: Text | None = None


class RegisterTarget(Node):
    """Targets taken from register columns, one cell per register period."""

    register_code: Text = Field(alias="register")
    columns: list[Text]
    lag: Integer = 0
    opening: Value | None = None
    factor: Value | None = None


class PublishedSubtotal(Node):
    where: dict[str, Text]
    label: Text | None = None
    target: Number | None = None
    amount: Number


class Published(Node):
    """Figures as printed in the source document, checked against the computed ones."""

    target: Number | None = None
    amount: Number | None = None
    subtotals: list[PublishedSubtotal] = []
    by_classifier: dict[str, Number] = {}
    decimals: Integer = 0
    source: Text | None = None


def _target_kind(value: Any) -> str:
    return "register" if isinstance(value, (dict, RegisterTarget)) else "value"


Target = Annotated[
    Annotated[RegisterTarget, Tag("register")] | Annotated[Value, Tag("value")],
    Field(discriminator=Discriminator(_target_kind)),
]


class Activity(Node):
    code: Text
    name: Text
    unit: Text
    target: Target | None = None
    frequency: Value | None = None
    frequency_unit: Text | None = None
    cells: CellTable | None = None
    cost: Method
    published: Published | None = None
    projection: Projection | None = None
    calendar: Text | None = None
    years: list[Integer] | None = None
    source: Text | None = None


class Product(Node):
    code: Text
    name: Text
    unit: Text
    target: Value | None = None
    activities: list[Activity] = []
    published: Published | None = None


class Program(Node):
    program: ProgramInfo
    parameters: dict[str, Parameter] = {}
    dimensions: dict[str, Dimension] = {}
    staff: dict[str, StaffCategory] = {}
    cost_centres: dict[str, CostCentre] = {}
    registers: dict[str, Register] = {}
    products: list[Product]
    common_actions: list[Activity] = []
    published: Published | None = None
    zones: dict[str, Zones] = {}
    frame: Frame | None = None
    calendars: dict[str, Calendar] = {}
    ceilings: list[Ceiling] = []
    scenarios: dict[str, Scenario] = {}
    review: ReviewRules | None = None

    def activities(self) -> Iterator[tuple[Product | None, Activity]]:
        for product in self.products:
            for activity in product.activities:
                yield product, activity
        for activity in self.common_actions:
            yield None, activity


def _qty(n: int) -> Any:
    from decimal import Decimal

    from costeo.model.values import Qty

    return Qty(Decimal(n))
