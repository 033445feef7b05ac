"""Indirect costs: a producing centre's ratio (indirect + cost received from support
centres) ÷ direct recurrent spending, applied to each activity's direct cost; support centres
are stepped down, in file order, to the centres after them by their allocation base."""

from __future__ import annotations

from decimal import Decimal as D

from costeo.lineage import Figure

from .programs import activity, diagnostics, leaves, line_of, lines, load, program

RATIO = program("""\
    cost_centres:
      consulta:
        name: Consulta externa
        direct: 400000
        indirect: 60000
        source: Ejecución 2024 del establecimiento (ilustrativa)
    products:
      - code: "3000501"
        name: Población atendida en consulta externa
        unit: persona atendida
        activities:
          - code: "5000501"
            name: Atención en consulta externa
            unit: atención
            target: 5001
            cost:
              method: bottom_up
              inputs:
                - id: medicamentos
                  name: Medicamentos esenciales
                  quantity: 1
                  price: 12.40
                  classifier: "2.3.1.8.1.1"
                - id: formatos
                  name: Historia clínica y formatos
                  quantity: 1
                  price: 7.85
                  classifier: "2.3.1.5.1.2"
                - id: indirectos
                  kind: indirect
                  name: Costos indirectos de consulta externa
                  centre: consulta
                  classifier: "2.3.2.2.1.1"
    """)


def test_indirect_ratio_applied_to_direct_cost():
    result = load(RATIO)
    consulta = activity(result, "5000501")
    # ratio = 60,000 ÷ 400,000 = 0.15
    # direct cost = 12.40 + 7.85 = 20.25 ; indirect = 0.15 × 20.25 = 3.0375
    assert {s.input_id: s.unit_cost for s in consulta.inputs} == {
        "medicamentos": D("12.40"), "formatos": D("7.85"), "indirectos": D("3.0375")}
    # unit cost = 20.25 + 3.0375 = 23.2875
    assert consulta.unit_cost == D("23.2875")
    # lines: 12.40 × 5,001 = 62,012.40 ; 7.85 × 5,001 = 39,257.85
    #        3.0375 × 5,001 = 15,187.50 + 3.0375 = 15,190.5375 -> 15,190.54
    assert lines(result, "5000501") == {
        ("", "2.3.1.8.1.1"): D("62012.40"),
        ("", "2.3.1.5.1.2"): D("39257.85"),
        ("", "2.3.2.2.1.1"): D("15190.54"),
    }
    # 62,012.40 + 39,257.85 + 15,190.54 = 116,460.79
    assert result.total == D("116460.79")


def test_indirect_ratio_lineage():
    result = load(RATIO)
    t = RATIO
    indirect = result.figures["5000501/indirectos"]
    ratio, direct_cost = indirect.inputs
    assert (ratio.role, ratio.formula, ratio.value) == ("indirect_ratio", "indirect_ratio",
                                                        D("0.15"))
    assert (direct_cost.role, direct_cost.value) == ("direct_cost", D("20.25"))
    assert leaves(ratio) == [
        ("indirect", D("60000"), "given", line_of(t, "indirect: 60000")),
        ("direct", D("400000"), "given", line_of(t, "direct: 400000")),
    ]
    assert [leaf[:2] for leaf in leaves(direct_cost)] == [
        ("quantity", D("1")), ("frequency", D("1")), ("price", D("12.40")),
        ("quantity", D("1")), ("frequency", D("1")), ("price", D("7.85")),
    ]


