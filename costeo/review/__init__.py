"""Review engine: checks that audit a budget formulation the way a budget-quality analyst would.

    from costeo.review import review, review_file
    report = review([review_file("examples/transferencias-juntos-2014.yaml")[0]])

Checks live in :mod:`costeo.review.checks` (one module each) and register with a tier in
:mod:`costeo.review.registry`; findings are rendered from :mod:`costeo.review.catalogue`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from costeo.diagnostics import Diagnostics
from costeo.formulation.result import CostResult
from costeo.i18n import locale_for
from costeo.review.findings import Finding
from costeo.review.registry import STRICT_ONLY, Context, Settings, checks_for
from costeo.review.report import ReviewReport, SubjectReview
from costeo.review.subject import ReviewSubject
from costeo.review.tables import SUFFIXES, read_tables

__all__ = ["Finding", "ReviewReport", "ReviewSubject", "Settings", "SubjectReview", "review",
           "review_file", "review_result", "review_subjects_of"]

def review(subjects: Sequence[ReviewSubject], tier: str = "basic", lang: str = "es",
           settings: Settings | None = None) -> ReviewReport:
    """Run every check of ``tier`` on every subject; comparisons see the whole run."""
    context = Context(list(subjects), tier, settings or Settings())
    selected = checks_for(tier)
    report = ReviewReport(tier, lang)
    for subject in subjects:
        found = context.findings_of(subject)
        for check in selected:
            found.extend(check.run(subject, context))
        shown = [f for f in found if tier == "strict" or f.code not in STRICT_ONLY]
        report.subjects.append(SubjectReview(subject, shown, _locale(subject, lang)))
    return report


def review_result(result: CostResult, lang: str = "es", file: str | None = None) -> SubjectReview:
    """The basic-tier review of one costed program: what `costeo cost` prints and the
    program's own reports (HTML and XLSX) end with."""
    from costeo.review.from_model import from_result

    return review([from_result(result, file)], "basic", lang).subjects[0]


def _locale(subject: ReviewSubject, lang: str) -> str:
    return locale_for(lang, subject.country)


def review_file(path: str | Path, diagnostics: Diagnostics | None = None
                ) -> tuple[ReviewSubject | None, Diagnostics]:
    """Load a program (YAML file or folder) or a published table (.xlsx/.csv) as a subject.

    Returns ``(None, diagnostics)`` when the file cannot be read or costed.
    """
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    path = Path(path)
    if path.suffix.lower() in SUFFIXES:
        return read_tables(path, diagnostics), diagnostics
    from costeo.loader import load_program
    from costeo.review.from_model import from_result

    loaded = load_program(path)
    diagnostics.extend(loaded.diagnostics)
    if loaded.result is None:
        return None, diagnostics
    return from_result(loaded.result, loaded.file), diagnostics
