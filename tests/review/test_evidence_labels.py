"""Every figure a finding's evidence shows has a name in Spanish and English: reports and the
web app never show a bare key such as ``untraced_amount``."""

from __future__ import annotations

from bench.review_corpus import generate
from costeo.reports.review_common import evidence_items
from costeo.review import review
from costeo.review.labels import EVIDENCE


def test_every_evidence_figure_of_the_corpus_is_named() -> None:
    corpus = generate(120, 2014)
    report = review(corpus.subjects, "strict")
    shown: dict[str, set[str]] = {}
    for finding in report.findings:
        for key, _ in evidence_items(finding, "es"):
            shown.setdefault(finding.code, set()).add(key)
    codes = {f.code for f in report.findings}
    assert len(codes) >= 15  # the corpus plants every kind of problem
    bare = {code: keys - {es for es, _ in EVIDENCE.values()} for code, keys in shown.items()}
    assert not {code: keys for code, keys in bare.items() if keys}


def test_evidence_names_follow_the_language() -> None:
    corpus = generate(30, 2014)
    finding = next(f for f in review(corpus.subjects, "strict").findings
                   if f.code == "traceability")
    spanish = dict(evidence_items(finding, "es"))
    english = dict(evidence_items(finding, "en"))
    assert spanish["Monto no trazado"] == english["Untraced amount"] == \
        finding.evidence["untraced_amount"]
