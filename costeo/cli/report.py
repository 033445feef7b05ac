"""`costeo report FILE`: write the XLSX workbook and the self-contained HTML report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from costeo.cli.common import (
    JsonOption,
    Lang,
    LangOption,
    load_or_exit,
    out,
    print_json,
)
from costeo.formulation.result import CostResult

OutOption = Annotated[Path, typer.Option("--out", "-o", help="Carpeta de salida.")]


def write_reports(result: CostResult, folder: Path, lang: str) -> list[Path]:
    from costeo.reports.html import write_html
    from costeo.reports.xlsx import write_xlsx

    folder.mkdir(parents=True, exist_ok=True)
    stem = Path(result.file).stem if Path(result.file).name != "program.yaml" \
        else Path(result.file).parent.name
    suffix = "" if lang == "es" else f".{lang}"
    return [write_xlsx(result, folder / f"{stem}{suffix}.xlsx", lang),
            write_html(result, folder / f"{stem}{suffix}.html", lang)]


def report(
    file: Annotated[Path, typer.Argument(help="Archivo .yaml o carpeta del programa.")],
    out_dir: OutOption = Path("out"),
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Escribe el libro XLSX y el informe HTML de un programa."""
    loaded, result = load_or_exit(file, lang.value, json)
    paths = write_reports(result, out_dir, lang.value)
    if json:
        print_json({"file": loaded.file, "written": [str(p) for p in paths]})
    else:
        for path in paths:
            out.print(f"{'escrito' if lang is Lang.es else 'written'}: {path}", markup=False)
