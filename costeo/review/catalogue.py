"""The findings catalogue: stable codes, titles, messages and suggested actions (es/en).

Codes are public API, like the diagnostic codes in :mod:`costeo.messages`;
``docs/reference/findings.md`` is generated from this table by ``docs/gen_findings.py``.

Message placeholders take a format: ``{x:money}`` (two decimals), ``{x:int}`` (no decimals),
``{x:pct}`` (a share, as a percentage with two decimals), ``{x:num}`` (as many decimals as the
value has, at most ten). Numbers are rendered with Babel for the report's locale.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class FindingEntry:
    check: str
    severity: str
    title_es: str
    title_en: str
    es: str
    en: str
    action_es: str
    action_en: str


FINDINGS: dict[str, FindingEntry] = {
    # --- arithmetic -------------------------------------------------------------------
    "row-arithmetic": FindingEntry(
        "arithmetic", ERROR,
        "Fila que no cuadra", "Row that does not add up",
        "meta {target:num} × {factor:num} × costo unitario {displayed:num} no da el monto "
        "{amount:num}: el costo unitario implícito es {implied:num} (diferencia {difference:num}, "
        "el redondeo explica hasta {tolerance:num})",
        "target {target:num} × {factor:num} × unit cost {displayed:num} does not give the "
        "amount {amount:num}: the implied unit cost is {implied:num} (difference "
        "{difference:num}, rounding explains up to {tolerance:num})",
        "corrija el costo unitario, la meta o el monto de la fila; publique el costo unitario "
        "con el que se calculó el monto",
        "correct the row's unit cost, target or amount; publish the unit cost the amount was "
        "computed with"),
    "subtotal-mismatch": FindingEntry(
        "arithmetic", ERROR,
        "Subtotal que no suma sus filas", "Subtotal that does not add up",
        "el {what} publicado {published:num} difiere de la suma de sus {rows:int} filas "
        "{computed:num} en {difference:num}, más de lo que explica el redondeo "
        "({tolerance:num})",
        "the published {what} {published:num} differs from the sum of its {rows:int} rows "
        "{computed:num} by {difference:num}, more than rounding explains ({tolerance:num})",
        "busque la fila omitida o duplicada; el subtotal debe ser la suma de sus filas",
        "look for a missing or repeated row; a subtotal must be the sum of its rows"),
    "subtotal-rounding": FindingEntry(
        "arithmetic", INFO,
        "Subtotal redondeado aparte", "Subtotal rounded on its own",
        "el {what} publicado {published:num} difiere de la suma de sus {rows:int} filas "
        "{computed:num} en {difference:num}, dentro del redondeo de la fuente "
        "(±{tolerance:num})",
        "the published {what} {published:num} differs from the sum of its {rows:int} rows "
        "{computed:num} by {difference:num}, within the source's rounding (±{tolerance:num})",
        "publique subtotales que sean la suma de las filas redondeadas",
        "publish subtotals that are the sum of the rounded rows"),
    # --- cross-table reconciliation -----------------------------------------------------
    "tables-disagree": FindingEntry(
        "tables", WARNING,
        "Cuadros que no concilian", "Tables that do not reconcile",
        "para {group}, el {what} es {first:num} en «{first_table}» y {second:num} en "
        "«{second_table}» (diferencia {difference:num})",
        "for {group}, the {what} is {first:num} in “{first_table}” and {second:num} in "
        "“{second_table}” (difference {difference:num})",
        "concilie los dos cuadros: deben salir de la misma meta y del mismo costo",
        "reconcile both tables: they must come from the same target and cost"),
    # --- physical coherence -------------------------------------------------------------
    "ratio-out-of-bounds": FindingEntry(
        "ratios", WARNING,
        "Meta física incoherente", "Incoherent physical target",
        "{label}: la meta de {activity} ({activity_target:num}) ÷ la de {product} "
        "({product_target:num}) da {ratio:num}, fuera del rango declarado "
        "[{low:num}, {high:num}]",
        "{label}: the target of {activity} ({activity_target:num}) ÷ that of {product} "
        "({product_target:num}) gives {ratio:num}, outside the declared range "
        "[{low:num}, {high:num}]",
        "revise la meta de la actividad o la del producto; deben cumplir la relación física",
        "check the activity's or the product's target; they must keep the physical ratio"),
    # --- top-down signals ---------------------------------------------------------------
    "round-per-beneficiary": FindingEntry(
        "top_down", WARNING,
        "Monto redondo por beneficiario", "Round amount per beneficiary",
        "{group}: {amount:money} ÷ {beneficiaries:int} beneficiarios da exactamente "
        "{per_beneficiary:money} sumando {rows:int} filas; por azar ocurriría con "
        "probabilidad {chance:num}: los montos parecen fijados para llegar a esa cifra",
        "{group}: {amount:money} ÷ {beneficiaries:int} beneficiaries gives exactly "
        "{per_beneficiary:money} over {rows:int} rows; by chance this would happen with "
        "probability {chance:num}: the amounts look set to reach that figure",
        "costee cada actividad desde sus insumos (P × Q) en lugar de repartir un monto fijo "
        "por beneficiario",
        "cost each activity from its inputs (P × Q) instead of splitting a fixed amount per "
        "beneficiary"),
    "round-amount": FindingEntry(
        "top_down", INFO,
        "Monto redondo", "Round amount",
        "el monto {amount:money} es múltiplo exacto de {power:int}: parece una asignación "
        "decidida, no el resultado de meta × costo unitario",
        "the amount {amount:money} is an exact multiple of {power:int}: it looks like a "
        "decided allocation, not the result of target × unit cost",
        "sustente el monto con la meta física y la estructura de costos",
        "support the amount with the physical target and the cost structure"),
    "quotient-of-round": FindingEntry(
        "top_down", WARNING,
        "Costo unitario que resulta de dividir un monto redondo",
        "Unit cost that results from dividing a round amount",
        "el costo unitario {implied:num} es el cociente del monto redondo {amount:money} "
        "entre {production:num} unidades: el monto se decidió primero (costeo descendente)",
        "the unit cost {implied:num} is the quotient of the round amount {amount:money} by "
        "{production:num} units: the amount was decided first (top-down costing)",
        "construya el costo unitario desde los insumos y calcule el monto como meta × costo",
        "build the unit cost from its inputs and compute the amount as target × cost"),
    "target-without-cost": FindingEntry(
        "top_down", WARNING,
        "Meta sin costo", "Target with no cost",
        "la meta física {target:num} no tiene recursos asignados (monto {amount:money})",
        "the physical target {target:num} has no resources assigned (amount {amount:money})",
        "asigne el costo de producir la meta, o retire la meta si no se producirá",
        "assign the cost of producing the target, or drop the target if it will not be "
        "produced"),
    # --- traceability -------------------------------------------------------------------
    "low-traceability": FindingEntry(
        "traceability", WARNING,
        "Costos unitarios sin sustento", "Unit costs without support",
        "solo el {traced:pct} del presupuesto ({traced_amount:money}) tiene costo unitario "
        "desagregado en insumos; {untraced_amount:money} se declara o reparte sin desagregar "
        "(umbral {threshold:pct})",
        "only {traced:pct} of the budget ({traced_amount:money}) has a unit cost broken down "
        "into inputs; {untraced_amount:money} is declared or split down without breakdown "
        "(threshold {threshold:pct})",
        "desagregue en insumos (P × Q) los costos declarados, empezando por los de mayor monto",
        "break the declared costs down into inputs (P × Q), largest amounts first"),
    "traceability": FindingEntry(
        "traceability", INFO,
        "Trazabilidad", "Traceability",
        "el {traced:pct} del presupuesto tiene costo unitario desagregado en insumos; "
        "{untraced_amount:money} ({untraced:pct}) no lo tiene",
        "{traced:pct} of the budget has a unit cost broken down into inputs; "
        "{untraced_amount:money} ({untraced:pct}) does not",
        "desagregue los costos declarados que queden", "break down the remaining declared costs"),
    "traceability-unknown": FindingEntry(
        "traceability", INFO,
        "Sin desagregación publicada", "No published breakdown",
        "el cuadro solo muestra costos unitarios; no se puede saber qué parte de "
        "{amount:money} tiene sustento en insumos",
        "the table shows only unit costs; it cannot tell which part of {amount:money} is "
        "supported by inputs",
        "pida la estructura de costos (insumos, cantidades y precios) de cada costo unitario",
        "ask for the cost structure (inputs, quantities and prices) behind each unit cost"),
    # --- common actions -----------------------------------------------------------------
    "common-share-high": FindingEntry(
        "common", WARNING,
        "Acciones comunes altas", "High common actions",
        "las acciones comunes suman {amount:money}, el {share:pct} del presupuesto "
        "(umbral {threshold:pct})",
        "common actions add up to {amount:money}, {share:pct} of the budget "
        "(threshold {threshold:pct})",
        "atribuya a los productos los costos que les corresponden y sustente el resto",
        "attribute to products the costs that belong to them and support the rest"),
    "common-unit-cost-outlier": FindingEntry(
        "common", WARNING,
        "Acción común muy cara", "Very expensive common action",
        "el costo unitario {unit_cost:money} por {unit} es {times:num} veces la mediana "
        "{median:money} de {peers:int} acciones comunes comparables",
        "the unit cost {unit_cost:money} per {unit} is {times:num} times the median "
        "{median:money} of {peers:int} comparable common actions",
        "detalle los insumos de la acción común y justifique la diferencia",
        "list the common action's inputs and justify the difference"),
    # --- legal floors ---------------------------------------------------------------------
    "below-legal-floor": FindingEntry(
        "legal_floors", ERROR,
        "Transferencia bajo el monto legal", "Transfer below the legal amount",
        "el costo unitario {unit_cost:num} es menor que el mínimo legal {floor:num} "
        "({amount:num} × {payments:int} pagos × (1 + {tax_rate:num}) + comisión "
        "{fee:num} × {payments:int}) en {shortfall:num}, más que el redondeo (±{tolerance:num})",
        "the unit cost {unit_cost:num} is below the legal minimum {floor:num} "
        "({amount:num} × {payments:int} payments × (1 + {tax_rate:num}) + fee "
        "{fee:num} × {payments:int}) by {shortfall:num}, more than rounding (±{tolerance:num})",
        "el presupuesto no alcanza para pagar la transferencia de ley: ajuste el costo unitario",
        "the budget cannot pay the transfer the law sets: adjust the unit cost"),
    "legal-floor-met": FindingEntry(
        "legal_floors", INFO,
        "Transferencia que cubre el monto legal", "Transfer that covers the legal amount",
        "el costo unitario más bajo, {unit_cost:num}, cubre el mínimo legal {floor:num} "
        "({amount:num} × {payments:int} pagos × (1 + {tax_rate:num}) + comisión "
        "{fee:num} × {payments:int}) dentro del redondeo del monto (±{tolerance:num})",
        "the lowest unit cost, {unit_cost:num}, covers the legal minimum {floor:num} "
        "({amount:num} × {payments:int} payments × (1 + {tax_rate:num}) + fee "
        "{fee:num} × {payments:int}) within the amount's rounding (±{tolerance:num})",
        "ninguna", "none"),
    # --- comparisons --------------------------------------------------------------------
    "unit-cost-jump": FindingEntry(
        "comparisons", WARNING,
        "Salto de costo unitario", "Unit cost jump",
        "el costo unitario pasa de {before:num} en {before_version} a {after:num} "
        "({change:pct}, umbral ±{threshold:pct})",
        "the unit cost goes from {before:num} in {before_version} to {after:num} "
        "({change:pct}, threshold ±{threshold:pct})",
        "explique el cambio (precios, protocolo, meta) o corrija el costo",
        "explain the change (prices, protocol, target) or correct the cost"),
    "peer-unit-cost-outlier": FindingEntry(
        "comparisons", WARNING,
        "Costo unitario lejos de otros programas", "Unit cost far from other programs",
        "el costo unitario {unit_cost:money} por {unit} es {times:num} veces la mediana "
        "{median:money} de {peers:int} actividades iguales en otros programas ({programs})",
        "the unit cost {unit_cost:money} per {unit} is {times:num} times the median "
        "{median:money} of {peers:int} identical activities in other programs ({programs})",
        "compare el protocolo, los insumos y los precios con los de esos programas; sustente la "
        "diferencia o corrija el costo",
        "compare the protocol, inputs and prices with those programs'; justify the difference "
        "or correct the cost"),
    # --- methodology --------------------------------------------------------------------
    "methodology": FindingEntry(
        "methodology", INFO,
        "Metodología de costeo", "Costing methodology",
        "{label}: {reasons}", "{label}: {reasons}",
        "prefiera el costo estándar ascendente, corregido con costos observados",
        "prefer bottom-up standard costs, corrected with observed costs"),
}

CHECK_TITLES: dict[str, tuple[str, str]] = {
    "arithmetic": ("Aritmética de filas y subtotales", "Row and subtotal arithmetic"),
    "tables": ("Conciliación entre cuadros", "Cross-table reconciliation"),
    "ratios": ("Coherencia física", "Physical coherence"),
    "top_down": ("Señales de costeo descendente", "Top-down signals"),
    "traceability": ("Trazabilidad", "Traceability"),
    "common": ("Acciones comunes", "Common actions"),
    "legal_floors": ("Mínimos legales de transferencias", "Legal transfer floors"),
    "comparisons": ("Comparaciones", "Comparisons"),
    "methodology": ("Metodología", "Methodology"),
}
