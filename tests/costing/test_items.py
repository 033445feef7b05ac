"""Goods and services, bottom-up: input cost = quantity × frequency × price (P × Q × f)."""

from __future__ import annotations

from decimal import Decimal as D

from .programs import activity, leaves, line_of, lines, load, program

KITS = program("""\
    parameters:
      precio_jabon:
        name: Precio referencial del jabón de tocador
        unit: S/ por barra
        source: Catálogo de precios referenciales (ilustrativo)
        values:
          - {from: 2024-01-01, value: 1.29}
          - {from: 2025-01-01, value: 1.345}
    products:
      - code: "3000201"
        name: Familias en pobreza reciben kits de higiene
        unit: familia
        activities:
          - code: "5000201"
            name: Entrega de kits de higiene familiar
            unit: kit
            target: 1254
            cost:
              method: bottom_up
              inputs:
                - id: jabon
                  name: Jabón de tocador
                  unit: barra
                  quantity: 2
                  frequency: 12
                  price: $precio_jabon
                  classifier: "2.3.1.99.1.99"
                - id: gel
                  name: Alcohol en gel
                  unit: litro
                  quantity: 0.125
                  price: 11.90
                  classifier: "2.3.1.99.1.99"
                - id: toalla
                  name: Toalla de mano
                  unit: unidad
                  quantity: 1
                  frequency: 2
                  price: 4.90
                  classifier: "2.3.1.3.1.1"
    """)


def test_items_unit_cost_is_sum_of_p_q_f():
    result = load(KITS)
    kit = activity(result, "5000201")
    # jabón: 2 bars × 12 months × S/ 1.345 (the 2025 value of the parameter) = 32.28
    # gel:   0.125 L × 1 (default frequency) × S/ 11.90              =  1.4875
    # toalla: 1 × 2 a year × S/ 4.90                                  =  9.80
    assert {s.input_id: s.unit_cost for s in kit.inputs} == {
        "jabon": D("32.28"), "gel": D("1.4875"), "toalla": D("9.80")}
    # unit cost = 32.28 + 1.4875 + 9.80 = 43.5675 (kept unrounded)
    assert kit.unit_cost == D("43.5675")
    assert result.figures["5000201/unit_cost"].value == D("43.5675")
    assert result.figures["5000201/jabon"].value == D("32.28")


def test_items_lines_round_once_half_up():
    result = load(KITS)
    # 2.3.1.99.1.99: (32.28 + 1.4875) = 33.7675 × 1,254 kits
    #   = 33,767.5 (×1,000) + 8,576.945 (×254) = 42,344.445 -> 42,344.45 (half up)
    # 2.3.1.3.1.1:   9.80 × 1,254 = 12,289.20
    assert lines(result, "5000201") == {
        ("", "2.3.1.99.1.99"): D("42344.45"),
        ("", "2.3.1.3.1.1"): D("12289.20"),
    }
    # activity = 42,344.45 + 12,289.20 = 54,633.65
    assert activity(result, "5000201").amount == D("54633.65")
    assert result.total == D("54633.65")
    assert result.by_classifier() == {"2.3.1.3.1.1": D("12289.20"),
                                      "2.3.1.99.1.99": D("42344.45")}


def test_items_lineage_leaves_are_given_values_with_their_lines():
    result = load(KITS)
    unit = result.figures["5000201/unit_cost"]
    assert unit.formula == "sum"
    assert [c.value for c in unit.inputs] == [D("32.28"), D("1.4875"), D("9.80")]
    assert all(c.formula == "qfp" for c in unit.inputs)
    t = KITS
    assert leaves(unit) == [
        ("quantity", D("2"), "given", line_of(t, "quantity: 2")),
        ("frequency", D("12"), "given", line_of(t, "frequency: 12")),
        # the price comes from the parameter value in force on 2025-01-01, not the 2024 one
        ("price", D("1.345"), "parameter", line_of(t, "{from: 2025-01-01, value: 1.345}")),
        ("quantity", D("0.125"), "given", line_of(t, "quantity: 0.125")),
        ("frequency", D("1"), "default", None),
        ("price", D("11.90"), "given", line_of(t, "price: 11.90")),
        ("quantity", D("1"), "given", line_of(t, "quantity: 1")),
        ("frequency", D("2"), "given", line_of(t, "frequency: 2")),
        ("price", D("4.90"), "given", line_of(t, "price: 4.90")),
    ]
    price = unit.inputs[0].inputs[2]
    assert price.source == "Catálogo de precios referenciales (ilustrativo)"


def test_items_parameter_value_follows_the_fiscal_year():
    # In 2024 the 2024 value (S/ 1.29) is in force: jabón = 2 × 12 × 1.29 = 30.96
    result = load(KITS.replace("fiscal_year: 2025", "fiscal_year: 2024"))
    kit = activity(result, "5000201")
    assert kit.inputs[0].unit_cost == D("30.96")
    # unit cost = 30.96 + 1.4875 + 9.80 = 42.2475
    assert kit.unit_cost == D("42.2475")


CELLS = program("""\
    dimensions:
      region:
        name: Región natural
        values: {costa: Costa, selva: Selva}
    products:
      - code: "3000201"
        name: Familias en pobreza reciben kits de higiene
        unit: familia
        activities:
          - code: "5000201"
            name: Entrega de kits de higiene familiar
            unit: kit
            cost:
              method: bottom_up
              inputs:
                - {id: jabon, name: Jabón, quantity: 2, frequency: 12, price: 1.345,
                   classifier: "2.3.1.99.1.99"}
                - {id: gel, name: Alcohol en gel, quantity: 0.125, price: 11.90,
                   classifier: "2.3.1.99.1.99"}
                - {id: toalla, name: Toalla de mano, quantity: 1, frequency: 2, price: 4.90,
                   classifier: "2.3.1.3.1.1"}
            cells:
              dimensions: [region]
              columns: [target, price.toalla]
              rows:
                - [costa, 800, 4.90]
                - [selva, 454, 5.60]
    """)


def test_items_price_per_cell():
    result = load(CELLS)
    # costa: 33.7675 × 800 = 27,014.00 ; toalla 2 × 4.90 = 9.80 × 800 = 7,840.00
    # selva: 33.7675 × 454 = 13,507 + 1,823.445 = 15,330.445 -> 15,330.45
    #        toalla 2 × 5.60 = 11.20 × 454 = 5,084.80
    assert lines(result, "5000201") == {
        ("costa", "2.3.1.99.1.99"): D("27014.00"),
        ("costa", "2.3.1.3.1.1"): D("7840.00"),
        ("selva", "2.3.1.99.1.99"): D("15330.45"),
        ("selva", "2.3.1.3.1.1"): D("5084.80"),
    }
    kit = activity(result, "5000201")
    # 27,014.00 + 7,840.00 + 15,330.45 + 5,084.80 = 55,269.25
    assert kit.amount == D("55269.25")
    assert [c.unit_cost for c in kit.cells] == [D("43.5675"), D("44.9675")]
    # prices differ by cell, so the activity unit cost is a result:
    # 55,269.25 ÷ 1,254 = 44 + 93.25/1,254 = 44.074362...
    assert kit.unit_cost.quantize(D("0.000001")) == D("44.074362")
    # the selva price leaf is the cell's own value, on its row
    selva = result.figures["5000201[selva]/unit_cost"]
    assert ("price", D("5.60"), "given", line_of(CELLS, "[selva, 454, 5.60]")) in leaves(selva)
