"""Price zones of territory cells: the zone each district's prices come from.

A program's ``zones`` map a territory dimension's codes to zones; an input with
``zone_prices`` takes its zone's price in every cell of that zone. Prices are resolved once
per input and zone, so an activity's unit cost is computed once per price zone and then
multiplied by each cell's target (the factorised path of DESIGN.md, principle 6).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from costeo.costing.context import CostingContext
from costeo.formulation.result import CellKey
from costeo.lineage import Figure
from costeo.model.methods import BottomUp
from costeo.model.program import Activity
from costeo.territory import ZoneMap, zone_match


@dataclass
class ZonePricing:
    """Zone maps of a program and the zone prices already resolved."""

    ctx: CostingContext
    maps: dict[str, ZoneMap] = field(default_factory=dict)
    _prices: dict[tuple[str, str, str], Figure | None] = field(default_factory=dict)

    @classmethod
    def for_context(cls, ctx: CostingContext) -> ZonePricing:
        maps = {}
        for name, zones in ctx.program.zones.items():
            try:
                maps[name] = ZoneMap.from_zones(zones.map, default=zones.default, name=zones.name)
            except ValueError as exc:
                ctx.diagnostics.add("invalid-zone-map", zones.field_loc("map"), name=name,
                                    problem=str(exc))
        return cls(ctx, maps)

    def prices(self, activity: Activity, key: CellKey) -> tuple[dict[str, Figure], tuple[str, ...]]:
        """Zone price overrides for a cell, and the zones that chose them (a cache key)."""
        method = activity.cost
        if not isinstance(method, BottomUp):
            return {}, ()
        cell = dict(key)
        overrides: dict[str, Figure] = {}
        zones: list[str] = []
        for inp in method.inputs:
            rule = inp.zone_prices
            if rule is None or rule.zones not in self.maps:
                continue
            dimension = self.ctx.program.zones[rule.zones].dimension
            code = cell.get(dimension)
            if code is None:
                continue
            match = zone_match(code, self.maps[rule.zones])
            if match is None or match.zone not in rule.prices:
                zones.append("")
                continue
            zones.append(match.zone)
            cache_key = (inp.id, rule.zones, match.zone)
            if cache_key not in self._prices:
                figure = self.ctx.value(rule.prices[match.zone], "price",
                                        f"{inp.name} [{match.zone}]")
                self._prices[cache_key] = figure
            figure = self._prices[cache_key]
            if figure is not None:
                overrides[inp.id] = figure
        return overrides, tuple(zones)
