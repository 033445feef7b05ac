"""`costeo schema`: print the JSON Schema of the program file format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from costeo.model.program import Program


def program_schema() -> dict[str, Any]:
    schema = Program.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "costeo program"
    return schema


def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Escribir en este archivo.")] = None,
) -> None:
    """Muestra el JSON Schema del formato de programa (YAML)."""
    text = json.dumps(program_schema(), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