# Step-down with two support and two producing centres.
#
# 1. administración (support) = 90,000 direct + 0 indirect = 90,000, stepped down by staff
#    to the centres after it: limpieza 6 + consulta 24 + laboratorio 10 = 40 staff
#      -> limpieza    90,000 × 6/40  = 13,500
#      -> consulta    90,000 × 24/40 = 54,000
#      -> laboratorio 90,000 × 10/40 = 22,500
# 2. limpieza (support) = 30,000 + 6,000 + 13,500 received = 49,500, stepped down by m² to
#    the centres after it: consulta 300 + laboratorio 100 = 400 m²
#      -> consulta    49,500 × 300/400 = 37,125
#      -> laboratorio 49,500 × 100/400 = 12,375
# 3. ratios
#      consulta    (35,000 + 54,000 + 37,125) ÷ 504,500 = 126,125 ÷ 504,500 = 0.25
#      laboratorio (12,000 + 22,500 + 12,375) ÷ 160,000 = 46,875 ÷ 160,000 = 0.29296875
#    nothing is lost: 90,000 + 36,000 + 35,000 + 12,000 = 173,000 = 126,125 + 46,875
STEP_DOWN = program("""\
    cost_centres:
      administracion:
        name: Administración
        kind: support
        direct: 90000
        allocate_by: staff
        bases: {staff: 4}
      limpieza:
        name: Limpieza y lavandería
        kind: support
        direct: 30000
        indirect: 6000
        allocate_by: m2
        bases: {staff: 6, m2: 50}
      consulta:
        name: Consulta externa
        direct: 504500
        indirect: 35000
        bases: {staff: 24, m2: 300}
      laboratorio:
        name: Laboratorio clínico
        direct: 160000
        indirect: 12000
        bases: {staff: 10, m2: 100}
    products:
      - code: "3000502"
        name: Gestantes con diagnóstico de anemia oportuno
        unit: gestante
        activities:
          - code: "5000502"
            name: Consulta de la gestante
            unit: atención
            target: 10000
            cost:
              method: bottom_up
              inputs:
                - {id: medicamentos, name: Sulfato ferroso, quantity: 1, price: 6.50,
                   classifier: "2.3.1.8.1.1"}
                - {id: formatos, name: Formatos, quantity: 2, price: 0.25,
                   classifier: "2.3.1.5.1.2"}
                - {id: indirectos, kind: indirect, name: Indirectos de consulta,
                   centre: consulta, classifier: "2.3.2.2.1.1"}
          - code: "5000503"
            name: Dosaje de hemoglobina
            unit: examen
            target: 8001
            cost:
              method: bottom_up
              inputs:
                - {id: reactivo, name: Reactivo y lanceta, quantity: 1, price: 3.20,
                   classifier: "2.3.1.8.2.1"}
                - {id: indirectos, kind: indirect, name: Indirectos de laboratorio,
                   centre: laboratorio, classifier: "2.3.2.2.1.1"}
    """)


def _by_subject(figure: Figure, role: str) -> dict[str, D]:
    return {f.subject: f.value for f in figure.walk() if f.role == role}


def test_step_down_ratios():
    result = load(STEP_DOWN)
    consulta = result.figures["5000502/indirectos"].inputs[0]
    laboratorio = result.figures["5000503/indirectos"].inputs[0]
    assert consulta.value == D("0.25")
    assert laboratorio.value == D("0.29296875")
    assert _by_subject(consulta, "allocation") == {
        "Administración → Consulta externa": D("54000"),
        "Limpieza y lavandería → Consulta externa": D("37125"),
        # limpieza's own cost includes what it received from administración
        "Administración → Limpieza y lavandería": D("13500"),
    }
    assert _by_subject(laboratorio, "allocation") == {
        "Administración → Laboratorio clínico": D("22500"),
        "Limpieza y lavandería → Laboratorio clínico": D("12375"),
        "Administración → Limpieza y lavandería": D("13500"),
    }
    # limpieza's cost to distribute: 30,000 + 6,000 + 13,500
    assert _by_subject(consulta, "allocated") == {"Administración": D("90000"),
                                                  "Limpieza y lavandería": D("49500")}
    assert _by_subject(consulta, "base_share") == {"Consulta externa": D("0.75"),
                                                   "Limpieza y lavandería": D("0.15")}
    # each share is its centre's base over the base total: staff 6 + 24 + 10, m² 300 + 100
    assert _by_subject(consulta, "base_total") == {"Administración (staff)": D("40"),
                                                   "Limpieza y lavandería (m2)": D("400")}


