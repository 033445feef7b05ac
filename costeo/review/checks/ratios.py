"""Physical coherence: an activity's target against its product's under a declared ratio.

E.g. rations per child-year between 180 × 1 and 191 × 2 (school days × rations a day), visits
per family, staff per site. The product's target is the declared beneficiaries of the product
(or the product row's target); the activity's is the sum of its lines in the main table.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from costeo.money import div, total
from costeo.review.findings import Finding
from costeo.review.registry import Context, register
from costeo.review.subject import ReviewSubject


def product_target(subject: ReviewSubject, product: str) -> Decimal | None:
    if product in subject.beneficiaries:
        return subject.beneficiaries[product]
    rows = [r.target for r in subject.main.lines()
            if r.activity is None and r.product == product and r.target is not None]
    return total(rows) if rows else None


def activity_target(subject: ReviewSubject, activity: str) -> Decimal | None:
    rows = [r.target for r in subject.main.lines()
            if r.activity == activity and r.target is not None]
    return total(rows) if rows else None


@register("ratios", "basic", ("ratio-out-of-bounds",))
def check_ratios(subject: ReviewSubject, context: Context) -> Iterator[Finding]:
    for ratio in subject.ratios:
        act, prod = activity_target(subject, ratio.activity), product_target(subject,
                                                                            ratio.product)
        if act is None or not prod:
            continue
        value = div(act, prod)
        if ratio.low <= value <= ratio.high:
            continue
        amount = total(r.amount for r in subject.main.lines()
                       if r.activity == ratio.activity and r.amount is not None)
        yield Finding("ratio-out-of-bounds", subject.code, ratio.location, dict(
            label=ratio.label or f"{ratio.activity} / {ratio.product}", activity=ratio.activity,
            product=ratio.product, activity_target=act, product_target=prod, ratio=value,
            low=ratio.low, high=ratio.high), item=ratio.activity, stake=amount)
