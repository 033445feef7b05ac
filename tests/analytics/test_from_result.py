"""The columnar recomputation of object-engine results agrees with it to the cent."""

from __future__ import annotations

from pathlib import Path

import pytest

from costeo import load_program
from costeo.analytics.from_result import columnar_totals, polars_totals, result_tables
from costeo.money import CENT
from tests.conftest import ALL_EXAMPLES


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_columnar_totals_equal_the_object_engine(example: Path) -> None:
    result = load_program(example).result
    assert result is not None
    tables = result_tables(result)
    assert tables.lines.height == sum(1 for _ in result.lines())
    duck = columnar_totals(tables)
    assert duck.total == result.total
    assert duck.common == result.common_amount
    assert duck.activities == {a.code: a.amount for a in result.activities()}
    assert duck.cells_by_activity == duck.activities
    assert duck.products == {p.code: p.amount for p in result.products if p.activities}
    assert duck.classifiers == result.by_classifier()
    dimensions = {name for a in result.activities() for name in a.dimensions}
    assert set(duck.dimensions) == dimensions
    for name in dimensions:
        assert duck.dimensions[name] == result.by_dimension(name), name
    # to the cent: every figure is a whole number of cents, and Polars agrees with DuckDB
    assert all(v == v.quantize(CENT) for v in duck.activities.values())
    assert polars_totals(tables) == duck


def test_the_line_table_is_exact() -> None:
    result = load_program(ALL_EXAMPLES[0]).result
    assert result is not None
    tables = result_tables(result)
    amounts = tables.lines["amount"].to_list()
    assert amounts == [line.amount for line in result.lines()]
    assert tables.lines["amount_cents"].to_list() == [int(a / CENT) for a in amounts]
