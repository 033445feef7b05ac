"""A costed program as JSON-ready data (CLI ``--json``, later the web API)."""

from __future__ import annotations

from typing import Any

from costeo.formulation.result import ActivityResult, CostResult, cell_label
from costeo.i18n import method_label


def _activity(activity: ActivityResult, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": activity.code,
        "name": activity.activity.name,
        "unit": activity.activity.unit,
        "target": str(activity.target),
        "frequency": str(activity.frequency),
        "unit_cost": str(activity.unit_cost),
        "amount": str(activity.amount),
        "method": activity.method,
        "method_label": method_label(activity.method, lang),
        "declared": activity.declared,
        "inputs": [
            {"id": i.input_id, "name": i.name, "kind": i.kind, "classifier": i.classifier,
             "unit_cost": str(i.unit_cost), "declared": i.declared}
            for i in activity.inputs
        ],
    }
    if any(c.key for c in activity.cells):
        data["cells"] = [
            {"cell": dict(c.key), "label": cell_label(c.key), "target": str(c.target),
             "unit_cost": str(c.unit_cost), "amount": str(c.amount),
             **({"displayed_unit_cost": str(c.displayed_unit_cost)}
                if c.displayed_unit_cost is not None else {})}
            for c in activity.cells
        ]
    return data


def result_to_dict(result: CostResult, lang: str = "es") -> dict[str, Any]:
    info = result.program.program
    return {
        "file": result.file,
        "program": {
            "code": info.code, "name": info.name, "entity": info.entity,
            "fiscal_year": info.fiscal_year, "currency": info.currency,
        },
        "total": str(result.total),
        "declared_share": str(result.declared_share()),
        "products": [
            {"code": p.code, "name": p.product.name, "unit": p.product.unit,
             "amount": str(p.amount),
             "activities": [_activity(a, lang) for a in p.activities]}
            for p in result.products
        ],
        "common_actions": [_activity(a, lang) for a in result.common],
        "by_classifier": {k: str(v) for k, v in result.by_classifier().items()},
        "diagnostics": [d.to_dict(lang) for d in result.diagnostics],
    }
