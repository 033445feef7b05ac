"""Methodology: classify each program's costing, with the reasons that led to it.

* standard cost (bottom-up inputs) and/or observed cost (spent ÷ produced at sites);
* ascending (built from inputs or observations) and/or descending (an envelope or a fixed
  amount split down; or, in a published table, the top-down signals the other checks found);
* declared: unit costs given with no breakdown, which show no method at all.

The shares are of the budget (the main table's lines). Runs last: it reads the findings of the
other checks on the same subject.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from costeo.i18n import fmt_number, locale_for
from costeo.money import ZERO, div, total
from costeo.review.findings import Finding
from costeo.review.registry import Context, register
from costeo.review.subject import Costing, ReviewSubject

SIGNALS = ("round-per-beneficiary", "quotient-of-round", "round-amount")
WORDS = {
    "standard": ("costo estándar", "standard cost"),
    "observed": ("costo observado", "observed cost"),
    "ascending": ("ascendente", "ascending"),
    "descending": ("descendente", "descending"),
    "declared": ("declarado sin desagregar", "declared without breakdown"),
    "undetermined": ("indeterminada", "undetermined"),
    "and": (" y ", " and "),
}


def _w(key: str, lang: str) -> str:
    es, en = WORDS[key]
    return en if lang == "en" else es


def _pct(value: Decimal, lang: str, country: str | None = None) -> str:
    return fmt_number(value * 100, 2, locale_for(lang, country)) + " %"


@register("methodology", "basic", ("methodology",), last=True)
def check_methodology(subject: ReviewSubject, context: Context) -> Iterator[Finding]:
    lines = [r for r in subject.main.lines() if r.amount is not None]
    budget = total(r.amount for r in lines if r.amount is not None)
    if budget <= 0:
        return
    shares = {c.value: div(total(r.amount for r in lines if r.costing is c and r.amount),
                           budget) for c in Costing}
    signals = [f for f in context.findings_of(subject) if f.code in SIGNALS]
    signal_amount = min(budget, total(f.stake or ZERO for f in signals))
    unknown = shares[Costing.UNKNOWN.value]
    ascending = shares["bottom_up"] + shares["observed"]
    descending = shares["top_down"] + (div(signal_amount, budget) if unknown else ZERO)
    kinds = [k for k, share in (("standard", shares["bottom_up"]),
                                ("observed", shares["observed"])) if share > 0]
    directions = [k for k, share in (("ascending", ascending), ("descending", descending))
                  if share > 0]
    if not directions:
        direction = "declared" if shares["declared"] > 0 else "undetermined"
    else:
        direction = "mixed" if len(directions) == 2 else directions[0]
        # the larger share leads; a minor top-down part does not make a program "mixed"
        if len(directions) == 2 and min(ascending, descending) < Decimal("0.05"):
            direction = "ascending" if ascending > descending else "descending"
    evidence: dict[str, object] = {"direction": direction, "shares": shares,
                                   "signals": sorted({f.code for f in signals})}
    for lang, suffix in (("es", ""), ("en", "_en")):
        parts = [_w(k, lang) for k in kinds]
        parts += [f"{_w(k, lang)} ({_pct(s, lang, subject.country)})" for k, s in
                  (("ascending", ascending), ("descending", descending)) if s > 0]
        if shares["declared"] > 0:
            parts.append(f"{_w('declared', lang)} "
                         f"({_pct(shares['declared'], lang, subject.country)})")
        evidence["label" + suffix] = "; ".join(parts) or _w("undetermined", lang)
        evidence["reasons" + suffix] = "; ".join(_reasons(shares, signals, lang,
                                                           subject.country))
    yield Finding("methodology", subject.code, subject.location, evidence, item=subject.code)


def _reasons(shares: dict[str, Decimal], signals: list[Finding], lang: str,
             country: str | None) -> list[str]:
    es = lang != "en"

    def _pct(value: Decimal, lang: str) -> str:
        return fmt_number(value * 100, 2, locale_for(lang, country)) + " %"

    out = []
    if shares["bottom_up"]:
        out.append((f"{_pct(shares['bottom_up'], lang)} del presupuesto se arma desde insumos "
                    "(P × Q)") if es else
                   f"{_pct(shares['bottom_up'], lang)} of the budget is built from inputs (P × Q)")
    if shares["observed"]:
        out.append((f"{_pct(shares['observed'], lang)} usa costos observados en sitios") if es
                   else f"{_pct(shares['observed'], lang)} uses costs observed at sites")
    if shares["top_down"]:
        out.append((f"{_pct(shares['top_down'], lang)} reparte un monto asignado") if es else
                   f"{_pct(shares['top_down'], lang)} splits down an allocated amount")
    if shares["declared"]:
        out.append((f"{_pct(shares['declared'], lang)} declara el costo unitario sin "
                    "desagregar") if es else
                   f"{_pct(shares['declared'], lang)} declares the unit cost without breakdown")
    if shares["unknown"]:
        out.append((f"{_pct(shares['unknown'], lang)} es un cuadro publicado que no muestra "
                    "cómo se obtuvo el costo") if es else
                   f"{_pct(shares['unknown'], lang)} is a published table that does not show "
                   "how the cost was obtained")
    if signals:
        codes = ", ".join(sorted({f.code for f in signals}))
        out.append((f"{len(signals)} señales de costeo descendente ({codes})") if es else
                   f"{len(signals)} top-down signals ({codes})")
    return out
