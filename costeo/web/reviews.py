"""The review findings of a stored version, from the review engine (:mod:`costeo.review`)."""

from __future__ import annotations

from costeo.formulation.result import CostResult
from costeo.review import review
from costeo.review.from_model import from_result
from costeo.review.report import SubjectReview
from costeo.store.models import Version

TIERS = ("basic", "strict")


def review_version(version: Version, result: CostResult, tier: str = "basic",
                   lang: str = "es") -> SubjectReview:
    """Run the ``tier`` checks on the version's costed program (one subject)."""
    report = review([from_result(result, version.file_name)], tier, lang)
    return report.subjects[0]
