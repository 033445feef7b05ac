"""`costeo validate` on every broken fixture and every example: exit code and located output.

Exit codes: 0 clean (notes allowed), 1 errors, 3 warnings only. The `published-rounding`
fixture holds a note only, so it exits 0 like a clean program.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .expectations import ROOT, Expectation, expectations

cli = pytest.importorskip("costeo.cli.main")

EXIT = {"error": 1, "warning": 3, "info": 0}
# Published-table fixtures (.csv/.xlsx) are read by `costeo review`: tests/review/tables/.
PROGRAMS = [e for e in expectations() if e.command == "validate"]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
runner = CliRunner()


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # short relative paths, as a user types them


def _validate(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli.app, ["validate", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("exp", PROGRAMS, ids=lambda e: e.code)
def test_validate_fixture(exp: Expectation) -> None:
    code, output = _validate(exp.relpath)
    assert code == EXIT[exp.severity], output
    if exp.severity != "info":
        assert code != 0
    assert f"{exp.relpath}:{exp.line}:{exp.col} [{exp.code}]" in output


@pytest.mark.parametrize("exp", PROGRAMS, ids=lambda e: e.code)
def test_validate_fixture_in_english(exp: Expectation) -> None:
    code, output = _validate(exp.relpath, "--lang", "en")
    assert code == EXIT[exp.severity], output
    assert f"{exp.relpath}:{exp.line}:{exp.col} [{exp.code}]" in output
    code, output = _validate(exp.relpath, "--lang", "en", "--json")
    (report,) = json.loads(output)
    messages = [d["message"] for d in report["diagnostics"] if d["code"] == exp.code]
    assert messages and exp.message_es not in messages


@pytest.mark.parametrize("exp", PROGRAMS, ids=lambda e: e.code)
def test_validate_fixture_json(exp: Expectation) -> None:
    """The exact message is checked here: the text output may wrap long lines."""
    code, output = _validate(exp.relpath, "--json")
    assert code == EXIT[exp.severity], output
    (report,) = json.loads(output)
    located = [(d["code"], d["location"]["line"], d["location"]["col"], d["message"])
               for d in report["diagnostics"]]
    assert (exp.code, exp.line, exp.col, exp.message_es) in located


def test_validate_missing_file() -> None:
    code, output = _validate("tests/errors/no-existe.yaml")
    assert code == 1
    assert "tests/errors/no-existe.yaml [file-not-found]" in output


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_validate_example_exits_zero(example: Path) -> None:
    code, output = _validate(example.relative_to(ROOT).as_posix())
    assert code == 0, output