def test_step_down_budget_lines():
    result = load(STEP_DOWN)
    # consulta: direct 6.50 + 2 × 0.25 = 7.00 ; indirect 0.25 × 7.00 = 1.75 ; unit 8.75
    assert activity(result, "5000502").unit_cost == D("8.75")
    assert lines(result, "5000502") == {
        ("", "2.3.1.8.1.1"): D("65000.00"),   # 6.50 × 10,000
        ("", "2.3.1.5.1.2"): D("5000.00"),    # 0.50 × 10,000
        ("", "2.3.2.2.1.1"): D("17500.00"),   # 1.75 × 10,000
    }
    # laboratorio: direct 3.20 ; indirect 0.29296875 × 3.20 = 0.9375 ; unit 4.1375
    assert activity(result, "5000503").unit_cost == D("4.1375")
    assert lines(result, "5000503") == {
        ("", "2.3.1.8.2.1"): D("25603.20"),   # 3.20 × 8,001
        ("", "2.3.2.2.1.1"): D("7500.94"),    # 0.9375 × 8,001 = 7,500.9375 -> 7,500.94
    }
    # 65,000 + 5,000 + 17,500 + 25,603.20 + 7,500.94 = 120,604.14
    assert result.total == D("120604.14")


def test_step_down_lineage_reaches_the_bases_on_their_lines():
    result = load(STEP_DOWN)
    t = STEP_DOWN
    ratio = result.figures["5000503/indirectos"].inputs[0]
    admin_direct = ("direct", D("90000"), "given", line_of(t, "direct: 90000"))
    admin_indirect = ("indirect", D("0"), "default", None)  # not written: the model default
    bases = {"limpieza": "bases: {staff: 6, m2: 50}", "consulta": "bases: {staff: 24, m2: 300}",
             "laboratorio": "bases: {staff: 10, m2: 100}"}
    # the base totals, staff 6 + 24 + 10 = 40 and m² 300 + 100 = 400, traced to each centre
    staff = [("allocation_base", D(n), "given", line_of(t, bases[c]))
             for c, n in (("limpieza", 6), ("consulta", 24), ("laboratorio", 10))]
    m2 = [("allocation_base", D(n), "given", line_of(t, bases[c]))
          for c, n in (("consulta", 300), ("laboratorio", 100))]
    assert leaves(ratio) == [
        ("indirect", D("12000"), "given", line_of(t, "indirect: 12000")),
        # administración -> laboratorio: 90,000 × 10 / 40
        admin_direct, admin_indirect,
        ("allocation_base", D("10"), "given", line_of(t, "bases: {staff: 10, m2: 100}")),
        *staff,
        # limpieza -> laboratorio: (30,000 + 6,000 + 90,000 × 6 / 40) × 100 / 400
        ("direct", D("30000"), "given", line_of(t, "direct: 30000")),
        ("indirect", D("6000"), "given", line_of(t, "indirect: 6000")),
        admin_direct, admin_indirect,
        ("allocation_base", D("6"), "given", line_of(t, "bases: {staff: 6, m2: 50}")),
        *staff,
        ("allocation_base", D("100"), "given", line_of(t, "bases: {staff: 10, m2: 100}")),
        *m2,
        ("direct", D("160000"), "given", line_of(t, "direct: 160000")),
    ]


def test_indirect_from_a_support_centre_is_rejected():
    # a support centre has no ratio; before the fix the activity vanished from the budget
    # with no diagnostic at all
    text = STEP_DOWN.replace("centre: laboratorio,", "centre: limpieza,")
    found = diagnostics(text)
    # reported at the centre it names
    assert ("invalid-choice", line_of(text, 'centre: limpieza, classifier: "2.3.2.2.1.1"}')
            ) in found


def test_allocation_base_missing_everywhere():
    text = STEP_DOWN.replace("allocate_by: m2", "allocate_by: camas")
    limpieza = line_of(text, "name: Limpieza y lavandería")
    assert ("allocation-base-zero", limpieza) in diagnostics(text)


def test_unknown_centre():
    text = STEP_DOWN.replace("centre: laboratorio,", "centre: laboratorios,")
    assert "unknown-cost-centre" in [code for code, _ in diagnostics(text)]
