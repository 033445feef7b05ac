"""Report-only labels, in Spanish and English.

The shared vocabulary lives in :mod:`costeo.i18n`; this module adds the few texts only the
XLSX and HTML reports use. :func:`label` looks here first and falls back to
:func:`costeo.i18n.t`, so reports can use one function for every label.
"""

from __future__ import annotations

from costeo.diagnostics import SEVERITY_LABEL
from costeo.i18n import TEXT, t

REPORT_TEXT: dict[str, tuple[str, str]] = {
    "report_title": ("Informe de costeo y formulación presupuestal",
                     "Costing and budget formulation report"),
    "formulation": ("Formulación presupuestal", "Budget formulation"),
    "sheet_formulation": ("Formulación", "Formulation"),
    "sheet_by_classifier": ("Por clasificador", "By classifier"),
    "population": ("Población objetivo", "Target population"),
    "indicators": ("Indicadores de resultado", "Result indicators"),
    "name": ("Nombre", "Name"),
    "year": ("año", "year"),
    "inputs": ("Insumos", "Inputs"),
    "segments": ("Costo por segmento", "Cost by segment"),
    "published_amount": ("Monto publicado", "Published amount"),
    "activity_detail": ("Detalle de costos por actividad", "Cost detail by activity"),
    "input_unit_cost": ("Costo por unidad", "Cost per unit"),
    "share_of_unit_cost": ("Participación en el costo unitario", "Share of the unit cost"),
    "base_unit_cost": ("Costo unitario (suma de insumos)", "Unit cost (sum of inputs)"),
    "subtotal": ("Subtotal", "Subtotal"),
    "total_activities": ("Actividades (incluye acciones comunes)",
                         "Activities (including common actions)"),
    "total_budget": ("Presupuesto total", "Total budget"),
    "frequency_times": ("× {frequency} {unit}", "× {frequency} {unit}"),
    "millions_of": ("millones de {currency}", "millions of {currency}"),
    "thousands_of": ("miles de {currency}", "thousands of {currency}"),
    "units_of": ("{currency}", "{currency}"),
    "declared_mark": ("costo unitario declarado, sin desagregar en insumos",
                      "declared unit cost, not broken down into inputs"),
    "result_mode": ("costo unitario resultante: monto ÷ (meta × frecuencia)",
                    "resulting unit cost: amount ÷ (target × frequency)"),
    "note_formula": (
        "Recursos financieros = meta física × frecuencia × costo unitario, redondeado al "
        "céntimo por línea presupuestal. Los costos unitarios se muestran redondeados; los "
        "cálculos usan el valor sin redondear.",
        "Financial resources = physical target × frequency × unit cost, rounded to the cent "
        "per budget line. Unit costs are shown rounded; calculations use the unrounded value."),
    "note_segments": (
        "El costo unitario implícito es monto ÷ (meta × frecuencia), con 4 decimales; el "
        "publicado es el que imprime la fuente, redondeado.",
        "The implied unit cost is amount ÷ (target × frequency), to 4 decimals; the published "
        "one is the source's printed, rounded figure."),
    "note_segments_frequency": (
        "Recursos financieros = meta física × {frequency} {unit} × costo unitario.",
        "Financial resources = physical target × {frequency} {unit} × unit cost."),
    "unit_cost_per_base": (
        "Cada insumo aporta al costo unitario base; los segmentos con precios propios pueden "
        "diferir (vea la tabla de segmentos).",
        "Each input adds to the base unit cost; segments with their own prices may differ "
        "(see the segment table)."),
    "chart_product_note": ("Recursos financieros de cada producto y de las acciones comunes.",
                           "Financial resources of each product and of the common actions."),
    "chart_unit_cost_note": (
        "Cada barra es una actividad; cada tramo, un insumo (color: tipo de insumo). A la "
        "derecha, el costo unitario que suman sus insumos.",
        "Each bar is an activity; each segment, an input (colour: input kind). On the right, "
        "the unit cost its inputs add up to."),
    "no_result": ("sin resultado específico", "no specific result"),
    "severity_counts": ("{errors} errores, {warnings} avisos, {infos} notas",
                        "{errors} errors, {warnings} warnings, {infos} notes"),
    "of_total": ("del total", "of the total"),
    "planning": ("Planificación: techo, marco multianual y programación mensual",
                 "Planning: ceiling, multi-year frame and monthly programming"),
    "sheet_planning": ("Planificación", "Planning"),
    "plan_ceiling": ("Techo presupuestal {year}", "Budget ceiling {year}"),
    "plan_fitted": ("Ajustado al techo", "Fitted to the ceiling"),
    "plan_cut": ("Recorte", "Cut"),
    "plan_protected": ("protegido", "protected"),
    "plan_headroom": ("Techo {ceiling}: holgura de {gap}.",
                      "Ceiling {ceiling}: headroom of {gap}."),
    "plan_excess": ("Techo {ceiling}: la formulación lo excede en {gap}; lo no "
                    "protegido se recorta en la misma proporción, al céntimo.",
                    "Ceiling {ceiling}: the formulation exceeds it by {gap}; what is "
                    "not protected is cut in the same proportion, to the cent."),
    "plan_frame": ("Marco multianual", "Multi-year frame"),
    "year_title": ("Año", "Year"),
    "plan_projected": ("Proyectado", "Projected"),
    "plan_published": ("Publicado", "Published"),
    "plan_difference": ("Diferencia", "Difference"),
    "plan_frame_note": ("* año fiscal: la formulación tal como está escrita; los demás años, "
                        "población × cobertura × por unidad, con precios indexados.",
                        "* fiscal year: the formulation as written; other years, population × "
                        "coverage × per unit, with indexed prices."),
    "plan_months": ("Programación mensual", "Monthly programming"),
    "plan_month": ("Mes", "Month"),
    "plan_months_note": ("Cada línea se reparte por su calendario, su periodo (p. ej. "
                         "bimestre) o por igual en los doce meses, sin perder un céntimo.",
                         "Each line is phased by its calendar, its period (e.g. bimester) or "
                         "evenly over twelve months, without losing a cent."),
}


def label(key: str, lang: str = "es", **args: object) -> str:
    """A report label in ``lang``; ``args`` fill ``{placeholders}``."""
    if key in REPORT_TEXT:
        es, en = REPORT_TEXT[key]
        text = en if lang == "en" else es
    elif key in TEXT:
        text = t(key, lang)
    else:
        raise KeyError(f"unknown report label {key!r}")
    return text.format(**args) if args else text


def severity_label(severity: str, lang: str = "es") -> str:
    return SEVERITY_LABEL["en" if lang == "en" else "es"].get(severity, severity)
