"""Pure domain types of costeo (no I/O)."""

from costeo.model.inputs import (
    EquipmentInput,
    IndirectInput,
    Input,
    ItemInput,
    LabourInput,
    MarkupInput,
    TransferInput,
)
from costeo.model.methods import BottomUp, Declared, Method, Observed, TopDown
from costeo.model.program import (
    Activity,
    CellTable,
    CostCentre,
    Dimension,
    Parameter,
    Product,
    Program,
    Register,
    RegisterTarget,
    StaffCategory,
)
from costeo.model.values import Qty, Ref

__all__ = [
    "Activity", "BottomUp", "CellTable", "CostCentre", "Declared", "Dimension",
    "EquipmentInput", "IndirectInput", "Input", "ItemInput", "LabourInput", "MarkupInput",
    "Method", "Observed", "Parameter", "Product", "Program", "Qty", "Ref", "Register",
    "RegisterTarget", "StaffCategory", "TopDown", "TransferInput",
]
