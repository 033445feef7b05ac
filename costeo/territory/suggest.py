"""Suggestions for a ubigeo that is not in the table: what the user probably meant.

Callers report the invalid code with their own diagnostic and add these suggestions as hints.
Each suggestion has a stable ``reason`` and renders in Spanish (default) or English:

* ``format``: the code had separators, spaces, a leading apostrophe or a decimal part
  (``"15-01-01"``, ``"150101.0"``) → ``150101``.
* ``leading-zero``: an odd number of digits, as when a spreadsheet reads the code as a number
  (``"10101"`` or ``10101`` → ``010101``).
* ``not-valid-in-year``: the code exists but was created after the year asked; the province is
  offered too (the table does not say which district it was split from).
* ``similar-code``: a code of the same level one digit away or with two digits swapped.
* ``parent``: the department or province exists but not the rest of the code.
* ``name``: the text is a place name (accents and case ignored; close spellings too).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from costeo.territory.codes import NATIONAL, ancestor, canonical, level_of
from costeo.territory.table import Place, Territory, territory

Reason = Literal["format", "leading-zero", "not-valid-in-year", "similar-code", "parent", "name"]

MAX_SIMILAR = 5
MAX_BY_NAME = 10

MESSAGES: dict[str, dict[str, str]] = {
    "format": {
        "es": "¿quiso decir {code}, {label}? escriba el código como texto, sin separadores ni "
              "decimales",
        "en": "did you mean {code}, {label}? write the code as text, without separators or "
              "decimals",
    },
    "leading-zero": {
        "es": "¿quiso decir {code}, {label}? el código perdió el cero inicial (¿se leyó como "
              "número?); escríbalo como texto de {digits} dígitos",
        "en": "did you mean {code}, {label}? the code lost its leading zero (read as a "
              "number?); write it as {digits}-digit text",
    },
    "not-valid-in-year": {
        "es": "{code}, {label}, es válido desde {valid_from}; en {year} aún no existía",
        "en": "{code}, {label}, is valid from {valid_from}; in {year} it did not exist yet",
    },
    "similar-code": {
        "es": "¿quiso decir {code}, {label}? (difiere de {given} en un dígito o en el orden "
              "de dos)",
        "en": "did you mean {code}, {label}? (differs from {given} in one digit or in the "
              "order of two)",
    },
    "parent": {
        "es": "{code}, {label}, existe, pero no contiene {given}; sus códigos van de {first} "
              "a {last}",
        "en": "{code}, {label}, exists but does not contain {given}; its codes run from "
              "{first} to {last}",
    },
    "name": {
        "es": "{code} es el código de {label}",
        "en": "{code} is the code of {label}",
    },
}


@dataclass(frozen=True)
class Suggestion:
    """A code the user probably meant, with the reason and the words to say it."""

    code: str
    reason: Reason
    label: str
    args: Mapping[str, object] = field(default_factory=dict)

    def message(self, lang: str = "es") -> str:
        return MESSAGES[self.reason][lang].format(code=self.code, label=self.label, **self.args)


def suggest(code: str | int, year: int | None = None,
            table: Territory | None = None) -> list[Suggestion]:
    """Close matches for a code that is not valid (in ``year``); empty if it is valid."""
    table = table or territory()
    if isinstance(code, bool) or not isinstance(code, str | int):
        return []
    raw = str(code)
    if isinstance(code, str) and table.is_valid(code, year):
        return []
    exact = table.lookup(raw) if isinstance(code, str) else None
    if exact is not None:  # exists, but not in that year
        return _not_yet(exact, year, table)

    digits = _clean(raw)
    if digits is None:
        return _by_name(raw, table)
    attempts: tuple[tuple[str, Reason], ...] = ((digits, "format"),
                                                ("0" + digits, "leading-zero"))
    for candidate, reason in attempts:
        place = table.lookup(candidate)
        if place is None:
            continue
        if not place.valid_in(year):
            return _not_yet(place, year, table)
        args = {"digits": len(candidate)} if reason == "leading-zero" else {}
        return [Suggestion(place.ubigeo, reason, place.label, args)]

    wanted = canonical(digits) or canonical("0" + digits)
    if wanted is None:
        return []
    similar = _similar(wanted, year, table)
    return similar or _parent(wanted, table)


def _clean(raw: str) -> str | None:
    """Digits of a code typed with separators, spaces, ``'`` or ``.0``; None if not a code."""
    text = raw.strip().lstrip("'")
    text = re.sub(r"\.0+$", "", text)
    text = re.sub(r"[\s\-./_]", "", text)
    return text if text.isascii() and text.isdigit() else None


def _not_yet(place: Place, year: int | None, table: Territory) -> list[Suggestion]:
    found = [Suggestion(place.ubigeo, "not-valid-in-year", place.label,
                        {"valid_from": place.valid_from, "year": year})]
    if place.level == "district":
        province = table.place(ancestor(place.ubigeo, "province"))
        found.append(Suggestion(province.ubigeo, "parent", province.label,
                                _range(province, table, place.ubigeo)))
    return found


def _similar(wanted: str, year: int | None, table: Territory) -> list[Suggestion]:
    level = level_of(wanted)
    near = [p for p in table if p.level == level and p.valid_in(year)
            and _one_apart(wanted, p.ubigeo)]
    near.sort(key=lambda p: (p.ubigeo[:4] != wanted[:4], p.ubigeo[:2] != wanted[:2], p.ubigeo))
    return [Suggestion(p.ubigeo, "similar-code", p.label, {"given": wanted})
            for p in near[:MAX_SIMILAR]]


def _one_apart(a: str, b: str) -> bool:
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return (len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])


def _parent(wanted: str, table: Territory) -> list[Suggestion]:
    levels: tuple[Literal["province", "department"], ...] = ("province", "department")
    for level in levels:
        if level == "province" and level_of(wanted) != "district":
            continue
        code = ancestor(wanted, level)
        place = table.lookup(code)
        if place is not None and code != NATIONAL:
            return [Suggestion(place.ubigeo, "parent", place.label,
                               _range(place, table, wanted))]
    return []


def _range(place: Place, table: Territory, given: str) -> dict[str, object]:
    children = table.children(place.ubigeo)
    return {"given": given, "first": children[0].ubigeo, "last": children[-1].ubigeo}


def fold(text: str) -> str:
    """A name for comparison: no accents, upper case, single spaces."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text)
                    if not unicodedata.combining(c))
    return " ".join(plain.upper().split())


@lru_cache(maxsize=4)
def _name_index(table: Territory) -> dict[str, list[Place]]:
    names: dict[str, list[Place]] = {}
    for place in table:
        names.setdefault(fold(place.name), []).append(place)
    return names


def _by_name(raw: str, table: Territory) -> list[Suggestion]:
    wanted = fold(raw)
    if not wanted:
        return []
    names = _name_index(table)
    keys = [wanted] if wanted in names else difflib.get_close_matches(wanted, names, n=3,
                                                                       cutoff=0.8)
    places = [p for key in keys for p in names[key]][:MAX_BY_NAME]
    return [Suggestion(p.ubigeo, "name", p.label) for p in places]
