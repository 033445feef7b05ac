"""Comparisons: a program's unit costs against its previous year or version in the same run
(within one year, the formulation given before it: ``costeo review v1.yaml v2.yaml``), and
against the same activity in other programs.

Rows are matched by product, activity and segment keys; a unit cost (as the row's figures
imply it) that moves by more than ``max_unit_cost_change`` is flagged with both figures. Across
programs, activities match by name and unit of measure (in the same currency); a unit cost more
than ``peer_outlier_times`` above or below the median of at least ``min_peers`` of them is
flagged with the median and the programs it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from costeo.money import ONE, div
from costeo.review.findings import Finding
from costeo.review.numbers import effective_unit_cost
from costeo.review.peers import outlier, rows_of, words
from costeo.review.registry import Context, register
from costeo.review.subject import BudgetRow, ReviewSubject

RowKey = tuple[str, str, tuple[tuple[str, str], ...]]


def _key(row: BudgetRow) -> RowKey:
    return (row.product or "", row.activity or "", tuple(sorted(row.keys.items())))


def _order(subject: ReviewSubject, context: Context) -> tuple[int, int]:
    """Earlier years first; within a year, the order the run was given (v1.yaml v2.yaml)."""
    position = next(i for i, s in enumerate(context.subjects) if s is subject)
    return (subject.year or 0, position)


def previous(subject: ReviewSubject, context: Context) -> ReviewSubject | None:
    """The latest earlier formulation (year or version) of the same program in the run."""
    mine = _order(subject, context)
    earlier = [s for s in context.others(subject)
               if s.code == subject.code and s.currency == subject.currency
               and _order(s, context) < mine]
    return max(earlier, key=lambda s: _order(s, context)) if earlier else None


def version_label(subject: ReviewSubject, other: ReviewSubject) -> str:
    """The year, or the file (or version) when both formulations are of the same year."""
    if subject.year and subject.year != other.year:
        return str(subject.year)
    if subject.location is not None:
        return Path(subject.location.file).name
    return subject.version or subject.name


@register("comparisons", "basic", ("unit-cost-jump", "peer-unit-cost-outlier"))
def check_comparisons(subject: ReviewSubject, context: Context) -> Iterator[Finding]:
    yield from _jumps(subject, context)
    yield from _peers(subject, context)


def _peers(subject: ReviewSubject, context: Context) -> Iterator[Finding]:
    settings = context.settings
    others = rows_of(context, lambda s, r: s.code != subject.code and not r.common)
    for row in subject.main.lines():
        name, unit = words(row.activity_name or row.activity), words(row.unit)
        if row.common or not name or not unit:
            continue
        peers = [(s, r) for s, r in others
                 if words(r.activity_name or r.activity) == name and words(r.unit) == unit]
        found = outlier(subject, row, peers, settings.peer_outlier_times, settings.min_peers)
        if found is not None:
            yield Finding("peer-unit-cost-outlier", subject.code, row.location, dict(
                unit_cost=found.unit_cost, unit=row.unit or "", median=found.median,
                times=found.times, peers=found.peers, programs=", ".join(found.programs)),
                item=row.label(), stake=row.amount)


def _jumps(subject: ReviewSubject, context: Context) -> Iterator[Finding]:
    before = previous(subject, context)
    if before is None:
        return
    old = {_key(r): r for r in before.main.lines()}
    threshold = context.settings.max_unit_cost_change
    for row in subject.main.lines():
        match = old.get(_key(row))
        if match is None:
            continue
        a, b = effective_unit_cost(match), effective_unit_cost(row)
        if not a or b is None:
            continue
        change = div(b, a) - ONE
        if abs(change) > threshold:
            yield Finding("unit-cost-jump", subject.code, row.location, dict(
                before=a, after=b, change=change, threshold=threshold,
                before_version=version_label(before, subject)), item=row.label(), stake=row.amount)
