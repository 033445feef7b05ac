"""Load a program model from YAML: parse with locations, validate into typed objects.

Structural problems (missing fields, wrong types, unknown keys...) are all collected from
pydantic's validation errors and turned into located diagnostics with stable codes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from costeo.diagnostics import Diagnostics, Location
from costeo.io.program_folder import read_folder
from costeo.io.schema_keys import keys_at
from costeo.io.yaml_source import LDict, locate, parse_file, parse_text
from costeo.messages import Localized, did_you_mean
from costeo.model.inputs import INPUT_KINDS
from costeo.model.methods import METHODS
from costeo.model.program import Program

PROGRAM_FILE = "program.yaml"


def _field_name(path: tuple[Any, ...]) -> str:
    names = [str(p) for p in path if isinstance(p, str)]
    return names[-1] if names else "program"


_TAGS = set(METHODS) | set(INPUT_KINDS) | {"register", "value", "function-after"}


_BRANCHES = ("list[", "dict[")  # members of a plain union (e.g. a dimension's values)


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict) and isinstance(part, str):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _node(root: Any, path: tuple[Any, ...]) -> Any:
    node = root
    for part in path:
        node = _child(node, part)
    return node


def _is_tag(node: Any, part: str) -> bool:
    """Is ``part`` the union tag pydantic put after ``node``'s path, or one of its keys?

    Tags can be field names too ('value', 'markup', 'register'): a tag comes right after the
    path of the union value and names the member chosen for that value.
    """
    if part.startswith(("function-", *_BRANCHES)):
        return True
    if part not in _TAGS:
        return False
    if not isinstance(node, dict):
        return True  # a scalar or a list holds no keys
    return part in (node.get("kind") or "item", node.get("method"), "register")


def _data_path(loc: tuple[Any, ...], root: Any) -> tuple[Any, ...]:
    """Drop the union tags pydantic inserts in error paths, keep keys and indices."""
    path: list[Any] = []
    node, fresh = root, True
    for part in loc:
        if isinstance(part, str) and part.startswith("function-"):
            continue
        if isinstance(part, str) and fresh and _is_tag(node, part):
            fresh = False  # one tag per value: a later part with the same name is a key
            continue
        path.append(part)
        node, fresh = _child(node, part), True
    return tuple(path)


def _other_branch(error: Any, root: Any) -> bool:
    """An error of a plain union's member that does not match the value's shape."""
    node: Any = root
    for part in error["loc"]:
        if isinstance(part, str) and part.startswith(_BRANCHES):
            if isinstance(node, dict):
                return not part.startswith("dict[")
            return not part.startswith("list[")  # a list, or a scalar: ask for the list form
        if not (isinstance(part, str) and _is_tag(node, part)):
            node = _child(node, part)
    return False


def _translate(error: Any, root: Any, diagnostics: Diagnostics) -> None:
    kind = error["type"]
    loc_path = _data_path(tuple(error["loc"]), root)
    field = _field_name(loc_path)
    ctx = error.get("ctx") or {}
    raw = error.get("input")
    location = locate(root, loc_path) or getattr(root, "loc", None)
    if isinstance(raw, (dict, list)):  # a block where a scalar was expected
        value = "{…}" if isinstance(raw, dict) else "[…]"
    else:
        value = str(ctx.get("value", raw))
    if kind == "missing":
        parent = locate(root, loc_path[:-1])
        diagnostics.add("missing-field", parent, field=field)
    elif kind == "extra_forbidden":
        parent_path = loc_path[:-1]
        allowed = _known_keys(root, parent_path, field)
        parent = _node(root, parent_path)
        if isinstance(parent, LDict) and field in parent.key_locs:
            location = parent.key_locs[field]  # point at the unknown key, not its value
        diagnostics.add("unknown-field", location, field=field, suggestion=allowed)
    elif kind == "not_a_number" or kind in ("decimal_parsing", "decimal_type"):
        diagnostics.add("not-a-number", location, field=field, value=value)
    elif kind in ("not_an_integer", "int_parsing", "int_type", "int_from_float"):
        diagnostics.add("not-an-integer", location, field=field, value=value)
    elif kind == "negative_value":
        diagnostics.add("negative-value", location, field=field, value=value)
    elif kind == "invalid_date":
        diagnostics.add("invalid-date", location, value=value)
    elif kind == "invalid_year":
        diagnostics.add("invalid-year", location, value=value)
    elif kind == "out_of_range":
        diagnostics.add("number-out-of-range", location, field=field, value=value)
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
            choices=str(ctx.get("expected", "")).replace(" or ", ", "),
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
        program = Program.model_validate(root)
    except ValidationError as exc:
        for error in exc.errors():
            if not _other_branch(error, root):
                _translate(error, root, diagnostics)
        return None
    return program


def resolve_path(path: Path) -> Path:
    return path / PROGRAM_FILE if path.is_dir() else path


def load(path: Path, diagnostics: Diagnostics) -> tuple[Program | None, Any]:
    """Read and validate a program file, or a folder (program.yaml + other *.yaml files)."""
    file = resolve_path(path)
    if path.is_dir():
        root = read_folder(path, diagnostics)
    else:
        root = parse_file(file, diagnostics, display=str(file))
    if diagnostics.has_errors:
        return None, root
    return validate_document(root, str(file), diagnostics), root


def loads(text: str, file: str, diagnostics: Diagnostics) -> tuple[Program | None, Any]:
    root = parse_text(text, file, diagnostics)
    if diagnostics.has_errors:
        return None, root
    return validate_document(root, file, diagnostics), root
