"""The bundled INEI ubigeo table and the territorial questions formulation asks of it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from costeo.territory.codes import (
    LEVELS,
    NATIONAL,
    NATIONAL_NAME,
    Level,
    RollUpLevel,
    ancestor,
    canonical,
    is_coarser_or_equal,
    level_of,
    short,
)

if TYPE_CHECKING:
    from costeo.territory.suggest import Suggestion
    from costeo.territory.zones import ZoneMap

CSV_NAME = "ubigeo_inei.csv"
MANIFEST_NAME = "ubigeo_inei.json"
#: Columns every table has; the others are attributes (capital, altitude, macro-regions…).
CORE_COLUMNS = ("ubigeo", "level", "department_code", "province_code", "name", "department",
                "province", "valid_from")

# Additions are exact: unlimited precision, and any rounding would raise.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN,
                 traps=[Inexact, InvalidOperation, DivisionByZero, Overflow])


class UbigeoError(ValueError):
    """One or more codes are not in the table (or not valid in the year asked)."""

    def __init__(self, codes: Iterable[str], year: int | None = None) -> None:
        self.codes = tuple(codes)
        self.year = year
        when = f" en {year}" if year is not None else ""
        super().__init__(f"ubigeo no válido{when}: {', '.join(self.codes)}")


@dataclass(frozen=True, slots=True)
class Place:
    """A row of the table: the country, a department, a province or a district."""

    ubigeo: str
    level: Level
    name: str
    department_code: str = ""
    province_code: str = ""
    department: str = ""
    province: str = ""
    valid_from: int | None = None
    attrs: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @property
    def short_code(self) -> str:
        """``15``, ``1501`` or ``150101``: the code without its zero padding."""
        return short(self.ubigeo)

    @property
    def label(self) -> str:
        """Name with its parents, for messages: ``Lima (Lima, Lima)``."""
        if self.level == "district":
            return f"{self.name} ({self.province}, {self.department})"
        if self.level == "province":
            return f"{self.name} ({self.department})"
        return self.name

    @property
    def attributes(self) -> dict[str, str]:
        return dict(self.attrs)

    def attribute(self, key: str) -> str:
        """A bundled attribute's value (``""`` when the source had none)."""
        for name, value in self.attrs:
            if name == key:
                return value
        raise KeyError(key)

    def valid_in(self, year: int | None) -> bool:
        """Whether the code existed in ``year`` (always, when the table has no date for it)."""
        return year is None or self.valid_from is None or year >= self.valid_from


NATION = Place(NATIONAL, "national", NATIONAL_NAME)


