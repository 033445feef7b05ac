"""Scenarios: changed values, recomputed budgets, differences explained to the scenario line."""

from __future__ import annotations

from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from costeo import Loaded, load_text
from costeo.diagnostics import Diagnostics
from costeo.formulation.scenarios import compare, cost_scenario, inertial
from tests.conftest import CASH_TRANSFERS, HEALTH

PAID_REGULAR = [739570, 738564, 725985, 740628, 747899, 772960]
BANK_HOUSEHOLDS = 742691 + 741686 + 729063 + 743667 + 750916 + 742691  # lagged register


def line_of(path: object, needle: str) -> int:
    text = open(str(path), encoding="utf-8").read().splitlines()  # noqa: SIM115
    return 1 + next(i for i, line in enumerate(text) if needle in line)


def run(loaded: Loaded, name: str):  # type: ignore[no-untyped-def]
    assert loaded.result is not None
    diagnostics = Diagnostics()
    other = cost_scenario(loaded.result.program, name, diagnostics, loaded.file)
    assert other is not None, diagnostics
    return compare(loaded.result, other, "base", name)


def test_higher_transfer(cash_transfers: Loaded) -> None:
    c = run(cash_transfers, "incentivo_220")
    # each bimestre: paid × 220 × 1.0001, rounded to the cent
    expected = sum((D(p) * D("220.022")).quantize(D("0.01"), ROUND_HALF_UP)
                   for p in PAID_REGULAR)
    regular = next(a for a in c.activities if a.code == "5000011")
    assert regular.after == expected
    assert [a.code for a in c.activities if a.difference] == ["5000011"]
    (changed,) = regular.changed
    assert (changed.before, changed.after) == (D("200.00"), D("220.00"))
    assert changed.where.endswith(f":{line_of(CASH_TRANSFERS, 'value: 220.00')}:60")
    assert c.difference == regular.difference


def test_renegotiated_bank_fee(cash_transfers: Loaded) -> None:
    c = run(cash_transfers, "comision_6")
    assert c.difference == -D(BANK_HOUSEHOLDS)  # one sol less per household paid
    bank = next(x for x in c.classifiers if x.code == "2.3.2.7.11.99")
    assert bank.after == D(BANK_HOUSEHOLDS) * 6


def test_target_factor_and_price_change(health: Loaded) -> None:
    c = run(health, "cred_90")
    (cred,) = [a for a in c.activities if a.difference]
    assert cred.code == "5000101"
    labels = {v.label.split(" · ")[0]: (v.before, v.after) for v in cred.changed}
    assert labels["Factor"] == (None, D("0.90"))  # new in the scenario
    assert labels["Precio"] == (D("0.35"), D("0.40"))
    assert all(v.where.startswith(str(HEALTH).split("/")[-1]) or "salud" in v.where
               for v in cred.changed)


def test_parameter_change_reaches_cells_that_name_it(health: Loaded) -> None:
    c = run(health, "vacuna_1_30")
    (vaccination,) = [a for a in c.activities if a.difference]
    assert vaccination.code == "5000103"
    # 270,000 doses at 1.12 -> 1.30 and 30,000 at 1.31 -> 1.52, plus their indirect share
    changed = sorted((v.before, v.after) for v in vaccination.changed)
    assert changed == [(D("1.12"), D("1.30")), (D("1.12"), D("1.30")), (D("1.31"), D("1.52"))]
    direct = 270000 * D("0.18") + 30000 * D("0.21")
    assert vaccination.difference > direct  # the indirect ratio applies to the dearer vaccine


def test_inertial_allocation(health: Loaded) -> None:
    assert health.result is not None
    lines = inertial(health.result, "inercial", Diagnostics())
    assert [(x.code, x.inertial) for x in lines] == [
        ("3000101", D("6720000.00")), ("3000102", D("1837500.00")), ("3000103", D("1995000.00"))]
    vaccines = next(x for x in lines if x.code == "3000102")
    assert vaccines.results_based == next(
        p.amount for p in health.result.products if p.code == "3000102")


def test_a_change_to_something_missing_is_located() -> None:
    text = HEALTH.read_text(encoding="utf-8").replace(
        '{activity: "5000101", input: formatos,', '{activity: "5000101", input: formato,')
    loaded = load_text(text, "salud.yaml")
    (d,) = [d for d in loaded.diagnostics if d.code == "unknown-scenario-target"]
    assert "5000101/formato.price" in d.message("es")
    assert d.location is not None and d.location.line == line_of(HEALTH, "input: formatos")
