"""Equipment, instruments, furniture: quantity × replacement price ÷ useful life ÷ units per
year; default useful life 10 years (equipment, furniture) and 3 years (instruments)."""

from __future__ import annotations

from decimal import Decimal as D

from .programs import activity, diagnostics, leaves, line_of, lines, load, program

DENTAL = program("""\
    products:
      - code: "3000401"
        name: Población con atención odontológica básica
        unit: persona atendida
        activities:
          - code: "5000401"
            name: Atención odontológica preventiva
            unit: atención
            target: 2403
            cost:
              method: bottom_up
              inputs:
                - id: sillon
                  kind: equipment
                  name: Sillón dental
                  replacement_price: 18000
                  units_per_year: 2400
                  classifier: "2.6.3.2.4.1"
                - id: autoclave
                  kind: equipment
                  name: Autoclave de mesa
                  replacement_price: 6500
                  useful_life: 8
                  units_per_year: 2500
                  classifier: "2.6.3.2.4.1"
                - id: instrumental
                  kind: equipment
                  category: instrument
                  name: Kit de instrumental de examen
                  quantity: 3
                  replacement_price: 1440
                  units_per_year: 2400
                  classifier: "2.6.3.2.4.1"
                - id: escritorio
                  kind: equipment
                  category: furniture
                  name: Escritorio y silla del consultorio
                  replacement_price: 1100
                  units_per_year: 2750
                  classifier: "2.6.3.2.1.1"
    """)


def test_depreciation_per_unit_with_default_lives():
    result = load(DENTAL)
    shares = {s.input_id: s.unit_cost for s in activity(result, "5000401").inputs}
    assert shares == {
        # 1 × 18,000 ÷ 10 years (equipment default) ÷ 2,400 = 0.75
        "sillon": D("0.75"),
        # 1 × 6,500 ÷ 8 years (given) ÷ 2,500 = 0.325
        "autoclave": D("0.325"),
        # 3 × 1,440 ÷ 3 years (instrument default) ÷ 2,400 = 4,320 ÷ 7,200 = 0.60
        "instrumental": D("0.60"),
        # 1 × 1,100 ÷ 10 years (furniture default) ÷ 2,750 = 0.04
        "escritorio": D("0.04"),
    }
    # 0.75 + 0.325 + 0.60 + 0.04 = 1.715
    assert activity(result, "5000401").unit_cost == D("1.715")


def test_equipment_lines():
    result = load(DENTAL)
    # 2.6.3.2.4.1: (0.75 + 0.325 + 0.60) = 1.675 × 2,403 = 4,020 + 5.025 = 4,025.025
    #              -> 4,025.03 (half up; half-even would give 4,025.02)
    # 2.6.3.2.1.1: 0.04 × 2,403 = 96.12
    assert lines(result, "5000401") == {
        ("", "2.6.3.2.4.1"): D("4025.03"),
        ("", "2.6.3.2.1.1"): D("96.12"),
    }
    assert result.total == D("4121.15")


def test_equipment_lineage():
    result = load(DENTAL)
    t = DENTAL
    instrumental = result.figures["5000401/instrumental"]
    assert instrumental.formula == "depreciation"
    assert leaves(instrumental) == [
        ("quantity", D("3"), "given", line_of(t, "quantity: 3")),
        ("replacement_price", D("1440"), "given", line_of(t, "replacement_price: 1440")),
        ("useful_life", D("3"), "default", None),
        ("units_per_year", D("2400"), "given", line_of(t, "units_per_year: 2400",
                                                         "id: instrumental")),
    ]
    autoclave = result.figures["5000401/autoclave"]
    assert leaves(autoclave) == [
        ("quantity", D("1"), "default", None),
        ("replacement_price", D("6500"), "given", line_of(t, "replacement_price: 6500")),
        ("useful_life", D("8"), "given", line_of(t, "useful_life: 8")),
        ("units_per_year", D("2500"), "given", line_of(t, "units_per_year: 2500")),
    ]
    escritorio = result.figures["5000401/escritorio"]
    assert ("useful_life", D("10"), "default", None) in leaves(escritorio)


def test_zero_units_per_year_is_rejected():
    text = DENTAL.replace("units_per_year: 2500", "units_per_year: 0")
    assert ("zero-divisor", line_of(text, "units_per_year: 0")) in diagnostics(text)
