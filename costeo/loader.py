"""The one pipeline every front end uses: read -> validate -> cost -> (result, diagnostics)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from costeo.diagnostics import Diagnostics
from costeo.formulation.budget import cost_program
from costeo.formulation.result import CostResult
from costeo.io.program_yaml import load, loads, resolve_path
from costeo.model.program import Program


@dataclass
class Loaded:
    file: str
    program: Program | None
    result: CostResult | None
    diagnostics: Diagnostics


def load_program(path: str | Path) -> Loaded:
    """Load and cost a program file or folder; never raises for bad input."""
    file = resolve_path(Path(path))
    diagnostics = Diagnostics()
    program, _ = load(Path(path), diagnostics)
    result = cost_program(program, diagnostics, str(file)) if program is not None else None
    return _loaded(str(file), program, result, diagnostics)


def load_text(text: str, file: str = "<text>") -> Loaded:
    diagnostics = Diagnostics()
    program, _ = loads(text, file, diagnostics)
    result = cost_program(program, diagnostics, file) if program is not None else None
    return _loaded(file, program, result, diagnostics)


def _loaded(file: str, program: Program | None, result: CostResult | None,
            diagnostics: Diagnostics) -> Loaded:
    """One sorted list of diagnostics, shared by the result and the caller."""
    ordered = diagnostics.sorted()
    if result is not None:
        result.diagnostics = ordered
    return Loaded(file, program, result, ordered)
