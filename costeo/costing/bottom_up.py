"""Bottom-up (ascending) unit cost: each input costed by its own method, then summed.

Indirect inputs come last: they apply their centre's ratio to the direct inputs' cost.
"""

from __future__ import annotations

from costeo.costing.components import UNCLASSIFIED, Component
from costeo.costing.context import CostingContext
from costeo.costing.equipment import equipment_cost
from costeo.costing.indirect import indirect_cost
from costeo.costing.items import item_cost
from costeo.costing.labour import labour_cost
from costeo.costing.markup import markup_cost
from costeo.costing.transfers import transfer_cost
from costeo.lineage import Figure
from costeo.model.inputs import (
    EquipmentInput,
    IndirectInput,
    ItemInput,
    LabourInput,
    MarkupInput,
    TransferInput,
)
from costeo.model.methods import BottomUp


def bottom_up_components(ctx: CostingContext, method: BottomUp,
                         prices: dict[str, Figure] | None = None) -> list[Component] | None:
    """Unit-cost components of a bottom-up structure; ``prices`` overrides per input id."""
    prices = prices or {}
    components: list[Component] = []
    failed = False
    direct = [i for i in method.inputs if not isinstance(i, IndirectInput)]
    indirect = [i for i in method.inputs if isinstance(i, IndirectInput)]
    for inp in direct:
        price = prices.get(inp.id)
        classifier = inp.classifier or UNCLASSIFIED
        if isinstance(inp, ItemInput):
            figure = item_cost(ctx, inp, price)
        elif isinstance(inp, LabourInput):
            figure = labour_cost(ctx, inp)
        elif isinstance(inp, EquipmentInput):
            figure = equipment_cost(ctx, inp, price)
        elif isinstance(inp, MarkupInput):
            figure = markup_cost(ctx, inp, price)
        elif isinstance(inp, TransferInput):
            pair = transfer_cost(ctx, inp, price)
            if pair is None:
                failed = True
                continue
            components.append(Component(classifier, pair[0], inp.id))
            if pair[1] is not None:
                fee_classifier = inp.fee_classifier or classifier
                components.append(Component(fee_classifier, pair[1], f"{inp.id}.fee"))
            continue
        else:  # pragma: no cover - the model's union is closed
            raise TypeError(inp)
        if figure is None:
            failed = True
            continue
        components.append(Component(classifier, figure, inp.id))
    direct_figures = [c.figure for c in components]
    for centre_input in indirect:
        figure = indirect_cost(ctx, centre_input, direct_figures)
        if figure is None:
            failed = True
            continue
        components.append(
            Component(centre_input.classifier or UNCLASSIFIED, figure, centre_input.id))
    return None if failed else components
