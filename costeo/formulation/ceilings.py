"""The formulation against the fiscal ceiling (techo): the gap, and how it falls.

When the formulation exceeds the ceiling, protected activities (or whole products) keep their
amounts and every other budget line is cut in the same proportion, with the cuts split to the
cent (largest remainder) so the fitted budget equals the ceiling exactly. The gap is then
reported by product, activity, classifier and any dimension (territory, period, segment).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from costeo.formulation.result import CostResult, Line
from costeo.model.planning import Ceiling
from costeo.money import ZERO, div, split, total


@dataclass
class GapLine:
    key: str
    name: str
    formulated: Decimal
    fitted: Decimal
    protected: bool = False

    @property
    def cut(self) -> Decimal:
        return self.formulated - self.fitted


@dataclass
class CeilingResult:
    year: int
    ceiling: Decimal
    total: Decimal
    protected: Decimal
    fitted_lines: list[tuple[Line, Decimal]]
    feasible: bool
    source: str | None = None

    @property
    def gap(self) -> Decimal:
        """Ceiling minus formulation: negative when the formulation exceeds the ceiling."""
        return self.ceiling - self.total

    @property
    def factor(self) -> Decimal:
        unprotected = self.total - self.protected
        fitted = total(f for _, f in self.fitted_lines) - self.protected
        return div(fitted, unprotected) if unprotected else Decimal(1)

    def by(self, key: Callable[[Line], str], names: dict[str, str] | None = None,
           protected: set[str] | None = None) -> list[GapLine]:
        formulated: dict[str, Decimal] = defaultdict(lambda: ZERO)
        fitted: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for line, amount in self.fitted_lines:
            k = key(line)
            formulated[k] += line.amount
            fitted[k] += amount
        names = names or {}
        return [GapLine(k, names.get(k, k), formulated[k], fitted[k], k in (protected or set()))
                for k in formulated]


def against_ceiling(result: CostResult, ceiling: Ceiling) -> CeilingResult:
    protect = set(ceiling.protect)
    owner = result.owners()
    lines = list(result.lines())
    is_protected = [line.activity in protect or owner[line.activity] in protect for line in lines]
    protected = total(line.amount for line, p in zip(lines, is_protected, strict=True) if p)
    grand = total(line.amount for line in lines)
    limit = ceiling.amount.value
    feasible = protected <= limit
    if grand <= limit:
        fitted = [line.amount for line in lines]
    else:
        available = max(limit - protected, ZERO)
        free = [(i, line.amount) for i, (line, p) in enumerate(zip(lines, is_protected,
                                                                   strict=True)) if not p]
        shares = split(available, [amount for _, amount in free]) if free and any(
            amount for _, amount in free) else [ZERO for _ in free]
        fitted = [line.amount for line in lines]
        for (index, _), share in zip(free, shares, strict=True):
            fitted[index] = share
    return CeilingResult(ceiling.year, limit, grand, protected, list(zip(lines, fitted,
                                                                       strict=True)),
                         feasible, ceiling.source)


def ceiling_for(result: CostResult, year: int | None = None) -> Ceiling | None:
    year = year or result.program.program.fiscal_year
    return next((c for c in result.program.ceilings if c.year == year), None)
