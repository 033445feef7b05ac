"""Declared unit cost: given without breakdown, allowed but flagged everywhere (the activity,
its lineage figures and the program's declared share)."""

from __future__ import annotations

from decimal import Decimal as D

from .programs import activity, diagnostics, leaves, line_of, lines, load, program

MANAGEMENT = program("""\
    products:
      - code: "3000801"
        name: Gestantes reciben suplemento de hierro
        unit: gestante
        activities:
          - code: "5000801"
            name: Entrega de suplemento de hierro
            unit: gestante
            target: 9250
            cost:
              method: bottom_up
              inputs:
                - {id: sulfato, name: Sulfato ferroso + ácido fólico, quantity: 180,
                   price: 0.0333, classifier: "2.3.1.8.1.1"}
    common_actions:
      - code: "5000901"
        name: Gestión y conducción del programa
        unit: acción mensual
        target: 12
        cost:
          method: declared
          unit_cost: 18500.00
          classifier: "2.3.2.7.11.99"
          source: Presupuesto de la unidad de gestión (sin desagregar)
    """)


def test_declared_amount():
    result = load(MANAGEMENT)
    management = activity(result, "5000901")
    # 12 months × 18,500.00 = 222,000.00
    assert management.unit_cost == D("18500.00")
    assert lines(result, "5000901") == {("", "2.3.2.7.11.99"): D("222000.00")}
    # supplement: 180 tablets × 0.0333 = 5.994 per pregnant woman × 9,250 = 55,444.50
    assert activity(result, "5000801").amount == D("55444.50")
    # 222,000.00 + 55,444.50 = 277,444.50
    assert result.total == D("277444.50")


def test_declared_flag_reaches_activity_and_lineage():
    result = load(MANAGEMENT)
    management = activity(result, "5000901")
    assert management.declared
    assert management.figure.declared
    assert all(share.declared for share in management.inputs)
    unit = result.figures["5000901/unit_cost"]
    assert unit.declared
    assert unit.source == "Presupuesto de la unidad de gestión (sin desagregar)"
    assert leaves(unit) == [
        ("unit_cost", D("18500.00"), "given", line_of(MANAGEMENT, "unit_cost: 18500.00"))]
    assert unit.to_dict()["declared"] is True
    # the bottom-up activity is not declared
    supplement = activity(result, "5000801")
    assert not supplement.declared
    assert not supplement.figure.declared
    assert not result.figures["5000801/unit_cost"].declared
    # declared share: 222,000.00 ÷ 277,444.50 = 0.80016...
    assert result.declared_share().quantize(D("0.00001")) == D("0.80016")


def test_declared_unit_cost_per_cell_stays_declared():
    text = program("""\
        dimensions:
          region:
            name: Región natural
            values: {costa: Costa, sierra: Sierra}
        products:
          - code: "3000802"
            name: Producto
            unit: persona
            activities:
              - code: "5000802"
                name: Servicio tercerizado por región
                unit: servicio
                cost:
                  method: declared
                  unit_cost: 40.00
                  classifier: "2.3.2.7.11.99"
                cells:
                  dimensions: [region]
                  columns: [target, unit_cost]
                  rows:
                    - [costa, 150, 42.50]
                    - [sierra, 80, 47.125]
        """)
    result = load(text)
    service = activity(result, "5000802")
    # costa 150 × 42.50 = 6,375.00 ; sierra 80 × 47.125 = 3,770.00
    assert lines(result, "5000802") == {("costa", "2.3.2.7.11.99"): D("6375.00"),
                                        ("sierra", "2.3.2.7.11.99"): D("3770.00")}
    assert service.declared and service.figure.declared
    sierra = result.figures["5000802[sierra]/unit_cost"]
    assert sierra.declared
    assert leaves(sierra) == [
        ("unit_cost", D("47.125"), "given", line_of(text, "[sierra, 80, 47.125]"))]


def test_declared_without_unit_cost_is_rejected():
    text = MANAGEMENT.replace("      unit_cost: 18500.00\n", "")
    assert "missing-field" in [code for code, _ in diagnostics(text)]


PER_CELL_ONLY = program("""\
    dimensions:
      region:
        name: Región natural
        values: {costa: Costa, sierra: Sierra}
    products:
      - code: "3000802"
        name: Producto
        unit: persona
        activities:
          - code: "5000802"
            name: Servicio tercerizado por región
            unit: servicio
            cost:
              method: declared
              classifier: "2.3.2.7.11.99"
            cells:
              dimensions: [region]
              columns: [target, unit_cost]
              rows:
                - [costa, 150, 42.50]
                - [sierra, 80, 47.125]
    """)


def test_declared_unit_cost_given_only_per_cell():
    result = load(PER_CELL_ONLY)
    # 150 × 42.50 + 80 × 47.125 = 6,375.00 + 3,770.00
    assert result.total == D("10145.00")


def test_declared_activity_unit_cost_figure_with_cells_is_declared():
    result = load(PER_CELL_ONLY.replace("method: declared\n",
                                        "method: declared\n          unit_cost: 40.00\n"))
    assert result.figures["5000802/unit_cost"].declared
