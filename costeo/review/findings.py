"""A finding: what a check saw, with its evidence (the numbers) and a suggested action.

Text is rendered from :mod:`costeo.review.catalogue` in the reader's language; evidence stays
exact (``Decimal``) until it is formatted with Babel for the reader's locale.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from costeo.diagnostics import SEVERITY_LABEL, Location, Severity
from costeo.i18n import fmt_number
from costeo.money import round_to
from costeo.review.catalogue import FINDINGS

MAX_PLACES = 10
RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def places_of(value: Decimal, limit: int = MAX_PLACES) -> int:
    """Decimal places a value is written with (``2.50`` → 2), at most ``limit``."""
    exponent = value.as_tuple().exponent
    return 0 if not isinstance(exponent, int) or exponent >= 0 else min(-exponent, limit)


def natural(value: Decimal, limit: int = MAX_PLACES) -> Decimal:
    """The value with at most ``limit`` places and no trailing zeros after the point."""
    rounded = round_to(value, min(places_of(value, 34), limit))
    if rounded == rounded.to_integral_value():
        return rounded.quantize(Decimal(1))
    return rounded.normalize()


class _Formatter(string.Formatter):
    def __init__(self, locale: str) -> None:
        self.locale = locale

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in ("money", "int", "pct", "num"):
            if value is None:
                return "—"
            number = value if isinstance(value, Decimal) else Decimal(str(value))
            if format_spec == "money":
                return fmt_number(number, 2, self.locale)
            if format_spec == "int":
                return fmt_number(number, 0, self.locale)
            if format_spec == "pct":
                return fmt_number(number * 100, 2, self.locale) + " %"
            return fmt_number(natural(number), places_of(natural(number)), self.locale)
        return super().format_field(value, format_spec)


def render_text(template: str, args: dict[str, Any], locale: str) -> str:
    return _Formatter(locale).format(template, **args)


@dataclass
class Finding:
    """One finding of one check on one subject.

    ``item`` names what is flagged (a row, a product, the program) so findings can be matched
    and grouped; ``stake`` is the budget amount the finding puts in question, used to order
    the reviewer's summary.
    """

    code: str
    subject: str
    location: Location | None
    evidence: dict[str, Any] = field(default_factory=dict)
    item: str = ""
    stake: Decimal | None = None
    severity: Severity | None = None

    def __post_init__(self) -> None:
        if self.code not in FINDINGS:
            raise KeyError(f"unknown finding code {self.code!r}")
        if self.severity is None:
            self.severity = Severity(FINDINGS[self.code].severity)

    @property
    def level(self) -> Severity:
        assert self.severity is not None
        return self.severity

    @property
    def check(self) -> str:
        return FINDINGS[self.code].check

    def title(self, lang: str = "es") -> str:
        entry = FINDINGS[self.code]
        return entry.title_en if lang == "en" else entry.title_es

    def message(self, lang: str = "es", locale: str = "es_PE") -> str:
        entry = FINDINGS[self.code]
        args = dict(self.evidence)
        if lang == "en":  # words in the evidence carry their English form as ``<key>_en``
            args.update({k[:-3]: v for k, v in self.evidence.items() if k.endswith("_en")})
        return render_text(entry.en if lang == "en" else entry.es, args,
                           "en_US" if lang == "en" else locale)

    def action(self, lang: str = "es") -> str:
        entry = FINDINGS[self.code]
        return entry.action_en if lang == "en" else entry.action_es

    def format(self, lang: str = "es", locale: str = "es_PE") -> str:
        where = str(self.location) if self.location else "-"
        label = SEVERITY_LABEL[lang][self.level.value]
        what = f" {self.item}:" if self.item else ""
        return (f"{where} [{self.code}] {label}:{what} {self.message(lang, locale)}\n    "
                + ("acción" if lang == "es" else "action") + f": {self.action(lang)}")

    def to_dict(self, lang: str = "es", locale: str = "es_PE") -> dict[str, Any]:
        return {
            "code": self.code,
            "check": self.check,
            "severity": self.level.value,
            "subject": self.subject,
            "item": self.item,
            "location": self.location.to_dict() if self.location else None,
            "title": self.title(lang),
            "message": self.message(lang, locale),
            "action": self.action(lang),
            "stake": str(self.stake) if self.stake is not None else None,
            "evidence": {k: (str(v) if isinstance(v, Decimal) else v)
                         for k, v in self.evidence.items()},
        }
