"""Planning over the formulation: multi-year frames, calendars, ceilings and scenarios."""

from __future__ import annotations

from pydantic import Field

from costeo.model.base import Node
from costeo.model.values import Day, Integer, Number, Ref, Text, Value


class Population(Node):
    """A population per year (e.g. target households), the base of coverage paths."""

    name: Text
    unit: Text
    source: Text | None = None
    values: dict[Text, Number]


class Frame(Node):
    """A multi-year frame (marco multianual): years, populations × coverage, price index.

    In a year other than the fiscal year, an activity with a ``projection`` has as target
    population × coverage × per unit; prices (not legal transfer amounts) are indexed by the
    cumulative ``index`` (a dated parameter of annual rates) from the fiscal year on.
    """

    name: Text | None = None
    years: list[Integer]
    populations: dict[Text, Population] = {}
    coverage: dict[Text, dict[Text, Number]] = {}
    index: Value | None = None
    published: dict[Text, Number] = {}
    decimals: Integer = 0
    source: Text | None = None


class Projection(Node):
    """How an activity's target follows a frame population: population × coverage × per_unit."""

    population: Text
    per_unit: Value = Field(default_factory=lambda: _one())


class Holiday(Node):
    from_: Day = Field(alias="from")
    to: Day


class Calendar(Node):
    """Working days from a start to an end date, without weekends, holidays and breaks."""

    name: Text
    start: Day
    end: Day
    weekdays: list[Integer] = [1, 2, 3, 4, 5]
    holidays: list[Day] = []
    breaks: list[Holiday] = []
    source: Text | None = None


class Ceiling(Node):
    """The fiscal ceiling (techo presupuestal) of the program for a year."""

    year: Integer
    amount: Number
    protect: list[Text] = []
    source: Text | None = None


class Change(Node):
    """One change a scenario makes; the value is written where the scenario says it."""

    parameter: Text | None = None
    activity: Text | None = None
    input: Text | None = None
    coverage: Text | None = None
    year: Integer | None = None
    field: Text
    value: Value


class Inertial(Node):
    """Last year's amounts scaled: the 'asignación inercial' a results-based budget replaces."""

    previous: dict[Text, Number]
    growth: Value
    source: Text | None = None


class Scenario(Node):
    name: Text
    description: Text | None = None
    changes: list[Change] = []
    inertial: Inertial | None = None


def _one() -> Value:
    from decimal import Decimal

    from costeo.model.values import Qty

    return Qty(Decimal(1))


__all__ = ["Calendar", "Ceiling", "Change", "Frame", "Holiday", "Inertial", "Population",
           "Projection", "Ref", "Scenario"]
