"""Every figure of every example explains itself down to given values with their sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from costeo import load_program
from costeo.lineage import DEFAULT, DERIVED, GIVEN, PARAMETER
from costeo.money import total
from tests.conftest import ALL_EXAMPLES


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_every_leaf_is_a_located_given_value_or_a_default(example: Path) -> None:
    result = load_program(example).result
    assert result is not None
    for figure_id, figure in result.figures.items():
        leaves = list(figure.leaves())
        assert leaves, figure_id
        for leaf in leaves:
            assert leaf.kind in (GIVEN, PARAMETER, DEFAULT), (figure_id, leaf.label())
            if leaf.kind in (GIVEN, PARAMETER):
                assert leaf.loc is not None and leaf.loc.line > 0, (figure_id, leaf.label())
                assert leaf.loc.file.endswith(example.name)
        # at least one leaf of every figure is a value written in the file
        assert any(leaf.kind in (GIVEN, PARAMETER) for leaf in leaves), figure_id


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_sums_in_the_tree_add_up(example: Path) -> None:
    result = load_program(example).result
    assert result is not None
    for figure in result.figure.walk():
        if figure.kind == DERIVED and figure.formula == "sum":
            assert figure.value == total(c.value for c in figure.inputs), figure.label()


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_totals_reconcile_to_the_cent(example: Path) -> None:
    result = load_program(example).result
    assert result is not None
    lines = list(result.lines())
    assert all(line.amount == line.amount.quantize(line.amount.__class__("0.01")) for line in lines)
    assert result.total == total(line.amount for line in lines)
    assert result.total == total(result.by_classifier().values())
    assert result.total == total(p.amount for p in result.products) + result.common_amount
