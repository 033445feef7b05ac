"""Reconcile computed figures with the figures printed in the source document.

A difference that rounding of the source's rows can explain is a note (``published-rounding``);
a larger one is a warning (``published-amount-mismatch``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from costeo.costing.context import CostingContext
from costeo.diagnostics import Location
from costeo.model.program import Published
from costeo.money import total

if TYPE_CHECKING:
    from costeo.formulation.result import ActivityResult, CostResult

HALF = Decimal("0.5")


def compare(ctx: CostingContext, published: Decimal, computed: Decimal, rows: int,
            decimals: int, loc: Location | None) -> None:
    unit = Decimal(1).scaleb(-decimals)
    difference = published - computed
    if abs(difference) <= HALF * unit:
        return
    tolerance = HALF * unit * max(rows, 1)
    code = "published-rounding" if abs(difference) <= tolerance else "published-amount-mismatch"
    ctx.diagnostics.add(code, loc, published=published, computed=computed,
                        difference=difference, tolerance=tolerance)


def _compare_block(ctx: CostingContext, published: Published, computed: Decimal,
                   target: Decimal | None, rows: int, loc: Location | None) -> None:
    if published.amount is not None:
        compare(ctx, published.amount.value, computed, rows, published.decimals,
                published.amount.loc or loc)
    if published.target is not None and target is not None and published.target.value != target:
        ctx.diagnostics.add("published-amount-mismatch", published.target.loc or loc,
                            published=published.target.value, computed=target,
                            difference=published.target.value - target, tolerance=0)


def check_activity_published(ctx: CostingContext, activity: ActivityResult) -> None:
    published = activity.activity.published
    if published is None:
        return
    _compare_block(ctx, published, activity.amount, activity.target, len(activity.cells),
                   published.loc)
    dims = activity.dimensions
    for subtotal in published.subtotals:
        unknown = [d for d in subtotal.where if d not in dims]
        for name in unknown:
            ctx.diagnostics.add("unknown-filter", subtotal.loc, name=name,
                                choices=", ".join(dims))
        if unknown:
            continue
        chosen = [c for c in activity.cells
                  if all(dict(c.key).get(d) == v for d, v in subtotal.where.items())]
        _compare_block(ctx, Published(amount=subtotal.amount, target=subtotal.target,
                                      decimals=published.decimals),
                       total(c.amount for c in chosen), total(c.target for c in chosen),
                       len(chosen), subtotal.loc)


def check_published(ctx: CostingContext, result: CostResult) -> None:
    published = result.program.published
    if published is not None:
        rows = sum(len(a.cells) for a in result.activities())
        _compare_block(ctx, published, result.total, None, rows, published.loc)
        computed = result.by_classifier()
        lines_per_classifier: dict[str, int] = {}
        for line in result.lines():
            lines_per_classifier[line.classifier] = lines_per_classifier.get(line.classifier, 0) + 1
        for classifier, amount in published.by_classifier.items():
            compare(ctx, amount.value, computed.get(classifier, Decimal(0)),
                    lines_per_classifier.get(classifier, 1), published.decimals,
                    amount.loc or published.loc)
    for product in result.products:
        if product.product.published is not None:
            rows = sum(len(a.cells) for a in product.activities)
            _compare_block(ctx, product.product.published, product.amount, None, rows,
                           product.product.published.loc)
