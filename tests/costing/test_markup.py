"""Composite price: a base cost grossed up by a cost structure (price = base ÷ base share) or
by a flat markup (price = base × (1 + markup))."""

from __future__ import annotations

from decimal import Decimal as D

from costeo.costing.markup import structure_components

from .programs import activity, diagnostics, leaves, line_of, lines, load, program

STRUCTURE = """{alimentos: 0.55, mano_de_obra: 0.25, transporte: 0.05,
                               descartables: 0.03, limpieza: 0.02, margen: 0.10}"""

MEALS = program(f"""\
    products:
      - code: "3000601"
        name: Escolares reciben raciones preparadas
        unit: escolar
        activities:
          - code: "5000601"
            name: Ración preparada por proveedor (costa)
            unit: escolar
            target: 12345
            frequency: 191
            frequency_unit: días de atención
            cost:
              method: bottom_up
              inputs:
                - id: racion
                  kind: markup
                  name: Ración del proveedor
                  base: 1.43
                  structure: {STRUCTURE}
                  classifier: "2.3.1.1.1.1"
          - code: "5000602"
            name: Ración preparada por proveedor (sierra)
            unit: escolar
            target: 1000
            frequency: 191
            cost:
              method: bottom_up
              inputs:
                - id: racion
                  kind: markup
                  name: Ración del proveedor, costeada desde la mano de obra
                  base: 0.65
                  base_component: mano_de_obra
                  structure: {STRUCTURE}
                  classifier: "2.3.1.1.1.1"
          - code: "5000603"
            name: Sesión demostrativa de preparación de alimentos
            unit: sesión
            target: 4201
            cost:
              method: bottom_up
              inputs:
                - id: servicio
                  kind: markup
                  name: Servicio de alimentos del operador
                  base: 17.35
                  markup: 0.11
                  classifier: "2.3.2.7.11.99"
    """)


def test_structure_grosses_up_the_base_component():
    result = load(MEALS)
    # food is the first component: price = 1.43 ÷ 0.55 = 2.60 per ration
    assert activity(result, "5000601").unit_cost == D("2.60")
    # labour as base component: 0.65 ÷ 0.25 = 2.60, the same delivered price
    assert activity(result, "5000602").unit_cost == D("2.60")
    # 12,345 × 191 = 2,357,895 rations × 2.60 = 6,130,527.00
    assert lines(result, "5000601") == {("", "2.3.1.1.1.1"): D("6130527.00")}
    # 1,000 × 191 × 2.60 = 496,600.00
    assert activity(result, "5000602").amount == D("496600.00")


def test_structure_components_of_the_price():
    shares = {"alimentos": D("0.55"), "mano_de_obra": D("0.25"), "transporte": D("0.05"),
              "descartables": D("0.03"), "limpieza": D("0.02"), "margen": D("0.10")}
    # 2.60 × each share; they add back to 2.60
    assert structure_components(D("2.60"), shares) == {
        "alimentos": D("1.43"), "mano_de_obra": D("0.65"), "transporte": D("0.13"),
        "descartables": D("0.078"), "limpieza": D("0.052"), "margen": D("0.26")}


def test_flat_markup():
    result = load(MEALS)
    # 17.35 × (1 + 0.11) = 17.35 + 1.9085 = 19.2585
    assert activity(result, "5000603").unit_cost == D("19.2585")
    # 19.2585 × 4,201 = 80,885.70 + 19.2585 = 80,904.9585 -> 80,904.96
    assert lines(result, "5000603") == {("", "2.3.2.7.11.99"): D("80904.96")}
    # 6,130,527.00 + 496,600.00 + 80,904.96 = 6,708,031.96
    assert result.total == D("6708031.96")


def test_markup_lineage():
    result = load(MEALS)
    t = MEALS
    gross_up = result.figures["5000601/racion"]
    assert gross_up.formula == "gross_up"
    assert leaves(gross_up) == [
        ("base", D("1.43"), "given", line_of(t, "base: 1.43")),
        ("share", D("0.55"), "given", line_of(t, "structure: {alimentos: 0.55, "
                                                 "mano_de_obra: 0.25, transporte: 0.05,",
                                                 "code: \"5000601\"")),
    ]
    labour_base = result.figures["5000602/racion"]
    assert [leaf[:2] for leaf in leaves(labour_base)] == [("base", D("0.65")),
                                                          ("share", D("0.25"))]
    flat = result.figures["5000603/servicio"]
    assert flat.formula == "flat_markup"
    assert leaves(flat) == [
        ("base", D("17.35"), "given", line_of(t, "base: 17.35")),
        ("markup", D("0.11"), "given", line_of(t, "markup: 0.11")),
    ]


def test_structure_must_add_up_to_one():
    text = MEALS.replace("margen: 0.10}", "margen: 0.11}", 1)
    found = diagnostics(text)
    first_line = "structure: " + STRUCTURE.splitlines()[0]
    assert ("structure-not-one", line_of(text, first_line, "code: \"5000601\"")) in found


def test_structure_and_markup_together_are_rejected():
    text = MEALS.replace("base_component: mano_de_obra", "markup: 0.10")
    assert "conflicting-values" in [code for code, _ in diagnostics(text)]
