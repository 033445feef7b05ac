"""Top-down (descending) cost: an envelope, or per beneficiary × beneficiaries × share, and
the unit cost as a result: envelope ÷ (target × frequency)."""

from __future__ import annotations

from decimal import Decimal as D

from .programs import activity, diagnostics, leaves, line_of, lines, load, program

ENVELOPES = program("""\
    products:
      - code: "3000701"
        name: Hogares acompañados por gestores locales
        unit: hogar
        activities:
          - code: "5000701"
            name: Acompañamiento familiar
            unit: hogar
            target: 48500
            cost:
              method: top_down
              per_beneficiary: 1234.56
              beneficiaries: 48500
              share: 0.65
              classifier: "2.3.2.8.1.1"
              source: Monto anual por hogar acordado con el MEF
          - code: "5000702"
            name: Talleres comunitarios
            unit: taller
            target: 1200
            cost:
              method: top_down
              per_beneficiary: 1234.56
              beneficiaries: 48500
              share: 0.35
              classifier: "2.3.2.7.11.99"
    common_actions:
      - code: "5000901"
        name: Monitoreo, supervisión y evaluación
        unit: informe
        target: 3
        frequency: 4
        cost:
          method: top_down
          envelope: 100000
          classifier: "2.3.2.7.11.99"
          source: Techo asignado por la unidad financiera
    """)


def test_envelope_divided_by_production():
    result = load(ENVELOPES)
    monitoring = activity(result, "5000901")
    # the amount is the envelope itself: 100,000.00 ...
    assert monitoring.amount == D("100000.00")
    assert monitoring.result_mode
    # ... and the unit cost its result: 100,000 ÷ (3 reports × 4 quarters) = 8,333.333...
    assert monitoring.unit_cost.quantize(D("0.0001")) == D("8333.3333")
    unit = result.figures["5000901/unit_cost"]
    assert unit.formula == "result_unit_cost"
    assert leaves(unit) == [
        ("envelope", D("100000"), "given", line_of(ENVELOPES, "envelope: 100000")),
        ("target", D("3"), "given", line_of(ENVELOPES, "target: 3")),
        ("frequency", D("4"), "given", line_of(ENVELOPES, "frequency: 4")),
    ]
    assert unit.inputs[0].inputs[0].source == "Techo asignado por la unidad financiera"


def test_per_beneficiary_split_among_activities_by_share():
    result = load(ENVELOPES)
    # amount for the product: 1,234.56 × 48,500 families = 59,876,160.00
    #   acompañamiento: × 0.65 = 38,919,504.00
    #   talleres:       × 0.35 = 20,956,656.00   (the two add back to 59,876,160.00)
    assert lines(result, "5000701") == {("", "2.3.2.8.1.1"): D("38919504.00")}
    assert lines(result, "5000702") == {("", "2.3.2.7.11.99"): D("20956656.00")}
    assert result.products[0].amount == D("59876160.00")
    # unit costs follow: 38,919,504 ÷ 48,500 = 802.464 (= 1,234.56 × 0.65)
    #                    20,956,656 ÷ 1,200  = 17,463.88
    assert activity(result, "5000701").unit_cost == D("802.464")
    assert activity(result, "5000702").unit_cost == D("17463.88")
    envelope = result.figures["5000701/unit_cost"].inputs[0].inputs[0]
    assert (envelope.role, envelope.formula) == ("envelope", "per_beneficiary")
    assert leaves(envelope) == [
        ("per_beneficiary", D("1234.56"), "given",
         line_of(ENVELOPES, "per_beneficiary: 1234.56", "code: \"5000701\"")),
        ("beneficiaries", D("48500"), "given",
         line_of(ENVELOPES, "beneficiaries: 48500", "code: \"5000701\"")),
        ("share", D("0.65"), "given", line_of(ENVELOPES, "share: 0.65")),
    ]


def test_total_with_common_actions():
    result = load(ENVELOPES)
    # 59,876,160.00 + 100,000.00
    assert result.total == D("59976160.00")
    assert result.common_amount == D("100000.00")


def test_shares_must_add_up_to_one():
    text = ENVELOPES.replace("share: 0.35", "share: 0.30")
    assert ("shares-not-one", line_of(text, "code: \"3000701\"")) in diagnostics(text)


def test_envelope_and_per_beneficiary_together_are_rejected():
    text = ENVELOPES.replace("share: 0.35\n", "share: 0.35\n          envelope: 10\n")
    assert "conflicting-values" in [code for code, _ in diagnostics(text)]


REGIONS = program("""\
    dimensions:
      region:
        name: Región natural
        values: {costa: Costa, sierra: Sierra, selva: Selva}
    products:
      - code: "3000702"
        name: Establecimientos con supervisión
        unit: establecimiento
        activities:
          - code: "5000703"
            name: Supervisión de establecimientos
            unit: visita
            cost:
              method: top_down
              envelope: 250000
              classifier: "2.3.2.1.2.99"
            cells:
              dimensions: [region]
              columns: [target]
              rows:
                - [costa, 3100]
                - [sierra, 2500]
                - [selva, 700]
          - code: "5000704"
            name: Capacitación de equipos regionales
            unit: taller
            cost:
              method: top_down
              envelope: 100000
              classifier: "2.3.2.7.11.99"
            cells:
              dimensions: [region]
              columns: [target]
              rows:
                - [costa, 40]
                - [sierra, 40]
                - [selva, 40]
    """)


def test_envelope_split_across_cells_keeps_every_cent():
    result = load(REGIONS)
    # 250,000.00 = 25,000,000 cents over 6,300 visits, by largest remainder:
    #   costa  25,000,000 × 3,100/6,300 = 12,301,587.30 cents
    #   sierra 25,000,000 × 2,500/6,300 =  9,920,634.92 cents
    #   selva  25,000,000 ×   700/6,300 =  2,777,777.78 cents
    #   floors add to 24,999,998: the 2 cents left go to the largest remainders,
    #   sierra (.92) and selva (.78)
    assert lines(result, "5000703") == {
        ("costa", "2.3.2.1.2.99"): D("123015.87"),
        ("sierra", "2.3.2.1.2.99"): D("99206.35"),
        ("selva", "2.3.2.1.2.99"): D("27777.78"),
    }
    assert activity(result, "5000703").amount == D("250000.00")
    # three equal cells: 100,000 ÷ 3 = 33,333.333...; rounding each would lose a cent
    # (3 × 33,333.33 = 99,999.99); the left-over cent goes to the first cell
    assert lines(result, "5000704") == {
        ("costa", "2.3.2.7.11.99"): D("33333.34"),
        ("sierra", "2.3.2.7.11.99"): D("33333.33"),
        ("selva", "2.3.2.7.11.99"): D("33333.33"),
    }
    assert activity(result, "5000704").amount == D("100000.00")
    assert result.total == D("350000.00")


def test_cell_unit_costs_follow_from_their_amounts():
    result = load(REGIONS)
    cells = {c.key[0][1]: c.unit_cost for c in activity(result, "5000704").cells}
    # 33,333.34 ÷ 40 = 833.3335 ; 33,333.33 ÷ 40 = 833.33325
    assert cells == {"costa": D("833.3335"), "sierra": D("833.33325"),
                     "selva": D("833.33325")}
    # activity: 100,000.00 ÷ 120 = 833.333...
    assert activity(result, "5000704").unit_cost.quantize(D("0.0001")) == D("833.3333")
