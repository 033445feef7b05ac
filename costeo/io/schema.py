"""The published JSON Schema of the program file format (schema/program.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from costeo.model.program import Program

SCHEMA_ID = "urn:costeo:schema:program:1"
PUBLISHED = Path(__file__).resolve().parents[2] / "schema" / "program.schema.json"


def program_schema() -> dict[str, Any]:
    schema = Program.model_json_schema(by_alias=True, mode="validation")
    schema.update({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "costeo program",
        "description": "A budget program as a results chain (result → products → activities → "
                       "inputs) with its costing methods. See docs/reference/format.md.",
    })
    return schema


def schema_text() -> str:
    return json.dumps(program_schema(), ensure_ascii=False, indent=2) + "\n"
