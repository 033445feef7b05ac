"""The money rule: round half away from zero to the cent, once per line; split() loses no
cent; and, for random programs, every aggregate is the exact sum of its rounded lines."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import costeo
from costeo.diagnostics import Severity
from costeo.money import round_money, round_to, split

CENT = Fraction(1, 100)


# -- round_money -----------------------------------------------------------------------

@pytest.mark.parametrize(("value", "rounded"), [
    ("2.345", "2.35"), ("-2.345", "-2.35"), ("2.344", "2.34"), ("2.3449999", "2.34"),
    ("0.005", "0.01"), ("-0.005", "-0.01"), ("0.004999", "0.00"), ("2.355", "2.36"),
    ("2.365", "2.37"),  # half-even would give 2.36
    ("1176161643", "1176161643.00"), ("147928791.40", "147928791.40"),
])
def test_round_money_half_away_from_zero(value, rounded):
    result = round_money(D(value))
    assert result == D(rounded)
    assert str(result) == rounded


def test_round_to_is_display_rounding():
    assert round_to(D("2.5545"), 2) == D("2.55")
    assert round_to(D("2.555"), 2) == D("2.56")
    assert round_to(D("1410833.0692"), 0) == D("1410833")
    assert round_to(D("0.5"), 0) == D("1")


def _half_up_oracle(value: D) -> D:
    """Half away from zero with integers only: |x| in thousandths of a cent, + half, floor."""
    exact = Fraction(value)
    sign = -1 if exact < 0 else 1
    cents = (abs(exact) * 100 + Fraction(1, 2)).__floor__()
    return D(sign * cents) / 100


@given(st.decimals(min_value=-10**12, max_value=10**12, places=6))
def test_round_money_matches_integer_oracle(value):
    result = round_money(value)
    assert result == _half_up_oracle(value)
    assert result.as_tuple().exponent == -2
    assert abs(Fraction(result) - Fraction(value)) <= CENT / 2


# -- split -----------------------------------------------------------------------------

def test_split_by_hand():
    # 100.00 in three: 33.33 each leaves 1 cent, given to the first (ties to the earliest)
    assert split(D("100"), [D(1), D(1), D(1)]) == [D("33.34"), D("33.33"), D("33.33")]
    assert split(D("-100"), [D(1), D(1), D(1)]) == [D("-33.34"), D("-33.33"), D("-33.33")]
    # 250,000.00 by 3,100 / 2,500 / 700: see tests/costing/test_top_down.py
    assert split(D("250000"), [D(3100), D(2500), D(700)]) == [
        D("123015.87"), D("99206.35"), D("27777.78")]
    # 0.05 in halves: 2.5 cents each, the odd cent goes to the first
    assert split(D("0.05"), [D(1), D(1)]) == [D("0.03"), D("0.02")]
    # the amount is rounded half up first: 10.005 -> 10.01 = 1,001 cents
    assert split(D("10.005"), [D(1), D(0)]) == [D("10.01"), D("0.00")]


@pytest.mark.parametrize("weights", [[], [D(1), D(-1)], [D(0), D(0)]])
def test_split_rejects_bad_weights(weights):
    with pytest.raises(ValueError):
        split(D("10"), weights)


weights_st = st.lists(
    st.decimals(min_value=0, max_value=10**9, places=4), min_size=1, max_size=12,
).filter(lambda ws: sum(ws) > 0)


@given(st.decimals(min_value=-10**12, max_value=10**12, places=4), weights_st)
def test_split_keeps_every_cent(amount, weights):
    parts = split(amount, weights)
    assert len(parts) == len(weights)
    assert sum(parts, D(0)) == round_money(amount)
    weight_sum = sum(Fraction(w) for w in weights)
    rounded = Fraction(round_money(amount))
    for part, weight in zip(parts, weights, strict=True):
        assert part.as_tuple().exponent == -2
        share = rounded * Fraction(weight) / weight_sum
        assert abs(Fraction(part) - share) < CENT
        if weight == 0:
            assert part == 0
        else:
            assert Fraction(part) * rounded >= 0  # never the opposite sign of the amount


# -- engine-level property ---------------------------------------------------------------

CLASSIFIERS = ["2.3.1.5.1.2", "2.3.2.7.11.99", "2.6.3.2.4.1"]
REGIONS = ["costa", "sierra", "selva"]
money = st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2)
quantity = st.decimals(min_value=D("0.01"), max_value=D("999.99"), places=2)
target = st.decimals(min_value=D("0.00"), max_value=D("999999.99"), places=2)


@st.composite
def programs(draw):
    """A random bottom-up program and, computed apart, the lines it must produce."""
    n_activities = draw(st.integers(1, 5))
    activities = []
    for a in range(n_activities):
        inputs = []
        for i in range(draw(st.integers(1, 4))):
            inputs.append({
                "id": f"in{i}",
                "quantity": draw(quantity),
                "frequency": draw(st.none() | st.integers(1, 12).map(D)),
                "price": draw(money),
                "classifier": draw(st.sampled_from(CLASSIFIERS)),
                "override": draw(st.booleans()),
            })
        cells = None
        if draw(st.booleans()):
            regions = draw(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=3,
                                    unique=True))
            cells = [(r, draw(target), {i["id"]: draw(money) for i in inputs if i["override"]})
                     for r in regions]
        activities.append({
            "code": f"50{a:05d}",
            "target": draw(target),
            "cells": cells,
            "inputs": inputs,
            "common": a > 0 and draw(st.booleans()),
        })
    return activities


def _yaml(activities) -> str:
    out = ['program: {code: "9001", name: Programa aleatorio, entity: Ministerio,',
           '  fiscal_year: 2025, currency: PEN, result: {statement: Resultado}}',
           "dimensions:",
           "  region: {name: Región, values: [costa, sierra, selva]}"]
    products = [a for a in activities if not a["common"]]  # the first one always is
    common = [a for a in activities if a["common"]]

    def block(a, indent):
        pad = " " * indent
        rows = [f"{pad}- code: \"{a['code']}\"", f"{pad}  name: Actividad {a['code']}",
                f"{pad}  unit: unidad"]
        if a["cells"] is None:
            rows.append(f"{pad}  target: {a['target']}")
        rows += [f"{pad}  cost:", f"{pad}    method: bottom_up", f"{pad}    inputs:"]
        for i in a["inputs"]:
            freq = f", frequency: {i['frequency']}" if i["frequency"] is not None else ""
            rows.append(f"{pad}      - {{id: {i['id']}, name: Insumo {i['id']}, "
                        f"quantity: {i['quantity']}{freq}, price: {i['price']}, "
                        f"classifier: \"{i['classifier']}\"}}")
        if a["cells"] is not None:
            overrides = [i["id"] for i in a["inputs"] if i["override"]]
            columns = ", ".join(["target", *(f"price.{o}" for o in overrides)])
            rows += [f"{pad}  cells:", f"{pad}    dimensions: [region]",
                     f"{pad}    columns: [{columns}]", f"{pad}    rows:"]
            for region, cell_target, prices in a["cells"]:
                values = ", ".join([region, str(cell_target), *(str(prices[o])
                                                                for o in overrides)])
                rows.append(f"{pad}      - [{values}]")
        return rows

    out += ["products:", '  - code: "3000001"', "    name: Producto", "    unit: unidad",
            "    activities:"]
    for a in products:
        out += block(a, 6)
    if common:
        out.append("common_actions:")
        for a in common:
            out += block(a, 2)
    return "\n".join(out) + "\n"


def _expected_lines(activities) -> dict[tuple[str, str, str], D]:
    """Each line by hand: round half up (target × Σ quantity × frequency × price) once."""
    expected: dict[tuple[str, str, str], D] = {}
    for a in activities:
        cells = a["cells"] or [("", a["target"], {})]
        for region, cell_target, prices in cells:
            units: dict[str, Fraction] = {}
            for i in a["inputs"]:
                price = prices.get(i["id"], i["price"])
                cost = Fraction(i["quantity"]) * Fraction(i["frequency"] or 1) * Fraction(price)
                units[i["classifier"]] = units.get(i["classifier"], Fraction(0)) + cost
            for classifier, unit in units.items():
                exact = Fraction(cell_target) * unit
                cents = (exact * 100 + Fraction(1, 2)).__floor__()  # all amounts are >= 0
                expected[(a["code"], region, classifier)] = D(cents) / 100
    return expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_every_aggregate_is_the_sum_of_its_rounded_lines(activities):
    text = _yaml(activities)
    loaded = costeo.load_text(text, "aleatorio.yaml")
    errors = [d.format("en") for d in loaded.diagnostics if d.severity is Severity.ERROR]
    assert not errors, (errors, text)
    result = loaded.result
    assert result is not None

    lines = list(result.lines())
    got = {(line.activity, ",".join(v for _, v in line.cell), line.classifier): line.amount
           for line in lines}
    assert len(got) == len(lines)
    assert got == _expected_lines(activities)
    for line in lines:
        exponent = line.amount.as_tuple().exponent
        assert isinstance(exponent, int) and exponent >= -2

    line_sum = sum((line.amount for line in lines), D(0))
    assert result.total == line_sum
    assert result.total == sum(result.by_classifier().values(), D(0))
    assert result.total == sum((p.amount for p in result.products), D(0)) + result.common_amount
    assert result.figure.value == result.total
    for activity in result.activities():
        assert activity.amount == sum((line.amount for line in activity.lines), D(0))
        assert activity.amount == sum((c.amount for c in activity.cells), D(0))
    for classifier, amount in result.by_classifier().items():
        assert result.figures[f"classifier:{classifier}"].value == amount
