"""Helpers for the hand-computed costing tests.

Each test writes a small program in YAML; :func:`program` puts the same eight-line
``program:`` header on top, :func:`load` costs it (failing the test on any error) and
:func:`line_of` finds the 1-based line a value was written on, so lineage assertions can
check ``Figure.loc.line`` without counting lines by hand.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal

import costeo
from costeo.diagnostics import Severity
from costeo.formulation.result import CostResult
from costeo.lineage import Figure

FILE = "prueba.yaml"


def program(body: str, year: int = 2025, currency: str = "PEN") -> str:
    header = f"""\
program:
  code: "9001"
  name: Programa de prueba
  entity: Ministerio de prueba
  fiscal_year: {year}
  currency: {currency}
  result:
    statement: Resultado de prueba
"""
    return header + textwrap.dedent(body)


def load(text: str) -> CostResult:
    loaded = costeo.load_text(text, FILE)
    errors = [d.format("en") for d in loaded.diagnostics if d.severity is Severity.ERROR]
    assert not errors, errors
    assert loaded.result is not None
    return loaded.result


def diagnostics(text: str) -> list[tuple[str, int]]:
    """(code, line) of every diagnostic, for programs expected to be rejected."""
    loaded = costeo.load_text(text, FILE)
    return [(d.code, d.location.line if d.location else 0) for d in loaded.diagnostics]


def line_of(text: str, needle: str, after: str | None = None) -> int:
    """The line whose content (without indentation and '- ') is ``needle``.

    With ``after``, the search starts at the line holding ``after``; the match must be
    unique in the searched part so a typo in a test cannot pick the wrong line.
    """
    lines = text.splitlines()
    start = line_of(text, after) if after else 1
    hits = [n for n, line in enumerate(lines, 1)
            if n >= start and line.strip().removeprefix("- ").strip() == needle]
    if after:
        hits = hits[:1]
    assert len(hits) == 1, f"{needle!r} found on lines {hits}"
    return hits[0]


def leaves(figure: Figure) -> list[tuple[str, Decimal, str, int | None]]:
    """(role, value, kind, line) of each leaf, in lineage order."""
    return [(f.role, f.value, f.kind, f.loc.line if f.loc else None) for f in figure.leaves()]


def activity(result: CostResult, code: str) -> costeo.ActivityResult:
    found = [a for a in result.activities() if a.code == code]
    assert len(found) == 1, code
    return found[0]


def lines(result: CostResult, code: str) -> dict[tuple[str, str], Decimal]:
    """Budget lines of one activity keyed by (cell label, classifier)."""
    return {(", ".join(v for _, v in line.cell), line.classifier): line.amount
            for line in activity(result, code).lines}
