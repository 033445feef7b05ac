"""Cells read exactly: numbers as their shortest text, fixed decimals kept, dates as ISO text."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from costeo.io.xlsx.grid import (
    COLS,
    SheetCells,
    SheetRef,
    cell_name,
    column_index,
    column_letters,
    convert_rows,
    fixed_places,
    format_places,
    number_text,
)
from costeo.io.xlsx.writer import excel_number


@pytest.mark.parametrize(("value", "places", "text"), [
    (2.55, 0, "2.55"), (1.7, 2, "1.70"), (18.0, 2, "18.00"), (18.0, 0, "18"),
    (1e-05, 0, "0.00001"), (2.555, 2, "2.555"), (-0.5, 1, "-0.5"), (123456789012345.0, 0,
                                                                   "123456789012345"),
])
def test_number_text(value: float, places: int, text: str) -> None:
    assert number_text(value, places) == text


@pytest.mark.parametrize(("code", "places"), [
    ("#,##0.00", 2), ("0.0000", 4), ("0", 0), ("#,##0", 0), ("0.00%", 4), ("0%", 2),
    ('"S/ "#,##0.00;[Red]-#,##0.00', 2), ("0.00E+00", 0), ("yyyy-mm-dd", 0), ("0.##", 0),
    ("General", 0), ("@", 0),
])
def test_format_places(code: str, places: int) -> None:
    assert format_places(code) == places


def test_column_names() -> None:
    assert [column_letters(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert [column_index(s) for s in ("A", "Z", "AA", "ZZ", "AAA")] == [0, 25, 26, 701, 702]
    assert cell_name(6, 1) == "B7"


def test_exact_numbers_for_excel() -> None:
    assert excel_number(Decimal("2.55")) == 2.55
    assert excel_number(Decimal("1.70")) == 1.7
    assert excel_number(Decimal("0.1234567890123456789")) is None  # kept as text instead
    assert excel_number(Decimal("999999999999999")) == 999999999999999.0


def test_cells_of_mixed_columns_keep_their_type_and_place() -> None:
    cells = SheetCells(SheetRef("libro.xlsx", "Hoja"))
    raw: list[list[Any]] = [["código", "meta", "desde"],
           ["0115", 12.0, date(2025, 1, 1)],
           [" 0116 ", "", datetime(2025, 2, 1)],
           ["", 2.5, "2025-03-01"]]
    rows = convert_rows(raw, cells, {1: {3: 2}})
    assert [[str(c) if c is not None else None for c in row] for row in rows] == [
        ["código", "meta", "desde"], ["0115", "12", "2025-01-01"],
        ["0116", None, "2025-02-01"], [None, "2.50", "2025-03-01"]]
    twelve = rows[1][1]
    assert twelve is not None and twelve.tag == "int"
    assert str(twelve.loc) == "libro.xlsx!Hoja!B2"
    assert twelve.loc.line == 2 and twelve.loc.col == 2
    assert rows[3][1] is not None and rows[3][1].tag == "float"
    assert rows[1][0] is not None and rows[1][0].tag == "str"
    blank = convert_rows(raw, cells, blank=True)
    assert blank[2][1] is not None and str(blank[2][1]) == ""
    assert str(blank[2][1].loc) == "libro.xlsx!Hoja!B3"
    assert rows[1][1] is not None and rows[1][1].position == (1, 1)
    assert COLS == 16384


def test_fixed_places_only_where_decimals_are_missing(tmp_path: Path) -> None:
    path = tmp_path / "formatos.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Datos")
    two = wb.add_format({"num_format": "#,##0.00"})
    ws.write_number(0, 0, 2.5, two)   # shown 2.50: needs a zero
    ws.write_number(1, 0, 2.25, two)  # shown 2.25: nothing to add
    ws.write_number(2, 1, 18, two)    # shown 18.00
    ws.write_number(3, 1, 3.5)        # General
    wb.close()
    assert fixed_places(str(path)) == {"Datos": {0: {0: 2}, 1: {2: 2}}}
