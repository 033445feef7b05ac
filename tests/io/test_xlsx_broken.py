"""Broken workbooks: each mistake an analyst can make is reported at its cell, with its code,
and the import writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from costeo.cli.main import app
from costeo.diagnostics import Diagnostic, Diagnostics
from costeo.io.program_yaml import load
from costeo.io.xlsx_model import export_program, import_program
from tests.conftest import HEALTH

runner = CliRunner()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    diagnostics = Diagnostics()
    program, _ = load(HEALTH, diagnostics)
    assert program is not None
    book = tmp_path_factory.mktemp("xlsx") / "salud.xlsx"
    export_program(program, book)
    return book


@pytest.fixture
def book(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "salud.xlsx"
    copy.write_bytes(pristine.read_bytes())
    return copy


def column(ws: Worksheet, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1


def row_of(ws: Worksheet, header: str, value: Any) -> int:
    col = column(ws, header)
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == value)


def edit(book: Path, change: Any) -> None:
    wb = openpyxl.load_workbook(book)
    change(wb)
    wb.save(book)


def problems(book: Path) -> list[Diagnostic]:
    program, diagnostics = import_program(book, display="salud.xlsx")
    assert program is None
    return list(diagnostics)


def where(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.location} [{d.code}]" for d in diagnostics]


def test_a_price_typed_as_text(book: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Insumos"]
        ws.cell(row_of(ws, "Id", "formatos"), column(ws, "Precio")).value = "S/ 2.50"

    edit(book, change)
    found = problems(book)
    row = row_of(openpyxl.load_workbook(book)["Insumos"], "Id", "formatos")
    assert where(found) == [f"salud.xlsx!Insumos!I{row} [not-a-number]"]
    assert found[0].message("es") == "'Precio' debe ser un número, no 'S/ 2.50'"
    assert found[0].message("en") == "'Precio' must be a number, not 'S/ 2.50'"


def test_a_missing_required_column(book: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Parámetros"]
        ws.delete_cols(column(ws, "Valor"))

    edit(book, change)
    found = problems(book)
    assert where(found) == ["salud.xlsx!Parámetros!G1 [missing-field]"]
    assert found[0].message("es") == "falta el campo obligatorio 'Valor'"


def test_an_unknown_method_in_a_dropdown_cell(book: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Actividades"]
        ws.cell(row_of(ws, "Código", "5000102"), column(ws, "Método")).value = "bottom-up"

    edit(book, change)
    found = problems(book)
    assert where(found) == ["salud.xlsx!Actividades!Q3 [unknown-method]"]
    assert found[0].message("es") == "método de costeo desconocido 'bottom-up'"


def test_an_activity_of_an_unknown_product(book: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Actividades"]
        ws.cell(row_of(ws, "Código", "5000104"), column(ws, "Producto")).value = "3000999"

    edit(book, change)
    found = problems(book)
    assert where(found) == ["salud.xlsx!Actividades!A5 [invalid-choice]"]
    assert found[0].message("es") == "'3000999' no es un valor permitido para 'Producto'"
    assert "3000101, 3000102, 3000103, acciones comunes" in found[0].hint("es")


def test_a_duplicated_parameter_row(book: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Parámetros"]
        ws.append([c.value for c in ws[3]])

    edit(book, change)
    ws = openpyxl.load_workbook(book)["Parámetros"]
    found = problems(book)
    assert where(found) == [f"salud.xlsx!Parámetros!E{ws.max_row} [duplicate-key]"]
    assert found[0].message("es") == ("la clave 'precio_pentavalente (2025-01-01)' aparece dos "
                                      "veces en el mismo bloque")
    assert found[0].hint("es") == "deje una sola; la primera está en la línea 3 (Parámetros!E3)"


def test_a_parameter_whose_unit_differs_between_rows(book: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Parámetros"]
        ws.cell(3, column(ws, "Unidad")).value = "USD por frasco"

    edit(book, change)
    assert where(problems(book)) == ["salud.xlsx!Parámetros!C3 [duplicate-key]"]


def test_an_unknown_sheet(book: Path) -> None:
    edit(book, lambda wb: wb.create_sheet("Notas"))
    found = problems(book)
    assert where(found) == ["salud.xlsx!Notas [unknown-field]"]
    assert found[0].message("es") == "campo desconocido 'Notas'"


def test_a_misspelt_sheet_is_suggested(book: Path) -> None:
    edit(book, lambda wb: setattr(wb["Observaciones"], "title", "Observacion"))
    found = problems(book)
    assert where(found) == ["salud.xlsx!Observacion [unknown-field]"]
    assert found[0].hint("es") == "¿quiso decir 'Observaciones'?"


def test_an_unknown_header(book: Path) -> None:
    edit(book, lambda wb: setattr(wb["Productos"]["D1"], "value", "Meta fisica anual"))
    found = problems(book)
    assert where(found) == ["salud.xlsx!Productos!D1 [unknown-field]"]
    assert found[0].hint("es") == "¿quiso decir 'Meta física'?"


def test_headers_ignore_case_and_accents(book: Path) -> None:
    edit(book, lambda wb: setattr(wb["Productos"]["D1"], "value", "META FISICA"))
    program, diagnostics = import_program(book)
    assert program is not None and not diagnostics


def test_a_value_without_a_header(book: Path) -> None:
    edit(book, lambda wb: setattr(wb["Productos"]["F3"], "value", 12))
    assert where(problems(book)) == ["salud.xlsx!Productos!F1 [missing-field]"]


def test_an_input_of_an_unknown_activity(book: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Insumos"]
        ws.cell(row_of(ws, "Id", "jeringa"), column(ws, "Actividad")).value = "5000199"

    edit(book, change)
    found = problems(book)
    assert [d.code for d in found] == ["invalid-choice"]
    assert found[0].location is not None and found[0].location.cell is not None
    assert found[0].location.cell.startswith("A")


def test_a_duplicated_product_code(book: Path) -> None:
    edit(book, lambda wb: setattr(wb["Productos"]["A3"], "value", "3000101"))
    found = problems(book)
    assert where(found)[0] == "salud.xlsx!Productos!A3 [duplicate-code]"
    assert found[0].hint("es").startswith("cada producto")
    assert "línea 2 (Productos!A2)" in found[0].message("es")


def test_an_invalid_date(book: Path) -> None:
    edit(book, lambda wb: setattr(wb["Parámetros"]["E2"], "value", "2025-13-01"))
    assert where(problems(book)) == ["salud.xlsx!Parámetros!E2 [invalid-date]"]


def test_a_missing_required_value(book: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Insumos"]
        ws.cell(row_of(ws, "Id", "jeringa"), column(ws, "Precio")).value = None

    edit(book, change)
    found = problems(book)
    row = row_of(openpyxl.load_workbook(book)["Insumos"], "Id", "jeringa")
    assert where(found) == [f"salud.xlsx!Insumos!A{row} [missing-field]"]
    assert found[0].message("es") == "falta el campo obligatorio 'Precio'"


def test_a_field_of_another_method(book: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Actividades"]
        ws.cell(row_of(ws, "Código", "5000901"), column(ws, "Monto total")).value = 100

    edit(book, change)
    found = problems(book)
    assert [d.code for d in found] == ["unknown-field"]
    assert str(found[0].location).startswith("salud.xlsx!Actividades!S")


def test_target_and_register_target_at_once(book: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Actividades"]
        ws.cell(row_of(ws, "Código", "5000102"), column(ws, "Meta: padrón")).value = "padron"

    edit(book, change)
    assert [d.code for d in problems(book)] == ["conflicting-values"]


def test_a_missing_sheet(book: Path) -> None:
    edit(book, lambda wb: wb.remove(wb["Productos"]))
    assert where(problems(book)) == ["salud.xlsx [missing-field]"]


def test_not_a_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "roto.xlsx"
    bad.write_text("no soy un libro", encoding="utf-8")
    _, diagnostics = import_program(bad)
    assert [d.code for d in diagnostics] == ["empty-file"]
    _, diagnostics = import_program(tmp_path / "no-existe.xlsx")
    assert [d.code for d in diagnostics] == ["file-not-found"]


def test_a_workbook_written_from_scratch(tmp_path: Path) -> None:
    """A minimal workbook made by hand (xlsxwriter), numbers typed as numbers or text."""
    path = tmp_path / "mini.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    program = wb.add_worksheet("Programa")
    for r, (key, value) in enumerate([("Campo", "Valor"), ("Código del programa", "0001"),
                                      ("Nombre del programa", "Mini"), ("Entidad", "Ente"),
                                      ("Año fiscal", 2025), ("Moneda", "PEN"),
                                      ("Resultado específico", "Algo mejora")]):
        program.write(r, 0, key)
        program.write(r, 1, value)
    products = wb.add_worksheet("Productos")
    products.write_row(0, 0, ["Código", "Nombre", "Unidad de medida"])
    products.write_row(1, 0, ["3000001", "Producto", "persona"])
    activities = wb.add_worksheet("actividades")
    activities.write_row(0, 0, ["Producto", "Código", "Nombre", "Unidad de medida",
                                "Meta física", "Método", "Costo unitario"])
    activities.write_row(1, 0, ["3000001", "5000001", "Atención", "atención", 1200, "declared"])
    activities.write_string(1, 6, "12.50")
    wb.close()
    imported, diagnostics = import_program(path)
    assert imported is not None, [d.format("en") for d in diagnostics]
    activity = imported.products[0].activities[0]
    assert activity.model_dump(mode="json")["cost"]["unit_cost"] == "12.50"
    assert activity.model_dump(mode="json")["target"] == "1200"


# --- The command -------------------------------------------------------------------------

def test_import_command_writes_nothing_on_errors(book: Path, tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        ws = wb["Insumos"]
        ws.cell(row_of(ws, "Id", "formatos"), column(ws, "Precio")).value = "S/ 2.50"

    edit(book, change)
    target = tmp_path / "programa.yaml"
    result = runner.invoke(app, ["import", "xlsx", str(book), "-o", str(target)])
    assert result.exit_code == 1
    assert "salud.xlsx!Insumos!I" in result.output and "[not-a-number]" in result.output
    assert not target.exists()
    target.write_text("previo\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "xlsx", str(book), "-o", str(target)])
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "previo\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["programa.yaml", "salud.xlsx"]


def test_import_command_stops_at_costing_errors(book: Path, tmp_path: Path) -> None:
    """A value a cells sheet cannot hold is found when costing, at its cell."""
    edit(book, lambda wb: setattr(wb["Celdas 5000101"]["B3"], "value", "250 mil"))
    target = tmp_path / "programa.yaml"
    result = runner.invoke(app, ["import", "xlsx", str(book), "-o", str(target), "--json",
                                 "--lang", "en"])
    assert result.exit_code == 1
    import json

    report = json.loads(result.output)
    assert report["output"] is None
    located = [(d["code"], d["location"]["sheet"], d["location"]["cell"])
               for d in report["diagnostics"] if d["severity"] == "error"]
    assert located == [("not-a-number", "Celdas 5000101", "B3")]
    assert not target.exists()
