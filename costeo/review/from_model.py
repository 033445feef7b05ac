"""A costeo model as a review subject: its formulation table, as a reviewer would read it.

One row per activity × cell with the figures costeo computed (or, where the program gives
them, the unit cost and amount as published), the costing method of each activity, product
subtotals and the published subtotals and totals the program declares, transfer rules from
its transfer inputs and beneficiaries from its products' targets.
"""

from __future__ import annotations

from decimal import Decimal

from costeo.diagnostics import Location
from costeo.formulation.result import ActivityResult, CostResult, ProductResult
from costeo.lineage import GIVEN, Figure
from costeo.model.inputs import TransferInput
from costeo.model.methods import BottomUp, Observed
from costeo.model.program import Published
from costeo.money import ONE
from costeo.review.findings import places_of
from costeo.review.rules import review_rules
from costeo.review.subject import (
    BudgetRow,
    BudgetTable,
    Costing,
    ReviewSubject,
    RowKind,
    TransferRule,
)

COSTING = {"bottom_up": Costing.BOTTOM_UP, "observed": Costing.OBSERVED,
           "top_down": Costing.TOP_DOWN, "declared": Costing.DECLARED}


def from_result(result: CostResult, file: str | None = None) -> ReviewSubject:
    info = result.program.program
    rows: list[BudgetRow] = []
    for product in result.products:
        first = len(rows)
        for activity in product.activities:
            _activity_rows(rows, activity, product)
        covers = tuple(range(first, len(rows)))
        rows.append(BudgetRow(RowKind.SUBTOTAL, product.code, None, product.product.unit,
                              amount=product.amount, covers=covers,
                              location=product.product.loc, product_name=product.product.name))
        _published(rows, product.product.published, product.code, None, covers)
    for activity in result.common:
        _activity_rows(rows, activity, None)
    lines = tuple(i for i, r in enumerate(rows) if r.kind is RowKind.ROW)
    rows.append(BudgetRow(RowKind.TOTAL, None, None, amount=result.total, covers=lines,
                          location=result.program.loc))
    _published(rows, result.program.published, None, None, lines, kind=RowKind.TOTAL)
    where = file or result.file
    ratios, bases = review_rules(result.program)
    beneficiaries = {p.code: p.target.value for p in result.products if p.target is not None}
    subject = ReviewSubject(
        code=info.code, name=info.name, year=info.fiscal_year, currency=info.currency,
        tables=[BudgetTable("formulación", rows, location=Location(where))], origin="model",
        beneficiaries={**beneficiaries, **bases}, ratios=ratios,
        transfers=[rule for a in result.activities() for rule in _transfers(a)],
        version=str(info.fiscal_year), location=Location(where), country=info.country)
    return subject


def _costing(activity: ActivityResult) -> tuple[Costing, int]:
    method = activity.activity.cost
    costing = Costing.DECLARED if activity.declared else COSTING.get(activity.method,
                                                                     Costing.UNKNOWN)
    if isinstance(method, BottomUp):
        return costing, len(method.inputs)
    if isinstance(method, Observed):
        return costing, len(method.records)
    return costing, 0


def _activity_rows(rows: list[BudgetRow], activity: ActivityResult,
                   product: ProductResult | None) -> None:
    costing, inputs = _costing(activity)
    first = len(rows)
    for cell in activity.cells:
        parts = sum(1 for line in activity.lines if line.cell == cell.key) or 1
        displayed = cell.displayed_unit_cost
        amount = cell.published_amount if cell.published_amount is not None else cell.amount
        given = _given_amount(activity, cell.figure)
        if given is not None and given == amount:
            amount = given  # as the source wrote it (whole soles carry ±0.5 of rounding)
        rows.append(BudgetRow(
            RowKind.ROW, product.code if product else None, activity.code,
            activity.activity.unit,
            unit_cost=displayed if displayed is not None else cell.unit_cost,
            target=cell.target, amount=amount, factor=activity.frequency,
            decimals=places_of(displayed) if displayed is not None else None,
            keys=dict(cell.key), common=product is None, costing=costing, inputs=inputs,
            classifiers=tuple(sorted({line.classifier for line in activity.lines})),
            location=cell.target_figure.loc or activity.activity.loc,
            product_name=product.product.name if product else "",
            activity_name=activity.activity.name,
            parts=parts if cell.published_amount is None else 1))
    covers = tuple(range(first, len(rows)))
    _published(rows, activity.activity.published, product.code if product else None,
               activity, covers)


def _given_amount(activity: ActivityResult, figure: Figure) -> Decimal | None:
    """A cell amount the program gives (the unit cost is its result), as written."""
    if not activity.result_mode or figure.formula != "given_amount":
        return None
    leaves = [f for f in figure.leaves() if f.kind == GIVEN]
    return leaves[0].value if len(leaves) == 1 else None


def _published(rows: list[BudgetRow], published: Published | None, product: str | None,
               activity: ActivityResult | None, covers: tuple[int, ...],
               kind: RowKind = RowKind.SUBTOTAL) -> None:
    """The figures the source printed, as subtotal rows over the rows they cover."""
    if published is None:
        return
    code = activity.code if activity else None
    name = activity.activity.name if activity else ""
    if published.amount is not None:
        rows.append(BudgetRow(kind, product, code, amount=published.amount.value,
                              target=published.target.value if published.target else None,
                              covers=covers, location=published.amount.loc or published.loc,
                              activity_name=name))
    for subtotal in published.subtotals:
        chosen = tuple(i for i in covers if all(rows[i].keys.get(k) == v
                                                 for k, v in subtotal.where.items()))
        if not chosen:
            continue
        rows.append(BudgetRow(
            RowKind.SUBTOTAL, product, code, amount=subtotal.amount.value,
            target=subtotal.target.value if subtotal.target else None, covers=chosen,
            keys=dict(subtotal.where), location=subtotal.amount.loc or subtotal.loc,
            activity_name=subtotal.label or name))


def _transfers(activity: ActivityResult) -> list[TransferRule]:
    method = activity.activity.cost
    if not isinstance(method, BottomUp):
        return []
    inputs = {inp.id: inp for inp in method.inputs if isinstance(inp, TransferInput)}
    rules = []
    for component in activity.components:
        figure = component.figure
        if component.input_id not in inputs or figure.formula != "transfer":
            continue
        payments, amount, tax = (f.value for f in figure.inputs[:3])
        fee = next((c.figure.inputs[1].value for c in activity.components
                    if c.input_id == component.input_id and c.figure.formula == "transfer_fee"),
                   Decimal(0))
        if payments != payments.to_integral_value():  # fractional payments: fold them in
            amount, fee, payments = amount * payments, fee * payments, ONE
        rules.append(TransferRule(activity.code, amount, int(payments), tax, fee,
                                  inputs[component.input_id].loc))
    return rules