class Territory:
    """The ubigeo table, indexed. Use :func:`territory` for the bundled one (loaded once)."""

    def __init__(self, places: Iterable[Place], *, attributes: Iterable[str] = (),
                 version: str = "", reference: str = "") -> None:
        self.attributes: tuple[str, ...] = tuple(attributes)
        self.version = version
        self.reference = reference
        self._places: dict[str, Place] = {NATIONAL: NATION}
        self._children: dict[str, list[str]] = {NATIONAL: []}
        for place in sorted(places, key=lambda p: p.ubigeo):
            if place.ubigeo in self._places:
                raise ValueError(f"duplicate ubigeo {place.ubigeo}")
            self._places[place.ubigeo] = place
            self._children[place.ubigeo] = []
        for code, place in self._places.items():
            if code == NATIONAL:
                continue
            up = LEVELS[LEVELS.index(place.level) - 1]
            parent = ancestor(code, up)
            if parent not in self._children:
                raise ValueError(f"{code} has no parent {parent} in the table")
            self._children[parent].append(code)

    # --- loading ------------------------------------------------------------------------

    @classmethod
    def from_csv(cls, path: Path | str, manifest: Path | str | None = None) -> Territory:
        """Read a table written by ``scripts/build_ubigeo.py`` (UTF-8, codes as text)."""
        with open(path, encoding="utf-8", newline="") as handle:
            return cls._read(handle, _read_manifest(manifest))

    @classmethod
    def _read(cls, lines: Iterable[str], manifest: Mapping[str, object]) -> Territory:
        reader = csv.DictReader(lines)
        header = tuple(reader.fieldnames or ())
        missing = [c for c in CORE_COLUMNS if c not in header]
        if missing:
            raise ValueError(f"the ubigeo table lacks columns {missing}")
        extra = tuple(c for c in header if c not in CORE_COLUMNS)
        places = []
        for row in reader:
            code = row["ubigeo"]
            if canonical(code) != code or level_of(code) != row["level"]:
                raise ValueError(f"bad ubigeo {code!r} ({row['level']}) in the table")
            level = level_of(code)
            places.append(Place(
                ubigeo=code, level=level, name=row["name"],
                department_code=row["department_code"], province_code=row["province_code"],
                department=row["department"], province=row["province"],
                valid_from=int(row["valid_from"]) if row["valid_from"] else None,
                attrs=tuple((c, row[c]) for c in extra)))
        return cls(places, attributes=extra, version=str(manifest.get("version", "")),
                   reference=str(manifest.get("reference", "")))

    # --- looking up ---------------------------------------------------------------------

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.lookup(code) is not None

    def __iter__(self) -> Iterator[Place]:
        """Every department, province and district, in code order (not the country)."""
        return (p for c, p in self._places.items() if c != NATIONAL)

    def lookup(self, code: str) -> Place | None:
        """The place a code names (``"15"``, ``"1501"``, ``"150101"``, ``"150100"``…), or None."""
        key = canonical(code)
        return None if key is None else self._places.get(key)

    def place(self, code: str, year: int | None = None) -> Place:
        """Like :meth:`lookup`, but raises :class:`UbigeoError` (also if not valid in ``year``)."""
        found = self.lookup(code)
        if found is None or not found.valid_in(year):
            raise UbigeoError([code], year)
        return found

    def is_valid(self, code: str, year: int | None = None, level: Level | None = None) -> bool:
        """Whether ``code`` names a place of the table (of ``level``, if given) in ``year``.

        The year only excludes codes whose ``valid_from`` is later; the bundled table carries
        no dates yet (see docs/concepts/territory.md), so today every listed code passes.
        """
        found = self.lookup(code) if isinstance(code, str) else None
        return (found is not None and found.valid_in(year)
                and (level is None or found.level == level))

    def name(self, code: str) -> str:
        return self.place(code).name

    def parent(self, code: str, level: Level) -> str:
        """The canonical code of the ``level`` place containing ``code`` (itself if same level).

        ``parent("150101", "department") == "150000"``; ``"national"`` gives ``"000000"``.
        """
        found = self.place(code)
        if not is_coarser_or_equal(level, found.level):
            raise ValueError(f"{found.ubigeo} es un {found.level}: no tiene {level} superior")
        return ancestor(found.ubigeo, level)

    def children(self, code: str) -> list[Place]:
        return [self._places[c] for c in self._children[self.place(code).ubigeo]]

    def departments(self) -> list[Place]:
        return self.children(NATIONAL)

    def provinces(self, department: str | None = None) -> list[Place]:
        if department is not None:
            return self.children(self._at(department, "department"))
        return [p for p in self if p.level == "province"]

    def districts(self, department: str | None = None,
                  province: str | None = None) -> list[Place]:
        """Districts of the country, of a department or of a province, in code order."""
        if province is not None:
            prov = self._at(province, "province")
            if department is not None and ancestor(prov, "department") != self._at(
                    department, "department"):
                raise ValueError(f"la provincia {province} no pertenece al departamento "
                                 f"{department}")
            return self.children(prov)
        places: Iterable[Place] = iter(self)
        if department is not None:
            prefix = self._at(department, "department")[:2]
            places = (p for p in places if p.ubigeo[:2] == prefix)
        return [p for p in places if p.level == "district"]

    def _at(self, code: str, level: Level) -> str:
        found = self.place(code)
        if found.level != level:
            raise ValueError(f"{code} no es un código de {_LEVEL_ES[level]}")
        return found.ubigeo

    # --- aggregating --------------------------------------------------------------------

    def roll_up(self, amounts: Mapping[str, Decimal], level: RollUpLevel) -> dict[str, Decimal]:
        """Exact sums of ``amounts`` per place of ``level``, keyed by canonical code.

        Keys may be codes of ``level`` or finer (districts, provinces…); every key must be in
        the table (else :class:`UbigeoError` names all the bad ones). Sums are exact: no
        rounding, whatever the number of digits. Places with no amount are left out; the
        result is in code order.
        """
        if level not in ("national", "department", "province"):
            raise ValueError(f"no se puede agregar al nivel {level!r}")
        bad = [code for code in amounts if self.lookup(code) is None]
        if bad:
            raise UbigeoError(bad)
        sums: dict[str, Decimal] = {}
        for code, amount in amounts.items():
            place = self._places[canonical(code) or ""]
            if not is_coarser_or_equal(level, place.level):
                raise ValueError(f"{place.ubigeo} ({place.level}) es más agregado que "
                                 f"{level}: no se puede repartir")
            target = ancestor(place.ubigeo, level)
            sums[target] = _EXACT.add(sums.get(target, Decimal(0)), amount)
        return dict(sorted(sums.items()))

    # --- zones and diagnostics (thin wrappers) -----------------------------------------

    def zone_of(self, code: str, zones: ZoneMap) -> str | None:
        from costeo.territory.zones import zone_of

        return zone_of(code, zones, self)

    def suggest(self, code: str | int, year: int | None = None) -> list[Suggestion]:
        from costeo.territory.suggest import suggest

        return suggest(code, year, self)


_LEVEL_ES = {"national": "país", "department": "departamento", "province": "provincia",
             "district": "distrito"}


def _read_manifest(path: Path | str | None) -> Mapping[str, object]:
    if path is None:
        return {}
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def territory() -> Territory:
    """The bundled INEI table, read once per process (nothing is ever downloaded)."""
    data = resources.files("costeo.territory").joinpath("data")
    manifest = json.loads(data.joinpath(MANIFEST_NAME).read_text(encoding="utf-8"))
    text = data.joinpath(CSV_NAME).read_text(encoding="utf-8")
    return Territory._read(io.StringIO(text, newline=""), manifest)
