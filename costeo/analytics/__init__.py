"""Columnar analytics for national-scale data: exact, factorised formulation over tables.

* :mod:`costeo.analytics.workload` reads the workload tables (money as integer cents, checked);
* :mod:`costeo.analytics.engine` computes every aggregate, updates them on a price edit and
  explains any of them (:class:`Formulation`);
* :mod:`costeo.analytics.from_result` turns an object-engine :class:`~costeo.CostResult` into
  columnar tables and recomputes its totals with DuckDB.
"""

from costeo.analytics.engine import (
    FAMILIES,
    Formulation,
    PriceEdit,
    decimal_series,
    formulate,
    to_decimal,
    with_decimals,
)
from costeo.analytics.workload import (
    Workload,
    WorkloadError,
    block_departments,
    from_tables,
    load_workload,
)

__all__ = [
    "FAMILIES", "Formulation", "PriceEdit", "Workload", "WorkloadError", "block_departments",
    "decimal_series", "formulate", "from_tables", "load_workload", "to_decimal",
    "with_decimals",
]
