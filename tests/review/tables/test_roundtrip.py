"""Round trip: any table, laid out the way analysts publish it, reads back to its figures.

Hypothesis builds a budget table (products, activities, zone keys, targets, unit costs with
0–4 places, factors, amounts), lays it out in a random published style — es_PE, es_EC or
plain figures, "S/ " or "$" marks, CSV with any delimiter or an XLSX workbook, title and
metadata lines, product header rows or merged product cells, product subtotals and a grand
total — then reads it with ``read_tables``. The rows, subtotals and what they cover must come
back exactly. A figure may only be misread when the importer said so (table-ambiguous-number).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import xlsxwriter
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from costeo.diagnostics import Diagnostics
from costeo.review.subject import RowKind
from costeo.review.tables import read_tables

PRODUCTS = ["Escolares reciben alimentación", "Hogares reciben incentivos",
            "Niños con vacuna completa", "Gestantes con control prenatal"]
ACTIVITIES = ["Provisión de raciones", "Supervisión", "Capacitación", "Pago de comisiones",
              "Visitas domiciliarias"]
ZONES = ["Costa", "Sierra", "Selva", "Lima Metropolitana"]
STYLES = {"es_PE": ("S/ ", ",", "."), "es_EC": ("$", ".", ","), "plain": ("", "", ".")}


@dataclass
class Line:
    product: str
    activity: str
    zone: str
    target: int
    unit_cost: Decimal
    places: int
    factor: int

    @property
    def amount(self) -> Decimal:
        exact = self.unit_cost * self.target * self.factor
        return exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)


@st.composite
def lines(draw: st.DrawFn) -> list[Line]:
    out: list[Line] = []
    products = draw(st.lists(st.sampled_from(PRODUCTS), min_size=1, max_size=3, unique=True))
    for product in products:
        activities = draw(st.lists(st.sampled_from(ACTIVITIES), min_size=1, max_size=3,
                                   unique=True))
        for activity in activities:
            for zone in draw(st.lists(st.sampled_from(ZONES), min_size=1, max_size=2,
                                      unique=True)):
                places = draw(st.integers(0, 4))
                cost = draw(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(99999),
                                        places=places, allow_nan=False, allow_infinity=False))
                if cost == 0:
                    cost = Decimal(1).scaleb(-places)
                out.append(Line(product, activity, zone, draw(st.integers(1, 2_000_000)),
                                cost, places, draw(st.sampled_from([1, 6, 12, 191]))))
    return out


@dataclass
class Layout:
    style: str
    currency: bool
    delimiter: str
    workbook: bool
    title: bool
    declare_decimal: bool
    product_rows: bool      # product in a header row above its rows (else on every row)
    merge_products: bool    # workbook: product merged over its rows
    subtotals: bool
    total: bool


layouts = st.builds(Layout, style=st.sampled_from(sorted(STYLES)), currency=st.booleans(),
                    delimiter=st.sampled_from([",", ";", "\t"]), workbook=st.booleans(),
                    title=st.booleans(), declare_decimal=st.booleans(),
                    product_rows=st.booleans(), merge_products=st.booleans(),
                    subtotals=st.booleans(), total=st.booleans())


def figure(value: Decimal, places: int, layout: Layout, money: bool) -> str:
    prefix, thousands, decimal = STYLES[layout.style]
    whole, _, frac = f"{value:,.{places}f}".partition(".")
    text = whole.replace(",", thousands) + (decimal + frac if places else "")
    return (prefix if money and layout.currency else "") + text


def render(table: list[Line], layout: Layout) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """The published rows, and (first, last) row spans of each product's lines (for merges)."""
    rows: list[list[str]] = []
    if layout.title:
        rows += [["CUADRO DE COSTOS POR ACTIVIDAD"], ["Fuente: oficina de presupuesto"]]
    if layout.declare_decimal:
        rows.append([f"separador decimal: {STYLES[layout.style][2]}"])
    rows.append(["Producto", "Actividad", "Zona", "Meta física", "Días", "Costo unitario",
                 "Monto"])
    spans: list[tuple[int, int]] = []
    for product in dict.fromkeys(line.product for line in table):
        mine = [line for line in table if line.product == product]
        if layout.product_rows:
            rows.append([product, "", "", "", "", "", ""])
        first = len(rows)
        for line in mine:
            shown = "" if layout.product_rows or (layout.workbook and layout.merge_products
                                                  and line is not mine[0]) else product
            rows.append([shown, line.activity, line.zone,
                         figure(Decimal(line.target), 0, layout, False), str(line.factor),
                         figure(line.unit_cost, line.places, layout, True),
                         figure(line.amount, 0, layout, True)])
        spans.append((first, len(rows) - 1))
        if layout.subtotals:
            rows.append(["TOTAL PRODUCTO", "", "", "", "", "",
                         figure(sum((x.amount for x in mine), Decimal(0)), 0, layout, True)])
    if layout.total:
        rows.append(["Total general", "", "", "", "", "",
                     figure(sum((x.amount for x in table), Decimal(0)), 0, layout, True)])
        rows.append(["Nota: cifras de prueba"])
    return rows, spans


def write(folder: Path, rows: list[list[str]], spans: list[tuple[int, int]],
          layout: Layout) -> Path:
    if layout.workbook:
        path = folder / "cuadro.xlsx"
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("Cuadro")
        for r, row in enumerate(rows):
            sheet.write_row(r, 0, row)
        if layout.merge_products and not layout.product_rows:
            for first, last in spans:
                if last > first:
                    sheet.merge_range(first, 0, last, 0, rows[first][0])
        book.close()
        return path
    path = folder / "cuadro.csv"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=layout.delimiter, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(table=lines(), layout=layouts)
def test_published_layouts_read_back_exactly(tmp_path: Path, table: list[Line],
                                             layout: Layout) -> None:
    rows, spans = render(table, layout)
    path = write(tmp_path, rows, spans, layout)
    diagnostics = Diagnostics()
    subject = read_tables(path, diagnostics)
    assert subject is not None, diagnostics.to_json()
    assert {d.code for d in diagnostics} <= {"table-ambiguous-number"}, diagnostics.to_json()
    read = subject.main.rows
    got = [(r.product, r.activity, r.keys.get("zona"), r.target, r.factor, r.unit_cost,
            r.decimals, r.amount) for r in read if r.kind is RowKind.ROW]
    want = [(x.product, x.activity, x.zone, Decimal(x.target), Decimal(x.factor), x.unit_cost,
             x.places, x.amount) for x in table]
    if diagnostics:  # a figure the table could not tell: read as thousands, and said so
        event("ambiguous figure reported")
        assert not layout.declare_decimal
        return
    event(f"read back exactly ({'xlsx' if layout.workbook else 'csv'})")
    assert got == want
    lines_at = [i for i, r in enumerate(read) if r.kind is RowKind.ROW]
    subtotals = [r for r in read if r.kind is RowKind.SUBTOTAL]
    if layout.subtotals:
        products = list(dict.fromkeys(x.product for x in table))
        assert [r.product for r in subtotals] == products
        for subtotal in subtotals:
            covered = [read[i] for i in subtotal.covers]
            assert {r.product for r in covered} == {subtotal.product}
            assert sum(r.amount for r in covered if r.amount) == subtotal.amount
    else:
        assert subtotals == []
    totals = [r for r in read if r.kind is RowKind.TOTAL]
    assert [t.covers for t in totals] == ([tuple(lines_at)] if layout.total else [])
