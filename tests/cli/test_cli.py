"""The CLI as a user runs it: exit codes, located output, --json, --lang en."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from costeo.cli.main import app
from tests.conftest import ALL_EXAMPLES, CASH_TRANSFERS, EXAMPLES, HEALTH, SCHOOL_MEALS

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_validate_examples_exit_zero(example: Path) -> None:
    code, output = run("validate", example)
    assert code == 0, output
    assert "válido" in output


def test_validate_reports_every_problem_with_its_location(tmp_path: Path) -> None:
    broken = tmp_path / "roto.yaml"
    text = SCHOOL_MEALS.read_text(encoding="utf-8")
    text = text.replace("frequency: 191", "frequency: 191 días")
    text = text.replace("method: top_down", "method: top_dow")
    broken.write_text(text, encoding="utf-8")
    code, output = run("validate", broken)
    assert code == 1
    lines = text.splitlines()
    freq_line = next(i for i, line in enumerate(lines, 1) if "frequency: 191 días" in line)
    method_line = next(i for i, line in enumerate(lines, 1) if "method: top_dow" in line)
    assert f"roto.yaml:{freq_line}:20 [not-a-number]" in output
    assert f"roto.yaml:{method_line}:19 [unknown-method]" in output
    assert "debe ser un número" in output
    code, output = run("validate", broken, "--lang", "en")
    assert code == 1 and "must be a number" in output


def test_validate_json(tmp_path: Path) -> None:
    code, output = run("validate", SCHOOL_MEALS, "--json")
    assert code == 0
    (report,) = json.loads(output)
    assert {d["code"] for d in report["diagnostics"]} == {"published-rounding"}


def test_validate_missing_file_says_so() -> None:
    code, output = run("validate", "no-existe.yaml")
    assert code == 1
    assert "[file-not-found]" in output and "no se encuentra" in output


def test_cost_prints_the_published_layout() -> None:
    code, output = run("cost", CASH_TRANSFERS)
    assert code == 0
    for header in ("Producto / Actividad", "Unidad de medida", "Meta física", "Costo unitario",
                   "Recursos financieros"):
        assert header in output
    assert "S/ 1,053,723,229.57" in output


def test_cost_json_totals() -> None:
    code, output = run("cost", HEALTH, "--json")
    assert code == 0
    data = json.loads(output)
    products = sum(Decimal(p["amount"]) for p in data["products"])
    common = sum(Decimal(a["amount"]) for a in data["common_actions"])
    assert products + common == Decimal(data["total"])
    assert sum(Decimal(v) for v in data["by_classifier"].values()) == Decimal(data["total"])
    declared = [a for a in data["common_actions"] if a["declared"]]
    assert [a["code"] for a in declared] == ["5000901"]


def test_cost_english() -> None:
    code, output = run("cost", HEALTH, "--lang", "en")
    assert code == 0
    assert "Financial resources" in output and "$11,129,531.85" in output


def test_explain_reaches_given_values_with_file_and_line() -> None:
    code, output = run("explain", CASH_TRANSFERS, "5000011[I]")
    assert code == 0
    assert "transferencias-juntos-2014.yaml:" in output
    assert "$subsidio_regular" in output and "$itf" in output
    assert "200" in output and "0.0001" in output


def test_explain_json_tree() -> None:
    code, output = run("explain", HEALTH, "total", "--json")
    assert code == 0
    tree = json.loads(output)
    assert tree["id"] == "total"
    assert Decimal(tree["value"]) == sum(Decimal(c["value"]) for c in tree["inputs"])


def test_explain_lists_figures_and_suggests_close_ids() -> None:
    code, output = run("explain", SCHOOL_MEALS)
    assert code == 0 and "5000001/unit_cost" in output
    code, output = run("explain", SCHOOL_MEALS, "500001")
    assert code == 4
    assert "5000001" in output


def test_schema_command_prints_the_published_schema() -> None:
    code, output = run("schema")
    assert code == 0
    schema = json.loads(output)
    assert schema["title"] == "costeo program"
    assert "Activity" in schema["$defs"]


def test_formulate_against_the_ceiling() -> None:
    code, output = run("formulate", HEALTH, "--json")
    assert code == 0
    data = json.loads(output)
    assert data["ceiling"]["amount"] == "10500000"
    assert sum(Decimal(v) for v in data["ceiling"]["fitted"].values()) == Decimal(10500000)
    code, output = run("formulate", HEALTH)
    assert "Exceso sobre el techo" in output and "Ajustado al techo" in output


def test_formulate_frame_and_periods() -> None:
    code, output = run("formulate", CASH_TRANSFERS, "--frame", "--json")
    assert code == 0
    years = {y["year"]: y for y in json.loads(output)["years"]}
    assert years[2016]["published"] == "1620600000"
    code, output = run("formulate", SCHOOL_MEALS, "--by", "quarter", "--json")
    rows = json.loads(output)["rows"]
    assert sum(Decimal(v) for v in rows.values()) == Decimal("1176161643.00")
    code, output = run("formulate", SCHOOL_MEALS, "--by", "nada")
    assert code == 2 and "quarter" in output


def test_formulate_by_province() -> None:
    code, output = run("formulate", EXAMPLES / "nutricion-huancavelica-2015.yaml", "--by",
                       "province")
    assert code == 0 and "Castrovirreyna" in output


def test_scenario_compare_explains_the_change() -> None:
    code, output = run("scenario", "compare", CASH_TRANSFERS, "comision_6")
    assert code == 0
    assert "Comisión bancaria" in output and "7 → 6" in output
    assert "transferencias-juntos-2014.yaml:" in output
    code, output = run("scenario", "compare", HEALTH, "inercial", "--json")
    assert code == 0 and json.loads(output)[0]["inertial"] == "6720000.00"
    code, output = run("scenario", "compare", HEALTH, "no_existe")
    assert code == 1 and "vacuna_1_30" in output
    code, output = run("scenario", "list", HEALTH)
    assert code == 0 and "inercial" in output
