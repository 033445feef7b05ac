"""Arithmetic: every row's unit cost × target against its amount, every subtotal against its rows.

Display rounding is allowed for, never a magic epsilon: a unit cost displayed with ``d``
places is consistent when |implied − displayed| ≤ 0.5·10^-d plus what the amount's own
rounding moves the implied value (see :func:`costeo.review.numbers.unit_cost_tolerance`).
A subtotal may differ from the sum of its rows by up to half a unit per row and half a unit for
itself when every figure was rounded on its own: that is a note; more is an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from costeo.money import div, mul, total
from costeo.review.findings import Finding, places_of
from costeo.review.numbers import amount_places, half_unit, unit_cost_tolerance
from costeo.review.registry import Context, register
from costeo.review.subject import BudgetRow, BudgetTable, ReviewSubject, RowKind


@register("arithmetic", "basic", ("row-arithmetic", "subtotal-mismatch", "subtotal-rounding"))
def check_arithmetic(subject: ReviewSubject, context: Context) -> Iterator[Finding]:
    for table in subject.tables:
        for row in table.rows:
            if row.kind is RowKind.ROW:
                yield from _row(subject, row)
            else:
                yield from _subtotal(subject, table, row)


def _row(subject: ReviewSubject, row: BudgetRow) -> Iterator[Finding]:
    if row.unit_cost is None or row.target is None or row.amount is None:
        return
    production = mul(row.target, row.factor)
    if production == 0:
        return
    implied = div(row.amount, production)
    tolerance = unit_cost_tolerance(row.unit_cost, row.decimals, row.amount, production,
                                    row.parts)
    difference = implied - row.unit_cost
    if abs(difference) <= tolerance:
        return
    yield Finding("row-arithmetic", subject.code, row.location, dict(
        target=row.target, factor=row.factor, displayed=row.unit_cost, amount=row.amount,
        implied=implied, difference=difference, tolerance=tolerance,
        expected_amount=mul(production, row.unit_cost)), item=row.label(), stake=row.amount)


def covered_rows(table: BudgetTable, row: BudgetRow) -> list[BudgetRow]:
    """The rows a subtotal sums: its own lines if it lists lines, else what it lists
    (subtotals of subtotals); a total with no list covers every line of the table."""
    if not row.covers:
        return table.lines() if row.kind is RowKind.TOTAL else []
    covered = [table.rows[i] for i in row.covers if 0 <= i < len(table.rows)]
    lines = [r for r in covered if r.kind is RowKind.ROW]
    return lines or covered


def _subtotal(subject: ReviewSubject, table: BudgetTable, row: BudgetRow) -> Iterator[Finding]:
    covered = covered_rows(table, row)
    if not covered:
        return
    label = row.label() or ("total" if row.kind is RowKind.TOTAL else "subtotal")
    if row.amount is not None and all(r.amount is not None for r in covered):
        amounts = [r.amount for r in covered if r.amount is not None]
        own = half_unit(amount_places(row.amount))
        # each covered row was rounded (``parts`` times) to its own last place
        rows_rounding = total(mul(half_unit(amount_places(r.amount)), Decimal(r.parts))
                              for r in covered if r.amount is not None)
        yield from _compare(subject, row, label, "amount", row.amount, total(amounts),
                            len(covered), own, own + rows_rounding)
    if row.target is not None and all(r.target is not None for r in covered):
        targets = [r.target for r in covered if r.target is not None]
        units = {r.unit for r in covered}
        if len(units) == 1:
            own = half_unit(places_of(row.target))
            yield from _compare(subject, row, label, "target", row.target, total(targets),
                                len(covered), own, own)


def _compare(subject: ReviewSubject, row: BudgetRow, label: str, what: str,
             published: Decimal, computed: Decimal, rows: int, own: Decimal,
             tolerance: Decimal) -> Iterator[Finding]:
    """No finding when the published figure's own rounding explains the difference; a note
    when the rounding of the rows and the subtotal does; an error beyond that."""
    difference = published - computed
    if abs(difference) <= own:
        return
    code = "subtotal-rounding" if abs(difference) <= tolerance else "subtotal-mismatch"
    words = {"amount": ("monto", "amount"), "target": ("meta", "target")}[what]
    yield Finding(code, subject.code, row.location, dict(
        what=words[0], what_en=words[1], published=published, computed=computed,
        difference=difference, tolerance=tolerance, rows=rows), item=label,
        stake=abs(difference) if what == "amount" else None)
