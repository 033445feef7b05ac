"""Peers: comparable rows in the other formulations of a review run.

A row's peers share its currency and unit of measure (and, for activities of other programs,
its activity name); their unit costs, as the rows' figures imply them, give a median a unit
cost can be held against. Used by the common-actions check and the cross-program comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from costeo.money import div
from costeo.review.numbers import effective_unit_cost
from costeo.review.registry import Context
from costeo.review.subject import BudgetRow, ReviewSubject


def words(text: str | None) -> str:
    """Case- and spacing-insensitive text, to match units and activity names."""
    return " ".join((text or "").lower().split())


@dataclass(frozen=True)
class Outlier:
    unit_cost: Decimal
    median: Decimal
    times: Decimal  # unit cost ÷ median, two decimals
    peers: int
    programs: tuple[str, ...]


def outlier(subject: ReviewSubject, row: BudgetRow,
            peers: Iterable[tuple[ReviewSubject, BudgetRow]], times: Decimal, least: int
            ) -> Outlier | None:
    """``row`` when its unit cost is above ``times`` (or below 1/``times``) its peers' median."""
    value = effective_unit_cost(row)
    if value is None or value <= 0:
        return None
    found = [(s, v) for s, peer in peers if peer is not row
             and s.currency == subject.currency
             and (v := effective_unit_cost(peer)) is not None and v > 0]
    if len(found) < least:
        return None
    middle = Decimal(median(v for _, v in found))
    ratio = div(value, middle)
    if ratio <= times and ratio * times >= 1:
        return None
    programs = tuple(dict.fromkeys(s.code for s, _ in found))
    return Outlier(value, middle, ratio.quantize(Decimal("0.01")), len(found), programs)


def rows_of(context: Context, keep: Callable[[ReviewSubject, BudgetRow], bool]
            ) -> list[tuple[ReviewSubject, BudgetRow]]:
    return [(s, r) for s in context.subjects for r in s.main.lines() if keep(s, r)]
