"""What cannot be read is reported where it is (file:line:col or book!Sheet!B7), never raised."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from costeo.cli.main import app
from costeo.diagnostics import Diagnostics, Location, Severity
from costeo.review.subject import ReviewSubject
from costeo.review.tables import read_tables

ROOT = Path(__file__).resolve().parents[3]
ERRORS = ROOT / "tests" / "errors"
TABLE_FIXTURES = sorted([*ERRORS.glob("table-*.csv"), *ERRORS.glob("table-*.xlsx")])
runner = CliRunner()


def _book(path: Path, rows: dict[str, list[list[object]]],
          merges: tuple[tuple[str, int, int, int, int, str], ...] = ()) -> Path:
    book = xlsxwriter.Workbook(str(path))
    for name, values in rows.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    for name, top, left, bottom, right, value in merges:
        book.get_worksheet_by_name(name).merge_range(top, left, bottom, right, value)
    book.close()
    return path


def _read(path: Path) -> tuple[ReviewSubject | None, Diagnostics]:
    diagnostics = Diagnostics()
    return read_tables(path, diagnostics), diagnostics


def test_workbook_cell_that_is_not_a_number(tmp_path: Path) -> None:
    path = _book(tmp_path / "t.xlsx", {"Cuadro": [
        ["Cuadro 1: costos"], [],
        ["Producto", "Meta física", "Costo unitario", "Monto (S/)"],
        ["Escolares", "82,142", 2.55, "S/ 40,077,453"],
        ["Escolares", "11,823", "3.08", "seis millones"],
    ]})
    subject, diagnostics = _read(path)
    assert subject is None
    (d,) = diagnostics
    assert d.code == "table-not-a-number"
    assert d.location == Location(str(path), sheet="Cuadro", cell="D5")
    assert str(d.location) == f"{path}!Cuadro!D5"
    assert d.message("es") == "'Monto (S/)' debe ser un número, no 'seis millones'"
    assert d.message("en") == "'Monto (S/)' must be a number, not 'seis millones'"


def test_workbook_missing_column_names_what_it_found(tmp_path: Path) -> None:
    path = _book(tmp_path / "t.xlsx", {"Hoja1": [
        [None, "Producto", "Meta", "Monto"], [None, "Escolares", 1, 10]]})
    subject, diagnostics = _read(path)
    assert subject is None
    (d,) = diagnostics
    assert d.code == "table-missing-column"
    assert d.location == Location(str(path), sheet="Hoja1", cell="A1")
    assert "'Producto', 'Meta', 'Monto'" in d.message("es")
    assert "'C.U.'" in d.hint("es") and d.message("en").startswith("column 'unit cost'")


def test_workbook_without_header_and_an_empty_one(tmp_path: Path) -> None:
    path = _book(tmp_path / "t.xlsx", {"Notas": [[None], [None, "texto libre"]]})
    subject, diagnostics = _read(path)
    assert subject is None
    assert [(d.code, str(d.location)) for d in diagnostics] == [
        ("table-no-header", f"{path}!Notas!A2")]
    path = _book(tmp_path / "e.xlsx", {"Cuadro": [["Producto", "Meta", "C.U.", "Monto"]]})
    subject, diagnostics = _read(path)
    assert [(d.code, str(d.location)) for d in diagnostics] == [
        ("table-empty", f"{path}!Cuadro!A1")]


def test_damaged_workbook_and_unknown_format(tmp_path: Path) -> None:
    broken = tmp_path / "roto.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    subject, diagnostics = _read(broken)
    assert subject is None
    assert [(d.code, d.location) for d in diagnostics] == [
        ("table-unreadable", Location(str(broken)))]
    assert "dañado" in diagnostics[0].message("es")
    other = tmp_path / "tabla.ods"
    other.write_text("x")
    assert [d.code for d in _read(other)[1]] == ["table-unreadable"]
    assert [d.code for d in _read(tmp_path / "no-existe.csv")[1]] == ["table-unreadable"]
    binary = tmp_path / "tabla.csv"
    binary.write_bytes(b"producto,monto\x00\x01")
    assert [d.code for d in _read(binary)[1]] == ["table-unreadable"]


def test_merged_product_cell_applies_to_every_row_it_spans(tmp_path: Path) -> None:
    path = _book(tmp_path / "t.xlsx", {"Cuadro": [
        ["Producto", "Zona", "Meta", "C.U.", "Monto"],
        [None, "Costa", "82,142", "2.55", "40,077,453"],
        [None, "Selva", "11,823", "3.08", "6,951,734"],
        ["Sub total", None, "93,965", None, "47,029,187"],
    ]}, merges=(("Cuadro", 1, 0, 2, 0, "Escolares"),))
    subject, diagnostics = _read(path)
    assert subject is not None, diagnostics.to_json()
    rows = subject.main.rows
    assert [r.product for r in rows] == ["Escolares"] * 3
    assert rows[2].covers == (0, 1)
    assert rows[1].location == Location(str(path), sheet="Cuadro", cell="A3")


def test_ambiguous_figures_warn_once_per_column(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("actividad,meta,costo unitario,monto\n"
                    "Comisión,742,7,5.194\nComisión,615,7,4.305\n", encoding="utf-8")
    subject, diagnostics = _read(path)
    assert subject is not None
    assert [(d.code, d.location) for d in diagnostics] == [
        ("table-ambiguous-number", Location(str(path), 2, 16))]
    assert diagnostics[0].severity is Severity.WARNING


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.lists(st.lists(st.text(alphabet="ab1,.;S/ -()%\"\n", max_size=8), max_size=6),
                max_size=8))
def test_garbage_never_raises_and_every_diagnostic_is_located(tmp_path: Path,
                                                               cells: list[list[str]]) -> None:
    lines = ["producto,meta,costo unitario,monto", *(",".join(row) for row in cells)]
    path = tmp_path / "g.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    subject, diagnostics = _read(path)
    for d in diagnostics:
        assert d.location is not None and d.location.file == str(path)
        assert d.location.line >= 1
    assert (subject is None) == diagnostics.has_errors


@pytest.mark.parametrize("fixture", TABLE_FIXTURES, ids=lambda p: p.name)
def test_costeo_review_prints_the_located_diagnostic(fixture: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    relative = fixture.relative_to(ROOT).as_posix()
    head = fixture.read_text(encoding="utf-8").splitlines()[0]
    code = head.split("code=")[1].split()[0]
    line, col = (int(head.split(f"{k}=")[1].split()[0]) for k in ("line", "col"))
    result = runner.invoke(app, ["review", relative, "--json"])
    report = json.loads(result.stdout)
    (found,) = [d for d in report["diagnostics"] if d["code"] == code]
    assert found["location"]["file"] == relative
    assert (found["location"].get("line", 0), found["location"].get("col", 0)) == (line, col)
    if found["severity"] == "error":
        assert result.exit_code == 1


def test_header_cells_merged_over_two_rows(tmp_path: Path) -> None:
    path = _book(tmp_path / "t.xlsx", {"Cuadro": [
        [None, None, "Meta física", "C.U.", "Monto"],
        [None, None, "(usuarios)", "(S/)", "(S/)"],
        ["Escolares", "Selva", "11,823", "3.08", "6,951,734"],
    ]}, merges=(("Cuadro", 0, 0, 1, 0, "Producto"), ("Cuadro", 0, 1, 1, 1, "Zona")))
    subject, diagnostics = _read(path)
    assert subject is not None, diagnostics.to_json()
    rows = subject.main.rows
    assert [(r.product, r.keys, r.target) for r in rows] == [
        ("Escolares", {"zona": "Selva"}, Decimal(11823))]


def test_workbook_programa_sheet_and_a_cover_sheet(tmp_path: Path) -> None:
    path = _book(tmp_path / "t.xlsx", {
        "Carátula": [["Ministerio de Desarrollo e Inclusión Social"], ["Formulación 2014"]],
        "Cuadro": [["Producto", "Meta", "C.U.", "Monto"], ["Escolares", 10, 2.5, 25]],
        "Programa": [["Código", "0115"], ["Año fiscal:", 2014], ["Versión: PIA 2014"]],
    })
    subject, diagnostics = _read(path)
    assert subject is not None and list(diagnostics) == []
    assert (subject.code, subject.year, subject.version) == (
        "0115", 2014, "PIA 2014")
    assert [t.name for t in subject.tables] == ["principal"]
