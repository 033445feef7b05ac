"""What pages and the API show, computed from a costed program as plain data.

Figures keep their lineage id (``CostResult.figures``) so every amount on a page can be
clicked to see how it was built. Amounts stay ``Decimal``; formatting happens in templates
(:class:`costeo.web.render.Fmt`) or as strings in the API.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from costeo.formulation.periods import phase
from costeo.formulation.result import COMMON, ActivityResult, CostResult

__all__ = ["CostResult", "Node", "Table", "formulation", "tree", "treemap"]
from costeo.i18n import kind_label, method_label, month_name
from costeo.money import ZERO
from costeo.reports.common import cell_values, dimension_name, input_name, table_rows
from costeo.reports.labels import label

BY = ("activity", "segment", "territory", "period")


@dataclass
class Node:
    """One row of the program tree: result, product, activity or input."""

    level: str
    code: str
    name: str
    amount: Decimal | None = None
    figure: str | None = None
    unit: str = ""
    target: Decimal | None = None
    unit_cost: Decimal | None = None
    unit_cost_figure: str | None = None
    detail: str = ""
    children: list[Node] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level, "code": self.code, "name": self.name,
            "amount": _str(self.amount), "figure": self.figure, "unit": self.unit,
            "target": _str(self.target), "unit_cost": _str(self.unit_cost),
            "unit_cost_figure": self.unit_cost_figure, "detail": self.detail,
            "children": [c.to_dict() for c in self.children],
        }


def _str(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _activity_node(result: CostResult, activity: ActivityResult, lang: str) -> Node:
    uc_figure = activity.unit_cost_figure.id if activity.unit_cost_figure is not None else None
    node = Node("activity", activity.code, activity.activity.name, activity.amount,
                activity.figure.id or activity.code, activity.activity.unit, activity.target,
                activity.unit_cost, uc_figure, method_label(activity.method, lang))
    for share in activity.inputs:
        fid = f"{activity.code}/{share.input_id}"
        node.children.append(Node(
            "input", share.input_id, input_name(activity, share), None,
            fid if fid in result.figures else None, unit_cost=share.unit_cost,
            unit_cost_figure=fid if fid in result.figures else None,
            detail=f"{kind_label(share.kind, lang)} · {share.classifier}"))
    return node


def tree(result: CostResult, lang: str = "es") -> Node:
    """Result → products → activities → inputs, with totals and figure ids."""
    info = result.program.program
    root = Node("result", info.code, info.result.statement or info.name, result.total,
                result.figure.id or "total")
    for product in result.products:
        target = product.target.value if product.target is not None else None
        pnode = Node("product", product.code, product.product.name, product.amount,
                     product.figure.id or product.code, product.product.unit, target)
        pnode.children = [_activity_node(result, a, lang) for a in product.activities]
        root.children.append(pnode)
    if result.common:
        cnode = Node("product", "", label("common_actions", lang), result.common_amount, None)
        cnode.children = [_activity_node(result, a, lang) for a in result.common]
        root.children.append(cnode)
    return root


@dataclass
class Table:
    """A formulation table: heads, rows of cells, a total row; ``figures`` parallel to rows."""

    by: str
    heads: list[str]
    rows: list[list[Any]]
    levels: list[str]
    figures: list[str | None]
    total: Decimal
    money_columns: set[int] = field(default_factory=set)

    def to_dict(self) -> dict[str, Any]:
        return {"by": self.by, "heads": self.heads, "total": str(self.total),
                "rows": [{"level": lvl, "figure": fig,
                          "cells": [str(c) if isinstance(c, Decimal) else c for c in row]}
                         for lvl, fig, row in zip(self.levels, self.figures, self.rows,
                                                  strict=True)]}


def territory_dimensions(result: CostResult) -> list[str]:
    return [name for name, d in result.program.dimensions.items() if d.territory is not None]


def available(result: CostResult) -> list[str]:
    """The breakdowns this program supports (territory only with a territory dimension)."""
    return [by for by in BY if by != "territory" or territory_dimensions(result)]


def formulation(result: CostResult, lang: str = "es", by: str = "activity") -> Table:
    if by == "segment":
        return _by_segment(result, lang)
    if by == "territory" and territory_dimensions(result):
        return _by_territory(result, lang)
    if by == "period":
        return _by_period(result, lang)
    return _by_activity(result, lang)


def _by_activity(result: CostResult, lang: str) -> Table:
    heads = [label(k, lang) for k in ("product_activity", "unit", "target", "unit_cost",
                                       "amount")]
    table = Table("activity", heads, [], [], [], result.total, {3, 4})
    for row in table_rows(result, lang):
        fig = None
        if row.activity is not None:
            fig = row.activity.figure.id
        elif row.level == "product":
            fig = row.code
        elif row.level == "total":
            fig = "total"
        table.rows.append([row.text, row.unit, row.target, row.unit_cost, row.amount])
        table.levels.append(row.level)
        table.figures.append(fig if fig in result.figures else None)
    return table


def _by_segment(result: CostResult, lang: str) -> Table:
    heads = [label(k, lang) for k in ("product_activity", "segment", "target", "unit_cost",
                                       "amount")]
    table = Table("segment", heads, [], [], [], result.total, {3, 4})
    for activity in result.activities():
        table.rows.append([f"{activity.code} {activity.activity.name}", "", activity.target,
                           None, activity.amount])
        table.levels.append("activity")
        table.figures.append(activity.figure.id)
        for cell in activity.cells:
            if not cell.key:
                continue
            table.rows.append(["", " · ".join(cell_values(result, cell)), cell.target,
                               cell.unit_cost, cell.amount])
            table.levels.append("cell")
            table.figures.append(cell.figure.id)
    table.rows.append([label("total", lang), "", None, None, result.total])
    table.levels.append("total")
    table.figures.append("total")
    return table


def _by_territory(result: CostResult, lang: str) -> Table:
    heads = [label("product_activity", lang), label("amount", lang)]
    table = Table("territory", heads, [], [], [], result.total, {1})
    for dim in territory_dimensions(result):
        table.rows.append([dimension_name(result, dim), None])
        table.levels.append("product")
        table.figures.append(None)
        dimension = result.program.dimensions[dim]
        for code, amount in sorted(result.by_dimension(dim).items()):
            table.rows.append([f"{code} {dimension.label(code)}", amount])
            table.levels.append("activity")
            table.figures.append(None)
    table.rows.append([label("total", lang), result.total])
    table.levels.append("total")
    table.figures.append("total")
    return table


def _by_period(result: CostResult, lang: str) -> Table:
    owners = result.owners()
    sums: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for line, months in phase(result):
        for month, amount in months.items():
            sums[owners.get(line.activity, COMMON)][month] += amount
    heads = [label("product_activity", lang)] + [month_name(m, lang)[:3] for m in range(1, 13)]
    heads.append(label("total", lang))
    table = Table("period", heads, [], [], [], result.total, set(range(1, 14)))
    names = {p.code: f"{p.code} {p.product.name}" for p in result.products}
    names[COMMON] = label("common_actions", lang)
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for owner in [p.code for p in result.products] + [COMMON]:
        if owner not in sums:
            continue
        months = sums[owner]
        row: list[Any] = [names[owner]] + [months.get(m, ZERO) for m in range(1, 13)]
        row.append(sum(months.values(), ZERO))
        for m in range(1, 13):
            totals[m] += months.get(m, ZERO)
        table.rows.append(row)
        table.levels.append("product")
        table.figures.append(owner if owner in result.figures else None)
    table.rows.append([label("total", lang)] + [totals[m] for m in range(1, 13)]
                      + [result.total])
    table.levels.append("total")
    table.figures.append("total")
    return table


def treemap(result: CostResult, lang: str, money: Callable[[Decimal], str]
            ) -> list[dict[str, Any]]:
    """ECharts treemap data: products → activities. ``value`` sizes the boxes (the exact
    amount as a string); ``text`` is the amount as the reader sees it."""

    def box(name: str, amount: Decimal, children: list[ActivityResult] | None = None
            ) -> dict[str, Any]:
        node: dict[str, Any] = {"name": name, "value": str(amount), "text": money(amount)}
        if children is not None:
            node["children"] = [box(f"{a.code} {a.activity.name}", a.amount) for a in children]
        return node

    data = [box(f"{p.code} {p.product.name}", p.amount, p.activities) for p in result.products]
    if result.common:
        data.append(box(label("common_actions", lang), result.common_amount, result.common))
    return data
