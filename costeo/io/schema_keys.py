"""Which keys a block of the program file may hold: for 'did you mean' hints."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from costeo.model.program import Program


def _unwrap(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _members(tp: Any) -> list[Any]:
    """The members of a (possibly nested, optional, annotated) union."""
    tp = _unwrap(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [m for arg in typing.get_args(tp) for m in _members(arg)]
    return [tp]


def _pick(tp: Any, data: Any) -> Any:
    tp = _unwrap(tp)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        models = _members(tp)
        models = [m for m in models if isinstance(m, type) and issubclass(m, BaseModel)]
        for model in models:
            for tag_field in ("kind", "method"):
                field = model.model_fields.get(tag_field)
                if field is None or not isinstance(data, dict):
                    continue
                allowed = typing.get_args(field.annotation)
                if str(data.get(tag_field, field.default)) in allowed:
                    return model
        if len(models) >= 1:
            return models[0]
    return tp


def _aliases(model: type[BaseModel]) -> dict[str, str]:
    return {(f.alias or name): name for name, f in model.model_fields.items()}


def keys_at(root: Any, path: tuple[Any, ...]) -> list[str]:
    tp: Any = Program
    data = root
    for step in path:
        tp = _pick(tp, data)
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            names = _aliases(tp)
            if step not in names:
                return []
            tp = tp.model_fields[names[step]].annotation
        elif origin in (list, dict):
            tp = typing.get_args(tp)[-1]
        else:
            return []
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            data = None
    tp = _pick(tp, data)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return sorted(_aliases(tp))
    return []
