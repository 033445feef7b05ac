"""Import -> export is lossless on every bundled example, in YAML and in XLSX, and the store's
money equals the loader's to the cent."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from costeo.io.yaml_writer import dump_program
from costeo.loader import load_program
from costeo.store import Store
from costeo.store.exchange import (
    export_xlsx,
    export_yaml,
    import_program,
    import_xlsx,
)
from costeo.store.models import BudgetLine, Version
from costeo.store.policy import system_actor
from costeo.store.workflow import line_total
from tests.store.conftest import EXAMPLES

ADMIN = system_actor()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_yaml_import_export_is_lossless(store: Store, example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    with store.session() as s:
        first = import_program(s, ADMIN, text, example.name, "E1")
        first_id = first.id
    with store.session(readonly=True) as s:
        exported = export_yaml(s.get_one(Version, first_id))
    assert exported == text  # comments and layout kept
    with store.session() as s:
        second = import_program(s, ADMIN, exported, example.name, "E1")
        assert (second.number, second.parent_id) == (2, first_id)
        again = export_yaml(second)
    assert again == exported


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_money_matches_the_loader_to_the_cent(store: Store, example: Path) -> None:
    loaded = load_program(example)
    assert loaded.result is not None
    with store.session() as s:
        version_id = import_program(s, ADMIN, example.read_text(encoding="utf-8"),
                                    example.name, "E1").id
    with store.session(readonly=True) as s:
        version = s.get_one(Version, version_id)
        assert isinstance(version.total, Decimal)
        assert version.total == loaded.result.total
        lines = list(s.scalars(select(BudgetLine).where(BudgetLine.version_id == version_id)))
        expected = sorted((line.activity, sorted(dict(line.cell).items()), line.classifier,
                           line.amount) for line in loaded.result.lines())
        stored = sorted((line.activity, sorted(line.cell.items()), line.classifier,
                         line.amount) for line in lines)
        assert stored == expected
        assert all(isinstance(line.amount, Decimal) for line in lines)
        assert line_total(s, version_id) == loaded.result.total


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_xlsx_export_import_is_lossless(store: Store, example: Path, tmp_path: Path) -> None:
    loaded = load_program(example)
    assert loaded.program is not None and loaded.result is not None
    with store.session() as s:
        version = import_program(s, ADMIN, example.read_text(encoding="utf-8"), example.name,
                                 "E1")
        book = tmp_path / f"{example.stem}.xlsx"
        export_xlsx(version, book)
    with store.session() as s:
        back = import_xlsx(s, ADMIN, book, "E1")
        assert back.number == 2
        assert back.total == loaded.result.total
        document = export_yaml(back)
    # The workbook carries the model, not the comments: the text is the canonical dump.
    body = [line for line in document.splitlines() if not line.startswith("#")]
    assert "\n".join(body).strip() == dump_program(loaded.program).strip()
    with store.session() as s:
        third = import_program(s, ADMIN, document, back.file_name, "E1")
        export_xlsx(third, tmp_path / "again.xlsx")
        assert export_yaml(third) == document


def test_big_amounts_keep_every_cent(store: Store) -> None:
    """Amounts beyond a float's exact range still come back to the cent."""
    with store.session() as s:
        version = import_program(s, ADMIN, EXAMPLES[0].read_text(encoding="utf-8"),
                                 EXAMPLES[0].name, "E1")
        version.total = Decimal("9876543210987654.32")
        version_id = version.id
    with store.session(readonly=True) as s:
        assert s.get_one(Version, version_id).total == Decimal("9876543210987654.32")


def test_costed_is_cached_until_the_version_changes(store: Store) -> None:
    from costeo.store.costed import costed
    from costeo.store.editing import Change, edit

    with store.session() as s:
        version = import_program(s, ADMIN, EXAMPLES[0].read_text(encoding="utf-8"),
                                 EXAMPLES[0].name, "E1")
        first = costed(version)
        assert costed(version) is first  # pages and lineage do not recost
        version_id, lock = version.id, version.lock
    with store.session(readonly=True) as s:
        assert costed(s.get_one(Version, version_id)) is first  # another session, same state
    with store.session() as s:
        path = "products/0/activities/0/cells/rows/0/5"  # a cell's amount (top-down)
        outcome = edit(s, ADMIN, version_id, lock, [Change(path, "40077454")])
        after = costed(outcome.version)
    assert after is not first
    assert after.result is not None and first.result is not None
    assert after.result.total == first.result.total + 1
