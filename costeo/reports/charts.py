"""Static charts for the HTML report: Altair builds Vega-Lite specs, vl-convert renders SVG.

Rendering runs fully offline (``allowed_base_urls=[]``: no data or fonts are fetched) and the
SVG is made ready to inline in HTML (no XML prolog, no namespace URLs). Bar lengths are floats
(geometry only); every number a reader sees on a bar is formatted in Python from the exact
Decimal with :func:`costeo.i18n.fmt_money`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import altair as alt
import vl_convert

from costeo.formulation.result import ActivityResult, CostResult
from costeo.i18n import SYMBOLS, fmt_money, kind_label, locale_for
from costeo.money import div
from costeo.reports.common import input_name, inputs_total
from costeo.reports.labels import label

FONT = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
LABEL_WIDTH = 330
LABEL_CHARS = 46
PLOT_WIDTH = 620
BAR_STEP = 38
# Axis labels carry line breaks; Vega draws an array of lines as a multi-line label.
WRAP_EXPR = "split(datum.label, '\\n')"

# One colour per input kind, stable across reports (labour is always the same blue...).
KIND_COLOURS: dict[str, str] = {
    "labour": "#1f77b4",
    "item": "#ff7f0e",
    "equipment": "#2ca02c",
    "indirect": "#9467bd",
    "markup": "#8c564b",
    "transfer": "#17becf",
    "fee": "#bcbd22",
    "observed": "#e377c2",
    "top_down": "#7f7f7f",
    "declared": "#d62728",
}
PRODUCT_COLOUR = "#1F4E78"
COMMON_COLOUR = "#8497B0"


def d3_locale(lang: str, country: str | None, currency: str) -> dict[str, Any]:
    """The d3-format locale matching :func:`costeo.i18n.locale_for` (axis tick labels)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    locale = locale_for(lang, country)
    return {
        "decimal": get_decimal_symbol(locale),
        "thousands": get_group_symbol(locale),
        "grouping": [3],
        "currency": [SYMBOLS.get(currency, currency + " "), ""],
    }


def _config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return chart.configure(font=FONT, background="white").configure_view(
        strokeWidth=0).configure_axis(labelFontSize=12, titleFontSize=12,
                                       labelColor="#333333", titleColor="#333333",
                                       domainColor="#999999", tickColor="#999999",
                                       gridColor="#e6e6e6").configure_legend(
        labelFontSize=12, titleFontSize=12, orient="bottom", direction="horizontal",
        columns=4, labelLimit=260, symbolType="square")


def render_svg(chart: alt.TopLevelMixin, lang: str, country: str | None,
               currency: str) -> str:
    """Render a chart to an SVG string ready to inline in an HTML page."""
    svg = vl_convert.vegalite_to_svg(chart.to_dict(), allowed_base_urls=[],
                                     format_locale=d3_locale(lang, country, currency))
    return inline_svg(svg)


def inline_svg(svg: str) -> str:
    """Drop what inline SVG does not need in HTML5 (prolog, namespace URLs) and make it fluid."""
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    return svg.replace("<svg ", '<svg role="img" style="max-width:100%;height:auto" ', 1)


def _scale(maximum: Decimal, currency: str, lang: str) -> tuple[Decimal, str]:
    symbol = SYMBOLS.get(currency, currency).strip()
    if maximum >= Decimal(10_000_000):
        return Decimal(1_000_000), label("millions_of", lang, currency=symbol)
    if maximum >= Decimal(10_000):
        return Decimal(1_000), label("thousands_of", lang, currency=symbol)
    return Decimal(1), label("units_of", lang, currency=symbol)


def _name(code: str, name: str) -> str:
    return wrap(f"{code} {name}".strip())


def wrap(text: str, width: int = LABEL_CHARS, lines: int = 2) -> str:
    """Break a label into at most ``lines`` lines of ``width`` characters ('…' if cut)."""
    words = text.split()
    out: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines - 1:
            rest = " ".join(words[index:])
            if len(rest) > width:
                rest = rest[:width - 1]
                space = rest.rfind(" ")
                rest = (rest[:space] if space > 0 else rest).rstrip(" ,;") + "…"
            current = rest
            break
    out.append(current)
    return "\n".join(out)


