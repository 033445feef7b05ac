"""The HTML report: one self-contained file (inline CSS and SVG, no scripts, no URLs).

Python prepares every figure as text, formatted from the exact Decimal with the program's
locale (``S/ 1,176,161,643.00`` in Peru, ``$1.176.161.643,00`` in Ecuador, ``en_US`` in
English); the Jinja2 template only lays them out, with autoescaping on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from costeo import __version__
from costeo.formulation.result import ActivityResult, CostResult
from costeo.i18n import fmt_money, fmt_number, kind_label, locale_for
from costeo.io.atomic import replace_atomically
from costeo.model.program import Measure
from costeo.money import ZERO, div, round_to
from costeo.reports import charts
from costeo.reports.common import (
    TableRow,
    activity_row,
    all_activities,
    cell_values,
    classifier_rows,
    diagnostics,
    dimension_name,
    has_segments,
    implied_header,
    input_name,
    input_places,
    inputs_total,
    shows_displayed,
    shows_published,
    table_rows,
)
from costeo.reports.labels import label, severity_label
from costeo.reports.planning import MONEY, PERCENT, TEXT, PlanTable, planning_tables
from costeo.reports.review_html import program_review

# Segment tables longer than this start collapsed (<details>, no script needed).
OPEN_SEGMENTS = 40


@dataclass
class Numbers:
    """Formatting bound to one report's locale and currency."""

    locale: str
    currency: str

    def money(self, value: Decimal) -> str:
        return fmt_money(value, self.currency, 2, self.locale)

    def amount(self, value: Decimal) -> str:
        return fmt_number(value, 2, self.locale)

    def quantity(self, value: Decimal) -> str:
        places = 0 if value == value.to_integral_value() else 2
        return fmt_number(value, places, self.locale)

    def unit_cost(self, value: Decimal, places: int = 2) -> str:
        return fmt_number(value, places, self.locale)


    def percent(self, ratio: Decimal, places: int = 2) -> str:
        return fmt_number(ratio * 100, places, self.locale) + "%"


@dataclass
class Table:
    heads: list[str]
    numeric: list[bool]
    rows: list[list[str]] = field(default_factory=list)
    foot: list[str] | None = None


def _measure(measure: Measure | None, numbers: Numbers) -> str:
    if measure is None:
        return ""
    value = measure.value.value
    places = 0 if value == value.to_integral_value() else 1
    return f"{fmt_number(value, places, numbers.locale)} ({measure.year})"


def _frequency(row: TableRow, numbers: Numbers) -> str:
    if row.frequency is None:
        return ""
    return f"{numbers.quantity(row.frequency)} {row.frequency_unit}".strip()


def _formulation(result: CostResult, lang: str, numbers: Numbers) -> list[dict[str, Any]]:
    rows = []
    for row in table_rows(result, lang):
        rows.append({
            "level": row.level,
            "code": row.code,
            "name": row.name,
            "unit": row.unit,
            "target": numbers.quantity(row.target) if row.target is not None else "",
            "unit_cost": numbers.unit_cost(row.unit_cost) if row.unit_cost is not None else "",
            "amount": numbers.amount(row.amount) if row.level != "total"
            else numbers.money(row.amount),
            "frequency": _frequency(row, numbers),
            "method": row.method,
            "declared": row.declared,
        })
    return rows


def _inputs(activity: ActivityResult, lang: str, numbers: Numbers) -> Table:
    table = Table([label(k, lang) for k in ("input", "kind", "classifier", "input_unit_cost",
                                            "share")],
                  [False, False, False, True, True])
    base = inputs_total(activity)
    places = input_places(activity)
    for share in activity.inputs:
        kind = kind_label(share.kind, lang)
        if share.declared and share.kind != "declared":
            kind += f" ({label('declared', lang)})"
        table.rows.append([input_name(activity, share), kind, share.classifier,
                           numbers.unit_cost(share.unit_cost, places),
                           numbers.percent(div(share.unit_cost, base) if base else ZERO, 1)])
    table.foot = [label("base_unit_cost", lang), "", "", numbers.unit_cost(base, places),
                  numbers.percent(Decimal(1) if base else ZERO, 1)]
    return table


def _segments(result: CostResult, activity: ActivityResult, lang: str,
              numbers: Numbers) -> Table:
    displayed = shows_displayed(activity)
    published = shows_published(activity)
    dims = [dimension_name(result, d) for d in activity.dimensions]
    heads = [*dims, label("target", lang), label(implied_header(activity), lang)]
    numeric = [False] * len(dims) + [True, True]
    if displayed:
        heads.append(label("displayed_unit_cost", lang))
        numeric.append(True)
    heads.append(label("amount", lang))
    numeric.append(True)
    if published:
        heads.append(label("published_amount", lang))
        numeric.append(True)
    table = Table(heads, numeric)
    for cell in activity.cells:
        row = [*cell_values(result, cell), numbers.quantity(cell.target),
               numbers.unit_cost(cell.unit_cost, 4)]
        if displayed:
            row.append(numbers.unit_cost(cell.displayed_unit_cost)
                       if cell.displayed_unit_cost is not None else "")
        row.append(numbers.amount(cell.amount))
        if published:
            row.append(numbers.amount(cell.published_amount)
                       if cell.published_amount is not None else "")
        table.rows.append(row)
    production = activity.target * activity.frequency
    implied = div(activity.amount, production) if production else ZERO
    foot = [label("total", lang)] + [""] * (len(dims) - 1)
    foot += [numbers.quantity(activity.target), numbers.unit_cost(implied, 4)]
    if displayed:
        foot.append("")
    foot.append(numbers.amount(activity.amount))
    if published:
        amounts = [c.published_amount for c in activity.cells]
        foot.append(numbers.amount(sum((a for a in amounts if a is not None), ZERO))
                    if all(a is not None for a in amounts) else "")
    table.foot = foot
    return table


