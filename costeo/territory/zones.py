"""Price zones: which zone (costa, sierra, selva, "remote"…) a place's prices come from.

A zone map assigns zones by code at any level and, as a base layer, by a bundled attribute
(``macroregion_inei``…). The most specific rule wins:

1. the district's own code, 2. its province's code, 3. its department's code,
4. the attribute value of the place, 5. the default zone (if any).

Example: ``ZoneMap.from_zones({"selva": ["16", "17", "25"], "sierra": ["1501"]},
default="costa")`` puts Loreto, Madre de Dios and Ucayali in "selva" and every other
place in "costa" except the province of Lima (and its districts), which is "sierra".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from costeo.territory.codes import ancestor, canonical, is_coarser_or_equal
from costeo.territory.table import Place, Territory, territory

CodeRule = Literal["district", "province", "department"]
Rule = Literal[CodeRule, "attribute", "default"]
_MOST_SPECIFIC_FIRST: tuple[CodeRule, ...] = ("district", "province", "department")


@dataclass(frozen=True)
class ZoneMap:
    """Zones by canonical code (any level) and/or by the value of a bundled attribute."""

    codes: Mapping[str, str] = field(default_factory=dict)
    attribute: str | None = None
    values: Mapping[str, str] = field(default_factory=dict)
    default: str | None = None
    name: str = ""

    def __post_init__(self) -> None:
        for code in self.codes:
            if canonical(code) != code or code == "000000":
                raise ValueError(f"zona: código {code!r} no canónico (use ZoneMap.from_zones)")
        if self.values and self.attribute is None:
            raise ValueError("zona: 'values' requiere 'attribute'")

    @classmethod
    def from_zones(cls, zones: Mapping[str, Iterable[str]], *, attribute: str | None = None,
                   values: Mapping[str, str] | None = None, default: str | None = None,
                   name: str = "") -> ZoneMap:
        """Build from ``{zone: [codes…]}``; codes of 2, 4 or 6 digits, each in one zone."""
        codes: dict[str, str] = {}
        for zone, members in zones.items():
            if isinstance(members, str):
                raise ValueError(f"zona {zone!r}: escriba una lista de códigos")
            for raw in members:
                code = canonical(raw)
                if code is None or code == "000000":
                    raise ValueError(f"zona {zone!r}: código mal formado {raw!r}")
                if code in codes and codes[code] != zone:
                    raise ValueError(f"el código {raw} está en dos zonas: {codes[code]!r} y "
                                     f"{zone!r}")
                codes[code] = zone
        return cls(codes=codes, attribute=attribute, values=dict(values or {}),
                   default=default, name=name)

    @property
    def zones(self) -> list[str]:
        """Every zone the map can give, sorted."""
        named = {*self.codes.values(), *self.values.values()}
        if self.default is not None:
            named.add(self.default)
        return sorted(named)


@dataclass(frozen=True)
class ZoneMatch:
    """Which zone a place falls in and why (for the audit trail)."""

    zone: str
    rule: Rule
    key: str  # the code or attribute value that matched ("" for the default)


def zone_match(code: str, zones: ZoneMap, table: Territory | None = None) -> ZoneMatch | None:
    """The zone of ``code`` and the rule that gave it, or ``None`` if no rule applies.

    Works for a place at any level using its own code and those above it; zone maps are
    meant for districts (a province with district-level exceptions has no single zone).
    """
    table = table or territory()
    place = table.place(code)
    for level in _MOST_SPECIFIC_FIRST:
        if is_coarser_or_equal(level, place.level):
            key = ancestor(place.ubigeo, level)
            if key in zones.codes:
                return ZoneMatch(zones.codes[key], level, key)
    if zones.attribute is not None:
        value = _attribute(place, zones.attribute, table)
        if value in zones.values:
            return ZoneMatch(zones.values[value], "attribute", value)
    if zones.default is not None:
        return ZoneMatch(zones.default, "default", "")
    return None


def zone_of(code: str, zones: ZoneMap, table: Territory | None = None) -> str | None:
    """The zone of ``code`` (most specific rule wins), or ``None`` if the map misses it."""
    match = zone_match(code, zones, table)
    return None if match is None else match.zone


@dataclass(frozen=True)
class ZoneCheck:
    """What :func:`check_zone_map` found. ``ok`` when every district has a zone."""

    assignment: Mapping[str, str]  # district code -> zone, for the districts checked
    uncovered: tuple[str, ...]  # districts no rule reaches
    unknown_codes: tuple[str, ...]  # codes in the map that are not in the table
    unknown_attribute: str | None  # the attribute, if the table has no such column
    unused_values: tuple[str, ...]  # attribute values in the map no checked place has

    @property
    def ok(self) -> bool:
        return not (self.uncovered or self.unknown_codes or self.unknown_attribute)


def check_zone_map(zones: ZoneMap, districts: Iterable[str] | None = None,
                   table: Territory | None = None) -> ZoneCheck:
    """Check a zone map against the districts it will be applied to (default: all).

    ``districts`` may hold codes of any level; provinces and departments stand for their
    districts. Unknown codes in ``districts`` raise :class:`~costeo.territory.UbigeoError`.
    """
    table = table or territory()
    unknown_attribute = (zones.attribute if zones.attribute is not None
                         and zones.attribute not in table.attributes else None)
    unknown_codes = tuple(sorted(c for c in zones.codes if table.lookup(c) is None))
    targets = _districts(districts, table)
    assignment: dict[str, str] = {}
    uncovered: list[str] = []
    seen_values: set[str] = set()
    for place in targets:
        if zones.attribute is not None and unknown_attribute is None:
            seen_values.add(place.attribute(zones.attribute))
        match = None if unknown_attribute else zone_match(place.ubigeo, zones, table)
        if match is None:
            uncovered.append(place.ubigeo)
        else:
            assignment[place.ubigeo] = match.zone
    unused = tuple(sorted(v for v in zones.values if v not in seen_values))
    return ZoneCheck(assignment=assignment, uncovered=tuple(uncovered),
                     unknown_codes=unknown_codes, unknown_attribute=unknown_attribute,
                     unused_values=unused if unknown_attribute is None else ())


def _districts(codes: Iterable[str] | None, table: Territory) -> list[Place]:
    if codes is None:
        return table.districts()
    found: dict[str, Place] = {}
    for code in codes:
        place = table.place(code)
        if place.level == "district":
            found[place.ubigeo] = place
        elif place.level == "province":
            found.update((p.ubigeo, p) for p in table.districts(province=place.ubigeo))
        elif place.level == "department":
            found.update((p.ubigeo, p) for p in table.districts(department=place.ubigeo))
        else:
            found.update((p.ubigeo, p) for p in table.districts())
    return [found[c] for c in sorted(found)]


def _attribute(place: Place, attribute: str, table: Territory) -> str:
    if attribute not in table.attributes:
        raise ValueError(f"la tabla de ubigeos no tiene el atributo {attribute!r}; "
                         f"hay: {', '.join(table.attributes)}")
    return place.attribute(attribute)
