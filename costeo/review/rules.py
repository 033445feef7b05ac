"""The program's own review rules (``review:`` section): checked at load, read for review.

Physical ratios name an activity and a product (or a ``base``, the product's beneficiaries
when it has no target). Unknown codes and impossible bounds are warnings at load time; a
``$parameter`` base is resolved for the fiscal year like any other value.
"""

from __future__ import annotations

from decimal import Decimal

from costeo.costing.context import CostingContext
from costeo.diagnostics import Diagnostics
from costeo.messages import did_you_mean
from costeo.model.program import Program
from costeo.review.subject import Ratio


def check_review(ctx: CostingContext) -> None:
    rules = ctx.program.review
    if rules is None:
        return
    program = ctx.program
    activities = [a.code for _, a in program.activities()]
    products = [p.code for p in program.products]
    targets = {p.code for p in program.products if p.target is not None}
    for ratio in rules.ratios:
        if ratio.activity not in activities:
            ctx.diagnostics.add("unknown-review-target", ratio.field_loc("activity"),
                                code=ratio.activity, field="activity",
                                suggestion=did_you_mean(ratio.activity, activities))
        if ratio.product is not None and ratio.product not in products:
            ctx.diagnostics.add("unknown-review-target", ratio.field_loc("product"),
                                code=ratio.product, field="product",
                                suggestion=did_you_mean(ratio.product, products))
        if ratio.base is not None:
            ctx.value(ratio.base, "beneficiaries")  # reports an unknown parameter
        if ratio.low.value > ratio.high.value or (ratio.base is None
                                                  and ratio.product not in targets):
            ctx.diagnostics.add("review-bounds", ratio.loc, low=ratio.low.value,
                                high=ratio.high.value)


def review_rules(program: Program) -> tuple[list[Ratio], dict[str, Decimal]]:
    """The declared ratios and the beneficiary counts they bring (``base``) per product."""
    rules = program.review
    if rules is None:
        return [], {}
    ctx = CostingContext.for_program(program, Diagnostics())  # reported when it was loaded
    ratios, bases = [], {}
    for index, ratio in enumerate(rules.ratios):
        product = ratio.product or f"review:{index + 1}"
        figure = ctx.value(ratio.base, "beneficiaries") if ratio.base is not None else None
        if figure is not None:
            bases[product] = figure.value
        ratios.append(Ratio(ratio.activity, product, ratio.low.value, ratio.high.value,
                            ratio.label or "",
                            ratio.loc))
    return ratios, bases
