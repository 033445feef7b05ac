"""The XLSX workbook, read back with openpyxl: real numbers, the right totals, named sheets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests.reports.conftest import EXAMPLES, Reports

FORBIDDEN = set('[]:*?/\\')


def rows(sheet: Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def find_row(sheet: Worksheet, first: str) -> int:
    """1-based index of the first row whose column A is ``first``."""
    for index, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if row[0] == first:
            return index
    raise AssertionError(f"no row starting with {first!r} in {sheet.title}")


def header_map(sheet: Worksheet, row: int) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[row] if isinstance(cell.value, str)}


def cents(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01")))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_total_row_equals_result_total(reports: Reports, name: str) -> None:
    result = reports.result(name)
    sheet = reports.workbook(name)["Formulación"]
    header = find_row(sheet, "Producto / Actividad")
    columns = header_map(sheet, header)
    amount_col = columns["Recursos financieros (PEN)" if result.program.program.currency == "PEN"
                         else "Recursos financieros (USD)"]
    total_row = find_row(sheet, "Total")
    total = sheet.cell(total_row, amount_col).value
    assert isinstance(total, float | int)
    assert total == pytest.approx(cents(result.total), abs=0.001)
    # the product rows and the common-actions row add up to the total
    product_codes = {p.code for p in result.products}
    parts = []
    for r in range(header + 1, total_row):
        text = sheet.cell(r, 1).value
        assert isinstance(text, str)
        if text.split(" ")[0] in product_codes or text == "Acciones comunes":
            parts.append(Decimal(str(sheet.cell(r, amount_col).value)))
    assert len(parts) == len(result.products) + (1 if result.common else 0)
    assert sum(parts) == result.total


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_formulation_figures_are_numbers_with_formats(reports: Reports, name: str) -> None:
    result = reports.result(name)
    sheet = reports.workbook(name)["Formulación"]
    header = find_row(sheet, "Producto / Actividad")
    columns = header_map(sheet, header)
    total_row = find_row(sheet, "Total")
    activity_rows = 0
    for r in range(header + 1, total_row + 1):
        for title, fmt in (("Meta física", "#,##0"), ("Costo unitario", "#,##0.00")):
            cell = sheet.cell(r, columns[title])
            if cell.value is not None:
                assert isinstance(cell.value, float | int), (r, title, cell.value)
                assert cell.number_format.startswith(fmt)
        amount = sheet.cell(r, columns[f"Recursos financieros ({result.program.program.currency})"])
        assert isinstance(amount.value, float | int)
        assert amount.number_format == "#,##0.00"
        if sheet.cell(r, columns["Costo unitario"]).value is not None:
            activity_rows += 1
    assert activity_rows == len(list(result.activities()))


def test_sheet_names(reports: Reports) -> None:
    for name in EXAMPLES:
        result = reports.result(name)
        names = reports.workbook(name).sheetnames
        assert names[:2] == ["Formulación", "Por clasificador"]
        assert names[-5:] == ["Planificación", "Diagnósticos", "Revisión", "Hallazgos",
                              "Evidencia"]
        products = names[2:-5]
        if result.common:
            assert products.pop() == "Acciones comunes"
        assert [n.split(" ")[0] for n in products] == [p.code for p in result.products]
        assert len({n.lower() for n in names}) == len(names)
        for sheet_name in names:
            assert len(sheet_name) <= 31
            assert not FORBIDDEN & set(sheet_name)


def test_english_workbook(reports: Reports) -> None:
    book = reports.workbook("school_meals", "en")
    assert book.sheetnames[:2] == ["Formulation", "By classifier"]
    assert book.sheetnames[-4:] == ["Diagnostics", "Review", "Findings", "Evidence"]
    sheet = book["Formulation"]
    header = header_map(sheet, find_row(sheet, "Product / Activity"))
    assert "Financial resources (PEN)" in header
    assert "Physical target" in header


def test_school_meals_formulation_row(reports: Reports) -> None:
    sheet = reports.workbook("school_meals")["Formulación"]
    columns = header_map(sheet, find_row(sheet, "Producto / Actividad"))
    row = find_row(sheet, "5000001 Provisión del servicio alimentario por segmento")
    assert sheet.cell(row, columns["Meta física"]).value == 2929298
    assert sheet.cell(row, columns["Costo unitario"]).value == pytest.approx(2.1021809188606)
    frequency = sheet.cell(row, columns["Frecuencia"])
    assert frequency.value == 191
    assert frequency.number_format == '#,##0 "días de atención"'
    assert sheet.cell(row, columns["Recursos financieros (PEN)"]).value == 1176161643
    assert sheet.cell(find_row(sheet, "Total"), columns["Recursos financieros (PEN)"]).value \
        == 1176161643
    assert "descendente" in sheet.cell(row, columns["Método"]).value


def test_school_meals_segments_show_displayed_and_implied_unit_costs(reports: Reports) -> None:
    book = reports.workbook("school_meals")
    sheet = book[book.sheetnames[2]]
    assert sheet.title.startswith("3000001 ")
    head = find_row(sheet, "Modalidad de atención")
    columns = header_map(sheet, head)
    implied = columns["Costo unitario implícito"]
    displayed = columns["Costo unitario publicado"]
    amount = columns["Recursos financieros"]
    target = columns["Meta física"]
    body = [r for r in range(head + 1, head + 25)]
    assert [sheet.cell(r, 1).value for r in body].count("Raciones") == 8
    first = body[0]
    assert [sheet.cell(first, c).value for c in range(1, 5)] == [
        "Raciones", "Preescolar", "Quintiles I–II (desayuno y almuerzo)", "Costa y sierra"]
    assert sheet.cell(first, target).value == 82142
    assert sheet.cell(first, displayed).value == 2.55
    assert sheet.cell(first, implied).value == pytest.approx(2.5544739, abs=1e-7)
    assert sheet.cell(first, implied).number_format == "#,##0.0000"
    assert sheet.cell(first, displayed).number_format == "#,##0.00"
    assert sheet.cell(first, amount).value == 40077453
    for r in body:
        shown = sheet.cell(r, displayed).value
        exact = sheet.cell(r, implied).value
        assert isinstance(shown, float) and isinstance(exact, float)
        assert round(exact, 2) == pytest.approx(shown), r
    total_row = head + 25
    assert sheet.cell(total_row, 1).value == "Total"
    assert sheet.cell(total_row, target).value == 2929298
    assert sheet.cell(total_row, amount).value == 1176161643
    assert sum(sheet.cell(r, amount).value for r in body) == 1176161643


def test_inputs_table_of_a_bottom_up_activity(reports: Reports) -> None:
    result = reports.result("health")
    activity = next(a for a in result.activities() if a.code == "5000101")
    book = reports.workbook("health")
    sheet = next(book[n] for n in book.sheetnames if n.startswith("3000101 "))
    values = rows(sheet)
    names = [row[0] for row in values]
    start = names.index("Insumo") + 1
    table = values[start:start + len(activity.inputs)]
    assert [row[0] for row in table] == [s.name for s in activity.inputs]
    assert [row[2] for row in table] == [s.classifier for s in activity.inputs]
    for row, share in zip(table, activity.inputs, strict=True):
        assert row[3] == pytest.approx(float(share.unit_cost))
    assert sum(row[4] for row in table) == pytest.approx(1.0)
    labour = table[0]
    assert labour[1] == "mano de obra"
    base = values[start + len(activity.inputs)]
    assert base[0] == "Costo unitario (suma de insumos)"
    assert base[3] == pytest.approx(8.4710638)


def test_by_classifier_sheet(reports: Reports) -> None:
    result = reports.result("cash_transfers")
    values = rows(reports.workbook("cash_transfers")["Por clasificador"])
    names = [row[0] for row in values]
    start = names.index("Clasificador de gasto") + 1
    end = names.index("Total")
    body = values[start:end]
    expected = result.by_classifier()
    assert [row[0] for row in body] == list(expected)
    for row in body:
        assert row[1] == pytest.approx(cents(expected[str(row[0])]), abs=0.001)
        assert row[2] == pytest.approx(float(expected[str(row[0])] / result.total))
    assert values[end][1] == pytest.approx(1053723229.57, abs=0.001)
    assert sum(Decimal(str(row[1])) for row in body) == result.total


def test_declared_unit_cost_is_marked(reports: Reports) -> None:
    sheet = reports.workbook("health")["Formulación"]
    columns = header_map(sheet, find_row(sheet, "Producto / Actividad"))
    row = find_row(sheet, "5000901 Gestión y conducción del programa")
    assert sheet.cell(row, columns["Método"]).value == "declarado"
    fill = sheet.cell(row, columns["Costo unitario"]).fill.fgColor.rgb
    other = find_row(sheet, "5000902 Monitoreo, supervisión y evaluación")
    assert fill != sheet.cell(other, columns["Costo unitario"]).fill.fgColor.rgb
    assert "declarado" in " ".join(str(c) for r in rows(sheet) for c in r if c)


def test_diagnostics_sheet_lists_published_rounding(reports: Reports) -> None:
    result = reports.result("school_meals")
    expected = sorted(str(d.location) for d in result.diagnostics
                      if d.code == "published-rounding")
    values = rows(reports.workbook("school_meals")["Diagnósticos"])
    assert values[0] == ["Código", "Severidad", "Ubicación", "Mensaje", "Sugerencia"]
    rounding = [row for row in values[1:] if row[0] == "published-rounding"]
    assert len(rounding) == 2
    code, severity, location, message, hint = rounding[0]
    assert severity == "nota"
    assert sorted(str(row[2]) for row in rounding) == expected
    assert str(location).startswith(result.file)
    assert str(location).split(":")[-2:] != ["0", "0"]
    assert "1,176,161,644" in str(message)
    assert hint
    english = rows(reports.workbook("school_meals", "en")["Diagnostics"])
    assert english[0] == ["Code", "Severity", "Location", "Message", "Hint"]
    assert english[1][1] == "note"
    assert "published amount" in str(english[1][3])


def test_no_diagnostics_says_so(reports: Reports) -> None:
    values = rows(reports.workbook("health")["Diagnósticos"])
    assert values[1][0] == "Sin observaciones"


def test_planning_sheet(reports: Reports) -> None:
    sheet = reports.workbook("health")["Planificación"]
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    titles = [row[0] for row in values if len(row) == 1]
    assert "Techo presupuestal 2025" in titles and "Programación mensual" in titles
    totals = [row for row in values if row and row[0] == "Total"]
    ceiling_total = totals[0]
    assert ceiling_total[1:] == [11129531.85, 10500000.0, 629531.85]  # formulated, fitted, cut
    months_total = totals[-1]
    assert months_total[1] == 11129531.85


def test_review_sheets_carry_the_programs_review(reports: Reports) -> None:
    """JUNTOS 2014 (DOMAIN.md): common actions are S/ 117,198,386, 11.12% of the budget."""
    book = reports.workbook("cash_transfers")
    summary = rows(book["Revisión"])
    assert ["Presupuesto revisado", 1053723229.57] in [
        [c for c in row if c is not None] for row in summary]
    common = next(row for row in summary if row[1] == "Acciones comunes altas")
    assert common[2:5] == ["aviso", 1, 117198386]
    findings = rows(book["Hallazgos"])
    assert findings[0][:3] == ["#", "Programa", "Código"]
    codes = [row[2] for row in findings[1:]]
    assert codes[:2] == ["common-share-high", "traceability"] and codes[-1] == "methodology"
    evidence = rows(book["Evidencia"])
    share = next(row for row in evidence[1:] if row[1] == "common-share-high"
                 and isinstance(row[3], float) and 0.11 < row[3] < 0.12)
    assert share[0] == 1  # evidence rows point at their finding's number
