"""The HTML report: self-contained, localised figures, two inline SVG charts."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from costeo import load_text
from costeo.reports.html import write_html
from costeo.reports.xlsx import write_xlsx
from tests.conftest import HEALTH
from tests.reports.conftest import EXAMPLES, Reports


class Collector(HTMLParser):
    """Collects tags, their attributes and the text of table cells and headings."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(data.strip())


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


@pytest.mark.parametrize("name", sorted(EXAMPLES))
@pytest.mark.parametrize("lang", ["es", "en"])
def test_self_contained(reports: Reports, name: str, lang: str) -> None:
    html = reports.html(name, lang)
    assert html.startswith("<!DOCTYPE html>")
    assert "http://" not in html and "https://" not in html
    assert "<script" not in html.lower()
    parsed = parse(html)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "img", "iframe", "object"), tag
        for key in ("src", "href"):
            value = attrs.get(key)
            assert value is None or value.startswith("#"), (tag, attrs)
    assert html.count("<svg") == 2
    assert html.count("</svg>") == 2
    assert f'<html lang="{lang}">' in html


def test_school_meals_figures(reports: Reports) -> None:
    html = reports.html("school_meals")
    text = parse(html).text
    assert "S/ 1,176,161,643.00" in text          # summary card and total row
    assert html.count("S/ 1,176,161,643.00") >= 3  # cards, table total, chart label
    assert "Recursos financieros (PEN)" in text
    assert "191 días de atención" in text
    # segment table: displayed and implied unit costs side by side
    assert "Costo unitario publicado" in text and "Costo unitario implícito" in text
    assert "2.5545" in text and "2.55" in text
    assert "40,077,453.00" in text
    assert "Presupuesto por producto" in text
    assert "Composición del costo unitario" in text
    assert "published-rounding" in text
    assert "Sin observaciones" not in text


def test_english_report(reports: Reports) -> None:
    text = parse(reports.html("school_meals", "en")).text
    assert "Financial resources (PEN)" in text
    assert "Budget by product" in text
    assert "Unit cost build-up" in text
    assert "Recursos financieros (PEN)" not in text
    assert "S/ 1,176,161,643.00" in text


def test_ecuador_locale_and_declared_share(reports: Reports) -> None:
    result = reports.result("health")
    text = parse(reports.html("health")).text
    assert "$11.129.531,85" in text
    assert "1,99%" in text                           # declared share, es_EC
    assert str(result.declared_share())[:6] == "0.0199"
    assert "costo unitario declarado, sin desagregar en insumos" in text
    assert "Sin observaciones" in text
    english = parse(reports.html("health", "en")).text
    assert "$11,129,531.85" in english


def test_charts_carry_labels(reports: Reports) -> None:
    html = reports.html("cash_transfers")
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    products, unit_costs = svgs
    assert "Acciones comunes" in products
    assert "S/ 936,524,843.57" in products
    assert "millones de S/" in products
    assert "transferencia" in unit_costs and "bien o servicio" in unit_costs
    assert "S/ 200.02" in unit_costs
    assert "Participación en el costo unitario" in unit_costs


def test_text_from_the_program_is_escaped(tmp_path: Path) -> None:
    source = HEALTH.read_text(encoding="utf-8")
    name = "Programa sintético de salud primaria"
    assert name in source
    hostile = source.replace(name, "=SUM(A1) <b>Salud</b> & \"citas\"", 1)
    loaded = load_text(hostile, str(HEALTH))
    assert loaded.result is not None, [d.format() for d in loaded.diagnostics]
    html = write_html(loaded.result, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<b>Salud</b>" not in html
    assert "&lt;b&gt;Salud&lt;/b&gt;" in html
    book = openpyxl.load_workbook(write_xlsx(loaded.result, tmp_path / "r.xlsx"))
    program = book["Formulación"]["B2"].value
    assert isinstance(program, str) and program.startswith("S001 =SUM(A1)")


def test_planning_section(reports: Reports) -> None:
    juntos = reports.html("cash_transfers")
    assert "Marco multianual 2014–2016" in juntos
    # the published frame beside the projection, and the difference of the fiscal year
    assert "1,407,000,000.00" in juntos and "-22,076,770.43" in juntos
    health = reports.html("health")
    assert "Techo presupuestal 2025" in health and "10.500.000,00" in health
    meals = reports.html("school_meals")
    assert "Programación mensual" in meals and "Marzo" in meals and "Enero" not in meals
