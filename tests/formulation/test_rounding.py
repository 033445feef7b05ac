"""Display rounding never changes amounts, and lines reconcile with every aggregate.

Published tables print unit costs to the cent while the amounts use the unrounded value
(DOMAIN.md §3): a line is target × frequency × the unrounded unit cost, rounded once.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from ruamel.yaml import YAML

import costeo
from costeo.diagnostics import Severity
from tests.conftest import ALL_EXAMPLES, CASH_TRANSFERS, HEALTH, SCHOOL_MEALS

HEADER = """\
program:
  code: "0115"
  name: Alimentación escolar (prueba de redondeo)
  entity: MIDIS
  fiscal_year: 2014
  currency: PEN
  result:
    statement: Escolares acceden a alimentos
dimensions:
  zona:
    name: Región
    values: {costa_sierra: Costa y sierra, selva: Selva}
products:
  - code: "3000001"
    name: Escolares reciben el servicio alimentario
    unit: usuario
    activities:
"""

DRIVER = HEADER + """\
      - code: "5000001"
        name: Raciones, preescolar, quintiles I-II
        unit: usuario
        frequency: 191
        cost:
          method: declared
          unit_cost: 2.5545
          classifier: "2.3.1.1.1.1"
        cells:
          dimensions: [zona]
          columns: [target, displayed_unit_cost]
          rows:
            - [costa_sierra, 82142, 2.55]
"""


def _load(text: str) -> costeo.Loaded:
    loaded = costeo.load_text(text, "redondeo.yaml")
    assert not [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    assert loaded.result is not None
    return loaded


def test_displayed_unit_cost_does_not_change_the_amount():
    loaded = _load(DRIVER)
    activity = next(loaded.result.activities())
    # production: 82,142 users × 191 days = 16,428,400 - 739,278 = 15,689,122 rations
    # amount: 15,689,122 × 2.5545 = 31,378,244 + 7,844,561 + 784,456.1 + 70,601.049
    #       = 40,077,862.149 -> 40,077,862.15
    # (with the displayed 2.55 it would be 15,689,122 × 2.55 = 40,007,261.10)
    assert activity.amount == D("40077862.15")
    assert loaded.result.total == D("40077862.15")
    cell = activity.cells[0]
    assert cell.unit_cost == D("2.5545")
    assert cell.displayed_unit_cost == D("2.55")
    # 2.5545 rounds to the printed 2.55: nothing to report
    assert [d.code for d in loaded.diagnostics] == []


def test_displayed_unit_cost_mismatch_is_reported_but_changes_nothing():
    text = DRIVER.replace("[costa_sierra, 82142, 2.55]", "[costa_sierra, 82142, 2.56]")
    loaded = _load(text)
    mismatches = [d for d in loaded.diagnostics if d.code == "displayed-unit-cost-mismatch"]
    assert len(mismatches) == 1
    assert mismatches[0].location.line == text.splitlines().index(
        "            - [costa_sierra, 82142, 2.56]") + 1
    assert loaded.result.total == D("40077862.15")


RESULT_MODE = HEADER + """\
      - code: "5000001"
        name: Raciones, preescolar, quintiles I-II
        unit: usuario
        frequency: 191
        cost:
          method: top_down
          classifier: "2.3.1.1.1.1"
        cells:
          dimensions: [zona]
          columns: [target, amount, displayed_unit_cost]
          rows:
            - [costa_sierra, 82142, 40077453, 2.55]
            - [selva, 11823, 6951734, 3.08]
