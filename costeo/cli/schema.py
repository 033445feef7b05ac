"""`costeo schema`: print the JSON Schema of the program file format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from costeo.io.schema import schema_text


def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Escribir en este archivo.")] = None,
) -> None:
    """Muestra el JSON Schema del formato de programa (YAML)."""
    if output is None:
        typer.echo(schema_text(), nl=False)
    else:
        output.write_text(schema_text(), encoding="utf-8")
