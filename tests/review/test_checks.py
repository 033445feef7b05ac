"""Each check on small tables built from DOMAIN.md's figures, computed by hand."""

from __future__ import annotations

from decimal import Decimal

from costeo.diagnostics import Location
from costeo.money import div
from costeo.review import review
from costeo.review.registry import REGISTRY, checks_for
from costeo.review.subject import (
    BudgetRow,
    BudgetTable,
    Costing,
    Ratio,
    ReviewSubject,
    RowKind,
    TransferRule,
)

D = Decimal
FILE = "qali-warma-2014.csv"

# DOMAIN.md §4.1: raciones, costa y sierra then selva (users, unit cost, amount)
RACIONES = [
    ("preescolar I-II costa", 82142, "2.55", 40077453),
    ("preescolar I-II selva", 11823, "3.08", 6951734),
    ("preescolar III-V costa", 255119, "1.28", 62511414),
    ("preescolar III-V selva", 81958, "1.55", 24294260),
    ("escolar I-II costa", 245792, "3.34", 156614708),
    ("escolar I-II selva", 25855, "3.92", 19341205),
    ("escolar III-V costa", 980999, "1.62", 304244220),
    ("escolar III-V selva", 225631, "1.91", 82329048),
]


def raciones(displayed_first: str = "2.55", subtotal: int = 696364043) -> ReviewSubject:
    rows = [BudgetRow(RowKind.ROW, "raciones", "5000001", "usuario", D(cost if i else
                                                                        displayed_first),
                      D(users), D(amount), D(191), keys={"segmento": name},
                      location=Location(FILE, i + 2))
            for i, (name, users, cost, amount) in enumerate(RACIONES)]
    rows.append(BudgetRow(RowKind.SUBTOTAL, "raciones", None, "usuario", None, D(1909319),
                          D(subtotal), covers=tuple(range(8)), location=Location(FILE, 10)))
    return ReviewSubject("0115", "Qali Warma", 2014, "PEN", [BudgetTable("segmentos", rows)],
                         "published")


def found(subject: ReviewSubject, code: str, tier: str = "basic",
          others: list[ReviewSubject] | None = None) -> list:  # type: ignore[type-arg]
    report = review([*(others or []), subject], tier)
    return [f for f in report.subjects[-1].findings if f.code == code]


def test_published_rows_within_display_rounding_are_consistent() -> None:
    assert found(raciones(), "row-arithmetic") == []


def test_a_wrong_displayed_unit_cost_states_the_implied_one() -> None:
    [finding] = found(raciones(displayed_first="2.65"), "row-arithmetic")
    implied = div(D(40077453), D(82142) * 191)   # 2.5544739…
    assert finding.evidence["implied"] == implied
    # half a cent of display plus half a sol of the amount spread over 15,689,122 user-days
    assert finding.evidence["tolerance"] == D("0.005") + div(D("0.5"), D(82142 * 191))
    assert finding.location == Location(FILE, 2)
    assert "implícito es 2.5544739215 (diferencia -0.0955260785" in finding.message("es")
    assert finding.level.value == "error"


def test_subtotal_one_sol_off_is_a_note_a_real_gap_an_error() -> None:
    [note] = found(raciones(), "subtotal-rounding")
    assert (note.evidence["difference"], note.evidence["tolerance"]) == (1, D("4.5"))
    [error] = found(raciones(subtotal=696364043 + 250), "subtotal-mismatch")
    assert error.evidence["difference"] == 251
    assert error.message("en").startswith("the published amount 696,364,293 differs")


def test_rations_per_child_outside_school_days_bounds() -> None:
    """Rations per child-year must lie between 191 × 1 and 191 × 2 (quintiles I–II get two)."""
    def subject(rations: int) -> ReviewSubject:
        rows = [BudgetRow(RowKind.ROW, "3000001", "raciones", "ración", D("1.62"), D(rations),
                          D(rations) * D("1.62"))]
        return ReviewSubject("0115", "Qali Warma", 2014, "PEN", [BudgetTable("t", rows)],
                             "published", beneficiaries={"3000001": D(1000)},
                             ratios=[Ratio("raciones", "3000001", D(191), D(382),
                                           "raciones por escolar al año")])

    assert found(subject(300_000), "ratio-out-of-bounds") == []
    [finding] = found(subject(400_000), "ratio-out-of-bounds")
    assert finding.evidence["ratio"] == 400
    assert finding.message("es").startswith("raciones por escolar al año: la meta de raciones "
                                            "(400,000) ÷ la de 3000001 (1,000) da 400")


def juntos_table(unit_cost: str, households: int = 777425) -> ReviewSubject:
    """A household-year table: 6 bimonthly payments of S/ 200 + ITF and S/ 7 bank fee."""
    rows = [BudgetRow(RowKind.ROW, "3000002", "5000011", "hogar", D(unit_cost), D(households),
                      D(households) * D(unit_cost), location=Location("juntos.csv", 2)),
            BudgetRow(RowKind.ROW, "3000002", "5000015", "hogar", D("30.00"), D(households),
                      D(households) * D(30), location=Location("juntos.csv", 3))]
    return ReviewSubject("0049", "JUNTOS", 2014, "PEN", [BudgetTable("t", rows)], "published",
                         beneficiaries={"3000002": D(households)},
                         transfers=[TransferRule("5000011", D(200), 6, D("0.0001"), D(7))])


