"""The bundled Qali Warma 2014 table (DOMAIN.md §4.1), clean and as messily published.

The clean CSV and the messy workbook (title lines, merged modality headers, "S/ " figures as
text with thousands separators, "Sub total" rows, a footnote) must give the same subject,
except for where each figure was read, and therefore the same review.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from costeo.diagnostics import Diagnostics
from costeo.money import round_to
from costeo.review.subject import ReviewSubject, RowKind
from costeo.review.tables import read_tables

ROOT = Path(__file__).resolve().parents[3]
PUBLISHED = ROOT / "examples" / "published"
CLEAN = PUBLISHED / "alimentacion-escolar-2014.csv"
MESSY = PUBLISHED / "alimentacion-escolar-2014-publicada.xlsx"


def _read(path: Path) -> ReviewSubject:
    diagnostics = Diagnostics()
    subject = read_tables(path, diagnostics)
    assert subject is not None, diagnostics.to_json()
    assert list(diagnostics) == [], diagnostics.to_json()
    return subject


@pytest.fixture(scope="module")
def clean() -> ReviewSubject:
    return _read(CLEAN)


@pytest.fixture(scope="module")
def messy() -> ReviewSubject:
    return _read(MESSY)


def without_locations(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return type(value)(**{f.name: None if f.name == "location" else
                              without_locations(getattr(value, f.name)) for f in fields(value)})
    if isinstance(value, list):
        return [without_locations(v) for v in value]
    if isinstance(value, dict):
        return {k: without_locations(v) for k, v in value.items()}
    return value


def test_clean_table_holds_the_published_figures(clean: ReviewSubject) -> None:
    assert (clean.code, clean.year, clean.currency, clean.country) == ("0115", 2014, "PEN", "PE")
    main = clean.main
    lines = main.lines()
    assert len(lines) == 24
    assert sum(r.target for r in lines if r.target) == 2929298
    # the rows add up to one sol less than the published total (DOMAIN.md §4.1)
    assert sum(r.amount for r in lines if r.amount) == 1176161643
    total = main.rows[-1]
    assert total.kind is RowKind.TOTAL
    assert (total.target, total.amount) == (Decimal(2929298), Decimal(1176161644))
    assert total.covers == tuple(i for i, r in enumerate(main.rows) if r.kind is RowKind.ROW)
    subtotals = [r for r in main.rows if r.kind is RowKind.SUBTOTAL]
    assert [(r.keys, r.target, r.amount) for r in subtotals] == [
        ({"modalidad": "Raciones"}, 1909319, 696364043),
        ({"modalidad": "Productos (IE no remota)"}, 637596, 279372240),
        ({"modalidad": "Productos (IE remota)"}, 382383, 200425361)]
    for subtotal in subtotals:
        covered = [main.rows[i] for i in subtotal.covers]
        assert len(covered) == 8
        assert {r.keys["modalidad"] for r in covered} == {subtotal.keys["modalidad"]}
        assert sum(r.target for r in covered if r.target) == subtotal.target


def test_each_displayed_unit_cost_is_its_amount_rounded(clean: ReviewSubject) -> None:
    for row in clean.main.lines():
        assert row.factor == 191 and row.decimals == 2 and row.unit == "usuario"
        assert row.unit_cost is not None and row.target and row.amount
        implied = row.amount / (row.target * row.factor)
        assert round_to(implied, 2) == row.unit_cost, row.keys


def test_segment_table_reconciles_with_the_main_table(clean: ReviewSubject) -> None:
    segments = clean.tables[1]
    assert segments.name == "segmentos" and segments.split_by == ("zona", "modalidad")
    for row in segments.lines():
        same = [r for r in clean.main.lines()
                if r.keys["zona"] == row.keys["zona"]
                and r.keys["modalidad"] == row.keys["modalidad"]]
        assert len(same) == 4
        assert sum(r.target for r in same if r.target) == row.target
        assert sum(r.amount for r in same if r.amount) == row.amount
    assert segments.rows[-1].amount == 1176161644


def test_messy_workbook_is_the_same_subject(clean: ReviewSubject, messy: ReviewSubject) -> None:
    assert without_locations(messy) == without_locations(clean)
    assert messy.main.rows[0].location is not None
    assert messy.main.rows[0].location.sheet == "Costos por segmento"


def test_every_row_is_located_where_its_figures_are(clean: ReviewSubject,
                                                    messy: ReviewSubject) -> None:
    text = CLEAN.read_text(encoding="utf-8").splitlines()
    for row in clean.main.rows:
        assert row.location is not None and row.location.file == str(CLEAN)
        assert str(row.amount) in text[row.location.line - 1]
    book = CalamineWorkbook.from_path(str(MESSY))
    sheet = book.get_sheet_by_name("Costos por segmento").to_python(skip_empty_area=False)
    for row in messy.main.rows:
        assert row.location is not None and row.location.cell is not None
        number = int(row.location.cell[1:])
        assert f"{row.amount:,}" in str(sheet[number - 1][10])
    assert messy.ratios[0].location is not None and messy.ratios[0].location.sheet == "Reglas"


def _findings(subject: ReviewSubject) -> list[tuple[Any, ...]]:
    from costeo.review import review

    report = review([subject])
    return sorted((f.code, f.item, repr(sorted(f.evidence.items())), f.stake, f.severity)
                  for r in report.subjects for f in r.findings)


def test_clean_and_messy_give_the_same_review(clean: ReviewSubject,
                                              messy: ReviewSubject) -> None:
    found = _findings(clean)
    assert found == _findings(messy)
    codes = {f[0] for f in found}
    # the source's own rounding is seen, and the two tables reconcile
    assert "subtotal-rounding" in codes and "tables-disagree" not in codes


JUNTOS = PUBLISHED / "transferencias-juntos-2014-bimestre-i.csv"


def test_juntos_bimestre_transfer_rules_are_read_and_met() -> None:
    from costeo.review import review

    subject = _read(JUNTOS)
    assert [(r.activity, r.target, r.unit_cost, r.decimals, r.amount)
            for r in subject.main.lines()] == [
        ("Transferencia del incentivo monetario, esquema regular", 739570, Decimal("200.02"),
         2, 147928791),
        ("Transferencia del incentivo monetario, esquema alternativo (piloto)", 3121,
         Decimal("452.0452"), 4, 1410833),
        ("Pago de comisiones al banco por hogar abonado", 742691, Decimal("7.00"), 2, 5198837)]
    assert [(t.amount, t.payments, t.tax_rate, t.fee) for t in subject.transfers] == [
        (200, 1, Decimal("0.0001"), 0), (452, 1, Decimal("0.0001"), 0)]
    assert subject.beneficiaries == {subject.main.lines()[0].product: Decimal(778393)}
    found = [f.code for r in review([subject], tier="strict").subjects for f in r.findings]
    assert found.count("legal-floor-met") == 2 and "below-legal-floor" not in found


def test_bundled_csv_files_are_what_the_script_writes() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_published_examples", ROOT / "scripts" / "make_published_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0


def test_companion_parts_are_reviewed_with_their_main_table() -> None:
    """`costeo review examples/published/*` reviews each table once, with its parts."""
    import json

    from typer.testing import CliRunner

    from costeo.cli.main import app
    from costeo.review.tables.csv_reader import main_table

    rules = PUBLISHED / "alimentacion-escolar-2014.reglas.csv"
    assert main_table(rules) == CLEAN
    assert main_table(CLEAN) == CLEAN
    files = sorted(str(p) for p in PUBLISHED.iterdir() if p.suffix in (".csv", ".xlsx"))
    result = CliRunner().invoke(app, ["review", *files, "--json"])
    assert result.exit_code == 0, result.output
    reviewed = [s["file"] for s in json.loads(result.output)["subjects"]]
    assert len(reviewed) == 3  # Qali Warma clean and messy, JUNTOS bimestre I
