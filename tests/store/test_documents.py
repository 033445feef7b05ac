"""Grids and in-place edits of the YAML document: every grid path names a value the loader
reads, edits touch only that value, and the rest of the text stays byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from costeo.loader import load_text
from costeo.store import NotFound
from costeo.store.documents import GRID_KINDS, compose, flatten, grid, scalar_at, set_values
from tests.store.conftest import EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_grid_paths_are_editable_values(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    root = compose(text)
    values = []
    for kind in GRID_KINDS:
        for row in grid(text, kind):
            for field, path in row["paths"].items():
                value = row[field] if field in row else row["value"]
                assert scalar_at(root, path) == value
                values.append((path, value))
    assert len(values) >= 5
    same, replaced = set_values(text, values)
    assert same == text  # writing the same values changes nothing
    assert len(replaced) == len(values)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_an_edit_changes_one_value_and_nothing_else(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    row = next(r for r in grid(text, "targets") if r["level"] != "product")
    path = row["paths"]["value"]
    new_value = str(int(row["value"]) + 7)
    edited, replaced = set_values(text, [(path, new_value)])
    assert [(r.path, r.before, r.after) for r in replaced] == [(path, row["value"], new_value)]
    before, after = dict(flatten(compose(text))), dict(flatten(compose(edited)))
    assert {k for k in before if before[k] != after.get(k)} == {path}
    assert len(edited.splitlines()) == len(text.splitlines())
    original, changed = load_text(text, example.name), load_text(edited, example.name)
    assert original.result is not None and changed.result is not None
    assert not changed.diagnostics.has_errors
    differing = [k for k, f in changed.result.figures.items()
                 if k in original.result.figures and original.result.figures[k].value != f.value]
    assert differing  # the loader sees the new target (a unit cost or an amount moves)


def test_values_are_written_as_yaml_tokens() -> None:
    text = 'a: {price: 1.50, name: "x"}\nb: [1, 2]\n'
    edited, _ = set_values(text, [("a/price", "2.75"), ("b/1", "una, dos"), ("a/name", "$p")])
    assert edited == 'a: {price: 2.75, name: $p}\nb: [1, "una, dos"]\n'


@pytest.mark.parametrize("path", ["a/nope", "a", "b/5", "b/x", ""])
def test_unknown_paths(path: str) -> None:
    with pytest.raises(NotFound):
        set_values("a: {price: 1}\nb: [1, 2]\n", [(path, "1")])


def test_unknown_grid() -> None:
    with pytest.raises(NotFound):
        grid("a: 1\n", "nope")
