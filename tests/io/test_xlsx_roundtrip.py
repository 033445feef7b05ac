"""Excel round trip: every example exported to a workbook and imported back is the same model,
costs the same, and writes the same YAML; the workbook is one an analyst can edit."""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pydantic import BaseModel

from costeo.diagnostics import Diagnostics, Location
from costeo.formulation.budget import cost_program
from costeo.formulation.result import CostResult
from costeo.io.program_yaml import load
from costeo.io.xlsx import layout
from costeo.io.xlsx.writer import UnsupportedField, check_coverage
from costeo.io.xlsx_model import export_program, import_program
from costeo.io.yaml_source import LStr
from costeo.io.yaml_writer import dump_program
from costeo.loader import load_text
from costeo.model.program import Program
from tests.conftest import ALL_EXAMPLES, CASH_TRANSFERS, HEALTH, SCHOOL_MEALS


def yaml_program(path: Path) -> Program:
    diagnostics = Diagnostics()
    program, _ = load(path, diagnostics)
    assert program is not None, [d.format("en") for d in diagnostics]
    return program


def costed(program: Program, file: str) -> tuple[CostResult | None, Diagnostics]:
    diagnostics = Diagnostics()
    return cost_program(program, diagnostics, file), diagnostics


def figures(result: CostResult | None) -> dict[str, Any]:
    assert result is not None
    return {
        "total": result.total,
        "by_classifier": result.by_classifier(),
        "activities": [(a.code, a.target, a.amount) for a in result.activities()],
        "lines": sorted((line.activity, line.cell, line.classifier, line.amount)
                        for line in result.lines()),
    }


