"""The broken-fixture corpus: one program file per diagnostic code, with its expectation.

Each ``tests/errors/<code>.yaml`` opens with comments that say what loading it must report::

    # expect: code=unknown-parameter line=39 col=23 severity=error
    # message-es: el parámetro '$precio_raciones' no está definido
    # problema: la referencia al parámetro tiene una letra de más
    # base: tests/errors/bases/alimentacion.yaml

The rest of the file is one of the valid programs in ``tests/errors/bases/`` with exactly one
problem. ``docs/gen_errors.py`` builds the error catalogue from the same files.

Codes of published tables have a ``.csv`` fixture (the reader skips ``#`` lines) or a text
file named ``.xlsx``; ``line=0 col=0`` expects a location that is the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from costeo import Diagnostics, load_program
from costeo.review.tables import read_tables

ERRORS_DIR = Path(__file__).resolve().parent
ROOT = ERRORS_DIR.parents[1]
BASES_DIR = ERRORS_DIR / "bases"

# Codes that cannot be a fixture file, and the test that covers each instead.
TESTED_ELSEWHERE = {
    "file-not-found": "a missing path cannot be a fixture file: see "
                      "tests/errors/test_errors.py::test_file_not_found",
}

_EXPECT = re.compile(r"^# expect: code=(\S+) line=(\d+) col=(\d+) severity=(error|warning|info)$")


@dataclass(frozen=True)
class Expectation:
    path: Path
    code: str
    line: int
    col: int
    severity: str
    message_es: str
    problem: str
    base: str | None

    @property
    def relpath(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    @property
    def where(self) -> str:
        """The location the diagnostic must print: file:line:col, or the file alone."""
        return f"{self.path}:{self.line}:{self.col}" if self.line else str(self.path)

    @property
    def command(self) -> str:
        """The CLI command that reports it: tables are reviewed, programs validated."""
        return "validate" if self.path.suffix == ".yaml" else "review"


FIXTURE_SUFFIXES = ("*.yaml", "*.csv", "*.xlsx")


def fixture_paths() -> list[Path]:
    return sorted(p for pattern in FIXTURE_SUFFIXES for p in ERRORS_DIR.glob(pattern))


def load_fixture(path: Path) -> tuple[bool, Diagnostics]:
    """Load a fixture as its command would: (whether it loaded, its diagnostics)."""
    if path.suffix == ".yaml":
        loaded = load_program(path)
        return loaded.result is not None, loaded.diagnostics
    diagnostics = Diagnostics()
    return read_tables(path, diagnostics) is not None, diagnostics


def base_paths() -> list[Path]:
    return sorted(BASES_DIR.glob("*.yaml"))


def read_expectation(path: Path) -> Expectation:
    header: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    match = _EXPECT.match(lines[0]) if lines else None
    if match is None:
        raise ValueError(f"{path}: the first line must be '# expect: code=... line=... col=... "
                         "severity=...'")
    for line in lines[1:]:
        if not line.startswith("# ") or ": " not in line:
            break
        key, _, value = line[2:].partition(": ")
        if key not in ("message-es", "problema", "base"):
            break
        header[key] = value
    if "message-es" not in header:
        raise ValueError(f"{path}: the second line must be '# message-es: ...'")
    code, line_no, col, severity = match.groups()
    return Expectation(path, code, int(line_no), int(col), severity, header["message-es"],
                       header.get("problema", ""), header.get("base"))


def expectations() -> list[Expectation]:
    return [read_expectation(p) for p in fixture_paths()]
