"""Ubigeo codes: levels and the one canonical spelling.

An INEI ubigeo has six digits: two for the department, two for the province, two for the
district (``150101`` is the district of Lima in the province of Lima, department of Lima).
costeo writes every place with six characters, padding the parts it lacks with zeros, the way
INEI's own tables do: the department of Lima is ``150000``, the province of Lima ``150100``,
and the whole country ``000000``. Codes are always text: as numbers they lose the leading zero
(``010101``, Chachapoyas, becomes ``10101``).
"""

from __future__ import annotations

from typing import Literal

Level = Literal["national", "department", "province", "district"]
RollUpLevel = Literal["national", "department", "province"]

#: Levels from the coarsest to the finest.
LEVELS: tuple[Level, ...] = ("national", "department", "province", "district")
NATIONAL = "000000"
NATIONAL_NAME = "Perú"

_RANK = {level: rank for rank, level in enumerate(LEVELS)}


def canonical(code: str) -> str | None:
    """The six-character form of a well-formed code, or ``None``.

    Accepts 2 digits (department), 4 (province) or 6 (any level), with surrounding spaces.
    Nothing else is guessed here: a five-digit code that lost its leading zero is *not*
    repaired silently (see :func:`costeo.territory.suggest`).
    """
    if not isinstance(code, str):
        return None
    text = code.strip()
    if not (text.isascii() and text.isdigit()) or len(text) not in (2, 4, 6):
        return None
    return text.ljust(6, "0")


def level_of(code: str) -> Level:
    """The level a canonical code names (``150000`` department, ``150100`` province…)."""
    if code == NATIONAL:
        return "national"
    if code.endswith("0000"):
        return "department"
    if code.endswith("00"):
        return "province"
    return "district"


def short(code: str) -> str:
    """The code without its padding: ``15``, ``1501``, ``150101`` (``""`` for the country)."""
    return {"national": "", "department": code[:2], "province": code[:4]}.get(
        level_of(code), code)


def ancestor(code: str, level: Level) -> str:
    """The canonical code of the place at ``level`` that contains ``code`` (no look-up)."""
    have = level_of(code)
    if _RANK[level] > _RANK[have]:
        raise ValueError(f"{code} is a {have}; it has no {level} above it")
    return {"national": NATIONAL, "department": code[:2] + "0000",
            "province": code[:4] + "00", "district": code}[level]


def is_coarser_or_equal(level: Level, than: Level) -> bool:
    return _RANK[level] <= _RANK[than]
