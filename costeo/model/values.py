"""Leaf value types of the model: exact quantities with their source, parameter references.

A :class:`Qty` is a *given* number: a Decimal read from its text, with the location it was
written at. A :class:`Ref` names a dated parameter (``$salario_enfermera``) to be resolved for
the fiscal year. Fields typed :data:`Value` accept either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from costeo.diagnostics import Location
from costeo.money import to_decimal


@dataclass(frozen=True)
class Qty:
    value: Decimal
    loc: Location | None = None


@dataclass(frozen=True)
class Ref:
    name: str
    loc: Location | None = None


def _loc(raw: Any) -> Location | None:
    return getattr(raw, "loc", None)


def _number(raw: Any) -> Qty:
    if isinstance(raw, Qty):
        return raw
    if isinstance(raw, bool) or raw is None or isinstance(raw, (dict, list)):
        raise PydanticCustomError("not_a_number", "not a number", {"value": str(raw)})
    if isinstance(raw, float):
        # Only reachable from Python callers: go through repr so 2.55 stays 2.55.
        raw = repr(raw)
    try:
        qty = Qty(to_decimal(raw), _loc(raw))
    except ValueError:
        raise PydanticCustomError("not_a_number", "not a number", {"value": str(raw)}) from None
    return _in_range(qty)


# Largest magnitude accepted: a quadrillion covers any national budget, and keeps every
# product of a target and a price within the 34 significant digits of the arithmetic.
LIMIT = Decimal("1e15")


def _in_range(qty: Qty) -> Qty:
    if abs(qty.value) >= LIMIT:
        raise PydanticCustomError("out_of_range", "out of range", {"value": str(qty.value)})
    return qty


def _non_negative(raw: Any) -> Qty:
    qty = _number(raw)
    if qty.value < 0:
        raise PydanticCustomError("negative_value", "negative", {"value": str(qty.value)})
    return qty


def _value(raw: Any) -> Qty | Ref:
    if isinstance(raw, (Qty, Ref)):
        return raw
    if isinstance(raw, str) and raw.strip().startswith("$"):
        return Ref(raw.strip()[1:], _loc(raw))
    return _non_negative(raw)


def _integer(raw: Any) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    text = str(raw).strip() if raw is not None else ""
    if not re.fullmatch(r"[+-]?\d+", text):
        raise PydanticCustomError("not_an_integer", "not an integer", {"value": str(raw)})
    return int(text)


FISCAL_YEARS = range(1990, 2101)


def _fiscal_year(raw: Any) -> int:
    year = _integer(raw)
    if year not in FISCAL_YEARS:
        raise PydanticCustomError("invalid_year", "invalid year", {"value": str(year)})
    return year


def _text(raw: Any) -> str:
    if raw is None or isinstance(raw, (dict, list)):
        raise PydanticCustomError("expected_text", "expected text", {})
    return str(raw)


def _date(raw: Any) -> date:
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        raise PydanticCustomError("invalid_date", "invalid date", {"value": str(raw)}) from None


CLASSIFIER_RE = re.compile(r"^[1-2](\.\d{1,2}){1,5}$")


def _classifier(raw: Any) -> str:
    text = _text(raw).strip()
    if not CLASSIFIER_RE.match(text):
        raise PydanticCustomError("invalid_classifier", "invalid classifier", {"value": text})
    return text


def _serialize_qty(v: Qty | Ref) -> str:
    return f"${v.name}" if isinstance(v, Ref) else str(v.value)


_NUMBER_SCHEMA = {"type": "number"}
_REF_SCHEMA = {"type": "string", "pattern": r"^\$[A-Za-z_][A-Za-z0-9_]*$"}

Number = Annotated[
    Qty, BeforeValidator(_non_negative), WithJsonSchema(_NUMBER_SCHEMA),
    PlainSerializer(_serialize_qty),
]
SignedNumber = Annotated[
    Qty, BeforeValidator(_number), WithJsonSchema(_NUMBER_SCHEMA), PlainSerializer(_serialize_qty)
]
Value = Annotated[
    Qty | Ref,
    BeforeValidator(_value),
    WithJsonSchema({"oneOf": [{"type": "number", "minimum": 0}, _REF_SCHEMA]}),
    PlainSerializer(_serialize_qty),
]
Integer = Annotated[int, BeforeValidator(_integer), WithJsonSchema({"type": "integer"})]
FiscalYear = Annotated[
    int, BeforeValidator(_fiscal_year),
    WithJsonSchema({"type": "integer", "minimum": FISCAL_YEARS.start,
                    "maximum": FISCAL_YEARS.stop - 1}),
]
Text = Annotated[str, BeforeValidator(_text), WithJsonSchema({"type": "string"})]
Day = Annotated[
    date, BeforeValidator(_date), WithJsonSchema({"type": "string", "format": "date"})
]
Classifier = Annotated[
    str,
    BeforeValidator(_classifier),
    WithJsonSchema({"type": "string", "pattern": CLASSIFIER_RE.pattern}),
]
