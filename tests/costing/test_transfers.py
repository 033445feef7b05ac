"""Monetary transfers: payments × amount × (1 + tax) under the subsidy classifier, plus
payments × fee under the fee classifier (JUNTOS 2014, DOMAIN.md §4.2)."""

from __future__ import annotations

from decimal import Decimal as D

from .programs import activity, leaves, line_of, lines, load, program

JUNTOS = program("""\
    parameters:
      subsidio:
        name: Incentivo monetario bimestral
        unit: S/ por pago
        source: Monto bimestral del incentivo (DOMAIN.md §4.2)
        values:
          - {from: 2005-09-01, value: 100.00}
          - {from: 2010-01-01, value: 200.00}
      itf:
        name: Impuesto a las transacciones financieras
        unit: tasa
        source: Ley del ITF
        values:
          - {from: 2011-04-01, value: 0.0001}
    products:
      - code: "3000002"
        name: Hogares reciben incentivos monetarios por cumplir corresponsabilidades
        unit: hogar abonado
        activities:
          - code: "5000011"
            name: Transferencia del incentivo, bimestre I
            unit: hogar abonado
            target: 739570
            cost:
              method: bottom_up
              inputs:
                - id: incentivo
                  kind: transfer
                  name: Incentivo bimestral con ITF
                  amount: $subsidio
                  tax_rate: $itf
                  fee: 7.00
                  fee_classifier: "2.3.2.7.11.99"
                  classifier: "2.5.4.1.1.1"
          - code: "5000012"
            name: Transferencia del esquema alternativo (piloto), bimestre I
            unit: hogar abonado
            target: 3121
            cost:
              method: bottom_up
              inputs:
                - id: incentivo
                  kind: transfer
                  name: Incentivo del esquema alternativo con ITF
                  amount: 452.00
                  tax_rate: 0.0001
                  classifier: "2.5.4.1.1.1"
          - code: "5000015"
            name: Incentivo anual por hogar (seis bimestres)
            unit: hogar
            target: 1000
            cost:
              method: bottom_up
              inputs:
                - id: incentivo
                  kind: transfer
                  name: Incentivos del año
                  amount: 200.00
                  tax_rate: 0.0001
                  fee: 7.00
                  payments: 6
                  classifier: "2.5.4.1.1.1"
    """, year=2014)


def test_subsidy_with_itf_and_fee():
    result = load(JUNTOS)
    regular = activity(result, "5000011")
    # subsidy: 1 payment × 200.00 × (1 + 0.0001) = 200.02 ; fee: 1 × 7.00 = 7.00
    assert {(s.input_id, s.kind, s.classifier): s.unit_cost for s in regular.inputs} == {
        ("incentivo", "transfer", "2.5.4.1.1.1"): D("200.02"),
        ("incentivo.fee", "fee", "2.3.2.7.11.99"): D("7.00"),
    }
    assert regular.unit_cost == D("207.02")
    # 739,570 × 200.02 = 147,914,000 + 14,791.40 = 147,928,791.40 (published: 147,928,791)
    # 739,570 × 7.00 = 5,176,990.00
    assert lines(result, "5000011") == {
        ("", "2.5.4.1.1.1"): D("147928791.40"),
        ("", "2.3.2.7.11.99"): D("5176990.00"),
    }


def test_alternative_scheme_rounds_once():
    result = load(JUNTOS)
    alternative = activity(result, "5000012")
    # 452.00 × 1.0001 = 452.0452 per payment, no fee
    assert alternative.unit_cost == D("452.0452")
    assert [s.input_id for s in alternative.inputs] == ["incentivo"]
    # 3,121 × 452.0452 = 1,410,692 + 141.0692 = 1,410,833.0692 -> 1,410,833.07
    assert lines(result, "5000012") == {("", "2.5.4.1.1.1"): D("1410833.07")}


def test_payments_multiply_subsidy_and_fee():
    result = load(JUNTOS)
    annual = activity(result, "5000015")
    # 6 × 200.00 × 1.0001 = 1,200.12 ; 6 × 7.00 = 42.00 (fee under the subsidy classifier,
    # since no fee_classifier is given)
    assert {s.input_id: s.unit_cost for s in annual.inputs} == {
        "incentivo": D("1200.12"), "incentivo.fee": D("42.00")}
    # both under 2.5.4.1.1.1: (1,200.12 + 42.00) × 1,000 = 1,242,120.00
    assert lines(result, "5000015") == {("", "2.5.4.1.1.1"): D("1242120.00")}


def test_program_total_and_classifiers():
    result = load(JUNTOS)
    # 2.5.4.1.1.1: 147,928,791.40 + 1,410,833.07 + 1,242,120.00 = 150,581,744.47
    # 2.3.2.7.11.99: 5,176,990.00
    assert result.by_classifier() == {"2.3.2.7.11.99": D("5176990.00"),
                                      "2.5.4.1.1.1": D("150581744.47")}
    assert result.total == D("155758734.47")


def test_transfer_lineage():
    result = load(JUNTOS)
    t = JUNTOS
    subsidy = result.figures["5000011/incentivo"]
    assert (subsidy.formula, subsidy.value) == ("transfer", D("200.02"))
    assert leaves(subsidy) == [
        ("payments", D("1"), "default", None),
        # the 2010 amount is in force in 2014, not the 2005 one
        ("amount", D("200.00"), "parameter", line_of(t, "{from: 2010-01-01, value: 200.00}")),
        ("tax_rate", D("0.0001"), "parameter", line_of(t, "{from: 2011-04-01, value: 0.0001}")),
    ]
    assert subsidy.inputs[1].source == "Monto bimestral del incentivo (DOMAIN.md §4.2)"
    unit = result.figures["5000011/unit_cost"]
    fee = unit.inputs[1]
    assert (fee.formula, fee.value) == ("transfer_fee", D("7.00"))
    assert leaves(fee) == [("payments", D("1"), "default", None),
                           ("fee", D("7.00"), "given", line_of(t, "fee: 7.00",
                                                               "code: \"5000011\""))]
    annual = result.figures["5000015/incentivo"]
    assert ("payments", D("6"), "given", line_of(t, "payments: 6")) in leaves(annual)
