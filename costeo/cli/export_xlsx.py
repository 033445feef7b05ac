"""`costeo export xlsx PROGRAM.yaml -o FILE.xlsx`: the program as a workbook analysts edit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from costeo.cli.common import (
    INPUT_ERRORS,
    JsonOption,
    Lang,
    LangOption,
    Steps,
    err,
    out,
    print_diagnostics,
    print_json,
)
from costeo.diagnostics import Diagnostics
from costeo.io.atomic import replace_atomically
from costeo.io.program_yaml import load, resolve_path
from costeo.io.xlsx_model import UnsupportedField, export_program

export_app = typer.Typer(help="Exporta un programa a otro formato (xlsx).", no_args_is_help=True,
                         rich_markup_mode=None)


@export_app.command("xlsx")
def export_xlsx(
    file: Annotated[Path, typer.Argument(help="Archivo .yaml o carpeta del programa.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Libro a escribir (por defecto, el nombre del programa .xlsx).")
    ] = None,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Escribe el programa como libro de Excel editable: hojas Programa, Parámetros,
    Dimensiones, Personal, Productos, Actividades, Insumos, Celdas..., con listas desplegables.

    Se vuelve a leer con `costeo import xlsx`. Código de salida: 0 escrito, 1 errores (nada
    se escribe).
    """
    diagnostics = Diagnostics()
    program, _ = load(file, diagnostics)
    source = resolve_path(file)
    target = output or source.with_suffix(".xlsx")
    if program is None:
        if json:
            print_json({"file": str(source), "output": None,
                        "diagnostics": [d.to_dict(lang.value) for d in diagnostics.sorted()]})
        else:
            print_diagnostics(diagnostics.sorted(), lang.value, err)
        raise typer.Exit(INPUT_ERRORS)
    stage = "Writing the workbook…" if lang is Lang.en else "Escribiendo el libro…"
    try:
        with Steps([stage], enabled=not json) as steps:
            replace_atomically(target, lambda path: export_program(program, path, lang.value))
            steps.done(0)
    except UnsupportedField as exc:  # the model grew a field the layout has no place for
        err.print(f"{source}: {exc}", style="bold red", markup=False)
        raise typer.Exit(INPUT_ERRORS) from None
    if json:
        print_json({"file": str(source), "output": str(target), "diagnostics": []})
    else:
        done = "written" if lang is Lang.en else "escrito"
        out.print(f"{target}: {done}", style="green", markup=False)


def register_xlsx(app: typer.Typer) -> None:
    """Add `costeo export xlsx` and `costeo import xlsx` to the command."""
    from costeo.cli.import_xlsx import import_app

    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")
