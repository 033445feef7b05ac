"""Helpers of the reports: sheet names, label wrapping, inline SVG, shared table rows."""

from __future__ import annotations

from decimal import Decimal

from costeo.reports.charts import inline_svg, wrap
from costeo.reports.common import TOTAL, sheet_name, table_rows
from costeo.reports.labels import label
from tests.reports.conftest import Reports


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    first = sheet_name("3000001 Escolares reciben el servicio alimentario", taken)
    assert first == "3000001 Escolares reciben el…"
    assert len(first) <= 31
    assert sheet_name("a/b\\c[d]e:f*g?h", taken) == "a b c d e f g h"
    again = sheet_name("3000001 Escolares reciben el servicio alimentario", taken)
    assert again != first and again.endswith("(2)") and len(again) <= 31
    assert sheet_name("DIAGNÓSTICOS", {"diagnósticos"}) == "DIAGNÓSTICOS (2)"
    assert sheet_name("''", set()) == "Hoja"


def test_wrap_keeps_two_lines() -> None:
    assert wrap("corto") == "corto"
    text = "5000901 Gestión del programa, personal (1,922 contratados en 17 unidades territoriales"
    lines = wrap(text, 30).split("\n")
    assert len(lines) == 2
    assert all(len(line) <= 30 for line in lines)
    assert lines[1].endswith("…")
    assert wrap("uno dos tres cuatro", 9) == "uno dos\ntres…"
    assert wrap("uno dos tres", 9) == "uno dos\ntres"


def test_inline_svg_drops_namespaces() -> None:
    svg = ('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
           'xmlns:xlink="http://www.w3.org/1999/xlink" width="10"><g/></svg>')
    out = inline_svg(svg)
    assert out.startswith('<svg role="img"')
    assert "http" not in out and "<?xml" not in out
    assert 'width="10"' in out


def test_table_rows_reconcile(reports: Reports) -> None:
    result = reports.result("cash_transfers")
    rows = table_rows(result, "es")
    assert rows[-1].level == TOTAL and rows[-1].amount == result.total
    common = [r for r in rows if r.level == "common"]
    assert [r.name for r in common] == ["Acciones comunes"]
    assert common[0].amount == Decimal("117198386.00")
    products = [r for r in rows if r.level == "product"]
    assert sum((r.amount for r in products), common[0].amount) == result.total


def test_labels_fall_back_to_i18n_and_fill_placeholders() -> None:
    assert label("amount", "en") == "Financial resources"
    assert label("millions_of", "es", currency="S/") == "millones de S/"
    assert label("report_title", "en") == "Costing and budget formulation report"
