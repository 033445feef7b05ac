"""The review report as one self-contained HTML file (inline CSS, no scripts, no URLs).

Python formats every figure from its exact Decimal for the program's locale; the Jinja2
template (``templates/review.html``, autoescaped) only lays them out.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from costeo import __version__
from costeo.formulation.result import CostResult
from costeo.i18n import fmt_number
from costeo.io.atomic import replace_atomically
from costeo.reports.review_common import evidence_items, severity_text
from costeo.review.findings import natural, places_of
from costeo.review.labels import TEXT, rt
from costeo.review.report import ReviewReport, SubjectReview


def _value(value: Any, locale: str) -> str:
    if isinstance(value, (Decimal, int)):
        exact = natural(Decimal(value))
        return fmt_number(exact, places_of(exact), locale)
    return str(value)


def review_view(review: SubjectReview, lang: str) -> dict[str, Any]:
    """One program's review as the HTML pages show it (the report and the web app): texts in
    ``lang``, figures formatted in the subject's locale, evidence named."""
    s, locale = review.subject, review.locale
    method = review.methodology
    counts = review.counts()
    return {
        "code": s.code, "name": s.name, "currency": s.currency,
        "version": s.version or (s.year or ""),
        "origin": rt("model" if s.origin == "model" else "published", lang),
        "file": s.location.file if s.location else "",
        "budget": fmt_number(review.budget, 2, locale),
        "methodology": method.message(lang, locale) if method else "",
        "counts": ", ".join(f"{counts[k]} {rt(w, lang)}" for k, w in
                            (("error", "errors"), ("warning", "warnings"), ("info", "notes"))),
        "count_by": counts,
        "summary": [{
            "title": i.example.title(lang), "level": i.severity.value,
            "severity": severity_text(i.severity.value, lang), "count": i.count,
            "stake": fmt_number(i.stake, 2, locale),
            "why": i.example.message(lang, locale), "action": i.example.action(lang),
            "code": i.code,
        } for i in review.summary()],
        "findings": [{
            "code": f.code, "title": f.title(lang), "level": f.level.value,
            "severity": severity_text(f.level.value, lang),
            "item": f.item, "message": f.message(lang, locale), "action": f.action(lang),
            "location": str(f.location) if f.location else "-",
            "evidence": [(k, _value(v, locale)) for k, v in evidence_items(f, lang)],
        } for f in review.problems],
    }


def program_review(result: CostResult, lang: str) -> dict[str, Any]:
    """The basic-tier review of a costed program, for the program's own HTML report."""
    from costeo.review import review_result

    checked = review_result(result, lang)
    return {"T": {key: rt(key, lang) for key in TEXT}, **review_view(checked, lang)}


def render_review_html(report: ReviewReport) -> str:
    env = Environment(loader=PackageLoader("costeo.reports", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    lang = report.lang
    return env.get_template("review.html").render(
        lang=lang, version=__version__, tier=report.tier,
        T={key: rt(key, lang) for key in TEXT},
        subjects=[review_view(s, lang) for s in report.subjects])


def write_review_html(report: ReviewReport, path: Path) -> Path:
    path = Path(path)
    text = render_review_html(report)
    replace_atomically(path, lambda temp: temp.write_text(text, encoding="utf-8"))
    return path
