"""Direct labour: hourly rate = monthly pay × payments per year ÷ (hours per month × 12);
input cost = people × hours × hourly rate."""

from __future__ import annotations

from decimal import Decimal as D

from .programs import activity, diagnostics, leaves, line_of, lines, load, program

PRENATAL = program("""\
    staff:
      obstetra:
        name: Obstetra de primer nivel
        monthly_pay: 2880
        months_per_year: 14
        hours_per_month: 160
        source: Escala remunerativa 2025 (ilustrativa)
      enfermera:
        name: Enfermera
        monthly_pay: 2400
        months_per_year: 14
        hours_per_month: 160
      tecnico:
        name: Técnico asistencial (CAS)
        monthly_pay: 1300
        hours_per_month: 150
    products:
      - code: "3000301"
        name: Gestantes con atención prenatal reenfocada
        unit: gestante
        activities:
          - code: "5000301"
            name: Control prenatal
            unit: atención
            target: 1800
            cost:
              method: bottom_up
              inputs:
                - id: obstetra
                  kind: labour
                  name: Tiempo de obstetra
                  staff: obstetra
                  minutes: 45
                  classifier: "2.1.1.3.1.1"
                - id: enfermeras
                  kind: labour
                  name: Tiempo de enfermeras (triaje)
                  staff: enfermera
                  hours: 0.5
                  people: 2
                  classifier: "2.1.1.3.1.1"
                - id: tecnico
                  kind: labour
                  name: Tiempo del técnico (admisión)
                  staff: tecnico
                  minutes: 20
                  classifier: "2.3.2.8.1.1"
    """)


def test_hourly_rates():
    result = load(PRENATAL)
    shares = {s.input_id: s.unit_cost for s in activity(result, "5000301").inputs}
    # obstetra: 2,880 × 14 ÷ (160 × 12) = 40,320 ÷ 1,920 = 21.00 per hour
    #           45 min = 0.75 h × 1 person × 21.00 = 15.75
    assert shares["obstetra"] == D("15.75")
    # enfermera: 2,400 × 14 ÷ (160 × 12) = 33,600 ÷ 1,920 = 17.50 per hour
    #            2 people × 0.5 h × 17.50 = 17.50
    assert shares["enfermeras"] == D("17.50")
    # técnico: 1,300 × 12 (default payments) ÷ (150 × 12) = 8.6666... per hour
    #          20 min = 1/3 h × 8.6666... = 2.8888... (26/9)
    assert shares["tecnico"].quantize(D("0.000001")) == D("2.888889")
    rate = result.figures["5000301/obstetra"].inputs[2]
    assert (rate.role, rate.formula, rate.value) == ("hourly_rate", "hourly_rate", D("21"))


def test_labour_lines_use_the_unrounded_rate():
    result = load(PRENATAL)
    # 2.1.1.3.1.1: (15.75 + 17.50) = 33.25 × 1,800 = 59,850.00
    # 2.3.2.8.1.1: 26/9 × 1,800 = 5,200.00 exactly; with the rate rounded to 2.89 it
    #              would have been 5,202.00
    assert lines(result, "5000301") == {
        ("", "2.1.1.3.1.1"): D("59850.00"),
        ("", "2.3.2.8.1.1"): D("5200.00"),
    }
    # 59,850.00 + 5,200.00 = 65,050.00
    assert result.total == D("65050.00")
    # unit cost 15.75 + 17.50 + 2.8888... = 36.138888...
    assert activity(result, "5000301").unit_cost.quantize(D("0.000001")) == D("36.138889")


def test_labour_lineage():
    result = load(PRENATAL)
    t = PRENATAL
    obstetra = result.figures["5000301/obstetra"]
    assert obstetra.formula == "labour"
    assert leaves(obstetra) == [
        ("people", D("1"), "default", None),
        ("minutes", D("45"), "given", line_of(t, "minutes: 45")),
        ("monthly_pay", D("2880"), "given", line_of(t, "monthly_pay: 2880")),
        ("months_per_year", D("14"), "given", line_of(t, "months_per_year: 14", "obstetra:")),
        ("hours_per_month", D("160"), "given", line_of(t, "hours_per_month: 160", "obstetra:")),
    ]
    assert obstetra.inputs[1].formula == "minutes_to_hours"
    assert obstetra.inputs[1].value == D("0.75")
    pay = obstetra.inputs[2].inputs[0]
    assert pay.source == "Escala remunerativa 2025 (ilustrativa)"
    enfermeras = result.figures["5000301/enfermeras"]
    assert leaves(enfermeras)[:2] == [
        ("people", D("2"), "given", line_of(t, "people: 2")),
        ("hours", D("0.5"), "given", line_of(t, "hours: 0.5")),
    ]
    # the técnico is paid the default 12 times a year: a default leaf, with no line
    tecnico = result.figures["5000301/tecnico"]
    assert ("months_per_year", D("12"), "default", None) in leaves(tecnico)


def test_minutes_and_hours_together_are_rejected():
    indent = " " * 14
    text = PRENATAL.replace("minutes: 45\n", f"minutes: 45\n{indent}hours: 2\n")
    # reported where the second, conflicting time is written
    assert ("conflicting-values", line_of(text, "hours: 2")) in diagnostics(text)


def test_unknown_staff_category():
    text = PRENATAL.replace("staff: tecnico", "staff: tecnica")
    assert ("unknown-staff-category", line_of(text, "staff: tecnica")) in diagnostics(text)


def test_zero_hours_per_month():
    text = PRENATAL.replace("hours_per_month: 150", "hours_per_month: 0")
    assert ("zero-divisor", line_of(text, "hours_per_month: 0")) in diagnostics(text)
