"""Base class of every model node: strict fields, and the source location of the block."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator

from costeo.diagnostics import Location


class Node(BaseModel):
    model_config = ConfigDict(
        extra="forbid", arbitrary_types_allowed=True, validate_by_name=True, validate_by_alias=True
    )

    _loc: Location | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _capture_location(cls, data: Any, handler: Any) -> Any:
        node = handler(data)
        loc = getattr(data, "loc", None)
        if loc is not None:
            node._loc = loc
        return node

    @property
    def loc(self) -> Location | None:
        return self._loc

    def field_loc(self, name: str) -> Location | None:
        """Location of one of this block's fields, when known (else the block's)."""
        value = getattr(self, name, None)
        return getattr(value, "loc", None) or self._loc
