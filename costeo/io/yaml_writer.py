"""Write a program model as a readable YAML program file, in the style of ``examples/``.

Only the fields a program sets are written (defaults stay implicit); numbers are written as
their exact text (``1.70`` keeps its two decimals); codes that would read as numbers are
quoted (``"0115"``); rows of tables, short mappings and inputs go in flow style, wrapped
between items; long texts are folded over lines. Loading the text gives back the same model:
YAML -> model -> YAML -> model is the identity.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from costeo.model.values import Qty, Ref

WIDTH = 100
FLOW_MAPPING = 100  # a block-less mapping this short goes in flow style
FLOW_ITEM = 240  # a list item of scalars this short goes in flow style (wrapped)

# Preferred key order per model class; other set fields follow in model order.
ORDER: dict[str, tuple[str, ...]] = {
    "Program": ("program", "parameters", "dimensions", "zones", "staff", "cost_centres",
                "registers", "calendars", "products", "common_actions", "published", "frame",
                "ceilings", "scenarios", "review"),
    "ReviewRatio": ("label", "activity", "product", "base", "low", "high", "source"),
    "Activity": ("code", "name", "unit", "target", "frequency", "frequency_unit", "calendar",
                 "years", "projection", "source", "cost", "cells", "published"),
    "CellTable": ("source", "dimensions", "columns", "rows"),
    "Register": ("name", "unit", "period", "source", "columns", "rows"),
    "Published": ("source", "target", "amount", "subtotals", "by_classifier", "decimals"),
    "BottomUp": ("method",), "Declared": ("method",), "TopDown": ("method",),
    "Observed": ("method", "average", "classifier", "source", "records"),
}
_INPUT_FIRST = ("id", "kind", "name")
_INPUT_LAST = ("classifier", "zone_prices", "source")


# --- Scalars -------------------------------------------------------------------------------

_RESOLVER = VersionedResolver()
_STR_TAG = "tag:yaml.org,2002:str"
_NUMBER_LIKE = re.compile(r"^[\d.,:+-]+$")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


@dataclass(frozen=True)
class Scalar:
    text: str
    plain: bool = False  # written as is: a number, a date, a $reference


def _plain_text_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or any(c in text for c in "\n\t\r"):
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    if _NUMBER_LIKE.match(text):
        return False  # codes such as 0115 or 2.3.1.1.1.1 read best quoted
    return _RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR_TAG


def token(scalar: Scalar, flow: bool) -> str:
    if scalar.plain:
        return scalar.text
    if _plain_text_ok(scalar.text, flow):
        return scalar.text
    return json.dumps(scalar.text, ensure_ascii=False)


def _number(value: Decimal) -> Scalar:
    exponent = value.as_tuple().exponent
    text = format(value, "f") if isinstance(exponent, int) and exponent < 0 else str(value)
    return Scalar(text, plain=True)


def _scalar(value: Any) -> Scalar:
    tag = getattr(value, "tag", None)
    if isinstance(value, str) and tag in ("int", "float"):
        return Scalar(str(value), plain=True)
    if value is None:
        return Scalar("null", plain=True)
    if isinstance(value, bool):
        return Scalar("true" if value else "false", plain=True)
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, int):
        return Scalar(str(value), plain=True)
    if isinstance(value, float):
        return Scalar(repr(value), plain=True)
    if isinstance(value, date):
        return Scalar(value.isoformat(), plain=True)
    if isinstance(value, Qty):
        return _number(value.value)
    if isinstance(value, Ref):
        return Scalar(f"${value.name}", plain=True)
    return Scalar(str(value))


# --- Structure -----------------------------------------------------------------------------

@dataclass
class Map:
    items: list[tuple[str, Any]]
    flow: bool = False


@dataclass
class Seq:
    items: list[Any]
    flow: bool = False


def _keys(node: BaseModel) -> list[tuple[str, str]]:
    """(field name, key as written) of the set fields, in the preferred order."""
    fields = type(node).model_fields
    cls = type(node).__name__
    names = [n for n in fields if n in node.model_fields_set]
    if "kind" in fields and "id" in fields:  # an input
        first = [n for n in _INPUT_FIRST if n in names]
        last = [n for n in _INPUT_LAST if n in names]
        names = first + [n for n in names if n not in first and n not in last] + last
        if getattr(node, "kind", None) == "item" and "kind" in names:
            names.remove("kind")
    elif cls in ORDER:
        preferred = [n for n in ORDER[cls] if n in names]
        names = preferred + [n for n in names if n not in preferred]
    return [(n, fields[n].alias or n) for n in names]


def _flat(node: Any) -> bool:
    if isinstance(node, Map):
        return all(isinstance(v, Scalar) or (v.flow and _flat(v)) for _, v in node.items)
    if isinstance(node, Seq):
        return all(isinstance(v, Scalar) or (v.flow and _flat(v)) for v in node.items)
    return True


def _size(node: Any) -> int:
    if isinstance(node, Map):
        return sum(len(k) + _size(v) + 4 for k, v in node.items) + 2
    if isinstance(node, Seq):
        return sum(_size(v) + 2 for v in node.items) + 2
    return len(node.text) + 2


def _styled(node: Map, limit: int) -> Map:
    node.flow = not node.items or (_flat(node) and _size(node) <= limit)
    return node


def build(value: Any, item: bool = False, named: bool = False) -> Any:
    """A model value as mappings, sequences and scalars, each with its style."""
    if isinstance(value, BaseModel):
        items = [(key, build(getattr(value, name))) for name, key in _keys(value)]
        if named:
            return Map(items)
        return _styled(Map(items), FLOW_ITEM if item else FLOW_MAPPING)
    if isinstance(value, dict):
        mapping = Map([(str(k), build(v, named=True)) for k, v in value.items()])
        if any(isinstance(v, BaseModel) for v in value.values()):
            return mapping  # named blocks (parameters, staff...) stay blocks
        return _styled(mapping, FLOW_MAPPING)
    if isinstance(value, list):
        seq = Seq([build(v, item=True) for v in value])
        seq.flow = all(isinstance(v, Scalar) for v in seq.items)
        return seq
    return _scalar(value)


# --- Emission ------------------------------------------------------------------------------

def flow_text(node: Any) -> str:
    if isinstance(node, Map):
        return "{" + ", ".join(f"{token(Scalar(k), True)}: {flow_text(v)}"
                               for k, v in node.items) + "}"
    if isinstance(node, Seq):
        return "[" + ", ".join(flow_text(v) for v in node.items) + "]"
    return token(node, True)


def flow_lines(node: Any, column: int) -> list[str]:
    """A flow node starting at ``column``, wrapped between items, continuing under its bracket."""
    text = flow_text(node)
    if column + len(text) <= WIDTH or not isinstance(node, (Map, Seq)) or not node.items:
        return [text]
    if isinstance(node, Map):
        parts = [f"{token(Scalar(k), True)}: {flow_text(v)}" for k, v in node.items]
        opening, closing = "{", "}"
    else:
        parts = [flow_text(v) for v in node.items]
        opening, closing = "[", "]"
    lines: list[str] = []
    current = opening
    indent = " " * (column + 1)
    for index, part in enumerate(parts):
        piece = part + (closing if index == len(parts) - 1 else ",")
        start = column if not lines else 0  # continuation lines hold their indent
        if current not in (opening, indent) and start + len(current) + 1 + len(piece) > WIDTH:
            lines.append(current)
            current = indent + piece
        elif current in (opening, indent):
            current += piece
        else:
            current += " " + piece
    lines.append(current)
    return lines


def _folded(prefix: str, scalar: Scalar, indent: int) -> list[str]:
    """``prefix`` + a text folded over lines at single spaces (a line break reads as a space,
    plain or double-quoted alike)."""
    text = token(scalar, False)
    if len(prefix) + len(text) <= WIDTH or scalar.plain or "  " in text:
        return [prefix + text]
    words = text.split(" ")
    lines: list[str] = []
    current = prefix + words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) > WIDTH and word[0] not in _INDICATORS:
            lines.append(current)
            current = " " * indent + word
        else:
            current += " " + word
    lines.append(current)
    return lines


def block_lines(node: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(node, Map):
        for key, value in node.items:
            head = f"{pad}{token(Scalar(key), False)}:"
            if isinstance(value, Scalar):
                lines += _folded(head + " ", value, indent + 2)
            elif value.flow:
                wrapped = flow_lines(value, len(head) + 1)
                lines.append(head + " " + wrapped[0])
                lines += wrapped[1:]
            else:
                lines.append(head)
                lines += block_lines(value, indent + 2)
    else:
        for value in node.items:
            if isinstance(value, Scalar):
                lines += _folded(f"{pad}- ", value, indent + 2)
            elif value.flow:
                wrapped = flow_lines(value, indent + 2)
                lines.append(f"{pad}- {wrapped[0]}")
                lines += wrapped[1:]
            else:
                inner = block_lines(value, indent + 2)
                lines.append(f"{pad}- {inner[0][indent + 2:]}")
                lines += inner[1:]
    return lines


def dump_program(program: BaseModel, header: str | None = None) -> str:
    """The program as YAML text; ``header`` (if any) becomes a comment at the top."""
    document = build(program)
    document.flow = False
    out: list[str] = []
    if header:
        out += [f"# {line}".rstrip() for line in header.splitlines()]
    for index, line in enumerate(block_lines(document, 0)):
        if index and not line.startswith(" "):
            out.append("")  # a blank line between top-level sections
        out.append(line)
    return "\n".join(out) + "\n"
