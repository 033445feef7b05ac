"""`costeo explain FILE FIGURE`: how a figure was derived, down to given values and sources."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Annotated

import typer

from costeo.cli.common import (
    NOT_FOUND,
    JsonOption,
    Lang,
    LangOption,
    err,
    load_or_exit,
    out,
    print_json,
)
from costeo.cli.render import lineage_tree
from costeo.i18n import locale_for


def explain(
    file: Annotated[Path, typer.Argument(help="Archivo .yaml o carpeta del programa.")],
    figure: Annotated[str | None, typer.Argument(
        help="Cifra a explicar: total, código de producto o actividad, "
             "ACTIVIDAD/unit_cost, ACTIVIDAD/INSUMO, ACTIVIDAD[celda], classifier:CÓDIGO. "
             "Sin ella se listan las cifras disponibles.")] = None,
    depth: Annotated[int | None, typer.Option(help="Profundidad máxima del árbol.")] = None,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Explica cómo se obtuvo una cifra, hasta los datos dados y su archivo:línea."""
    loaded, result = load_or_exit(file, lang.value)
    if figure is None:
        ids = list(result.figures)
        if json:
            print_json(ids)
        else:
            for fid in ids:
                out.print(f"{fid}\t{result.figures[fid].label(lang.value)}", markup=False)
        return
    found = result.find(figure)
    if found is None:
        close = difflib.get_close_matches(figure, list(result.figures), n=3, cutoff=0.5)
        if lang is Lang.es:
            msg = f"no existe la cifra '{figure}'"
            hint = ("¿quiso decir: " + ", ".join(close) + "?") if close else \
                f"liste las cifras con: costeo explain {file}"
        else:
            msg = f"there is no figure '{figure}'"
            hint = ("did you mean: " + ", ".join(close) + "?") if close else \
                f"list the figures with: costeo explain {file}"
        err.print(f"{loaded.file}: {msg}\n    {hint}", markup=False)
        raise typer.Exit(NOT_FOUND)
    if json:
        print_json(found.to_dict(lang.value, depth))
        return
    info = result.program.program
    out.print(lineage_tree(found, lang.value, locale_for(lang.value, info.country),
                           info.currency, depth))
