"""What the XLSX and HTML reports share: the rows of the published table, in exact Decimals.

Both renderers read the same :class:`TableRow` list so the workbook and the web page always
show the same figures in the same order: each product (with its activities), the common
actions block and the total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from costeo.diagnostics import Diagnostic, Diagnostics
from costeo.formulation.result import (
    ActivityResult,
    CellResult,
    CostResult,
    InputShare,
    ProductResult,
)
from costeo.i18n import method_label
from costeo.money import ZERO, div, round_to, total
from costeo.reports.labels import label

PRODUCT, ACTIVITY, COMMON, TOTAL = "product", "activity", "common", "total"


@dataclass
class TableRow:
    """One row of the published table; ``None`` leaves the cell empty."""

    level: str
    code: str
    name: str
    unit: str = ""
    target: Decimal | None = None
    unit_cost: Decimal | None = None
    amount: Decimal = ZERO
    frequency: Decimal | None = None
    frequency_unit: str = ""
    method: str = ""
    declared: bool = False
    result_mode: bool = False
    activity: ActivityResult | None = None

    @property
    def text(self) -> str:
        return f"{self.code} {self.name}".strip()


def product_target(result: CostResult, product: ProductResult) -> Decimal | None:
    """The product's physical target (a ``$parameter`` already resolved by the engine)."""
    return product.target.value if product.target is not None else None


def method_text(activity: ActivityResult, lang: str) -> str:
    text = method_label(activity.method, lang)
    if activity.declared and activity.method != "declared":
        text += f" ({label('declared', lang)})"
    return text


def activity_row(activity: ActivityResult, lang: str, level: str = ACTIVITY) -> TableRow:
    frequency = activity.frequency if activity.frequency != 1 else None
    return TableRow(
        level=level, code=activity.code, name=activity.activity.name,
        unit=activity.activity.unit, target=activity.target, unit_cost=activity.unit_cost,
        amount=activity.amount, frequency=frequency,
        frequency_unit=(activity.activity.frequency_unit or "") if frequency is not None else "",
        method=method_text(activity, lang), declared=activity.declared,
        result_mode=activity.result_mode, activity=activity)


def table_rows(result: CostResult, lang: str = "es") -> list[TableRow]:
    """Products with their activities, the common actions block, then the total."""
    rows: list[TableRow] = []
    for product in result.products:
        rows.append(TableRow(PRODUCT, product.code, product.product.name,
                             product.product.unit, product_target(result, product),
                             amount=product.amount))
        rows.extend(activity_row(a, lang) for a in product.activities)
    if result.common:
        rows.append(TableRow(COMMON, "", label("common_actions", lang),
                             amount=result.common_amount))
        rows.extend(activity_row(a, lang) for a in result.common)
    rows.append(TableRow(TOTAL, "", label("total", lang), amount=result.total))
    return rows


def classifier_rows(result: CostResult) -> list[tuple[str, Decimal, Decimal]]:
    """(classifier, amount, share of the total) in classifier order."""
    return [(code, amount, div(amount, result.total) if result.total else ZERO)
            for code, amount in result.by_classifier().items()]


def inputs_total(activity: ActivityResult) -> Decimal:
    return total(share.unit_cost for share in activity.inputs)


def input_name(activity: ActivityResult, share: InputShare) -> str:
    """An input's readable name (methods without inputs name theirs after the activity)."""
    if share.name in ("", share.input_id, activity.code):
        return activity.activity.name
    return share.name


def input_places(activity: ActivityResult) -> int:
    """Decimals that show every input's cost per unit: 2, or 4 for fractions of a cent."""
    fine = any(round_to(s.unit_cost, 2) != round_to(s.unit_cost, 4) for s in activity.inputs)
    return 4 if fine else 2


def has_segments(activity: ActivityResult) -> bool:
    return any(cell.key for cell in activity.cells)


def dimension_name(result: CostResult, dimension: str) -> str:
    found = result.program.dimensions.get(dimension)
    return found.name if found is not None else dimension


def dimension_value(result: CostResult, dimension: str, code: str) -> str:
    found = result.program.dimensions.get(dimension)
    return found.label(code) if found is not None else code


def cell_values(result: CostResult, cell: CellResult) -> list[str]:
    return [dimension_value(result, name, value) for name, value in cell.key]


def shows_displayed(activity: ActivityResult) -> bool:
    return any(c.displayed_unit_cost is not None for c in activity.cells)


def shows_published(activity: ActivityResult) -> bool:
    return any(c.published_amount is not None for c in activity.cells)


def implied_header(activity: ActivityResult) -> str:
    """'implied' only where the unit cost is a result or sits next to a published one."""
    return "implied_unit_cost" if activity.result_mode or shows_displayed(activity) \
        else "unit_cost"


def diagnostics(result: CostResult) -> list[Diagnostic]:
    return list(Diagnostics(result.diagnostics).sorted())


def all_activities(result: CostResult) -> list[ActivityResult]:
    return list(result.activities())


FORBIDDEN_SHEET_CHARS = set('[]:*?/\\')


def money(value: Decimal) -> float:
    """An amount as the float a workbook cell holds: rounded to the cent first."""
    return float(round_to(value, 2))


def number(value: Decimal) -> float:
    """A workbook cell's number (exact to 15 significant digits, which every figure fits)."""
    return float(value)


def sheet_name(text: str, taken: set[str]) -> str:
    """An Excel sheet name: ≤31 characters, none of []:*?/\\, unique (case-insensitive)."""
    cleaned = "".join(" " if ch in FORBIDDEN_SHEET_CHARS else ch for ch in text)
    cleaned = " ".join(cleaned.split()).strip("'") or "Hoja"
    name = _shorten(cleaned, 31)
    counter = 2
    while name.lower() in taken:
        suffix = f" ({counter})"
        name = _shorten(cleaned, 31 - len(suffix)) + suffix
        counter += 1
    taken.add(name.lower())
    return name


def _shorten(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis when the text is longer than ``limit``."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;-") + "…"
