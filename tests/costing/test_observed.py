"""Observed cost across sites: spent ÷ produced at each site, then the simple mean of the
site costs or the weighted mean (total spent ÷ total produced)."""

from __future__ import annotations

from decimal import Decimal as D

from .programs import activity, diagnostics, leaves, line_of, lines, load, program

# site costs:
#   Distrito 09D01: 41,250.00 ÷ 5,500 = 7.50
#   Distrito 17D03: 32,240.00 ÷ 5,200 = 6.20
#   Distrito 15D01: 20,160.00 ÷ 1,800 = 11.20
# mean     = (7.50 + 6.20 + 11.20) ÷ 3 = 24.90 ÷ 3 = 8.30
# weighted = (41,250 + 32,240 + 20,160) ÷ (5,500 + 5,200 + 1,800) = 93,650 ÷ 12,500 = 7.492
# (the weighted mean is lower: the dearest site produces least)
FOLLOW_UP = program("""\
    products:
      - code: "3000901"
        name: Niñas y niños con vacunas completas para su edad
        unit: niño vacunado
        activities:
          - code: "5000901"
            name: Seguimiento nominal de niños con vacuna pendiente
            unit: niño seguido
            target: 26000
            cost:
              method: observed
              average: mean
              classifier: "2.3.2.1.2.99"
              source: Ejecución 2024 de tres distritos de salud (ilustrativa)
              records:
                - site: Distrito 09D01
                  spent: 41250.00
                  produced: 5500
                - site: Distrito 17D03
                  spent: 32240.00
                  produced: 5200
                - site: Distrito 15D01
                  spent: 20160.00
                  produced: 1800
    """)
WEIGHTED = FOLLOW_UP.replace("average: mean", "average: weighted")


def test_simple_mean_of_site_costs():
    result = load(FOLLOW_UP)
    follow_up = activity(result, "5000901")
    assert follow_up.unit_cost == D("8.30")
    # 26,000 × 8.30 = 215,800.00
    assert lines(result, "5000901") == {("", "2.3.2.1.2.99"): D("215800.00")}


def test_weighted_mean_of_site_costs():
    result = load(WEIGHTED)
    follow_up = activity(result, "5000901")
    assert follow_up.unit_cost == D("7.492")
    # 26,000 × 7.492 = 194,792.00
    assert lines(result, "5000901") == {("", "2.3.2.1.2.99"): D("194792.00")}


def test_weighted_is_the_default():
    result = load(FOLLOW_UP.replace("          average: mean\n", ""))
    assert activity(result, "5000901").unit_cost == D("7.492")


def test_observed_lineage():
    t = FOLLOW_UP
    for text, formula in ((FOLLOW_UP, "mean"), (WEIGHTED, "weighted")):
        unit = load(text).figures["5000901/unit_cost"]
        assert unit.formula == formula
        assert [(s.subject, s.formula, s.value) for s in unit.inputs] == [
            ("Distrito 09D01", "site_cost", D("7.50")),
            ("Distrito 17D03", "site_cost", D("6.20")),
            ("Distrito 15D01", "site_cost", D("11.20")),
        ]
        assert leaves(unit) == [
            ("spent", D("41250.00"), "given", line_of(t, "spent: 41250.00")),
            ("produced", D("5500"), "given", line_of(t, "produced: 5500")),
            ("spent", D("32240.00"), "given", line_of(t, "spent: 32240.00")),
            ("produced", D("5200"), "given", line_of(t, "produced: 5200")),
            ("spent", D("20160.00"), "given", line_of(t, "spent: 20160.00")),
            ("produced", D("1800"), "given", line_of(t, "produced: 1800")),
        ]
        spent = unit.inputs[0].inputs[0]
        assert spent.source == "Ejecución 2024 de tres distritos de salud (ilustrativa)"


def test_site_without_production_is_rejected():
    text = FOLLOW_UP.replace("produced: 1800", "produced: 0")
    assert ("zero-divisor", line_of(text, "produced: 0")) in diagnostics(text)


def test_no_records_is_rejected():
    text = FOLLOW_UP[: FOLLOW_UP.index("          records:")] + "          records: []\n"
    assert "no-observations" in [code for code, _ in diagnostics(text)]
