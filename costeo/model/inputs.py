"""Inputs (insumos) of a bottom-up cost structure, one kind per costing method."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from costeo.model.base import Node
from costeo.model.values import Classifier, Qty, Text, Value

INPUT_KINDS = ("item", "labour", "equipment", "indirect", "markup", "transfer")

# Default useful lives (years) by asset category (DOMAIN.md §3).
DEFAULT_USEFUL_LIFE = {"equipment": 10, "furniture": 10, "instrument": 3}


class ZonePrices(Node):
    """The input's price in some price zones (the others keep ``price``)."""

    zones: Text
    prices: dict[Text, Value]


class InputBase(Node):
    id: Text
    name: Text
    classifier: Classifier | None = None
    zone_prices: ZonePrices | None = None
    source: Text | None = None


class ItemInput(InputBase):
    """Goods and services: quantity x frequency x price (C = P x Q)."""

    kind: Literal["item"] = "item"
    unit: Text | None = None
    quantity: Value
    frequency: Value = Qty(Decimal(1))
    price: Value


class LabourInput(InputBase):
    """Direct labour: staff category x time per unit x hourly rate."""

    kind: Literal["labour"]
    staff: Text
    minutes: Value | None = None
    hours: Value | None = None
    people: Value = Qty(Decimal(1))


class EquipmentInput(InputBase):
    """Equipment, instruments, furniture: replacement price / useful life / units per year."""

    kind: Literal["equipment"]
    category: Literal["equipment", "furniture", "instrument"] = "equipment"
    replacement_price: Value
    useful_life: Value | None = None
    units_per_year: Value
    quantity: Value = Qty(Decimal(1))


class IndirectInput(InputBase):
    """Indirect cost: the cost centre's indirect ratio applied to the activity's direct cost."""

    kind: Literal["indirect"]
    centre: Text


class MarkupInput(InputBase):
    """Composite price: a base cost grossed up by a cost structure, or by a flat markup."""

    kind: Literal["markup"]
    base: Value
    base_component: Text | None = None
    structure: dict[str, Value] | None = None
    markup: Value | None = None


class TransferInput(InputBase):
    """Monetary transfer: (amount + tax + fee) per payment x payments."""

    kind: Literal["transfer"]
    amount: Value
    tax_rate: Value = Qty(Decimal(0))
    fee: Value = Qty(Decimal(0))
    fee_classifier: Classifier | None = None
    payments: Value = Qty(Decimal(1))


def _input_kind(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("kind") or "item")
    return str(getattr(value, "kind", "item"))


Input = Annotated[
    Annotated[ItemInput, Tag("item")]
    | Annotated[LabourInput, Tag("labour")]
    | Annotated[EquipmentInput, Tag("equipment")]
    | Annotated[IndirectInput, Tag("indirect")]
    | Annotated[MarkupInput, Tag("markup")]
    | Annotated[TransferInput, Tag("transfer")],
    Field(discriminator=Discriminator(_input_kind)),
]
