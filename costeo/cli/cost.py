"""`costeo cost FILE`: the formulation table, the budget by classifier and the diagnostics."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from costeo.cli.common import (
    INPUT_ERRORS,
    JsonOption,
    Lang,
    LangOption,
    err,
    out,
    print_diagnostics,
    print_json,
)
from costeo.cli.render import budget_table, classifier_table
from costeo.io.result_json import result_to_dict
from costeo.loader import load_program


def cost(
    file: Annotated[Path, typer.Argument(help="Archivo .yaml o carpeta del programa.")],
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Costea un programa: tabla de formulación y presupuesto por clasificador."""
    loaded = load_program(file)
    if loaded.result is None:
        if json:
            print_json({"file": loaded.file, "diagnostics":
                        [d.to_dict(lang.value) for d in loaded.diagnostics]})
        else:
            print_diagnostics(loaded.diagnostics, lang.value, err)
        raise typer.Exit(INPUT_ERRORS)
    if json:
        print_json(result_to_dict(loaded.result, lang.value))
        return
    out.print(budget_table(loaded.result, lang.value))
    out.print(classifier_table(loaded.result, lang.value))
    print_diagnostics(loaded.diagnostics, lang.value)
