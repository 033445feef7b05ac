"""Planning tables both reports show: the ceiling, the multi-year frame, the monthly phasing.

Each table holds raw values (Decimals) and the kind of each column, so the HTML report formats
them as text and the workbook writes them as numbers with number formats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from costeo.diagnostics import Diagnostics
from costeo.formulation.ceilings import against_ceiling, ceiling_for
from costeo.formulation.multiyear import cost_frame
from costeo.formulation.periods import by_month
from costeo.formulation.result import CostResult
from costeo.i18n import month_name
from costeo.money import ZERO, div
from costeo.reports.labels import label

# column kinds: text, money (2 decimals), percent (a ratio), integer
TEXT, MONEY, PERCENT = "text", "money", "percent"


@dataclass
class PlanTable:
    key: str
    title: str
    heads: list[str]
    kinds: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    foot: list[Any] | None = None
    note: str = ""


def planning_tables(result: CostResult, lang: str, money: Callable[[Decimal], str]
                    ) -> list[PlanTable]:
    """The tables that apply to this program (``money`` formats amounts in notes)."""
    tables = [t for t in (ceiling_table(result, lang, money), frame_table(result, lang)) if t]
    tables.append(monthly_table(result, lang))
    return tables


def ceiling_table(result: CostResult, lang: str, money: Callable[[Decimal], str]
                  ) -> PlanTable | None:
    ceiling = ceiling_for(result)
    if ceiling is None:
        return None
    fit = against_ceiling(result, ceiling)
    names = {p.code: f"{p.code} {p.product.name}" for p in result.products}
    names["common"] = label("common_actions", lang)
    owner = result.owners()
    groups = fit.by(lambda line: owner[line.activity], names, set(ceiling.protect))
    table = PlanTable("ceiling", label("plan_ceiling", lang, year=fit.year),
                      [label("product_activity", lang), label("amount", lang),
                       label("plan_fitted", lang), label("plan_cut", lang)],
                      [TEXT, MONEY, MONEY, MONEY])
    for group in groups:
        mark = f" ({label('plan_protected', lang)})" if group.protected else ""
        table.rows.append([group.name + mark, group.formulated, group.fitted, group.cut])
    fitted = sum((g.fitted for g in groups), ZERO)
    table.foot = [label("total", lang), fit.total, fitted, fit.total - fitted]
    key = "plan_headroom" if fit.gap >= 0 else "plan_excess"
    table.note = label(key, lang, ceiling=money(fit.ceiling), gap=money(abs(fit.gap)))
    if ceiling.source:
        table.note += f" {label('source', lang)}: {ceiling.source}"
    return table


def frame_table(result: CostResult, lang: str) -> PlanTable | None:
    program = result.program
    if program.frame is None:
        return None
    frame = cost_frame(program, Diagnostics(), result.file, result)
    if frame is None:
        return None
    table = PlanTable("frame", program.frame.name or label("plan_frame", lang),
                      [label("year_title", lang), label("plan_projected", lang),
                       label("plan_published", lang), label("plan_difference", lang), "%"],
                      [TEXT, MONEY, MONEY, MONEY, PERCENT])
    for year in frame.years:
        mark = " *" if year.year == program.program.fiscal_year else ""
        table.rows.append([f"{year.year}{mark}", year.result.total, year.published,
                           year.difference, year.difference_share])
    table.note = label("plan_frame_note", lang)
    return table


def monthly_table(result: CostResult, lang: str) -> PlanTable:
    months = by_month(result)
    table = PlanTable("months", label("plan_months", lang),
                      [label("plan_month", lang), label("amount", lang), label("share", lang)],
                      [TEXT, MONEY, PERCENT])
    for month, amount in months.items():
        share = div(amount, result.total) if result.total else ZERO
        table.rows.append([month_name(month, lang), amount, share])
    table.foot = [label("total", lang), sum(months.values(), Decimal(0)), Decimal(1)]
    table.note = label("plan_months_note", lang)
    return table
