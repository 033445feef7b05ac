"""`costeo review` and the review section of `costeo cost`, as a user runs them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from costeo.cli.main import app
from tests.conftest import ALL_EXAMPLES, CASH_TRANSFERS, HEALTH, SCHOOL_MEALS

runner = CliRunner()


def run(*args: object) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_review_prints_the_summary_and_exits_3_on_warnings() -> None:
    code, output = run("review", CASH_TRANSFERS)
    assert code == 3   # common actions above 10%: a warning
    assert "Qué mejorar y por qué" in output
    assert "[common-share-high] aviso" in output
    assert "117,198,386.00" in output and "11.12 %" in output


def test_review_exits_0_with_notes_only_and_speaks_english() -> None:
    code, output = run("review", HEALTH, "--lang", "en")
    assert code == 0, output
    assert "What to improve and why" in output
    assert "[traceability] note" in output
    assert "97.47 % of the budget has a unit cost broken down into inputs" in output


def test_review_json_has_methodology_summary_and_evidence() -> None:
    code, output = run("review", SCHOOL_MEALS, "--json")
    assert code == 3
    data = json.loads(output)
    [subject] = data["subjects"]
    assert subject["code"] == "0115"
    assert subject["methodology"]["evidence"]["direction"] == "descending"
    rounding = [f for f in subject["findings"] if f["code"] == "subtotal-rounding"]
    assert {f["evidence"]["published"] for f in rounding} == {"1176161644", "696364043"}
    assert subject["summary"][0]["code"] == "low-traceability"


def test_strict_tier_adds_the_notes() -> None:
    _, basic = run("review", HEALTH, "--json")
    _, strict = run("review", HEALTH, "--json", "--tier", "strict")
    codes = [{f["code"] for f in json.loads(out)["subjects"][0]["findings"]}
             for out in (basic, strict)]
    assert "round-amount" not in codes[0] and "round-amount" in codes[1]


def test_review_writes_xlsx_and_html(tmp_path: Path) -> None:
    book, page = tmp_path / "revision.xlsx", tmp_path / "revision.html"
    code, output = run("review", *ALL_EXAMPLES, "--xlsx", book, "--html", page)
    assert code == 3, output
    sheets = load_workbook(book)
    summary = sheets["Resumen"]
    values = [row for row in summary.iter_rows(values_only=True) if row[1] ==
              "Acciones comunes altas"]
    assert values and values[0][4] == 117198386   # a real number, not text
    html = page.read_text(encoding="utf-8")
    assert "Qué mejorar y por qué" in html and "<script" not in html
    assert html.count("<section") == len(ALL_EXAMPLES)


def test_a_file_that_cannot_be_read_exits_1(tmp_path: Path) -> None:
    code, output = run("review", tmp_path / "no-existe.yaml", HEALTH)
    assert code == 1
    assert "S001" in output   # the other file is still reviewed


def test_cost_prints_a_short_review_and_puts_it_in_its_json() -> None:
    code, output = run("cost", CASH_TRANSFERS)
    assert code == 0
    assert "Revisión de la estructura de costos" in output
    assert "Acciones comunes altas" in output
    code, output = run("cost", HEALTH, "--json")
    review = json.loads(output)["review"]
    assert review["counts"]["warning"] == 0
    assert review["methodology"]["evidence"]["direction"] == "ascending"


def test_two_versions_of_a_program_are_compared(tmp_path: Path) -> None:
    """A syringe priced 2.12 instead of 0.12: the dose costs 2.00 more in direct cost, plus
    the immunisation centre's indirect ratio (0.26625) on it: 2.5325 more."""
    second = tmp_path / "salud-v2.yaml"
    text = HEALTH.read_text(encoding="utf-8")
    assert text.count("price: 0.12, classifier") == 1
    second.write_text(text.replace("price: 0.12, classifier", "price: 2.12, classifier"),
                      encoding="utf-8")
    code, output = run("review", HEALTH, second, "--json")
    assert code == 3
    first, later = json.loads(output)["subjects"]
    assert not [f for f in first["findings"] if f["code"] == "unit-cost-jump"]
    jumps = {f["item"]: f["evidence"] for f in later["findings"] if f["code"] == "unit-cost-jump"}
    costa = jumps["5000103 Aplicación de vacuna pentavalente [costa]"]
    assert Decimal(costa["after"]) - Decimal(costa["before"]) == Decimal("2.5325")
    assert costa["before_version"] == HEALTH.name


def test_program_html_report_carries_the_review(tmp_path: Path) -> None:
    code, _ = run("report", CASH_TRANSFERS, "--out", tmp_path)
    assert code == 0
    html = (tmp_path / "transferencias-juntos-2014.html").read_text(encoding="utf-8")
    section = html[html.index('<section id="revision">'):html.index('<section id="diagnosticos">')]
    assert "Qué mejorar y por qué" in section
    assert "Acciones comunes altas" in section and "117,198,386.00" in section
