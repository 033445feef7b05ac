"""`costeo import xlsx FILE.xlsx -o PROGRAM.yaml`: a workbook back to a program file.

The workbook is read, validated and costed; every problem is printed at its cell
(``libro.xlsx!Insumos!I12 [not-a-number] ...``). With errors nothing is written; otherwise
the YAML file is written through a temporary file and renamed, never half-written.
"""

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
from costeo.formulation.budget import cost_program
from costeo.io.atomic import replace_atomically
from costeo.io.xlsx_model import import_program
from costeo.io.yaml_writer import dump_program

import_app = typer.Typer(help="Importa un programa desde otro formato (xlsx).",
                         no_args_is_help=True, rich_markup_mode=None)


@import_app.command("xlsx")
def import_xlsx(
    file: Annotated[Path, typer.Argument(help="Libro .xlsx del programa.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Archivo .yaml a escribir (por defecto, el nombre del libro).")
    ] = None,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Lee un libro de Excel del programa y escribe el archivo YAML del programa.

    Cada problema se muestra con libro!hoja!celda. Código de salida: 0 escrito (puede haber
    avisos), 1 errores (nada se escribe).
    """
    target = output or file.with_suffix(".yaml")
    stages = (["Reading the workbook…", "Costing…", "Writing YAML…"] if lang is Lang.en else
              ["Leyendo el libro…", "Costeando…", "Escribiendo el YAML…"])
    with Steps(stages, enabled=not json) as steps:
        program, diagnostics = import_program(file, lang.value, display=str(file))
        steps.done(0)
        if program is not None:
            cost_program(program, diagnostics, str(file))
        steps.done(1)
        diagnostics = diagnostics.sorted()
        written = program is not None and not diagnostics.has_errors
        if written:
            assert program is not None
            header = (f"Imported from {file.name} by costeo" if lang is Lang.en
                      else f"Importado de {file.name} por costeo")
            text = dump_program(program, header)
            replace_atomically(target, lambda path: path.write_text(text, encoding="utf-8"))
        steps.done(2)
    if json:
        print_json({"file": str(file), "output": str(target) if written else None,
                    "diagnostics": [d.to_dict(lang.value) for d in diagnostics]})
    else:
        print_diagnostics(diagnostics, lang.value, out if written else err)
        if written:
            done = "written" if lang is Lang.en else "escrito"
            out.print(f"{target}: {done}", style="green", markup=False)
    if not written:
        raise typer.Exit(INPUT_ERRORS)
