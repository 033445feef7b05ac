"""Activity-level costing methods: how an activity's unit cost is obtained."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from costeo.model.base import Node
from costeo.model.inputs import Input
from costeo.model.values import Classifier, Number, Text, Value

METHODS = ("bottom_up", "declared", "top_down", "observed")


class BottomUp(Node):
    """Ascending (standard) cost: the sum of the inputs' costs per unit of activity."""

    method: Literal["bottom_up"]
    inputs: list[Input]


class Declared(Node):
    """A unit cost given without breakdown: allowed, and marked as declared everywhere."""

    method: Literal["declared"]
    unit_cost: Value | None = None
    classifier: Classifier | None = None
    source: Text | None = None


class TopDown(Node):
    """Descending cost: an envelope (or per-beneficiary amount x share) divided by production."""

    method: Literal["top_down"]
    envelope: Value | None = None
    per_beneficiary: Value | None = None
    beneficiaries: Value | None = None
    share: Value | None = None
    classifier: Classifier | None = None
    source: Text | None = None


class Record(Node):
    site: Text
    spent: Number
    produced: Number


class Observed(Node):
    """Observed cost: spent / produced at each site, averaged (mean or weighted)."""

    method: Literal["observed"]
    records: list[Record]
    average: Literal["mean", "weighted"] = "weighted"
    classifier: Classifier | None = None
    source: Text | None = None


def _method_of(value: Any) -> str | None:
    if isinstance(value, dict):
        method = value.get("method")
        return str(method) if method is not None else None
    return getattr(value, "method", None)


Method = Annotated[
    Annotated[BottomUp, Tag("bottom_up")]
    | Annotated[Declared, Tag("declared")]
    | Annotated[TopDown, Tag("top_down")]
    | Annotated[Observed, Tag("observed")],
    Field(discriminator=Discriminator(_method_of)),
]
