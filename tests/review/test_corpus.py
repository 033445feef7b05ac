"""The detection bar, guarded in CI: on generated formulations with planted problems, every
finding code finds ≥ 95% of its plants and flags ≤ 5% of the clean formulations.

The full-size run (240+ formulations, figures recorded in docs/concepts/review.md) is
``bench/review_corpus.py``; this is the same generator and measure on smaller corpora.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from bench.review_corpus import KINDS, generate, measure, run
from costeo.review import review


@pytest.mark.parametrize("seed", [2014, 61])
def test_every_code_finds_its_plants_and_spares_clean_formulations(seed: int) -> None:
    corpus, rates, accuracy = run(120, seed)
    assert len(corpus.subjects) == 120
    for code in KINDS:
        rate = rates[code]
        assert rate.planted >= 2, f"{code}: too few plants to measure"
        assert rate.clean >= 30
        assert rate.recall >= Decimal("0.95"), f"{code}: found {rate.found}/{rate.planted}"
        assert rate.fp_rate <= Decimal("0.05"), (
            f"{code}: {rate.false_flags} of {rate.clean} clean formulations flagged")
    assert accuracy >= Decimal("0.95")


def test_a_missed_plant_lowers_the_recall() -> None:
    """The measure can fail: with the checks' findings dropped, recall falls to zero."""
    corpus = generate(120, 2014)
    report = review(corpus.subjects, "strict")
    for subject_review in report.subjects:
        subject_review.findings = [f for f in subject_review.findings
                                   if f.code != "row-arithmetic"]
    rates, _ = measure(corpus, report)
    assert rates["row-arithmetic"].planted > 0
    assert rates["row-arithmetic"].recall == 0


def test_clean_published_totals_carry_source_rounding_and_are_only_notes() -> None:
    """Published subtotals are rounded from unrounded rows, like the Qali Warma total: they
    may differ from the sum of the rows by a unit or so, which is a note, never an error."""
    corpus = generate(120, 2014)
    planted = {p.subject for p in corpus.plants}
    report = review(corpus.subjects, "strict")
    notes = [f for i, s in enumerate(report.subjects) if i not in planted
             for f in s.findings if f.code == "subtotal-rounding"]
    assert notes, "the corpus should exercise source rounding"
    for note in notes:
        assert abs(note.evidence["difference"]) <= note.evidence["tolerance"]
