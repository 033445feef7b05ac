"""The published JSON Schema is current and the bundled examples conform to it."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from costeo.io.schema import PUBLISHED, program_schema, schema_text
from tests.conftest import ALL_EXAMPLES


def plain(value: Any) -> Any:
    """YAML as JSON would carry it (dates become ISO strings)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def test_published_schema_is_current() -> None:
    assert PUBLISHED.read_text(encoding="utf-8") == schema_text(), (
        "run: costeo schema -o schema/program.schema.json")


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_examples_conform_to_the_schema(example: Path) -> None:
    document = plain(YAML(typ="safe").load(example.read_text(encoding="utf-8")))
    jsonschema.validate(document, program_schema())


def test_schema_rejects_an_unknown_method() -> None:
    document = plain(YAML(typ="safe").load(ALL_EXAMPLES[0].read_text(encoding="utf-8")))
    document["products"][0]["activities"][0]["cost"]["method"] = "magic"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, program_schema())
