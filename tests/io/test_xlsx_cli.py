"""`costeo export xlsx` and `costeo import xlsx` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from costeo.cli.main import app
from costeo.loader import load_program
from tests.conftest import CASH_TRANSFERS, SCHOOL_MEALS

runner = CliRunner()


def run(*args: object) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_export_then_import_gives_back_the_program(tmp_path: Path) -> None:
    book = tmp_path / "qali-warma.xlsx"
    code, output = run("export", "xlsx", SCHOOL_MEALS, "-o", book)
    assert code == 0, output
    assert book.exists() and "escrito" in output
    target = tmp_path / "qali-warma.yaml"
    code, output = run("import", "xlsx", book, "-o", target)
    assert code == 0, output
    assert "[published-rounding]" in output and "qali-warma.xlsx!Publicado!" in output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Importado de qali-warma.xlsx por costeo\n")
    reloaded = load_program(target)
    original = load_program(SCHOOL_MEALS)
    assert reloaded.program is not None and original.program is not None
    assert reloaded.program.model_dump(mode="json") == original.program.model_dump(mode="json")
    assert reloaded.result is not None and original.result is not None
    assert reloaded.result.total == original.result.total
    assert sorted(p.name for p in tmp_path.iterdir()) == ["qali-warma.xlsx", "qali-warma.yaml"]


def test_default_output_names_english_and_json(tmp_path: Path) -> None:
    program = tmp_path / "juntos.yaml"
    program.write_text(CASH_TRANSFERS.read_text(encoding="utf-8"), encoding="utf-8")
    code, output = run("export", "xlsx", program, "--lang", "en", "--json")
    assert code == 0, output
    assert json.loads(output)["output"] == str(tmp_path / "juntos.xlsx")
    program.unlink()
    code, output = run("import", "xlsx", tmp_path / "juntos.xlsx", "--lang", "en")
    assert code == 0, output
    assert "written" in output
    assert (tmp_path / "juntos.yaml").read_text(encoding="utf-8").startswith(
        "# Imported from juntos.xlsx by costeo\n")


def test_export_of_a_broken_program_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "roto.yaml"
    broken.write_text(SCHOOL_MEALS.read_text(encoding="utf-8").replace(
        "frequency: 191", "frequency: 191 días"), encoding="utf-8")
    code, output = run("export", "xlsx", broken)
    assert code == 1
    assert "[not-a-number]" in output
    assert not (tmp_path / "roto.xlsx").exists()


def test_import_of_a_missing_workbook(tmp_path: Path) -> None:
    code, output = run("import", "xlsx", tmp_path / "no-existe.xlsx")
    assert code == 1
    assert "[file-not-found]" in output
    assert not (tmp_path / "no-existe.yaml").exists()
