"""The program's YAML document as data the web app edits: paths, grids, in-place edits.

A *path* names one scalar of the document with its keys and list indices joined by ``/``:
``products/0/activities/1/cost/inputs/2/price``. :func:`set_values` rewrites those scalars
in the text itself, so comments, order and layout of everything else stay exactly as they
were (a round trip through a YAML library would reflow them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from costeo.io.yaml_writer import Scalar, token
from costeo.money import to_decimal
from costeo.store.errors import NotFound

GRID_KINDS = ("inputs", "prices", "targets")
# Fields of an input that are texts or names, not figures a grid edits.
_INPUT_TEXT = {"id", "kind", "name", "unit", "classifier", "staff", "centre", "category",
               "source", "note"}


def compose(text: str) -> Node | None:
    try:
        return YAML(typ="rt").compose(text)
    except YAMLError:
        return None


def _child(node: Node | None, part: str) -> Node | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == part:
                return value
        return None
    if isinstance(node, SequenceNode) and part.isdigit():
        index = int(part)
        return node.value[index] if index < len(node.value) else None
    return None


def node_at(root: Node | None, path: str) -> Node | None:
    node = root
    for part in path.split("/"):
        node = _child(node, part)
        if node is None:
            return None
    return node


def scalar_at(root: Node | None, path: str) -> str | None:
    node = node_at(root, path)
    return node.value if isinstance(node, ScalarNode) else None


def render_value(value: str | int | Decimal | None) -> str:
    """The YAML token for a new value: numbers and $references as they are, text quoted
    when needed (so a text such as 'abc' still reaches the loader, which reports it)."""
    if value is None:
        return "null"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = str(value).strip()
    try:
        to_decimal(text)
        return text
    except ValueError:
        pass
    if text.startswith("$") and text[1:].replace("_", "").isalnum():
        return text
    return token(Scalar(text), flow=True)


@dataclass(frozen=True)
class Replacement:
    path: str
    before: str
    after: str


def set_values(text: str, changes: list[tuple[str, Any]]) -> tuple[str, list[Replacement]]:
    """The text with each ``(path, value)`` scalar replaced; raises NotFound for a path
    that does not name a scalar of the document."""
    root = compose(text)
    spans: list[tuple[int, int, str]] = []
    done: list[Replacement] = []
    for path, value in changes:
        node = node_at(root, path)
        if not isinstance(node, ScalarNode) or node.start_mark.index == node.end_mark.index:
            raise NotFound("path", path)
        new = render_value(value)
        spans.append((node.start_mark.index, node.end_mark.index, new))
        done.append(Replacement(path, node.value, _plain(new)))
    spans.sort()
    for (_, end, _), (start, _, _) in zip(spans, spans[1:], strict=False):
        if start < end:
            raise NotFound("path", "overlapping changes")
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text, done


def _plain(token_text: str) -> str:
    node = compose(f"x: {token_text}\n")
    found = _child(node, "x")
    return found.value if isinstance(found, ScalarNode) else token_text


def flatten(root: Node | None, prefix: str = "") -> Iterator[tuple[str, str]]:
    """Every scalar of the document as (path, text), in document order."""
    if isinstance(root, MappingNode):
        for key, value in root.value:
            yield from flatten(value, f"{prefix}{key.value}/")
    elif isinstance(root, SequenceNode):
        for index, value in enumerate(root.value):
            yield from flatten(value, f"{prefix}{index}/")
    elif isinstance(root, ScalarNode):
        yield prefix.rstrip("/"), root.value


# --- Grids -------------------------------------------------------------------------------

def _items(node: Node | None) -> list[tuple[str, Node]]:
    if isinstance(node, MappingNode):
        return [(k.value, v) for k, v in node.value]
    if isinstance(node, SequenceNode):
        return [(str(i), v) for i, v in enumerate(node.value)]
    return []


def _text(node: Node | None, key: str) -> str:
    found = _child(node, key)
    return found.value if isinstance(found, ScalarNode) else ""


def _activities(root: Node | None) -> Iterator[tuple[str, str, str, Node]]:
    """(path, product code, product path, activity node) for every activity."""
    for p, product in _items(_child(root, "products")):
        for a, activity in _items(_child(product, "activities")):
            yield f"products/{p}/activities/{a}", _text(product, "code"), f"products/{p}", \
                activity
    for a, activity in _items(_child(root, "common_actions")):
        yield f"common_actions/{a}", "common", "", activity


def _is_figure(node: Node | None) -> bool:
    return isinstance(node, ScalarNode) and _numeric_or_ref(node.value)


def _numeric_or_ref(text: str) -> bool:
    if text.startswith("$"):
        return True
    try:
        to_decimal(text)
        return True
    except ValueError:
        return False


def _cell_rows(activity: Node, column_prefix: str) -> Iterator[tuple[str, str, str, Node]]:
    """(row path, cell label, column name, value node) of the activity's cell table."""
    cells = _child(activity, "cells")
    dims = [n.value for n in getattr(_child(cells, "dimensions"), "value", [])]
    columns = [n.value for n in getattr(_child(cells, "columns"), "value", [])]
    for r, row in _items(_child(cells, "rows")):
        values = [v for _, v in _items(row)]
        label = ",".join(v.value for v in values[:len(dims)] if isinstance(v, ScalarNode))
        for c, column in enumerate(columns):
            index = len(dims) + c
            if column.startswith(column_prefix) and index < len(values):
                yield f"cells/rows/{r}/{index}", label, column, values[index]