def budget_by_product(result: CostResult, lang: str = "es") -> str:
    """Horizontal bars: one per product, plus one for the common actions."""
    info = result.program.program
    locale = locale_for(lang, info.country)
    items: list[tuple[str, Decimal, bool]] = [
        (_name(p.code, p.product.name), p.amount, False) for p in result.products]
    if result.common:
        items.append((label("common_actions", lang), result.common_amount, True))
    maximum = max((amount for _, amount, _ in items), default=Decimal(0))
    factor, unit_title = _scale(maximum, info.currency, lang)
    rows = [{
        "name": name,
        "order": index,
        "value": float(div(amount, factor)),
        "text": fmt_money(amount, info.currency, 2, locale),
        "group": "common" if common else "product",
    } for index, (name, amount, common) in enumerate(items)]
    top = float(div(maximum, factor)) * 1.3 if maximum > 0 else 1.0
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("name:N", sort=alt.EncodingSortField("order"), title=None,
                axis=alt.Axis(labelLimit=LABEL_WIDTH, labelFontSize=12, ticks=False,
                              domain=False, labelExpr=WRAP_EXPR)),
    )
    bars = base.mark_bar(height=BAR_STEP * 0.55).encode(
        x=alt.X("value:Q", title=unit_title, scale=alt.Scale(domain=[0, top], nice=False),
                axis=alt.Axis(format=",~f", tickCount=6)),
        color=alt.Color("group:N", legend=None,
                        scale=alt.Scale(domain=["product", "common"],
                                        range=[PRODUCT_COLOUR, COMMON_COLOUR])),
    )
    texts = base.mark_text(align="left", dx=5, fontSize=12, color="#222222").encode(
        x=alt.X("value:Q"), text=alt.Text("text:N"))
    chart = alt.layer(bars, texts).properties(width=PLOT_WIDTH,
                                              height=alt.Step(BAR_STEP))
    return render_svg(_config(chart), lang, info.country, info.currency)


def _chart_activities(result: CostResult) -> list[ActivityResult]:
    return [a for a in result.activities() if a.inputs and inputs_total(a) > 0]


def unit_cost_buildup(result: CostResult, lang: str = "es") -> str:
    """Stacked horizontal bars, one per activity; segments are its inputs' unit costs.

    Bars are normalised to 100% so that activities costing cents and millions read alike;
    the unit cost itself is printed at the right of each bar.
    """
    info = result.program.program
    locale = locale_for(lang, info.country)
    rows: list[dict[str, Any]] = []
    totals: list[dict[str, Any]] = []
    kinds: list[str] = []
    for order, activity in enumerate(_chart_activities(result)):
        name = _name(activity.code, activity.activity.name)
        base = inputs_total(activity)
        for position, share in enumerate(activity.inputs):
            kind = kind_label(share.kind, lang)
            if share.kind not in kinds:
                kinds.append(share.kind)
            rows.append({
                "activity": name,
                "order": order,
                "position": position,
                "input": input_name(activity, share),
                "kind": kind,
                "share": float(div(share.unit_cost, base)),
            })
        totals.append({"activity": name, "order": order,
                       "text": fmt_money(base, info.currency, 2, locale)})
    ordered = [k for k in KIND_COLOURS if k in kinds] + [k for k in kinds
                                                         if k not in KIND_COLOURS]
    domain = [kind_label(k, lang) for k in ordered]
    colours = [KIND_COLOURS.get(k, "#aaaaaa") for k in ordered]
    y = alt.Y("activity:N", sort=alt.EncodingSortField("order"), title=None,
              axis=alt.Axis(labelLimit=LABEL_WIDTH, labelFontSize=12, ticks=False, domain=False,
                            labelExpr=WRAP_EXPR))
    bars = alt.Chart(alt.Data(values=rows)).mark_bar(
        height=BAR_STEP * 0.55, stroke="white", strokeWidth=1).encode(
        y=y,
        x=alt.X("share:Q", stack="zero", title=label("share_of_unit_cost", lang),
                scale=alt.Scale(domain=[0, 1], nice=False),
                axis=alt.Axis(format=".0%", tickCount=5)),
        color=alt.Color("kind:N", title=label("kind", lang),
                        scale=alt.Scale(domain=domain, range=colours)),
        order=alt.Order("position:Q"),
    )
    texts = alt.Chart(alt.Data(values=totals)).mark_text(
        align="left", dx=6, fontSize=12, color="#222222").encode(
        y=y, x=alt.datum(1), text=alt.Text("text:N"))
    chart = alt.layer(bars, texts).properties(width=PLOT_WIDTH - 90,
                                              height=alt.Step(BAR_STEP))
    return render_svg(_config(chart), lang, info.country, info.currency)
