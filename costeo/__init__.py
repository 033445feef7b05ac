"""costeo: results-based budgeting (PpR) — cost, formulate, review and trace budget programs."""

from costeo.diagnostics import Diagnostic, Diagnostics, Location, Severity
from costeo.formulation.result import ActivityResult, CostResult, ProductResult
from costeo.lineage import Figure
from costeo.loader import Loaded, load_program, load_text

__version__ = "0.1.0"

__all__ = [
    "ActivityResult", "CostResult", "Diagnostic", "Diagnostics", "Figure", "Loaded",
    "Location", "ProductResult", "Severity", "load_program", "load_text", "__version__",
]