@pytest.fixture(scope="module", params=ALL_EXAMPLES, ids=lambda p: p.name)
def example(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


@pytest.mark.parametrize("lang", ["es", "en"])
def test_export_import_gives_the_same_model_and_budget(example: Path, lang: str,
                                                       tmp_path: Path) -> None:
    original = yaml_program(example)
    book = tmp_path / f"{example.stem}.xlsx"
    export_program(original, book, lang=lang)
    imported, diagnostics = import_program(book, lang=lang)
    assert imported is not None, "\n".join(d.format("en") for d in diagnostics)
    assert not diagnostics
    assert imported.model_dump(mode="json") == original.model_dump(mode="json")
    before, before_diagnostics = costed(original, str(example))
    after, after_diagnostics = costed(imported, str(book))
    assert figures(after) == figures(before)
    assert ([(d.code, d.args) for d in after_diagnostics]
            == [(d.code, d.args) for d in before_diagnostics])


def test_yaml_writer_round_trip(example: Path, tmp_path: Path) -> None:
    original = yaml_program(example)
    text = dump_program(original)
    reloaded = load_text(text, "reescrito.yaml")
    assert reloaded.program is not None, [d.format("en") for d in reloaded.diagnostics]
    assert reloaded.program.model_dump(mode="json") == original.model_dump(mode="json")
    assert dump_program(reloaded.program) == text
    # Through the workbook, the very same text.
    book = tmp_path / "libro.xlsx"
    export_program(original, book)
    imported, _ = import_program(book)
    assert imported is not None
    assert dump_program(imported) == text


def test_yaml_writer_style() -> None:
    text = dump_program(yaml_program(SCHOOL_MEALS), header="Generado por costeo")
    assert text.startswith("# Generado por costeo\nprogram:\n")
    assert '  code: "0115"\n' in text
    assert "            - [productos_remota, escolar, III-V, costa_sierra, 48075, 15612157, 1.70]"\
        in text
    assert "\n\ndimensions:\n" in text
    assert all(len(line) <= 100 for line in text.splitlines())
    health = dump_program(yaml_program(HEALTH))
    assert ("            - {id: enfermera, kind: labour, name: Tiempo de enfermera, "
            "staff: enfermera,\n               minutes: 45") in health
    assert "price: $precio_pentavalente" in health
    assert "      - {from: 2024-01-01, value: 1.05}" in health
    assert "kind: item" not in health


def test_trailing_zeros_survive_the_workbook(tmp_path: Path) -> None:
    """1.70 stays 1.70: the displayed unit cost's decimals are the rounding it is checked at."""
    book = tmp_path / "qw.xlsx"
    export_program(yaml_program(SCHOOL_MEALS), book)
    imported, _ = import_program(book)
    assert imported is not None
    activity = imported.products[0].activities[0]
    assert activity.cells is not None
    values = [str(v) for row in activity.cells.rows for v in row]
    assert "1.70" in values and "1.7" not in values
    sheet = openpyxl.load_workbook(book)["Celdas 5000001"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 1.7)
    assert cell.data_type == "n" and cell.number_format == "#,##0.00"


def test_the_workbook_is_for_analysts(tmp_path: Path) -> None:
    book = tmp_path / "juntos.xlsx"
    export_program(yaml_program(CASH_TRANSFERS), book)
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[0] == "Instrucciones"
    assert wb.sheetnames[:4] == ["Instrucciones", "Programa", "Indicadores", "Parámetros"]
    assert {"Productos", "Actividades", "Insumos", "Publicado", "Padrón padron",
            "Celdas 5000013"} <= set(wb.sheetnames)
    assert wb["Listas"].sheet_state == "hidden"
    program = wb["Programa"]
    code = program["B2"]
    assert program["A2"].value == "Código del programa"
    assert code.value == "0049" and code.data_type == "s"  # leading zeros kept: text
    assert program["B5"].value == 2014 and program["B5"].data_type == "n"
    inputs = wb["Insumos"]
    headers = [c.value for c in inputs[1]]
    assert headers[:4] == ["Actividad", "Id", "Tipo", "Nombre"]
    assert inputs.freeze_panes == "A2"
    amount = inputs.cell(2, headers.index("Monto") + 1)
    assert amount.value == "$subsidio_regular" and amount.data_type == "s"
    params = wb["Parámetros"]
    value = params.cell(2, 6)
    assert value.value == 200 and value.data_type == "n" and value.number_format == "#,##0.00"
    assert params.cell(2, 5).is_date
    register = wb["Padrón padron"]
    assert [c.value for c in register[2]] == ["I", 777425, 12842, 11874, 778393, 739570, 3121]
    # Dropdowns: method and kind are closed lists, product codes a list too.
    validations = {
        sheet: [(dv.formula1, str(dv.sqref), dv.errorStyle)
                for dv in wb[sheet].data_validations.dataValidation]
        for sheet in ("Actividades", "Insumos")}
    method_col = openpyxl.utils.get_column_letter(
        [c.value for c in wb["Actividades"][1]].index("Método") + 1)
    assert any(str(sqref).startswith(f"{method_col}2:") and style in (None, "stop")
               for _, sqref, style in validations["Actividades"])
    assert any(formula and formula.startswith("'Listas'!") for formula, _, _ in
               validations["Insumos"])
    assert any(str(sqref).startswith("A2:") for _, sqref, _ in validations["Actividades"])


def test_english_workbook_names(tmp_path: Path) -> None:
    book = tmp_path / "health.xlsx"
    export_program(yaml_program(HEALTH), book, lang="en")
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[:3] == ["Instructions", "Program", "Indicators"]
    assert "Cells 5000101" in wb.sheetnames
    assert [c.value for c in wb["Inputs"][1]][:3] == ["Activity", "Id", "Kind"]
    # Sheet and header names are recognised in either language.
    imported, diagnostics = import_program(book, lang="es")
    assert imported is not None and not diagnostics


def test_a_workbook_saved_by_another_program_still_reads(tmp_path: Path) -> None:
    """openpyxl rewrites the package (shared strings, t="n" cells, its own styles)."""
    book = tmp_path / "salud.xlsx"
    original = yaml_program(HEALTH)
    export_program(original, book)
    wb = openpyxl.load_workbook(book)
    resaved = tmp_path / "salud-guardado.xlsx"
    wb.save(resaved)
    imported, diagnostics = import_program(resaved)
    assert imported is not None, [d.format("en") for d in diagnostics]
    assert imported.model_dump(mode="json") == original.model_dump(mode="json")


def test_every_value_is_located_at_its_cell(tmp_path: Path) -> None:
    book = tmp_path / "salud.xlsx"
    export_program(yaml_program(HEALTH), book)
    imported, _ = import_program(book, display="salud.xlsx")
    assert imported is not None
    activity = imported.products[0].activities[0]
    loc = activity.field_loc("name")
    assert loc == Location("salud.xlsx", 2, 3, sheet="Actividades", cell="C2")
    assert str(loc) == "salud.xlsx!Actividades!C2"
    cells = activity.cells
    assert cells is not None
    first = cells.rows[0][1]
    assert isinstance(first, LStr) and str(first) == "310000"
    assert str(first.loc) == "salud.xlsx!Celdas 5000101!B2"
    assert str(cells.item_loc("columns", 0)) == "salud.xlsx!Celdas 5000101!B1"
    assert str(imported.parameters["precio_pentavalente"].values[1].field_loc("value")) \
        == "salud.xlsx!Parámetros!F3"


def test_a_large_cells_sheet_round_trips(tmp_path: Path) -> None:
    """The column-wise fast path and the decimals of number formats, at a few thousand rows."""
    months = [f"{m:02d}" for m in range(1, 13)]
    districts = [f"{150101 + i:06d}" for i in range(250)]
    rows = [[d, m, str(i % 97), f"{2 + (i % 5) / 4:.2f}"]
            for i, (d, m) in enumerate((d, m) for d in districts for m in months)]
    program = Program.model_validate({
        "program": {"code": "0001", "name": "Prueba", "entity": "Entidad", "fiscal_year": "2025",
                    "currency": "PEN", "result": {"statement": "Resultado"}},
        "dimensions": {"ubigeo": {"name": "Distrito", "values": districts},
                       "mes": {"name": "Mes", "values": months}},
        "products": [{"code": "3000001", "name": "Producto", "unit": "u", "activities": [{
            "code": "5000001", "name": "Entrega", "unit": "u",
            "cost": {"method": "bottom_up", "inputs": [
                {"id": "kit", "name": "Kit", "quantity": "1", "price": "2.50"}]},
            "cells": {"dimensions": ["ubigeo", "mes"], "columns": ["target", "price.kit"],
                      "rows": rows}}]}],
    })
    book = tmp_path / "grande.xlsx"
    export_program(program, book)
    imported, diagnostics = import_program(book)
    assert imported is not None and not diagnostics
    assert imported.model_dump(mode="json") == program.model_dump(mode="json")
    table = imported.products[0].activities[0].cells
    assert table is not None
    assert [str(v) for v in table.rows[1]] == ["150101", "02", "1", "2.25"]
    assert [str(v) for v in table.rows[2]] == ["150101", "03", "2", "2.50"]
    assert str(table.rows[2][3].loc) == f"{book}!Celdas 5000001!D4"
    result, _ = costed(imported, str(book))
    assert result is not None
    assert result.total == sum(Decimal(r[2]) * Decimal(r[3]) for r in rows)


# Every rarely used field at once (a model, not a program that costs cleanly).
EVERY_FIELD = """\
# Every rarely used field at once (not a real program).
program:
  code: "0007"
  name: "Programa: prueba # con signos"
  entity: '- Entidad con guion'
  fiscal_year: 2025
  currency: USD
  result:
    statement: Algo "citado" mejora
    indicators:
      - {code: "01", name: Indicador, unit: "%", baseline: {year: 2024, value: -1.50}}

parameters:
  tasa:
    name: Tasa
    unit: tasa
    source: Fuente
    values:
      - {from: 2024-01-01, value: 0.10, note: "nota: con dos puntos"}
      - {from: 2025-01-01, value: 0.12}
  vacio:
    unit: u
    source: s
    values: []

dimensions:
  quintil:
    name: Quintil
    values: ["1", "2", "3"]
  mes:
    name: Mes
    period: month
    values: {"01": Enero, "02": Febrero}
  vacia:
    name: Vacía
    values: []

staff:
  medico: {name: Médico, monthly_pay: $tasa, hours_per_month: 150}

cost_centres:
  apoyo: {name: Apoyo, kind: support, direct: 100, allocate_by: m2, bases: {m2: 10}}
  prod: {name: Producción, direct: 1000, indirect: 50, bases: {m2: 90, staff: 3}, source: x}

registers:
  reg:
    name: Registro
    unit: personas
    period: mes
    columns: [mes, initial, entries, exits, final]
    rows:
      - ["01", 10, 2, 1, 11]
      - ["02", 11, 0, 0, 11]

calendars:
  cal:
    name: Calendario
    start: 2025-03-01
    end: 2025-12-15
    weekdays: [1, 2, 3, 4, 5, 6]
    holidays: [2025-05-01]
    breaks:
      - {from: 2025-07-20, to: 2025-08-03}

products:
  - code: "3000001"
    name: Producto
    unit: u
    target: 100
    published: {source: libro, target: 100, amount: 5000.00, decimals: 2}
    activities:
      - code: "5000001"
        name: Actividad con todo
        unit: u
        target: {register: reg, columns: [final], lag: 1, opening: 5, factor: 0.5}
        frequency: 2
        frequency_unit: veces
        calendar: cal
        years: [2025, 2026]
        source: fuente de la actividad
        cost:
          method: bottom_up
          inputs:
            - {id: a, name: Item, unit: u, quantity: 2, frequency: 3, price: 1.5,
               classifier: "2.3.1.5.1.2", source: s}
            - {id: b, kind: labour, name: Labor, staff: medico, hours: 1.25, people: 2}
            - {id: c, kind: equipment, category: furniture, name: Mueble, replacement_price: 500,
               useful_life: 8, units_per_year: 100, quantity: 3}
            - {id: d, kind: indirect, name: Indirecto, centre: prod}
            - {id: e, kind: markup, name: Margen, base: 10, markup: 0.11}
            - {id: f, kind: transfer, name: Transferencia, amount: 200, tax_rate: $tasa, fee: 7.00,
               fee_classifier: "2.3.2.7.11.99", payments: 6}
      - code: "5000002"
        name: Por beneficiario
        unit: u
        cost: {method: top_down, per_beneficiary: 10, beneficiaries: 50, share: 0.5}
        cells:
          dimensions: [quintil]
          columns: [target, published_amount]
          rows:
            - ["1", 10, 100.0]
            - ["2", 20, 200]
      - code: "5000003"
        name: Observado
        unit: u
        target: 3
        cost:
          method: observed
          average: mean
          records: []
      - code: "5000004"
        name: Declarado
        unit: u
        target: 1
        cost: {method: declared}

common_actions:
  - code: "5000901"
    name: Gestión
    unit: mes
    target: 12
    cost: {method: top_down, envelope: 1200}
    published:
      subtotals:
        - {where: {mes: "01", quintil: "2"}, label: Enero, amount: 100}
      by_classifier: {"2.3.2.7.11.99": 1200}

published:
  target: 1
  subtotals:
    - {where: {mes: "01"}, amount: 10}

zones:
  z:
    name: Zonas
    dimension: quintil
    map:
      alta: ["1"]
      baja: []
    default: alta

frame:
  years: [2025, 2026]
  decimals: -3
  populations:
    pob:
      name: Población
      unit: personas
      values: {"2025": 100}
  coverage:
    pob: {"2026": 0.5}
    otra: {"2025": 0.1}
  published: {"2025": 1000}

ceilings:
  - {year: 2025, amount: 100000}
  - {year: 2026, amount: 200000, protect: ["3000001", "5000901"], source: techo}

scenarios:
  s1:
    name: Escenario
    changes:
      - {coverage: pob, year: 2026, field: coverage, value: 0.6}
      - {activity: "5000001", input: a, field: price, value: $tasa}
  s2:
    name: Inercial
    inertial: {previous: {"3000001": 10}, growth: 0.1}

review:
  ratios:
    - {label: Visitas por niño, activity: "5000001", product: "3000001", low: 1, high: 2.5,
       source: norma}
    - {activity: "5000002", base: $tasa, low: 0, high: 12}
"""


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_field_round_trips(lang: str, tmp_path: Path) -> None:
    reloaded = load_text(EVERY_FIELD, "todo.yaml")
    original = reloaded.program
    assert original is not None
    assert not [d for d in reloaded.diagnostics if d.code in ("unknown-field", "missing-field")
                and d.location and d.location.line < 5]
    book = tmp_path / "todo.xlsx"
    export_program(original, book, lang=lang)
    imported, diagnostics = import_program(book, lang=lang)
    assert imported is not None, [d.format("en") for d in diagnostics]
    assert imported.model_dump(mode="json") == original.model_dump(mode="json")
    text = dump_program(imported)
    again = load_text(text, "todo-2.yaml").program
    assert again is not None
    assert again.model_dump(mode="json") == original.model_dump(mode="json")
    assert dump_program(again) == text
    assert 'name: "Programa: prueba # con signos"' in text
    assert 'entity: "- Entidad con guion"' in text


def _models(tp: Any, seen: set[type[BaseModel]]) -> None:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        _models(typing.get_args(tp)[0], seen)
    elif origin in (typing.Union, types.UnionType, list, dict):
        for arg in typing.get_args(tp):
            _models(arg, seen)
    elif isinstance(tp, type) and issubclass(tp, BaseModel) and tp not in seen:
        seen.add(tp)
        for info in tp.model_fields.values():
            _models(info.annotation, seen)


def test_the_layout_holds_every_field_of_the_model() -> None:
    """A new model field must get a place in the workbook (layout.HANDLED and its sheets)."""
    models: set[type[BaseModel]] = set()
    _models(Program, models)
    missing = sorted(f"{m.__name__}.{name}" for m in models for name in m.model_fields
                     if name not in layout.HANDLED.get(m.__name__, frozenset()))
    assert not missing, f"fields the workbook does not hold: {missing}"


def test_export_refuses_a_field_it_cannot_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    program = yaml_program(HEALTH)
    check_coverage(program)
    handled = dict(layout.HANDLED)
    handled["Indicator"] = handled["Indicator"] - {"baseline"}
    monkeypatch.setattr(layout, "HANDLED", handled)
    with pytest.raises(UnsupportedField, match="baseline"):
        check_coverage(program)
