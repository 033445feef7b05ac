"""From located rows to a :class:`ReviewSubject`: rows, subtotals and what they cover.

Rules (documented in docs/reference/published-tables.md):

* a row with any figure (unit cost, target, amount, factor) is a budget row; a row whose
  cells hold a label ("Subtotal", "Sub total", "TOTAL PRODUCTO", "Total general"...) is a
  published subtotal or total;
* a row with text but no figures (a product header, a modality header) sets the value of
  its columns for the rows below it; a product also carries down to rows that leave it blank;
* a subtotal covers the rows since the previous subtotal within its product; a product
  subtotal ("Total producto") covers every row of the product; the total covers every row
  (a bare "Total" with more rows or another total after it closes its product instead);
* blank rows and notes ("Fuente:", "Nota:", "(1) ...") are skipped; rows below the grand
  total are notes (an info diagnostic when they hold figures).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from costeo.diagnostics import Diagnostics, Location
from costeo.messages import Localized
from costeo.review.subject import BudgetRow, BudgetTable, Ratio, RowKind, TransferRule
from costeo.review.tables import numbers
from costeo.review.tables.figures import Figures, read_figures
from costeo.review.tables.layout import (
    ENGLISH,
    NUMERIC,
    REQUIRED,
    Field,
    Header,
    Label,
    accepted_names,
    column_title,
    label_of,
    looks_like_note,
)
from costeo.review.tables.sheet import Cell, Role, Row, Sheet
from costeo.review.tables.words import fold

MAIN_TABLE = "principal"
_COMMON = re.compile(r"^acciones? comunes?\b")
_SPLIT_CLASSIFIERS = re.compile(r"[;\s]+")
FIGURE_FIELDS = {Field.UNIT_COST, Field.TARGET, Field.AMOUNT}


def check_columns(sheet: Sheet, header: Header, main: bool,
                  diagnostics: Diagnostics) -> bool:
    """Report the required columns the header lacks (with the names it has and accepts)."""
    required = REQUIRED[(sheet.role, main and sheet.role is Role.TABLE)]
    found = ", ".join(f"'{t}'" for t in header.titles.values())
    ok = True
    for fld in required:
        if fld in header.fields:
            continue
        if fld is Field.PRODUCT and Field.ACTIVITY in header.fields:
            continue  # a table by activity alone
        diagnostics.add("table-missing-column", header.row.location,
                        column=Localized(es=column_title(fld), en=ENGLISH[fld]),
                        found=found, accepted=accepted_names(fld))
        ok = False
    return ok


def _text(row: Row, header: Header, fld: Field) -> str:
    col = header.fields.get(fld)
    cell = row.cell(col) if col is not None else None
    return cell.text if cell is not None else ""


def _where(row: Row, header: Header) -> Location:
    cell = row.cell(header.first_column)
    return cell.location if cell is not None else row.location


@dataclass
class _Context:
    """What header rows and merged cells say about the rows below them."""

    product: str = ""
    activity: str = ""
    keys: dict[int, str] = field(default_factory=dict)


@dataclass
class _Coverage:
    rows: list[int] = field(default_factory=list)             # every budget row
    since: list[int] = field(default_factory=list)            # since the last subtotal
    product: list[int] = field(default_factory=list)          # of the current product


def build_table(sheet: Sheet, header: Header, name: str, decimal: str | None,
                diagnostics: Diagnostics) -> BudgetTable | None:
    rows = sheet.rows
    body = header.index + 1
    for (r, c), top in sheet.merged_from.items():
        if top <= header.index < r:  # a header cell merged down over the first rows
            rows[r].cells[c] = Cell("", rows[r].cells[c].location)
    if body < len(rows) and _units_row(rows[body], header):
        body += 1
    figures = read_figures(rows, body, header, decimal, diagnostics)
    context, cover = _Context(), _Coverage()
    out: list[BudgetRow] = []
    numeric = set(NUMERIC) & set(header.fields)
    labels = {index: _label(rows[index], header, figures, index)
              for index in range(body, len(rows))}
    # a bare "Total" is the grand total only when no budget row and no other total follows
    last_row = max((i for i, found in labels.items() if found is None
                    and figures.has_any(i, numeric)), default=-1)
    last_total = max((i for i, found in labels.items() if found is not None
                      and found[1][0] is Label.TOTAL), default=-1)
    after_total = False
    for index in range(body, len(rows)):
        row = rows[index]
        everything = row.filled()
        filled = [(c, cell) for c, cell in everything if c in header.titles]
        if not filled:
            continue
        has_figures = figures.has_any(index, numeric)
        if after_total:
            if has_figures:
                diagnostics.add("table-row-ignored", _where(row, header),
                                text=" | ".join(cell.text for _, cell in filled)[:80])
            continue
        if len(everything) == 1 and isinstance(everything[0][1].value, str) and (
                looks_like_note(everything[0][1].text)):
            continue
        label = labels[index]
        if label is not None and label[1][0] is Label.TOTAL and (
                index < max(last_row, last_total)) and fold(
                rows[index].cells[label[0]].text) == "total":
            label = (label[0], (Label.PRODUCT, ""))  # a bare "Total" closing its product
        if label is not None:
            col, (kind, remainder) = label
            budget = _subtotal(row, index, header, figures, context, cover, col, kind, remainder)
            out.append(budget)
            after_total = kind is Label.TOTAL
            continue
        if not has_figures:
            _set_context(row, header, context, cover)
            continue
        product = _text(row, header, Field.PRODUCT)
        if product and product != context.product:
            _new_product(context, cover, product)
        keys = {}
        for col, key in header.keys.items():
            cell = row.cell(col)
            value = cell.text if cell is not None and not cell.empty else context.keys.get(col)
            if value:
                keys[key] = value
        activity = _text(row, header, Field.ACTIVITY) or context.activity or None
        out.append(_budget_row(RowKind.ROW, context.product or None, activity, keys,
                               row, index, header, figures))
        cover.rows.append(len(out) - 1)
        cover.since.append(len(out) - 1)
        cover.product.append(len(out) - 1)
    if not cover.rows:
        diagnostics.add("table-empty", header.row.location, table=name)
        return None
    return BudgetTable(name, out, split_by=tuple(header.keys.values()), location=sheet.location)


def _label(row: Row, header: Header, figures: Figures, index: int
           ) -> tuple[int, tuple[Label, str]] | None:
    """The first cell of a row holding a subtotal/total label: (column, (kind, remainder))."""
    found = next(((c, kind) for c, cell in row.filled() if c in header.titles
                  and isinstance(cell.value, str) and (kind := label_of(cell.text))), None)
    if found is not None and found[0] == header.fields.get(Field.ACTIVITY) and (
            figures.get(index, Field.UNIT_COST) is not None):
        return None  # an activity named "Total de ..." with its own unit cost is a row
    return found


def _units_row(row: Row, header: Header) -> bool:
    """A second header line with units, e.g. "(usuarios)" "(S/)": text in figure columns only."""
    texts = [cell for fld, col in header.fields.items() if fld in NUMERIC
             and (cell := row.cell(col)) is not None and not cell.empty]
    return bool(texts) and all(isinstance(c.value, str) and not numbers.read(c.text).valid
                               and len(c.text) <= 20 for c in texts)


def _new_product(context: _Context, cover: _Coverage, product: str) -> None:
    context.product, context.activity, context.keys = product, "", {}
    cover.product, cover.since = [], []


def _set_context(row: Row, header: Header, context: _Context, cover: _Coverage) -> None:
    product = _text(row, header, Field.PRODUCT)
    if product:
        _new_product(context, cover, product)
    activity = _text(row, header, Field.ACTIVITY)
    if activity:
        context.activity = activity
    for col in header.keys:
        cell = row.cell(col)
        if cell is not None and not cell.empty:
            context.keys[col] = cell.text


def _subtotal(row: Row, index: int, header: Header, figures: Figures, context: _Context,
              cover: _Coverage, label_col: int, kind: Label, remainder: str) -> BudgetRow:
    keys: dict[str, str] = {}
    for col, key in header.keys.items():
        if col == label_col:
            if remainder:
                keys[key] = remainder
            continue
        cell = row.cell(col)
        if cell is not None and not cell.empty:
            keys[key] = cell.text
    if kind is Label.TOTAL:
        covers, product = tuple(cover.rows), None
    else:
        own = _text(row, header, Field.PRODUCT)
        product_col = header.fields.get(Field.PRODUCT)
        product = own if own and label_col != product_col else (context.product or None)
        covers = tuple(cover.product if kind is Label.PRODUCT else cover.since)
    cover.since = []
    row_kind = RowKind.TOTAL if kind is Label.TOTAL else RowKind.SUBTOTAL
    budget = _budget_row(row_kind, product, None, keys, row, index, header, figures)
    budget.covers = covers
    return budget


def _budget_row(kind: RowKind, product: str | None, activity: str | None, keys: dict[str, str],
                row: Row, index: int, header: Header, figures: Figures) -> BudgetRow:
    common = bool(product and _COMMON.match(fold(product)))
    classifier = _text(row, header, Field.CLASSIFIER)
    factor = figures.get(index, Field.FACTOR)
    return BudgetRow(
        kind=kind,
        product=None if common else product,
        activity=activity,
        unit=_text(row, header, Field.UNIT) or None,
        unit_cost=figures.get(index, Field.UNIT_COST),
        target=figures.get(index, Field.TARGET),
        amount=figures.get(index, Field.AMOUNT),
        factor=factor if factor is not None else Decimal(1),
        decimals=figures.places(index, Field.UNIT_COST),
        keys=keys,
        common=common,
        classifiers=tuple(c for c in _SPLIT_CLASSIFIERS.split(classifier) if c),
        location=_where(row, header),
    )


# --- beneficiaries and rules ----------------------------------------------------------------

def build_beneficiaries(sheet: Sheet, header: Header, decimal: str | None,
                        diagnostics: Diagnostics) -> dict[str, Decimal]:
    figures = read_figures(sheet.rows, header.index + 1, header, decimal, diagnostics)
    counts: dict[str, Decimal] = {}
    for index in range(header.index + 1, len(sheet.rows)):
        value = figures.get(index, Field.BENEFICIARIES)
        if value is None:
            continue
        product = _text(sheet.rows[index], header, Field.PRODUCT)
        label = label_of(product) if product else None
        counts["total" if not product or label else product] = value
    return counts


_RATIO = {"ratio", "razon", "proporcion", "relacion"}
_TRANSFER = {"transferencia", "transfer", "subsidio", "subvencion"}


def build_rules(sheet: Sheet, header: Header, decimal: str | None,
                diagnostics: Diagnostics) -> tuple[list[Ratio], list[TransferRule]]:
    figures = read_figures(sheet.rows, header.index + 1, header, decimal, diagnostics)
    ratios: list[Ratio] = []
    transfers: list[TransferRule] = []
    for index in range(header.index + 1, len(sheet.rows)):
        row = sheet.rows[index]
        activity = _text(row, header, Field.ACTIVITY)
        if not activity:
            continue
        where = _where(row, header)
        kind = fold(_text(row, header, Field.KIND))
        if not kind:
            has_amount = figures.get(index, Field.AMOUNT) is not None
            kind = "transferencia" if has_amount else "ratio"
        if kind in _RATIO:
            low, high = _needed(figures, index, row, header, (Field.LOW, Field.HIGH), diagnostics)
            product = _text(row, header, Field.PRODUCT)
            if low is not None and high is not None:
                ratios.append(Ratio(activity, product, low, high,
                                    _text(row, header, Field.LABEL), where))
        elif kind in _TRANSFER:
            amount, payments = _needed(figures, index, row, header,
                                       (Field.AMOUNT, Field.PAYMENTS), diagnostics)
            if amount is None or payments is None:
                continue
            if payments != payments.to_integral_value():
                cell = row.cell(header.fields[Field.PAYMENTS])
                diagnostics.add("not-an-integer", cell.location if cell else where,
                                field=column_title(Field.PAYMENTS, header), value=payments)
                continue
            transfers.append(TransferRule(
                activity, amount, int(payments),
                figures.get(index, Field.TAX_RATE) or Decimal(0),
                figures.get(index, Field.FEE) or Decimal(0), where))
        else:
            cell = row.cell(header.fields[Field.KIND])
            diagnostics.add("invalid-choice", cell.location if cell else where,
                            value=_text(row, header, Field.KIND),
                            field=column_title(Field.KIND, header),
                            choices="ratio, transferencia")
    return ratios, transfers


def _needed(figures: Figures, index: int, row: Row, header: Header, fields: tuple[Field, ...],
            diagnostics: Diagnostics) -> tuple[Decimal | None, ...]:
    values = []
    for fld in fields:
        value = figures.get(index, fld)
        if value is None and (index, fld) not in figures.bad:
            col = header.fields.get(fld)
            cell = row.cell(col) if col is not None else None
            diagnostics.add("table-not-a-number", cell.location if cell else _where(row, header),
                            column=column_title(fld, header), value="")
        values.append(value)
    return tuple(values)