def _activity_detail(result: CostResult, activity: ActivityResult, lang: str,
                     numbers: Numbers) -> dict[str, Any]:
    row = activity_row(activity, lang)
    notes = []
    if activity.declared:
        notes.append(label("declared_mark", lang))
    elif activity.result_mode:
        notes.append(label("result_mode", lang))
    base = inputs_total(activity)
    if activity.inputs and round_to(base, 6) != round_to(activity.unit_cost, 6):
        notes.append(label("unit_cost_per_base", lang))
    segments = None
    segment_notes = []
    if has_segments(activity):
        segments = _segments(result, activity, lang, numbers)
        if activity.frequency != 1:
            segment_notes.append(label("note_segments_frequency", lang,
                                       frequency=numbers.quantity(activity.frequency),
                                       unit=activity.activity.frequency_unit or ""))
        if shows_displayed(activity):
            segment_notes.append(label("note_segments", lang))
    return {
        "code": activity.code,
        "name": activity.activity.name,
        "product": activity.product.code if activity.product is not None else "",
        "facts": [
            (label("method", lang), row.method),
            (label("unit", lang), row.unit),
            (label("target", lang), numbers.quantity(activity.target)),
            (label("frequency", lang),
             _frequency(row, numbers) or numbers.quantity(activity.frequency)),
            (label("unit_cost", lang), numbers.unit_cost(activity.unit_cost)),
            (label("amount", lang), numbers.money(activity.amount)),
        ],
        "declared": activity.declared,
        "notes": notes,
        "inputs": _inputs(activity, lang, numbers) if activity.inputs else None,
        "segments": segments,
        "segment_notes": segment_notes,
    }


def _plan_cell(value: Any, kind: str, numbers: Numbers) -> str:
    if value is None:
        return "—"
    if kind == MONEY:
        return numbers.amount(value)
    if kind == PERCENT:
        return numbers.percent(value)
    return str(value)


def _plan_table(table: PlanTable, numbers: Numbers) -> dict[str, Any]:
    numeric = [kind != TEXT for kind in table.kinds]
    return {
        "title": table.title,
        "note": table.note,
        "table": Table(table.heads, numeric,
                       [[_plan_cell(v, k, numbers) for v, k in zip(row, table.kinds,
                                                                    strict=True)]
                        for row in table.rows],
                       [_plan_cell(v, k, numbers) for v, k in zip(table.foot, table.kinds,
                                                                   strict=True)]
                       if table.foot else None),
    }


def context(result: CostResult, lang: str = "es") -> dict[str, Any]:
    """Everything the template shows, as text (and the charts as inline SVG markup)."""
    info = result.program.program
    numbers = Numbers(locale_for(lang, info.country), info.currency)
    activities = all_activities(result)
    found = diagnostics(result)
    counts = {s: sum(1 for d in found if d.severity.value == s)
              for s in ("error", "warning", "info")}
    return {
        "lang": lang,
        "L": lambda key, **args: label(key, lang, **args),
        "version": __version__,
        "file": result.file,
        "info": {
            "code": info.code,
            "name": info.name,
            "entity": info.entity,
            "fiscal_year": str(info.fiscal_year),
            "currency": info.currency,
            "source": info.source or "",
            "statement": info.result.statement,
            "population": info.result.population or "",
        },
        "indicators": [{
            "code": ind.code,
            "name": ind.name,
            "unit": ind.unit,
            "baseline": _measure(ind.baseline, numbers),
            "target": _measure(ind.target, numbers),
            "source": ind.source or "",
        } for ind in info.result.indicators],
        "cards": [
            (label("total_budget", lang), numbers.money(result.total)),
            (label("products", lang), str(len(result.products))),
            (label("total_activities", lang), str(len(activities))),
            (label("declared_share", lang), numbers.percent(result.declared_share())),
        ],
        "formulation": _formulation(result, lang, numbers),
        "any_declared": any(a.declared for a in activities),
        "classifiers": [(code, numbers.amount(amount), numbers.percent(share))
                        for code, amount, share in classifier_rows(result)],
        "total_amount": numbers.amount(result.total),
        "total_money": numbers.money(result.total),
        "chart_products": Markup(charts.budget_by_product(result, lang)),
        "chart_unit_costs": Markup(charts.unit_cost_buildup(result, lang)),
        "planning": [_plan_table(t, numbers) for t in planning_tables(result, lang,
                                                                        numbers.money)],
        "open_segments": OPEN_SEGMENTS,
        "details": [_activity_detail(result, a, lang, numbers) for a in activities],
        "diagnostics": [{
            "code": d.code,
            "severity": d.severity.value,
            "severity_label": severity_label(d.severity.value, lang),
            "location": str(d.location) if d.location else "-",
            "message": d.message(lang),
            "hint": d.hint(lang),
        } for d in found],
        "review": program_review(result, lang),
        "diagnostic_counts": label("severity_counts", lang, errors=counts["error"],
                                   warnings=counts["warning"], infos=counts["info"]),
    }


def _environment() -> Environment:
    return Environment(loader=PackageLoader("costeo.reports", "templates"),
                       autoescape=select_autoescape(["html"]), trim_blocks=True,
                       lstrip_blocks=True, keep_trailing_newline=True)


def render_html(result: CostResult, lang: str = "es") -> str:
    return _environment().get_template("report.html").render(**context(result, lang))


def write_html(result: CostResult, path: Path, lang: str = "es") -> Path:
    """Write the self-contained HTML report for ``result`` to ``path`` and return the path."""
    path = Path(path)
    text = render_html(result, lang)
    replace_atomically(path, lambda temp: temp.write_text(text, encoding="utf-8"))
    return path