"""


def test_result_mode_amounts_are_kept_and_unit_costs_implied():
    loaded = _load(RESULT_MODE)
    activity = next(loaded.result.activities())
    costa, selva = activity.cells
    # the published amounts are the budget: 40,077,453 + 6,951,734 = 47,029,187
    assert (costa.amount, selva.amount) == (D("40077453.00"), D("6951734.00"))
    assert loaded.result.total == D("47029187.00")
    # implied: 40,077,453 ÷ 15,689,122: 15,689,122 × 2.5544 = 40,076,293.24..., and the
    #          remaining 1,159.76 ÷ 15,689,122 = 0.0000739 -> 2.5544739 (shows as 2.55)
    #          6,951,734 ÷ (11,823 × 191 = 2,258,193): 2,258,193 × 3.0784 = 6,951,621.33...,
    #          remaining 112.67 ÷ 2,258,193 = 0.0000499 -> 3.0784499 (shows as 3.08)
    assert costa.unit_cost.quantize(D("0.0000001")) == D("2.5544739")
    assert selva.unit_cost.quantize(D("0.0000001")) == D("3.0784499")
    assert [d.code for d in loaded.diagnostics] == []


# -- the bundled examples ----------------------------------------------------------------

@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: Path(p).stem)
def test_examples_reconcile_lines_classifiers_and_totals(path):
    loaded = costeo.load_program(path)
    assert not [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    result = loaded.result
    lines = list(result.lines())
    assert lines
    for line in lines:
        assert line.amount.as_tuple().exponent == -2
    line_sum = sum((line.amount for line in lines), D(0))
    by_classifier = result.by_classifier()
    assert result.total == line_sum
    assert result.total == sum(by_classifier.values(), D(0))
    assert result.total == sum((p.amount for p in result.products), D(0)) + result.common_amount
    for product in result.products:
        assert product.amount == sum((a.amount for a in product.activities), D(0))
    for activity in result.activities():
        assert activity.amount == sum((line.amount for line in activity.lines), D(0))
        assert activity.amount == sum((cell.amount for cell in activity.cells), D(0))
    for classifier, amount in by_classifier.items():
        assert result.figures[f"classifier:{classifier}"].value == amount
    assert result.figures["total"].value == result.total


def test_school_meals_total_is_the_sum_of_the_given_amounts():
    # read the amount column apart from costeo: the engine must neither add nor lose a sol
    data = YAML(typ="safe").load(Path(SCHOOL_MEALS).read_text(encoding="utf-8"))
    rows = data["products"][0]["activities"][0]["cells"]["rows"]
    given = sum(D(str(row[5])) for row in rows)
    assert given == D("1176161643")
    loaded = costeo.load_program(SCHOOL_MEALS)
    assert loaded.result.total == given
    # every implied unit cost rounds to the printed one
    assert "displayed-unit-cost-mismatch" not in [d.code for d in loaded.diagnostics]


def test_cash_transfers_classifiers_by_hand():
    result = costeo.load_program(CASH_TRANSFERS).result
    # regular: 4,465,606 paid households over the year × 200.02 = 893,210,512.12 (each
    #   line n × 200.02 is already in cents)
    # alternative: 452.0452 × 3,121 / 3,122 / 3,078 / 3,039 / 3,017 / 3,040, rounded per line:
    #   1,410,833.07 + 1,411,285.11 + 1,391,395.13 + 1,373,765.36 + 1,363,820.37
    #   + 1,374,217.41 = 8,325,316.45
    # decree (bimestre IV): 3,834,017.00
    # 2.5.4.1.1.1 = 893,210,512.12 + 8,325,316.45 + 3,834,017.00 = 905,369,845.57
    # 2.3.2.7.11.99: lagged households 742,691 + 742,691 + 741,686 + 729,063 + 743,667
    #   + 750,916 = 4,450,714 × 7.00 = 31,154,998.00
    assert result.by_classifier() == {
        "2.3.1.99.1.99": D("50294341.00"),
        "2.3.2.7.11.99": D("31154998.00"),
        "2.3.2.8.1.1": D("66904045.00"),
        "2.5.4.1.1.1": D("905369845.57"),
    }
    # 905,369,845.57 + 31,154,998.00 + 66,904,045.00 + 50,294,341.00
    assert result.total == D("1053723229.57")


def test_health_observed_and_common_actions_by_hand():
    result = costeo.load_program(HEALTH).result
    amounts = {a.code: a.amount for a in result.activities()}
    # observed, weighted: (41,250 + 30,380 + 19,980) ÷ (5,500 + 4,900 + 1,800)
    #   = 91,610 ÷ 12,200 ; × 26,000 = 23,818,600 ÷ 122 = 195,234.426... -> 195,234.43
    assert amounts["5000104"] == D("195234.43")
    # declared 12 × 18,500.00 and a 60,000 envelope
    assert amounts["5000901"] == D("222000.00")
    assert amounts["5000902"] == D("60000.00")
    assert result.common_amount == D("282000.00")