def test_legal_floor_is_amount_times_payments_with_tax_plus_fees() -> None:
    assert found(juntos_table("1242.12"), "below-legal-floor") == []   # 200.02 × 6 + 7 × 6
    [met] = found(juntos_table("1242.12"), "legal-floor-met", "strict")
    assert met.evidence["floor"] == D("1242.1200")
    [below] = found(juntos_table("1200.00"), "below-legal-floor")
    assert below.evidence["shortfall"] == D("42.12")
    assert below.stake == D("42.12") * 777425


def test_a_legal_transfer_is_not_a_plug_but_a_round_total_per_family_is() -> None:
    # 1,242.12 + 30 per household: a total per family of 1,272.12, not round
    assert found(juntos_table("1242.12"), "round-per-beneficiary") == []
    # the other activity set so that the family total lands on S/ 1,300.00: a plug
    subject = juntos_table("1242.12")
    subject.main.rows[1].amount = D(1300) * 777425 - subject.main.rows[0].amount  # type: ignore
    [plug] = found(subject, "round-per-beneficiary")
    assert plug.evidence["per_beneficiary"] == D(1300)
    assert plug.evidence["rows"] == 2


def test_tables_disagree_reports_both_figures() -> None:
    main = raciones()
    second = BudgetTable("por modalidad", [
        BudgetRow(RowKind.ROW, "raciones", None, amount=D(696364042 + 1_000_000),
                  location=Location("modalidad.csv", 2))])
    main.tables.append(second)
    [finding] = found(main, "tables-disagree")
    assert (finding.evidence["first"], finding.evidence["second"]) == (D(696364042),
                                                                       D(697364042))
    assert finding.location == Location("modalidad.csv", 2)
    second.rows[0].amount = D(696364042 + 4)  # 9 rows rounded to the sol each: within ±4.5
    assert found(main, "tables-disagree") == []


def test_unit_cost_jump_against_the_previous_year() -> None:
    before, after = raciones(), raciones(displayed_first="3.40")
    after.year = 2015
    after.main.rows[0].amount = D(82142) * 191 * D("3.40")
    [jump] = found(after, "unit-cost-jump", others=[before])
    assert jump.evidence["before_version"] == "2014"
    assert jump.evidence["after"] == D("3.40")
    assert found(before, "unit-cost-jump", others=[after]) == []  # the earlier has no previous


def test_common_unit_cost_far_above_peers_and_target_without_cost() -> None:
    def program(code: str, monthly: str) -> ReviewSubject:
        rows = [BudgetRow(RowKind.ROW, "3000001", "5000001", "usuario", D(10), D(100_000),
                          D(1_000_000), costing=Costing.BOTTOM_UP, inputs=4),
                BudgetRow(RowKind.ROW, None, "5000901", "acción mensual", D(monthly), D(12),
                          D(12) * D(monthly), common=True, costing=Costing.DECLARED),
                BudgetRow(RowKind.ROW, "3000001", "5000002", "comité", D(0), D(500), D(0))]
        return ReviewSubject(code, code, 2014, "PEN", [BudgetTable("t", rows)], "model")

    peers = [program("A", "5000.10"), program("B", "6100.20"), program("C", "5500.30")]
    [outlier] = found(program("D", "65684.79"), "common-unit-cost-outlier", others=peers)
    assert outlier.evidence["median"] == D("5500.30")
    assert outlier.evidence["peers"] == 3
    [empty] = found(peers[0], "target-without-cost")
    assert empty.evidence["target"] == 500


def test_unit_cost_far_from_the_same_activity_in_other_programs() -> None:
    """DOMAIN.md §4.1: a supervision done costs 274.47 (raciones) and 233.87 (productos)."""
    def program(code: str, cost: str, unit: str = "supervisión realizada") -> ReviewSubject:
        rows = [BudgetRow(RowKind.ROW, "3000001", "Supervisión  del servicio", unit, D(cost),
                          D(400), D(400) * D(cost), location=Location(f"{code}.csv", 2))]
        return ReviewSubject(code, code, 2014, "PEN", [BudgetTable("t", rows)], "published")

    peers = [program("A", "274.47"), program("B", "233.87"), program("C", "250.00")]
    [high] = found(program("D", "1100.00"), "peer-unit-cost-outlier", others=peers)
    assert (high.evidence["median"], high.evidence["times"]) == (D("250.00"), D("4.40"))
    assert high.evidence["programs"] == "A, B, C"
    [low] = found(program("D", "60.00"), "peer-unit-cost-outlier", others=peers)
    assert low.evidence["times"] == D("0.24")  # 60 ÷ 250
    assert found(program("D", "480.00"), "peer-unit-cost-outlier", others=peers) == []
    # another unit, or the same program's other formulations, are no yardstick
    assert found(program("D", "1100.00", "visita"), "peer-unit-cost-outlier", others=peers) == []
    assert found(program("A", "1100.00"), "peer-unit-cost-outlier", others=peers) == []
    # fewer than three peers: no judgement
    assert found(program("D", "1100.00"), "peer-unit-cost-outlier", others=peers[:2]) == []


def test_tiers_are_nested_and_codes_are_catalogued() -> None:
    basic = {c.name for c in checks_for("basic")}
    assert basic <= {c.name for c in checks_for("strict")}
    assert checks_for("basic")[-1].name == "methodology"
    assert {"arithmetic", "tables", "ratios", "top_down", "traceability", "common",
            "legal_floors", "comparisons", "methodology"} <= set(REGISTRY)
