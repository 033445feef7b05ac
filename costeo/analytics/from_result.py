"""Columnar tables from an object-engine result, and its totals recomputed with DuckDB.

The object engine (:func:`costeo.load_program`) costs a YAML program into a
:class:`~costeo.CostResult`: activities, their dimension cells and their budget lines
(activity x cell x classifier, each already rounded to the cent). This module flattens it into
tables a columnar engine can query:

* ``lines``: one row per budget line: ``line_id, program, product, activity, common,
  classifier, cell, amount_cents (Int64), amount (Decimal(38, 2))``;
* ``line_dimensions``: the line's cell in long form: ``line_id, dimension, value``;
* ``cells``: one row per activity cell: ``activity, cell, target, unit_cost, amount_cents``
  (target and unit cost as exact decimal text: unit costs keep 34 significant digits);
* ``components``: the base unit-cost components of each activity with their classifier.

:func:`columnar_totals` recomputes, in DuckDB over those tables, the totals the object engine
reports (grand total, activities, products, common actions, classifiers, every dimension),
so both engines can be checked against each other to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import duckdb
import polars as pl
import pyarrow as pa

from costeo.analytics.engine import decimal_series
from costeo.formulation.result import ActivityResult, CostResult, cell_label
from costeo.money import CENT

MONEY = pa.decimal128(38, 2)


def _cents(amount: Decimal, what: str) -> int:
    cents = amount / CENT
    if cents != cents.to_integral_value():
        raise ValueError(f"{what}: {amount} is not a whole number of cents")
    return int(cents)


def _activities(result: CostResult) -> list[tuple[str | None, ActivityResult]]:
    pairs: list[tuple[str | None, ActivityResult]] = []
    for product in result.products:
        pairs.extend((product.code, activity) for activity in product.activities)
    pairs.extend((None, activity) for activity in result.common)
    return pairs


@dataclass
class ResultTables:
    """The columnar form of one :class:`CostResult`."""

    program: str
    lines: pl.DataFrame
    line_dimensions: pl.DataFrame
    cells: pl.DataFrame
    components: pl.DataFrame

    def arrow(self) -> dict[str, pa.Table]:
        return {"lines": self.lines.to_arrow(), "line_dimensions": self.line_dimensions.to_arrow(),
                "cells": self.cells.to_arrow(), "components": self.components.to_arrow()}


def result_tables(result: CostResult) -> ResultTables:
    """Flatten a cost result into lines, line dimensions, cells and components."""
    program = result.program.program.code
    lines: dict[str, list[object]] = {k: [] for k in (
        "line_id", "program", "product", "activity", "common", "classifier", "cell",
        "amount_cents")}
    dims: dict[str, list[object]] = {"line_id": [], "dimension": [], "value": []}
    cells: dict[str, list[object]] = {k: [] for k in (
        "program", "product", "activity", "cell", "target", "frequency", "unit_cost",
        "amount_cents")}
    comps: dict[str, list[object]] = {k: [] for k in (
        "activity", "input_id", "classifier", "unit_cost")}
    line_id = 0
    for product, activity in _activities(result):
        for line in activity.lines:
            lines["line_id"].append(line_id)
            lines["program"].append(program)
            lines["product"].append(product)
            lines["activity"].append(line.activity)
            lines["common"].append(product is None)
            lines["classifier"].append(line.classifier)
            lines["cell"].append(cell_label(line.cell))
            lines["amount_cents"].append(_cents(line.amount, f"line of {line.activity}"))
            for name, value in line.cell:
                dims["line_id"].append(line_id)
                dims["dimension"].append(name)
                dims["value"].append(value)
            line_id += 1
        for cell in activity.cells:
            cells["program"].append(program)
            cells["product"].append(product)
            cells["activity"].append(activity.code)
            cells["cell"].append(cell_label(cell.key))
            cells["target"].append(str(cell.target))
            cells["frequency"].append(str(activity.frequency))
            cells["unit_cost"].append(str(cell.unit_cost))
            cells["amount_cents"].append(_cents(cell.amount, f"cell of {activity.code}"))
        for component in activity.components:
            comps["activity"].append(activity.code)
            comps["input_id"].append(component.input_id)
            comps["classifier"].append(component.classifier)
            comps["unit_cost"].append(str(component.figure.value))
    text = pl.Utf8
    line_frame = pl.DataFrame(lines, schema={
        "line_id": pl.Int64, "program": text, "product": text, "activity": text,
        "common": pl.Boolean, "classifier": text, "cell": text, "amount_cents": pl.Int64})
    line_frame = line_frame.with_columns(
        decimal_series("amount", line_frame["amount_cents"].to_numpy(), scale=2))
    return ResultTables(
        program,
        line_frame,
        pl.DataFrame(dims, schema={"line_id": pl.Int64, "dimension": text, "value": text}),
        pl.DataFrame(cells, schema={
            "program": text, "product": text, "activity": text, "cell": text, "target": text,
            "frequency": text, "unit_cost": text, "amount_cents": pl.Int64}),
        pl.DataFrame(comps, schema={"activity": text, "input_id": text, "classifier": text,
                                    "unit_cost": text}),
    )


@dataclass
class ColumnarTotals:
    """Totals recomputed from the line table (exact Decimals, 2 places)."""

    total: Decimal
    common: Decimal
    activities: dict[str, Decimal] = field(default_factory=dict)
    products: dict[str, Decimal] = field(default_factory=dict)
    classifiers: dict[str, Decimal] = field(default_factory=dict)
    dimensions: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    cells_by_activity: dict[str, Decimal] = field(default_factory=dict)


def _pairs(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, Decimal]:
    return {str(key): Decimal(value) for key, value in con.sql(sql).fetchall()}


def columnar_totals(tables: ResultTables | CostResult,
                    con: duckdb.DuckDBPyConnection | None = None) -> ColumnarTotals:
    """Every total of a program, recomputed in DuckDB from its line table.

    Sums run over ``DECIMAL(38, 2)`` (exact in DuckDB); lines of common actions have no
    product. ``cells_by_activity`` sums the cell table instead, a second path to the activity
    amounts.
    """
    if isinstance(tables, CostResult):
        tables = result_tables(tables)
    own = con is None
    con = con or duckdb.connect()
    try:
        for name, table in tables.arrow().items():
            con.register(name, table)
        total, common = con.sql(
            "SELECT coalesce(sum(amount), 0)::DECIMAL(38, 2), "
            "coalesce(sum(amount) FILTER (WHERE common), 0)::DECIMAL(38, 2) FROM lines"
        ).fetchall()[0]
        totals = ColumnarTotals(Decimal(total), Decimal(common))
        totals.activities = _pairs(
            con, "SELECT activity, sum(amount) FROM lines GROUP BY activity ORDER BY activity")
        totals.products = _pairs(
            con, "SELECT product, sum(amount) FROM lines WHERE product IS NOT NULL "
                 "GROUP BY product ORDER BY product")
        totals.classifiers = _pairs(
            con, "SELECT classifier, sum(amount) FROM lines GROUP BY classifier "
                 "ORDER BY classifier")
        rows = con.sql(
            "SELECT d.dimension, d.value, sum(l.amount) FROM line_dimensions d "
            "JOIN lines l USING (line_id) GROUP BY d.dimension, d.value "
            "ORDER BY d.dimension, d.value").fetchall()
        for dimension, value, amount in rows:
            totals.dimensions.setdefault(str(dimension), {})[str(value)] = Decimal(amount)
        totals.cells_by_activity = _pairs(
            con, "SELECT activity, (sum(amount_cents) / 100)::DECIMAL(38, 2) FROM cells "
                 "GROUP BY activity ORDER BY activity")
    finally:
        for name in ("lines", "line_dimensions", "cells", "components"):
            con.unregister(name)
        if own:
            con.close()
    return totals


def polars_totals(tables: ResultTables | CostResult) -> ColumnarTotals:
    """The same totals with Polars (integer cents), an independent second engine."""
    if isinstance(tables, CostResult):
        tables = result_tables(tables)
    lines = tables.lines

    def by(frame: pl.DataFrame, key: str) -> dict[str, Decimal]:
        grouped = frame.group_by(key).agg(pl.col("amount_cents").sum()).sort(key)
        return {str(k): Decimal(int(v)) * CENT
                for k, v in zip(grouped[key].to_list(), grouped["amount_cents"].to_list(),
                                strict=True)}

    total = Decimal(int(lines["amount_cents"].sum())) * CENT
    common = Decimal(int(lines.filter(pl.col("common"))["amount_cents"].sum())) * CENT
    totals = ColumnarTotals(total, common)
    totals.activities = by(lines, "activity")
    totals.products = by(lines.filter(pl.col("product").is_not_null()), "product")
    totals.classifiers = by(lines, "classifier")
    joined = tables.line_dimensions.join(lines.select("line_id", "amount_cents"), on="line_id")
    for dimension in joined["dimension"].unique().sort().to_list():
        totals.dimensions[dimension] = by(
            joined.filter(pl.col("dimension") == dimension), "value")
    totals.cells_by_activity = by(tables.cells, "activity")
    return totals
