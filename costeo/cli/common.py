"""What every command shares: language option, consoles, JSON output, diagnostics printing."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from costeo.diagnostics import Diagnostic, Severity
from costeo.formulation.result import CostResult
from costeo.loader import Loaded, load_program

# Exit codes (documented in docs/reference/cli.md):
OK, INPUT_ERRORS, USAGE, WARNINGS, NOT_FOUND = 0, 1, 2, 3, 4


class Lang(StrEnum):
    es = "es"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", "-l", help="Idioma: es (defecto) o en.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Salida en JSON (para otros programas).")]

# Tables are wide: when output is not a terminal (files, pipes, CI logs) use 160 columns.
_WIDTH = None if sys.stdout.isatty() else 160
out = Console(highlight=False, emoji=False, width=_WIDTH)
err = Console(stderr=True, highlight=False, emoji=False, width=_WIDTH)

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_json(data: Any) -> None:
    def default(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        raise TypeError(f"not JSON serializable: {type(value).__name__}")

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=default) + "\n")


def print_diagnostics(diagnostics: list[Diagnostic], lang: str, console: Console = out) -> None:
    for d in diagnostics:
        text = d.format(lang)
        head, _, rest = text.partition("\n")
        console.print(head, style=STYLE[d.severity], markup=False)
        if rest:
            console.print(rest, style="dim", markup=False)


def load_or_exit(file: Path, lang: str, json: bool = False) -> tuple[Loaded, CostResult]:
    """Load and cost a program; on errors print them (or their JSON) and exit with 1."""
    loaded = load_program(file)
    if loaded.result is None:
        if json:
            print_json({"file": loaded.file,
                        "diagnostics": [d.to_dict(lang) for d in loaded.diagnostics]})
        else:
            print_diagnostics(loaded.diagnostics, lang, err)
        raise typer.Exit(INPUT_ERRORS)
    return loaded, loaded.result


class Steps:
    """A progress bar over the named stages of a long command (on stderr, gone when done)."""

    def __init__(self, stages: list[str], enabled: bool = True) -> None:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                 TimeElapsedColumn(), console=err, transient=True,
                                 disable=not enabled)
        self.stages = stages
        self.task = self.progress.add_task(stages[0] if stages else "", total=len(stages))

    def __enter__(self) -> Steps:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def done(self, stage: int) -> None:
        """Stage ``stage`` finished: advance the bar and show the next stage's name."""
        following = self.stages[stage + 1] if stage + 1 < len(self.stages) else ""
        self.progress.update(self.task, advance=1, description=following)
