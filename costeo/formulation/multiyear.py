"""The multi-year frame (marco multianual): the program costed for each frame year.

The fiscal year is the formulation as written. Each other year is a variant: parameters in
force that year, targets of projected activities = population × coverage × per unit, and
price-like values moved by the cumulative price index. Published frame figures, when given,
are shown beside the projection with their difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from costeo.diagnostics import Diagnostics
from costeo.formulation.budget import cost_program
from costeo.formulation.result import CostResult
from costeo.formulation.variants import year_variant
from costeo.model.program import Program
from costeo.money import div


@dataclass
class YearResult:
    year: int
    result: CostResult
    published: Decimal | None = None

    @property
    def difference(self) -> Decimal | None:
        return None if self.published is None else self.result.total - self.published

    @property
    def difference_share(self) -> Decimal | None:
        if self.published is None or self.published == 0:
            return None
        return div(self.result.total - self.published, self.published)


@dataclass
class FrameResult:
    program: Program
    years: list[YearResult]


def cost_frame(program: Program, diagnostics: Diagnostics, file: str = "",
               base: CostResult | None = None) -> FrameResult | None:
    """Cost every year of the program's frame; None when any year cannot be costed."""
    frame = program.frame
    if frame is None:
        return None
    years: list[YearResult] = []
    for year in frame.years:
        if year == program.program.fiscal_year:
            result = base or cost_program(program, diagnostics, file)
        else:
            variant, adjust = year_variant(program, year, diagnostics)
            result = cost_program(variant, diagnostics, file, adjust)
        if result is None:
            return None
        published = frame.published.get(str(year))
        years.append(YearResult(year, result, published.value if published else None))
    return FrameResult(program, years)
