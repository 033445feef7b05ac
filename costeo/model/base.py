"""Base class of every model node: strict fields, and where each field was written."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator

from costeo.diagnostics import Location


class Node(BaseModel):
    model_config = ConfigDict(
        extra="forbid", arbitrary_types_allowed=True, validate_by_name=True, validate_by_alias=True
    )

    _loc: Location | None = PrivateAttr(default=None)
    _field_locs: dict[str, Location] = PrivateAttr(default_factory=dict)
    _item_locs: dict[str, list[Location | None]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _capture_location(cls, data: Any, handler: Any) -> Any:
        node = handler(data)
        loc = getattr(data, "loc", None)
        if loc is not None:
            node._loc = loc
            key_locs: dict[str, Location] = getattr(data, "key_locs", {})
            for key, value in data.items():
                value_loc = getattr(value, "loc", None)
                node._field_locs[key] = value_loc or key_locs.get(key, loc)
                if isinstance(value, list):
                    node._item_locs[key] = [getattr(item, "loc", None) for item in value]
        return node

    @property
    def loc(self) -> Location | None:
        return self._loc

    def field_loc(self, name: str) -> Location | None:
        """Where a field's value was written (else the block's start)."""
        return self._field_locs.get(name) or self._loc

    def item_loc(self, name: str, index: int) -> Location | None:
        """Where one element of a list field was written (else the field's location)."""
        items = self._item_locs.get(name, [])
        found = items[index] if 0 <= index < len(items) else None
        return found or self.field_loc(name)
