"""What every costing method needs: resolving given values and parameters into figures.

The context resolves ``Qty``/``Ref`` values of the model into lineage figures (given values
keep their file:line, parameters the dated value in force on the fiscal date and the legal or
documentary source), derives staff hourly rates and cost-centre indirect ratios once, and
collects diagnostics instead of raising.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from costeo.diagnostics import Diagnostics, Location
from costeo.lineage import PARAMETER, Figure, default, derived, given
from costeo.messages import did_you_mean
from costeo.model.program import Parameter, Program
from costeo.model.values import Qty, Ref
from costeo.money import mul

# Values a price index moves (a frame year after the fiscal year). Legal transfer amounts,
# taxes, fees, quantities and targets are not prices and stay as written.
INDEXED_ROLES = frozenset({"price", "replacement_price", "monthly_pay", "base", "envelope",
                           "per_beneficiary", "unit_cost", "spent"})


@dataclass
class Adjustments:
    """What a frame year or a scenario changes on top of the program as written.

    ``targets`` replace an activity's targets (cells, registers) by one annual figure;
    ``target_factors`` multiply them; ``price_index`` multiplies every price-like value;
    ``fixed_prices`` lists (activity, input) pairs whose per-cell price columns a scenario
    replaced by one price.
    """

    label: str = ""
    price_index: Figure | None = None
    targets: dict[str, Figure] = field(default_factory=dict)
    target_factors: dict[str, Figure] = field(default_factory=dict)
    fixed_prices: set[tuple[str, str]] = field(default_factory=set)
    pending_targets: dict[str, Qty | Ref] = field(default_factory=dict)
    pending_factors: dict[str, Qty | Ref] = field(default_factory=dict)

    @property
    def is_variant(self) -> bool:
        """True for a frame year or a scenario (not the program as written)."""
        return bool(self.label)


@dataclass
class CostingContext:
    program: Program
    diagnostics: Diagnostics
    as_of: date = field(default=date(2000, 1, 1))
    adjust: Adjustments = field(default_factory=Adjustments)
    _rates: dict[str, Figure | None] = field(default_factory=dict)
    _ratios: dict[str, Figure | None] | None = None

    @classmethod
    def for_program(cls, program: Program, diagnostics: Diagnostics,
                    adjust: Adjustments | None = None) -> CostingContext:
        return cls(program, diagnostics, date(program.program.fiscal_year, 1, 1),
                   adjust or Adjustments())

    # -- values ------------------------------------------------------------------------
    def value(self, raw: Qty | Ref | None, role: str, subject: str = "", unit: str = "",
              fallback: Decimal | None = None, source: str | None = None) -> Figure | None:
        """A figure for a model value; ``fallback`` makes a default figure when absent."""
        if raw is None:
            return default(role, fallback, subject, unit) if fallback is not None else None
        if isinstance(raw, Ref):
            figure = self.parameter(raw, role, subject, unit)
        elif raw.loc is None:  # a model default (e.g. one person, frequency 1)
            figure = default(role, raw.value, subject, unit)
        else:
            figure = given(role, raw.value, subject, raw.loc, unit, source)
        return self.indexed(figure) if figure is not None else None

    def indexed(self, figure: Figure) -> Figure:
        """A price-like figure moved by the year's price index (others unchanged)."""
        index = self.adjust.price_index
        if index is None or figure.role not in INDEXED_ROLES:
            return figure
        return derived(figure.role, mul(figure.value, index.value), "indexed", [figure, index],
                       figure.subject, figure.unit)

    def parameter(self, ref: Ref, role: str, subject: str = "", unit: str = "") -> Figure | None:
        param = self.program.parameters.get(ref.name)
        if param is None:
            self.diagnostics.add(
                "unknown-parameter", ref.loc, name=ref.name,
                suggestion=did_you_mean(ref.name, list(self.program.parameters)),
            )
            return None
        dated = in_force(param, self.as_of)
        if dated is None:
            self.diagnostics.add("parameter-not-in-force", ref.loc, name=ref.name,
                                 date=self.as_of.isoformat())
            return None
        from_, qty = dated
        label = f"${ref.name} ({from_.isoformat()})"
        figure = Figure(role, qty.value, f"{subject} ← {label}" if subject else label, PARAMETER,
                        unit=unit or param.unit, loc=qty.loc, source=param.source)
        return figure

    # -- staff and cost centres ------------------------------------------------------------
    def hourly_rate(self, staff: str, loc: Location | None) -> Figure | None:
        if staff not in self._rates:
            from costeo.costing.labour import hourly_rate

            category = self.program.staff.get(staff)
            if category is None:
                self.diagnostics.add("unknown-staff-category", loc, name=staff,
                                     suggestion=did_you_mean(staff, list(self.program.staff)))
                return None
            self._rates[staff] = hourly_rate(self, staff, category)
        return self._rates[staff]

    def all_indirect_ratios(self) -> dict[str, Figure | None]:
        """Every cost centre's indirect ratio (support centres stepped down), computed once."""
        if self._ratios is None:
            from costeo.costing.indirect import centre_ratios

            self._ratios = centre_ratios(self)
        return self._ratios

    def indirect_ratio(self, centre: str, loc: Location | None) -> Figure | None:
        ratios = self.all_indirect_ratios()
        if centre not in self.program.cost_centres:
            self.diagnostics.add("unknown-cost-centre", loc, name=centre,
                                 suggestion=did_you_mean(centre, list(self.program.cost_centres)))
            return None
        if self.program.cost_centres[centre].kind == "support":
            # a support centre has no ratio of its own: its cost reaches activities through
            # the producing centres it is stepped down to
            producing = [n for n, c in self.program.cost_centres.items() if c.kind != "support"]
            self.diagnostics.add("invalid-choice", loc, value=centre, field="centre",
                                 choices=", ".join(producing))
            return None
        return ratios.get(centre)


def in_force(param: Parameter, on: date) -> tuple[date, Qty] | None:
    """The dated value in force on a date: the latest whose 'from' is not after it."""
    current: tuple[date, Qty] | None = None
    for dated in param.values:
        if dated.from_ <= on:
            current = (dated.from_, dated.value)
    return current


def check_parameters(program: Program, diagnostics: Diagnostics) -> None:
    for name, param in program.parameters.items():
        previous: date | None = None
        for dated in param.values:
            if previous is not None and dated.from_ <= previous:
                diagnostics.add("parameter-dates-unordered", dated.loc, name=name,
                                date=dated.from_.isoformat())
            previous = dated.from_
