"""`costeo validate FILE...`: load and cost each program, print every located problem."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from costeo.cli.common import JsonOption, Lang, LangOption, out, print_diagnostics, print_json
from costeo.diagnostics import exit_code
from costeo.loader import load_program


def validate(
    files: Annotated[list[Path], typer.Argument(help="Archivos .yaml o carpetas de programa.")],
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Valida programas y muestra cada problema con archivo:línea:columna.

    Código de salida: 0 sin problemas (se permiten notas), 1 errores, 3 solo avisos.
    """
    codes: list[int] = []
    report = []
    for file in files:
        loaded = load_program(file)
        code = exit_code(loaded.diagnostics)
        codes.append(code)
        report.append({"file": loaded.file, "exit_code": code,
                       "diagnostics": [d.to_dict(lang.value) for d in loaded.diagnostics]})
        if not json:
            print_diagnostics(loaded.diagnostics, lang.value)
            if code == 0:
                ok = "válido" if lang is Lang.es else "valid"
                out.print(f"{loaded.file}: {ok}", style="green", markup=False)
    if json:
        print_json(report)
    raise typer.Exit(1 if 1 in codes else 3 if 3 in codes else 0)
