"""The review of the bundled examples, with figures computed by hand from DOMAIN.md."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from costeo import Loaded, load_program, load_text
from costeo.money import div
from costeo.review import SubjectReview, review
from costeo.review.checks.legal_floors import legal_floor
from costeo.review.from_model import from_result
from costeo.review.subject import Costing, RowKind
from tests.conftest import ALL_EXAMPLES, CASH_TRANSFERS


def reviewed(loaded: Loaded, tier: str = "basic") -> SubjectReview:
    assert loaded.result is not None
    return review([from_result(loaded.result, loaded.file)], tier).subjects[0]


def codes(subject_review: SubjectReview) -> list[str]:
    return [f.code for f in subject_review.findings]


def test_school_meals_rows_are_consistent_with_display_rounding(school_meals: Loaded) -> None:
    """All 24 published rows: amount ÷ (users × 191) rounds to the displayed unit cost."""
    result = reviewed(school_meals, "strict")
    rows = result.subject.main.lines()
    assert len(rows) == 24
    first = rows[0]
    assert (first.unit_cost, first.target, first.amount, first.factor, first.decimals) == (
        Decimal("2.55"), Decimal(82142), Decimal(40077453), Decimal(191), 2)
    assert "row-arithmetic" not in codes(result)


def test_school_meals_subtotals_one_sol_off_are_rounding_notes(school_meals: Loaded) -> None:
    result = reviewed(school_meals)
    notes = {f.evidence["published"]: f for f in result.findings
             if f.code == "subtotal-rounding"}
    assert set(notes) == {Decimal(1176161644), Decimal(696364043)}
    total = notes[Decimal(1176161644)]
    assert total.evidence["computed"] == Decimal(1176161643)
    assert total.evidence["difference"] == 1
    assert total.evidence["rows"] == 24
    # 24 rows and the total, each rounded to the sol: ±0.5 × 25
    assert total.evidence["tolerance"] == Decimal("12.5")
    raciones = notes[Decimal(696364043)]
    assert (raciones.evidence["computed"], raciones.evidence["rows"]) == (696364042, 8)
    assert total.level.value == "info"
    assert "subtotal-mismatch" not in codes(result)


def test_school_meals_is_top_down_and_untraced(school_meals: Loaded) -> None:
    result = reviewed(school_meals)
    low = next(f for f in result.findings if f.code == "low-traceability")
    assert low.evidence["traced"] == 0
    assert low.evidence["untraced_amount"] == Decimal("1176161643")
    method = result.methodology
    assert method is not None and method.evidence["direction"] == "descending"
    assert "descendente (100.00 %)" in method.message("es")


def test_juntos_transfers_cover_the_legal_floor(cash_transfers: Loaded) -> None:
    result = reviewed(cash_transfers, "strict")
    rules = {r.activity: r for r in result.subject.transfers}
    assert legal_floor(rules["5000011"]) == Decimal("200.02")     # 200 × (1 + 0.01%)
    assert legal_floor(rules["5000012"]) == Decimal("452.0452")   # 452 × (1 + 0.01%)
    met = {f.item: f for f in result.findings if f.code == "legal-floor-met"}
    assert set(met) == {"5000011", "5000012"}
    assert met["5000011"].evidence["unit_cost"] == Decimal("200.02")  # 739,570 × 200.02 …
    assert "below-legal-floor" not in codes(result)
    # the S/ 200 bimonthly transfer is a legal amount, not a plug
    assert "round-amount" not in codes(result)


def test_juntos_common_actions_are_eleven_percent(cash_transfers: Loaded) -> None:
    result = reviewed(cash_transfers)
    high = next(f for f in result.findings if f.code == "common-share-high")
    amount = Decimal(66904045) + Decimal(50294341)   # staff + other operating costs
    assert high.evidence["amount"] == amount
    budget = Decimal("1053723229.57")
    assert high.evidence["share"] == div(amount, budget)
    assert high.message("es").startswith("las acciones comunes suman 117,198,386.00, el 11.12 %")
    assert high.stake == amount
    assert result.summary()[0].code == "common-share-high"


def test_health_declared_management_lowers_traceability(health: Loaded) -> None:
    result = reviewed(health)
    note = next(f for f in result.findings if f.code == "traceability")
    untraced = Decimal("222000.00") + Decimal("60000.00")   # declared 12 × 18,500; 4 × 15,000
    budget = Decimal("11129531.85")
    assert note.evidence["untraced_amount"] == untraced
    assert note.evidence["traced"] == div(budget - untraced, budget)
    assert note.message("es", "es_EC").startswith("el 97,47 % del presupuesto")
    method = result.methodology
    assert method is not None
    assert method.evidence["direction"] == "ascending"
    costing = {r.activity: r.costing for r in result.subject.main.lines()}
    assert costing["5000104"] is Costing.OBSERVED and costing["5000901"] is Costing.DECLARED
    assert "costo estándar; costo observado" in method.message("es", "es_EC")


def test_health_round_management_amounts_in_strict_tier(health: Loaded) -> None:
    assert "round-amount" not in codes(reviewed(health))
    strict = reviewed(health, "strict")
    rounds = sorted(f.evidence["amount"] for f in strict.findings if f.code == "round-amount")
    assert rounds == [Decimal("60000.00"), Decimal("222000.00")]


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_model_subtotals_cover_their_rows(example: Path) -> None:
    loaded = load_program(example)
    assert loaded.result is not None
    subject = from_result(loaded.result, loaded.file)
    total = next(r for r in subject.main.rows if r.kind is RowKind.TOTAL)
    assert total.amount == loaded.result.total
    assert sum(subject.main.rows[i].amount or 0 for i in total.covers) == loaded.result.total
    assert "row-arithmetic" not in codes(review([subject]).subjects[0])


def test_juntos_declares_at_most_six_payments_per_household(cash_transfers: Loaded) -> None:
    """The program's review rule: regular-scheme payments ÷ households affiliated at the end of
    bimestre VI (843,620) within 0–6 (one payment a bimestre)."""
    result = reviewed(cash_transfers)
    [ratio] = result.subject.ratios
    assert (ratio.activity, ratio.product, ratio.low, ratio.high) == ("5000011", "3000002", 0, 6)
    assert result.subject.beneficiaries["3000002"] == 843620
    assert "ratio-out-of-bounds" not in codes(result)
    # 739,570 + 738,564 + 725,985 + 740,628 + 747,899 + 772,960 = 4,465,606 payments
    text = CASH_TRANSFERS.read_text(encoding="utf-8").replace(
        "      low: 0\n      high: 6\n", "      low: 0\n      high: 5\n")
    loaded = load_text(text, str(CASH_TRANSFERS))
    [finding] = [f for f in reviewed(loaded).findings if f.code == "ratio-out-of-bounds"]
    assert finding.evidence["activity_target"] == 4465606
    assert finding.evidence["ratio"] == div(Decimal(4465606), Decimal(843620))  # 5.2934…
    assert finding.location is not None and finding.location.line > 0


def test_school_meals_segments_add_up_to_the_published_users(school_meals: Loaded) -> None:
    result = reviewed(school_meals)
    [ratio] = result.subject.ratios
    assert (ratio.low, ratio.high) == (1, 1)
    assert result.subject.beneficiaries["3000001"] == 2929298
    assert "ratio-out-of-bounds" not in codes(result)
