"""Top-down (descending) cost: an envelope divided by production.

The envelope is given (for the activity, or per cell as an ``amount`` column), or comes from a
per-beneficiary amount x beneficiaries x this activity's share. The unit cost is then a
*result*: envelope / (target x frequency).
"""

from __future__ import annotations

from costeo.costing.context import CostingContext
from costeo.lineage import Figure, derived
from costeo.model.methods import TopDown
from costeo.money import ONE, mul


def envelope(ctx: CostingContext, method: TopDown, subject: str,
             override: Figure | None = None) -> Figure | None:
    if override is not None:
        return override
    if method.envelope is not None:
        if method.per_beneficiary is not None:
            ctx.diagnostics.add("conflicting-values", method.field_loc("per_beneficiary"),
                                first="envelope",
                                second="per_beneficiary")
            return None
        return ctx.value(method.envelope, "envelope", subject, source=method.source)
    if method.per_beneficiary is not None:
        per = ctx.value(method.per_beneficiary, "per_beneficiary", subject, source=method.source)
        count = ctx.value(method.beneficiaries, "beneficiaries", subject)
        share = ctx.value(method.share, "share", subject, fallback=ONE)
        if method.beneficiaries is None:
            ctx.diagnostics.add("missing-field", method.loc, field="beneficiaries")
        if per is None or count is None or share is None:
            return None
        return derived("envelope", mul(per.value, count.value, share.value), "per_beneficiary",
                       [per, count, share], subject)
    return None
