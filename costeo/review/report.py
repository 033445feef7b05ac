"""The review of a run: per subject, its findings, methodology and the reviewer's summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from costeo.diagnostics import Severity
from costeo.money import ZERO, total
from costeo.review.findings import RANK, Finding
from costeo.review.subject import ReviewSubject


@dataclass
class SummaryItem:
    """One line of "what to improve and why": a kind of finding, how much it puts at stake."""

    code: str
    severity: Severity
    count: int
    stake: Decimal
    example: Finding

    def to_dict(self, lang: str = "es", locale: str = "es_PE") -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity.value, "count": self.count,
                "stake": str(self.stake), "title": self.example.title(lang),
                "why": self.example.message(lang, locale), "action": self.example.action(lang)}


@dataclass
class SubjectReview:
    subject: ReviewSubject
    findings: list[Finding]
    locale: str = "es_PE"

    @property
    def problems(self) -> list[Finding]:
        """Findings other than the methodology note, worst first, then by amount at stake."""
        items = [f for f in self.findings if f.code != "methodology"]
        return sorted(items, key=lambda f: (RANK[f.level], -(f.stake or ZERO)))

    @property
    def methodology(self) -> Finding | None:
        return next((f for f in self.findings if f.code == "methodology"), None)

    @property
    def budget(self) -> Decimal:
        return total(r.amount for r in self.subject.main.lines() if r.amount is not None)

    def summary(self) -> list[SummaryItem]:
        """One item per finding code: errors and warnings by amount at stake, then notes."""
        groups: dict[str, list[Finding]] = {}
        for finding in self.problems:
            groups.setdefault(finding.code, []).append(finding)
        items = []
        for code, found in groups.items():
            worst = min(found, key=lambda f: (RANK[f.level], -(f.stake or ZERO)))
            items.append(SummaryItem(code, worst.level, len(found),
                                     total(f.stake or ZERO for f in found), worst))
        return sorted(items, key=lambda i: (i.severity is Severity.INFO, -i.stake,
                                            RANK[i.severity], i.code))

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.level.value] += 1
        return out

    def to_dict(self, lang: str = "es") -> dict[str, Any]:
        s = self.subject
        method = self.methodology
        return {
            "code": s.code, "name": s.name, "year": s.year, "currency": s.currency,
            "origin": s.origin, "version": s.version, "budget": str(self.budget),
            "file": s.location.file if s.location else None,
            "methodology": method.to_dict(lang, self.locale) if method else None,
            "counts": self.counts(),
            "summary": [i.to_dict(lang, self.locale) for i in self.summary()],
            "findings": [f.to_dict(lang, self.locale) for f in self.problems],
        }


@dataclass
class ReviewReport:
    tier: str
    lang: str
    subjects: list[SubjectReview] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for s in self.subjects for f in s.findings]

    def exit_code(self) -> int:
        """As for diagnostics: 1 with an error finding, 3 with warnings only, else 0."""
        levels = {f.level for f in self.findings}
        return 1 if Severity.ERROR in levels else 3 if Severity.WARNING in levels else 0

    def to_dict(self) -> dict[str, Any]:
        return {"tier": self.tier, "lang": self.lang,
                "subjects": [s.to_dict(self.lang) for s in self.subjects]}
