"""A unit-cost component: a figure tagged with the spending classifier it is budgeted under."""

from __future__ import annotations

from dataclasses import dataclass

from costeo.lineage import Figure

UNCLASSIFIED = "sin clasificar"


@dataclass
class Component:
    classifier: str
    figure: Figure
    input_id: str
