"""Diagnostics are data: every problem found while loading, costing or reviewing.

A diagnostic has a stable code, a severity, a location and the arguments of its message;
the text is rendered in the user's language from the catalogue in :mod:`costeo.messages`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from costeo.messages import CATALOGUE, render


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_LABEL = {
    "es": {"error": "error", "warning": "aviso", "info": "nota"},
    "en": {"error": "error", "warning": "warning", "info": "note"},
}


@dataclass(frozen=True, order=True)
class Location:
    """Where a value came from: a file with line and column (1-based), or a sheet cell."""

    file: str
    line: int = 0
    col: int = 0
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            where = f"{self.file}!{self.sheet}"
            return f"{where}!{self.cell}" if self.cell else where
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.file}
        if self.line:
            data.update(line=self.line, col=self.col)
        if self.sheet is not None:
            data.update(sheet=self.sheet, cell=self.cell)
        return data


@dataclass(frozen=True)
class Diagnostic:
    code: str
    location: Location | None
    args: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return Severity(CATALOGUE[self.code].severity)

    def message(self, lang: str = "es") -> str:
        return render(self.code, "message", lang, self.args)

    def hint(self, lang: str = "es") -> str:
        return render(self.code, "hint", lang, self.args)

    def format(self, lang: str = "es") -> str:
        where = str(self.location) if self.location else "-"
        label = SEVERITY_LABEL[lang][self.severity.value]
        text = f"{where} [{self.code}] {label}: {self.message(lang)}"
        hint = self.hint(lang)
        if hint:
            text += "\n    " + ("sugerencia" if lang == "es" else "hint") + ": " + hint
        return text

    def to_dict(self, lang: str = "es") -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "location": self.location.to_dict() if self.location else None,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


class Diagnostics(list[Diagnostic]):
    """An ordered collection of diagnostics with helpers for the front ends."""

    def add(self, code: str, location: Location | None, /, **args: Any) -> None:
        if code not in CATALOGUE:
            raise KeyError(f"unknown diagnostic code {code!r}")
        self.append(Diagnostic(code, location, args))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self)

    def sorted(self) -> Diagnostics:
        def key(d: Diagnostic) -> tuple[str, int, int, str]:
            loc = d.location
            return (loc.file if loc else "", loc.line if loc else 0, loc.col if loc else 0, d.code)

        return Diagnostics(sorted(self, key=key))

    def to_json(self, lang: str = "es") -> str:
        return json.dumps([d.to_dict(lang) for d in self], ensure_ascii=False, indent=2)


def exit_code(diagnostics: Iterable[Diagnostic]) -> int:
    """0: clean (notes allowed); 1: errors; 3: warnings only. (2 is the CLI usage error.)"""
    severities = {d.severity for d in diagnostics}
    if Severity.ERROR in severities:
        return 1
    if Severity.WARNING in severities:
        return 3
    return 0
