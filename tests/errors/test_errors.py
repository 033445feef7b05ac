"""Error messages are public API: one broken fixture per diagnostic code (tests/errors/).

Each fixture declares, in its first comment lines, the code, line, column, severity and exact
Spanish message that loading it must produce (see :mod:`tests.errors.expectations`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from costeo import Severity, load_program
from costeo.messages import CATALOGUE

from .expectations import (
    ROOT,
    TESTED_ELSEWHERE,
    Expectation,
    base_paths,
    expectations,
    fixture_paths,
    load_fixture,
    read_expectation,
)

EXPECTATIONS = expectations()
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")  # a template argument left unfilled


def _listing(diagnostics: list) -> str:
    return "\n".join(d.format("es") for d in diagnostics) or "(no diagnostics)"


@pytest.mark.parametrize("exp", EXPECTATIONS, ids=lambda e: e.code)
def test_fixture_reports_its_code_where_it_says(exp: Expectation) -> None:
    assert exp.path.stem == exp.code, "a fixture is named after its code"
    _, diagnostics = load_fixture(exp.path)
    listing = _listing(diagnostics)
    found = [d for d in diagnostics if d.code == exp.code]
    assert found, f"{exp.code} not reported; got:\n{listing}"
    at = [d for d in found if d.location and (d.location.line, d.location.col)
          == (exp.line, exp.col)]
    assert at, f"{exp.code} expected at {exp.line}:{exp.col}; got:\n{listing}"
    diagnostic = at[0]
    assert str(diagnostic.location) == exp.where
    assert diagnostic.severity.value == exp.severity == CATALOGUE[exp.code].severity
    assert diagnostic.message("es") == exp.message_es


@pytest.mark.parametrize("exp", EXPECTATIONS, ids=lambda e: e.code)
def test_fixture_has_exactly_one_problem(exp: Expectation) -> None:
    """No cascade: the one problem in the file yields one diagnostic."""
    _, diagnostics = load_fixture(exp.path)
    assert [d.code for d in diagnostics] == [exp.code], _listing(diagnostics)


@pytest.mark.parametrize("exp", EXPECTATIONS, ids=lambda e: e.code)
def test_fixture_messages_in_both_languages(exp: Expectation) -> None:
    _, diagnostics = load_fixture(exp.path)
    (diagnostic,) = [d for d in diagnostics if d.code == exp.code][:1]
    es, en = diagnostic.message("es"), diagnostic.message("en")
    assert en and en != es
    for text in (es, en, diagnostic.hint("es"), diagnostic.hint("en")):
        assert text, f"{exp.code}: empty message or hint"
        assert not PLACEHOLDER.search(text), f"{exp.code}: unfilled argument in {text!r}"
    head = f"{exp.where} [{exp.code}]"
    assert diagnostic.format("es").startswith(head)
    assert diagnostic.format("en").startswith(head)
    assert "\n    hint: " in diagnostic.format("en")


@pytest.mark.parametrize("exp", EXPECTATIONS, ids=lambda e: e.code)
def test_fixture_result_follows_severity(exp: Expectation) -> None:
    ok, diagnostics = load_fixture(exp.path)
    if exp.severity == "error":
        assert not ok
    else:  # warnings and notes leave an otherwise valid program costed (or table read)
        assert ok
        assert not diagnostics.has_errors


@pytest.mark.parametrize("exp", EXPECTATIONS, ids=lambda e: e.code)
def test_fixture_differs_from_its_base(exp: Expectation) -> None:
    if exp.base is None:
        return
    base = ROOT / exp.base
    assert base.is_file(), f"{exp.code}: base {exp.base} not found"
    body = [line for line in exp.path.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    original = [line for line in base.read_text(encoding="utf-8").splitlines()
                if not line.startswith("#")]
    assert body != original


def test_every_code_has_a_fixture() -> None:
    fixtures = {p.stem for p in fixture_paths()}
    missing = set(CATALOGUE) - fixtures - set(TESTED_ELSEWHERE)
    assert not missing, f"codes without a fixture in tests/errors/: {sorted(missing)}"
    assert set(TESTED_ELSEWHERE) <= set(CATALOGUE)
    assert not fixtures & set(TESTED_ELSEWHERE)


def test_every_fixture_is_a_code() -> None:
    stale = {p.stem for p in fixture_paths()} - set(CATALOGUE)
    assert not stale, f"fixtures for codes that no longer exist: {sorted(stale)}"


def test_fixture_headers_parse() -> None:
    for path in fixture_paths():
        exp = read_expectation(path)
        lines = path.read_text(encoding="utf-8").splitlines()
        if exp.line == 0:  # the whole file
            assert exp.col == 0
            continue
        assert 1 <= exp.line <= max(len(lines), 1)
        assert 1 <= exp.col <= max(len(lines[exp.line - 1]) + 1 if lines else 1, 1)


def test_file_not_found(tmp_path: Path) -> None:
    """`file-not-found` has no fixture file: a missing path is its reproducer."""
    missing = tmp_path / "no-existe.yaml"
    loaded = load_program(missing)
    assert loaded.result is None
    (diagnostic,) = loaded.diagnostics
    assert diagnostic.code == "file-not-found"
    assert diagnostic.severity is Severity.ERROR
    assert diagnostic.message("es") == f"no se encuentra el archivo {missing}"
    assert diagnostic.message("en") == f"file {missing} not found"
    assert diagnostic.format("es").startswith(f"{missing} [file-not-found] error: ")


def test_missing_folder_reports_its_program_file(tmp_path: Path) -> None:
    loaded = load_program(tmp_path)  # a folder without program.yaml
    assert [d.code for d in loaded.diagnostics] == ["file-not-found"]
    assert "program.yaml" in loaded.diagnostics[0].message("es")


@pytest.mark.parametrize("base", base_paths(), ids=lambda p: p.stem)
def test_fixture_bases_are_valid(base: Path) -> None:
    loaded = load_program(base)
    assert loaded.result is not None
    assert list(loaded.diagnostics) == [], _listing(loaded.diagnostics)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_examples_have_no_errors_or_warnings(example: Path) -> None:
    loaded = load_program(example)
    assert loaded.result is not None
    serious = [d for d in loaded.diagnostics if d.severity is not Severity.INFO]
    assert not serious, _listing(serious)
