"""Monetary transfers: payments x amount x (1 + transaction tax), plus payments x fee.

The subsidy (with its tax) and the bank fee are budgeted under their own classifiers.
"""

from __future__ import annotations

from costeo.costing.context import CostingContext
from costeo.lineage import Figure, derived
from costeo.model.inputs import TransferInput
from costeo.money import ONE, ZERO, mul


def transfer_cost(ctx: CostingContext, inp: TransferInput,
                  price: Figure | None = None) -> tuple[Figure, Figure | None] | None:
    """(subsidy with tax, fee or None) per unit of activity."""
    amount = price or ctx.value(inp.amount, "amount", inp.name)
    tax = ctx.value(inp.tax_rate, "tax_rate", inp.name, fallback=ZERO)
    fee = ctx.value(inp.fee, "fee", inp.name, fallback=ZERO)
    payments = ctx.value(inp.payments, "payments", inp.name, fallback=ONE)
    if amount is None or tax is None or fee is None or payments is None:
        return None
    subsidy = derived("input", mul(payments.value, amount.value, ONE + tax.value), "transfer",
                      [payments, amount, tax], inp.name)
    if fee.value == 0:
        return subsidy, None
    # same subject as the subsidy: the formula (payments × fee) tells the two apart
    fees = derived("input", mul(payments.value, fee.value), "transfer_fee", [payments, fee],
                   inp.name)
    return subsidy, fees
