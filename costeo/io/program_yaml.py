"""Load a program model from YAML: parse with locations, validate into typed objects.

Structural problems (missing fields, wrong types, unknown keys...) are all collected from
pydantic's validation errors and turned into located diagnostics with stable codes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from costeo.diagnostics import Diagnostics, Location
from costeo.io.schema_keys import keys_at
from costeo.io.yaml_source import LDict, locate, parse_file, parse_text
from costeo.messages import Localized, did_you_mean
from costeo.model.inputs import INPUT_KINDS
from costeo.model.methods import METHODS
from costeo.model.program import Program

PROGRAM_FILE = "program.yaml"


def _field_name(loc: tuple[Any, ...]) -> str:
    names = [str(p) for p in loc if isinstance(p, str) and p not in _TAGS]
    return names[-1] if names else "program"


_TAGS = set(METHODS) | set(INPUT_KINDS) | {"register", "value", "function-after"}


def _data_path(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop the union tags pydantic inserts in error paths, keep keys and indices."""
    path: list[Any] = []
    for part in loc:
        if isinstance(part, str) and (part in _TAGS or part.startswith("function-")):
            continue
        if isinstance(part, str) and part.startswith("list[") or part in ("dict[str,str]",):
            continue
        path.append(part)
    return tuple(path)


def _translate(error: Any, root: Any, diagnostics: Diagnostics) -> None:
    kind = error["type"]
    loc_path = _data_path(tuple(error["loc"]))
    field = _field_name(loc_path)
    ctx = error.get("ctx") or {}
    raw = error.get("input")
    location = locate(root, loc_path) or getattr(root, "loc", None)
    value = str(ctx.get("value", raw if not isinstance(raw, (dict, list)) else ""))
    if kind == "missing":
        parent = locate(root, loc_path[:-1])
        diagnostics.add("missing-field", parent, field=field)
    elif kind == "extra_forbidden":
        parent_path = loc_path[:-1]
        allowed = _known_keys(root, parent_path, field)
        diagnostics.add("unknown-field", location, field=field, suggestion=allowed)
    elif kind == "not_a_number" or kind in ("decimal_parsing", "decimal_type"):
        diagnostics.add("not-a-number", location, field=field, value=value)
    elif kind in ("not_an_integer", "int_parsing", "int_type", "int_from_float"):
        diagnostics.add("not-an-integer", location, field=field, value=value)
    elif kind == "negative_value":
        diagnostics.add("negative-value", location, field=field, value=value)
    elif kind == "invalid_date":
        diagnostics.add("invalid-date", location, value=value)
    elif kind == "invalid_classifier":
        diagnostics.add("invalid-classifier", location, value=value)
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        diagnostics.add("expected-mapping", location, field=field)
    elif kind in ("list_type",):
        diagnostics.add("expected-list", location, field=field)
    elif kind in ("expected_text", "string_type"):
        diagnostics.add("expected-text", location, field=field)
    elif kind == "literal_error":
        diagnostics.add(
            "invalid-choice", location, field=field, value=value,
            choices=str(ctx.get("expected", "")),
        )
    elif kind == "union_tag_invalid":
        tag = str(ctx.get("tag", value))
        if "method" in str(ctx.get("discriminator", "")) or field == "cost":
            diagnostics.add("unknown-method", locate(root, (*loc_path, "method")) or location,
                            value=tag, choices=", ".join(METHODS))
        else:
            diagnostics.add("unknown-input-kind", locate(root, (*loc_path, "kind")) or location,
                            value=tag, choices=", ".join(INPUT_KINDS))
    elif kind == "union_tag_not_found":
        diagnostics.add("missing-field", location, field="method")
    else:  # pragma: no cover - a pydantic error type we have not mapped yet
        diagnostics.add("expected-text", location, field=f"{field} ({kind})")


def _known_keys(root: Any, parent_path: tuple[Any, ...], field: str) -> Localized:
    return did_you_mean(field, keys_at(root, parent_path))


def validate_document(root: Any, file: str, diagnostics: Diagnostics) -> Program | None:
    if root is None:
        return None
    if not isinstance(root, LDict):
        diagnostics.add("expected-mapping", getattr(root, "loc", Location(file, 1, 1)),
                        field="program")
        return None
    try:
        return Program.model_validate(root)
    except ValidationError as exc:
        for error in exc.errors():
            _translate(error, root, diagnostics)
        return None


def resolve_path(path: Path) -> Path:
    return path / PROGRAM_FILE if path.is_dir() else path


def load(path: Path, diagnostics: Diagnostics) -> tuple[Program | None, Any]:
    """Read and validate a program file (or folder with program.yaml)."""
    file = resolve_path(path)
    root = parse_file(file, diagnostics, display=str(file))
    if diagnostics.has_errors:
        return None, root
    return validate_document(root, str(file), diagnostics), root


def loads(text: str, file: str, diagnostics: Diagnostics) -> tuple[Program | None, Any]:
    root = parse_text(text, file, diagnostics)
    if diagnostics.has_errors:
        return None, root
    return validate_document(root, file, diagnostics), root
