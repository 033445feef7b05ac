"""Review rules a program declares for `costeo review` where the model has no place for them."""

from __future__ import annotations

from costeo.model.base import Node
from costeo.model.values import Number, Text, Value


class ReviewRatio(Node):
    """A physical ratio: the activity's target ÷ its product's target lies in [low, high].

    E.g. bimonthly payments per household affiliated in the year between 0 and 6. ``base``
    gives the product's count (beneficiaries) when the product has no target of its own.
    """

    activity: Text
    product: Text | None = None
    base: Value | None = None
    low: Number
    high: Number
    label: Text | None = None
    source: Text | None = None


class ReviewRules(Node):
    ratios: list[ReviewRatio] = []
