"""JUNTOS 2014 (DOMAIN.md §4.2): register flow, subsidies with tax and bank charges."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from costeo import Loaded

SUBSIDIES, BANK, STAFF, OTHER = "2.5.4.1.1.1", "2.3.2.7.11.99", "2.3.2.8.1.1", "2.3.1.99.1.99"
# bimestre: initial, entries, exits, final, paid regular, paid alternative (DOMAIN.md §4.2)
REGISTER = {
    "I": (777425, 12842, 11874, 778393, 739570, 3121),
    "II": (778393, 11061, 10974, 778480, 738564, 3122),
    "III": (778480, 21804, 11018, 789266, 725985, 3078),
    "IV": (789266, 42265, 10976, 820555, 740628, 3039),
    "V": (820555, 21404, 10988, 830971, 747899, 3017),
    "VI": (830971, 20462, 7813, 843620, 772960, 3040),
}


def sol(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), ROUND_HALF_UP)


def activity(loaded: Loaded, code: str):  # type: ignore[no-untyped-def]
    assert loaded.result is not None
    return next(a for a in loaded.result.activities() if a.code == code)


def cell_amount(loaded: Loaded, code: str, bimestre: str) -> Decimal:
    act = activity(loaded, code)
    return next(c.amount for c in act.cells if dict(c.key).get("bimestre") == bimestre)


def test_no_errors_or_warnings(cash_transfers: Loaded) -> None:
    assert cash_transfers.result is not None
    assert [d.code for d in cash_transfers.diagnostics] == []


def test_register_flow_holds_each_bimestre() -> None:
    previous_final = None
    for initial, entries, exits, final, _, _ in REGISTER.values():
        assert final == initial + entries - exits
        assert previous_final in (None, initial)
        previous_final = final


def test_targets_come_from_the_register(cash_transfers: Loaded) -> None:
    regular = activity(cash_transfers, "5000011")
    alternative = activity(cash_transfers, "5000012")
    assert [c.target for c in regular.cells] == [r[4] for r in REGISTER.values()]
    assert [c.target for c in alternative.cells] == [r[5] for r in REGISTER.values()]


def test_bimestre_one(cash_transfers: Loaded) -> None:
    # 739,570 × 200.02 = 147,928,791.40 ; 3,121 × 452.0452 = 1,410,833.0692 -> .07
    assert cell_amount(cash_transfers, "5000011", "I") == Decimal("147928791.40")
    assert sol(cell_amount(cash_transfers, "5000011", "I")) == 147928791
    assert cell_amount(cash_transfers, "5000012", "I") == Decimal("1410833.07")
    assert sol(cell_amount(cash_transfers, "5000012", "I")) == 1410833
    # bank charges: 742,691 × 7.00
    assert cell_amount(cash_transfers, "5000014", "I") == Decimal("5198837.00")


def test_subsidy_per_payment_includes_the_tax(cash_transfers: Loaded) -> None:
    assert activity(cash_transfers, "5000011").unit_cost == Decimal("200.02")
    assert activity(cash_transfers, "5000012").unit_cost == Decimal("452.0452")


def test_annual_figures(cash_transfers: Loaded) -> None:
    result = cash_transfers.result
    assert result is not None
    by_classifier = result.by_classifier()
    assert sol(by_classifier[SUBSIDIES]) == 905369846
    assert by_classifier[BANK] == Decimal(31154998)
    assert by_classifier[STAFF] == Decimal(66904045)
    assert by_classifier[OTHER] == Decimal(50294341)
    assert sol(result.total) == 1053723230
    share = by_classifier[SUBSIDIES] / result.total * 100
    assert share.quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal("85.92")


def test_average_cost_per_household_paid_per_bimestre(cash_transfers: Loaded) -> None:
    result = cash_transfers.result
    assert result is not None
    paid = sum(r[4] + r[5] for r in REGISTER.values())
    assert paid == 4484023
    assert sol(result.total / paid) == 235


def test_bank_charges_are_billed_one_bimestre_in_arrears(cash_transfers: Loaded) -> None:
    bank = activity(cash_transfers, "5000014")
    paid = [r[4] + r[5] for r in REGISTER.values()]
    assert [c.target for c in bank.cells] == [742691, *paid[:-1]]
    figure = cash_transfers.result.find("5000014[II]")  # type: ignore[union-attr]
    assert figure is not None
    lines = {leaf.loc.line for leaf in figure.leaves() if leaf.loc and leaf.role == "register"}
    assert len(lines) == 1  # both counts come from the register row of bimestre I
