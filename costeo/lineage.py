"""Lineage: every figure can explain itself, down to the given values and their sources.

A :class:`Figure` is a value with the formula that produced it, the figures it used and,
for given values, where they were written (file:line:col) and the document they cite.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from costeo.diagnostics import Location

# kind of figure
GIVEN, PARAMETER, DEFAULT, DERIVED = "given", "parameter", "default", "derived"

KIND_LABEL = {
    "es": {GIVEN: "dato", PARAMETER: "parámetro", DEFAULT: "valor por defecto",
           DERIVED: "calculado"},
    "en": {GIVEN: "given", PARAMETER: "parameter", DEFAULT: "default", DERIVED: "derived"},
}

# roles: what a figure is, in each language
ROLES: dict[str, tuple[str, str]] = {
    "total": ("Presupuesto del programa", "Program budget"),
    "product": ("Presupuesto del producto", "Product budget"),
    "activity": ("Presupuesto de la actividad", "Activity budget"),
    "common": ("Acciones comunes", "Common actions"),
    "cell": ("Monto de la celda", "Cell amount"),
    "dimension": ("Monto por dimensión", "Amount by dimension"),
    "line": ("Línea presupuestal", "Budget line"),
    "classifier": ("Monto por clasificador", "Amount by classifier"),
    "target": ("Meta física", "Physical target"),
    "frequency": ("Frecuencia", "Frequency"),
    "unit_cost": ("Costo unitario", "Unit cost"),
    "input": ("Costo por unidad del insumo", "Input cost per unit"),
    "quantity": ("Cantidad", "Quantity"),
    "price": ("Precio", "Price"),
    "monthly_pay": ("Remuneración mensual", "Monthly pay"),
    "months_per_year": ("Remuneraciones al año", "Payments per year"),
    "hours_per_month": ("Horas por mes", "Hours per month"),
    "hourly_rate": ("Costo por hora", "Hourly rate"),
    "minutes": ("Minutos por unidad", "Minutes per unit"),
    "hours": ("Horas por unidad", "Hours per unit"),
    "people": ("Personas", "People"),
    "replacement_price": ("Precio de reposición", "Replacement price"),
    "useful_life": ("Vida útil (años)", "Useful life (years)"),
    "units_per_year": ("Unidades producidas al año", "Units produced per year"),
    "indirect_ratio": ("Tasa de costos indirectos", "Indirect cost ratio"),
    "direct_cost": ("Costo directo", "Direct cost"),
    "direct": ("Gasto directo recurrente", "Direct recurrent spending"),
    "indirect": ("Gasto indirecto recurrente", "Indirect recurrent spending"),
    "allocated": ("Costo recibido de centros de apoyo", "Cost received from support centres"),
    "allocation": ("Asignación desde centro de apoyo", "Allocation from support centre"),
    "base_share": ("Participación en la base", "Share of the allocation base"),
    "allocation_base": ("Base de asignación", "Allocation base"),
    "base_total": ("Suma de la base de asignación", "Allocation base total"),
    "base": ("Costo base", "Base cost"),
    "share": ("Participación", "Share"),
    "markup": ("Margen", "Markup"),
    "component": ("Componente de la estructura", "Structure component"),
    "amount": ("Monto por pago", "Amount per payment"),
    "tax_rate": ("Tasa de impuesto", "Tax rate"),
    "fee": ("Comisión por pago", "Fee per payment"),
    "payments": ("Pagos", "Payments"),
    "envelope": ("Monto asignado", "Envelope"),
    "per_beneficiary": ("Monto por beneficiario", "Amount per beneficiary"),
    "beneficiaries": ("Beneficiarios", "Beneficiaries"),
    "spent": ("Gasto ejecutado", "Spent"),
    "produced": ("Producción", "Produced"),
    "site_cost": ("Costo observado del sitio", "Observed cost at site"),
    "register": ("Padrón", "Register"),
    "opening": ("Valor de apertura", "Opening value"),
    "price_index": ("Índice de precios acumulado", "Cumulative price index"),
    "rate": ("Tasa anual", "Annual rate"),
    "population": ("Población", "Population"),
    "coverage": ("Cobertura", "Coverage"),
    "per_unit": ("Por unidad de población", "Per unit of population"),
    "factor": ("Factor", "Factor"),
}

FORMULAS: dict[str, tuple[str, str]] = {
    "sum": ("suma", "sum"),
    "line": ("meta × frecuencia × costo unitario, redondeado al céntimo",
             "target × frequency × unit cost, rounded to the cent"),
    "exact_line": ("meta × costo unitario, exacto (precios en céntimos: sin redondeo)",
                   "target × unit cost, exact (prices in cents: no rounding)"),
    "given_amount": ("monto dado (el costo unitario resulta)", "given amount (unit cost follows)"),
    "qfp": ("cantidad × frecuencia × precio", "quantity × frequency × price"),
    "hourly_rate": ("remuneración × pagos al año ÷ (horas por mes × 12)",
                    "pay × payments per year ÷ (hours per month × 12)"),
    "labour": ("personas × horas × costo por hora", "people × hours × hourly rate"),
    "minutes_to_hours": ("minutos ÷ 60", "minutes ÷ 60"),
    "depreciation": ("cantidad × precio de reposición ÷ vida útil ÷ unidades al año",
                     "quantity × replacement price ÷ useful life ÷ units per year"),
    "indirect": ("tasa indirecta × costo directo", "indirect ratio × direct cost"),
    "indirect_ratio": ("(gasto indirecto + costo recibido) ÷ gasto directo",
                       "(indirect spending + cost received) ÷ direct spending"),
    "step_down": ("costo del centro de apoyo × participación en la base",
                  "support centre cost × share of the base"),
    "base_share": ("base del centro ÷ suma de bases", "centre's base ÷ sum of bases"),
    "gross_up": ("costo base ÷ participación de la base", "base cost ÷ base share"),
    "component": ("precio total × participación", "total price × share"),
    "flat_markup": ("costo base × (1 + margen)", "base cost × (1 + markup)"),
    "transfer": ("pagos × monto × (1 + tasa de impuesto)", "payments × amount × (1 + tax rate)"),
    "transfer_fee": ("pagos × comisión", "payments × fee"),
    "envelope_per_unit": ("monto ÷ (meta × frecuencia)", "envelope ÷ (target × frequency)"),
    "per_beneficiary": ("monto por beneficiario × beneficiarios × participación",
                        "amount per beneficiary × beneficiaries × share"),
    "mean": ("promedio simple de los costos por sitio", "simple mean of site costs"),
    "weighted": ("gasto total ÷ producción total (promedio ponderado)",
                 "total spent ÷ total produced (weighted mean)"),
    "site_cost": ("gasto ÷ producción", "spent ÷ produced"),
    "register_sum": ("suma de columnas del padrón", "sum of register columns"),
    "register_lag": ("columnas del padrón del periodo anterior",
                     "register columns, previous period"),
    "result_unit_cost": ("monto ÷ (meta × frecuencia)", "amount ÷ (target × frequency)"),
    "sum_targets": ("suma de metas", "sum of targets"),
    "indexed": ("valor × índice de precios del año", "value × the year's price index"),
    "cumulative_index": ("producto de (1 + tasa) de cada año desde el año fiscal",
                         "product of (1 + rate) for each year since the fiscal year"),
    "projection": ("población cubierta × por unidad", "covered population × per unit"),
    "covered": ("población × cobertura, redondeada a la unidad",
                "population × coverage, rounded to whole units"),
    "target_factor": ("meta × factor del escenario", "target × scenario factor"),
}


# Roles whose value is an amount of money (shown with the currency, to the cent).
MONEY_ROLES = frozenset({"total", "product", "activity", "common", "cell", "line", "classifier",
                         "envelope", "spent", "allocation", "allocated", "direct", "indirect"})


@dataclass
class Figure:
    role: str
    value: Decimal
    subject: str = ""
    kind: str = DERIVED
    formula: str = ""
    unit: str = ""
    inputs: list[Figure] = field(default_factory=list)
    loc: Location | None = None
    source: str | None = None
    id: str | None = None
    declared: bool = False

    @property
    def is_money(self) -> bool:
        return self.role in MONEY_ROLES

    def label(self, lang: str = "es") -> str:
        es, en = ROLES.get(self.role, (self.role, self.role))
        name = en if lang == "en" else es
        return f"{name} · {self.subject}" if self.subject else name

    def formula_text(self, lang: str = "es") -> str:
        if not self.formula:
            return ""
        es, en = FORMULAS.get(self.formula, (self.formula, self.formula))
        return en if lang == "en" else es

    def walk(self) -> Iterator[Figure]:
        yield self
        for child in self.inputs:
            yield from child.walk()

    def leaves(self) -> Iterator[Figure]:
        for figure in self.walk():
            if not figure.inputs:
                yield figure

    def to_dict(self, lang: str = "es", depth: int | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "label": self.label(lang),
            "role": self.role,
            "value": str(self.value),
            "unit": self.unit,
            "kind": self.kind,
        }
        if self.formula:
            data["formula"] = self.formula_text(lang)
        if self.loc:
            data["location"] = str(self.loc)
        if self.source:
            data["source"] = self.source
        if self.declared:
            data["declared"] = True
        if self.inputs and (depth is None or depth > 0):
            data["inputs"] = [
                c.to_dict(lang, None if depth is None else depth - 1) for c in self.inputs
            ]
        return data


def given(role: str, value: Decimal, subject: str = "", loc: Location | None = None,
          unit: str = "", source: str | None = None) -> Figure:
    return Figure(role, value, subject, GIVEN, loc=loc, unit=unit, source=source)


def default(role: str, value: Decimal, subject: str = "", unit: str = "") -> Figure:
    return Figure(role, value, subject, DEFAULT, unit=unit)


def derived(role: str, value: Decimal, formula: str, inputs: list[Figure], subject: str = "",
            unit: str = "", id: str | None = None) -> Figure:
    return Figure(role, value, subject, DERIVED, formula, unit, inputs, id=id)
