"""What a review looks at: one program's budget as tables of rows.

A subject comes either from a program modelled in costeo (``from_result``) or from a
published table imported as it is (``costeo.review.tables``). Checks only see this shape,
so a published table and a costeo model are reviewed by the same code. Every figure is a
``Decimal`` read from its text (never a float) and keeps the location it came from, so a
finding can point at the row (file:line or sheet!cell) that gave it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from costeo.diagnostics import Location


class RowKind(StrEnum):
    ROW = "row"            # one activity (or product) line with its own figures
    SUBTOTAL = "subtotal"  # a published subtotal over other rows (``covers``)
    TOTAL = "total"        # the table's grand total (``covers`` every row)


class Costing(StrEnum):
    """How a row's unit cost was obtained, as far as the source tells."""

    BOTTOM_UP = "bottom_up"   # an input breakdown (P × Q, labour, equipment, ...)
    OBSERVED = "observed"     # measured from what sites spent and produced
    TOP_DOWN = "top_down"     # split down from an envelope or a fixed amount per beneficiary
    DECLARED = "declared"     # a unit cost given with no breakdown
    UNKNOWN = "unknown"       # a published table: only the displayed figure is known


@dataclass
class BudgetRow:
    """One row of a budget table as published (or as costeo computed it).

    ``amount`` should equal ``target × factor × unit_cost`` where ``unit_cost`` may be a
    display-rounded value (``decimals`` places). ``factor`` carries the units of the unit
    cost per unit of target, e.g. 191 school days when the unit cost is per user-day and the
    target is users.
    """

    kind: RowKind
    product: str | None             # product name or code; None for common actions
    activity: str | None            # None on a product line or a subtotal
    unit: str | None = None         # unidad de medida
    unit_cost: Decimal | None = None
    target: Decimal | None = None   # meta física
    amount: Decimal | None = None
    factor: Decimal = Decimal(1)
    decimals: int | None = None     # places the unit cost is displayed with, if known
    keys: dict[str, str] = field(default_factory=dict)   # segment/modality/territory labels
    covers: tuple[int, ...] = ()    # for subtotals/totals: indices of the rows they sum
    common: bool = False            # an "acciones comunes" row
    costing: Costing = Costing.UNKNOWN
    inputs: int = 0                 # inputs in the unit cost's breakdown (0 = none known)
    classifiers: tuple[str, ...] = ()
    location: Location | None = None
    product_name: str = ""          # readable names when ``product``/``activity`` are codes
    activity_name: str = ""
    parts: int = 1                  # the amount is the sum of this many separately rounded lines

    def label(self) -> str:
        """What a reader calls this row: activity (or product) and its segment keys."""
        head = self.activity or self.product or ""
        name = self.activity_name if self.activity else self.product_name
        text = f"{head} {name}".strip() if name and name != head else head
        if self.keys:
            text += " [" + ", ".join(self.keys.values()) + "]"
        return text


@dataclass
class BudgetTable:
    """One table of a program: the main formulation or a second view (e.g. by segment)."""

    name: str
    rows: list[BudgetRow]
    split_by: tuple[str, ...] = ()  # the ``keys`` this table breaks its rows down by
    location: Location | None = None

    def lines(self) -> list[BudgetRow]:
        return [row for row in self.rows if row.kind is RowKind.ROW]


@dataclass(frozen=True)
class Ratio:
    """A declared physical ratio: activity target ÷ product target within [low, high].

    E.g. rations per child-year between 180 and 191 school days × 1–2 rations a day.
    """

    activity: str
    product: str
    low: Decimal
    high: Decimal
    label: str = ""
    location: Location | None = None


@dataclass(frozen=True)
class TransferRule:
    """A legal transfer: amount per payment × payments a year × (1 + tax) + fee per payment."""

    activity: str
    amount: Decimal
    payments: int
    tax_rate: Decimal = Decimal(0)
    fee: Decimal = Decimal(0)
    location: Location | None = None


@dataclass
class ReviewSubject:
    """One formulation of one program, ready to be reviewed."""

    code: str
    name: str
    year: int | None
    currency: str
    tables: list[BudgetTable]
    origin: str                                 # "model" or "published"
    beneficiaries: dict[str, Decimal] = field(default_factory=dict)  # per product or "total"
    ratios: list[Ratio] = field(default_factory=list)
    transfers: list[TransferRule] = field(default_factory=list)
    version: str = ""                           # e.g. "PIA 2014", a file name, a store version
    location: Location | None = None
    country: str | None = None                  # "PE", "EC": picks the number format

    @property
    def main(self) -> BudgetTable:
        return self.tables[0]