def grid(text: str, kind: str) -> list[dict[str, Any]]:
    """Rows for the editable grid ``kind`` (inputs, prices or targets).

    Every editable value ``v`` of a row comes with ``paths[v]``, the path :func:`set_values`
    (and :func:`costeo.store.editing.edit`) accepts.
    """
    if kind not in GRID_KINDS:
        raise NotFound("grid", kind)
    root = compose(text)
    return {"inputs": _input_rows, "prices": _price_rows, "targets": _target_rows}[kind](root)


def _input_rows(root: Node | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path, product, _, activity in _activities(root):
        for i, item in _items(_child(_child(activity, "cost"), "inputs")):
            row: dict[str, Any] = {
                "product": product, "activity": _text(activity, "code"),
                "activity_name": _text(activity, "name"), "input": _text(item, "id"),
                "name": _text(item, "name"), "kind": _text(item, "kind") or "item",
                "unit": _text(item, "unit"), "classifier": _text(item, "classifier"),
                "paths": {}}
            for key, value in _items(item):
                if key not in _INPUT_TEXT and _is_figure(value):
                    assert isinstance(value, ScalarNode)
                    row[key] = value.value
                    row["paths"][key] = f"{path}/cost/inputs/{i}/{key}"
            rows.append(row)
    return rows


def _price_rows(root: Node | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for name, parameter in _items(_child(root, "parameters")):
        for i, dated in _items(_child(parameter, "values")):
            value = _child(dated, "value")
            if _is_figure(value):
                assert isinstance(value, ScalarNode)
                rows.append({"source": "parameter", "key": name,
                             "name": _text(parameter, "name") or name,
                             "unit": _text(parameter, "unit"), "from": _text(dated, "from"),
                             "value": value.value,
                             "paths": {"value": f"parameters/{name}/values/{i}/value"}})
    for name, staff in _items(_child(root, "staff")):
        value = _child(staff, "monthly_pay")
        if _is_figure(value):
            assert isinstance(value, ScalarNode)
            rows.append({"source": "staff", "key": name, "name": _text(staff, "name") or name,
                         "unit": "monthly_pay", "from": "", "value": value.value,
                         "paths": {"value": f"staff/{name}/monthly_pay"}})
    for path, product, _, activity in _activities(root):
        for row_path, label, column, value in _cell_rows(activity, "price."):
            if _is_figure(value):
                assert isinstance(value, ScalarNode)
                rows.append({"source": "cell", "key": column.removeprefix("price."),
                             "name": f"{_text(activity, 'code')} [{label}]",
                             "product": product, "activity": _text(activity, "code"),
                             "cell": label, "unit": "", "from": "", "value": value.value,
                             "paths": {"value": f"{path}/{row_path}"}})
    return rows


def _target_rows(root: Node | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for p, product in _items(_child(root, "products")):
        value = _child(product, "target")
        if _is_figure(value):
            assert isinstance(value, ScalarNode)
            rows.append({"level": "product", "product": _text(product, "code"),
                         "activity": "", "cell": "", "name": _text(product, "name"),
                         "unit": _text(product, "unit"), "field": "target",
                         "value": value.value, "paths": {"value": f"products/{p}/target"}})
    for path, code, _, activity in _activities(root):
        for field in ("target", "frequency"):
            value = _child(activity, field)
            if _is_figure(value):
                assert isinstance(value, ScalarNode)
                rows.append({"level": "activity", "product": code,
                             "activity": _text(activity, "code"), "cell": "",
                             "name": _text(activity, "name"), "unit": _text(activity, "unit"),
                             "field": field, "value": value.value,
                             "paths": {"value": f"{path}/{field}"}})
        for row_path, label, column, value in _cell_rows(activity, "target"):
            if column == "target" and _is_figure(value):
                assert isinstance(value, ScalarNode)
                rows.append({"level": "cell", "product": code,
                             "activity": _text(activity, "code"), "cell": label,
                             "name": _text(activity, "name"), "unit": _text(activity, "unit"),
                             "field": "target", "value": value.value,
                             "paths": {"value": f"{path}/{row_path}"}})
    return rows
