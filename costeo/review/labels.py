"""Words the review's front ends share (terminal, XLSX, HTML), in Spanish and English."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "review": ("Revisión de la estructura de costos", "Cost structure review"),
    "improve": ("Qué mejorar y por qué", "What to improve and why"),
    "findings": ("Hallazgos", "Findings"),
    "finding": ("Hallazgo", "Finding"),
    "count": ("Veces", "Count"),
    "stake": ("Monto en juego", "Amount at stake"),
    "why": ("Por qué", "Why"),
    "action": ("Acción sugerida", "Suggested action"),
    "methodology": ("Metodología", "Methodology"),
    "item": ("Fila / elemento", "Row / item"),
    "evidence": ("Evidencia", "Evidence"),
    "budget": ("Presupuesto revisado", "Budget reviewed"),
    "origin": ("Origen", "Origin"),
    "model": ("modelo costeo", "costeo model"),
    "published": ("cuadro publicado", "published table"),
    "tier": ("Nivel de revisión", "Review tier"),
    "no_findings": ("Sin hallazgos", "No findings"),
    "program": ("Programa", "Program"),
    "code": ("Código", "Code"),
    "severity": ("Severidad", "Severity"),
    "location": ("Ubicación", "Location"),
    "message": ("Mensaje", "Message"),
    "summary": ("Resumen", "Summary"),
    "sheet_review": ("Revisión", "Review"),
    "year": ("Año", "Year"),
    "currency": ("Moneda", "Currency"),
    "errors": ("errores", "errors"),
    "warnings": ("avisos", "warnings"),
    "notes": ("notas", "notes"),
}

# The names of the figures a finding's evidence holds (the keys stay stable in --json).
EVIDENCE: dict[str, tuple[str, str]] = {
    "activity": ("Actividad", "Activity"),
    "activity_target": ("Meta de la actividad", "Activity target"),
    "after": ("Después", "After"),
    "amount": ("Monto", "Amount"),
    "before": ("Antes", "Before"),
    "beneficiaries": ("Beneficiarios", "Beneficiaries"),
    "budget": ("Presupuesto", "Budget"),
    "chance": ("Probabilidad de que sea casual", "Chance it is accidental"),
    "change": ("Variación", "Change"),
    "computed": ("Calculado", "Computed"),
    "declared": ("Declarado", "Declared"),
    "difference": ("Diferencia", "Difference"),
    "displayed": ("Mostrado", "Displayed"),
    "exact": ("Exacto", "Exact"),
    "expected_amount": ("Monto esperado", "Expected amount"),
    "factor": ("Factor", "Factor"),
    "fee": ("Comisión", "Fee"),
    "first": ("Primer cuadro", "First table"),
    "floor": ("Piso legal", "Legal floor"),
    "high": ("Máximo", "High"),
    "implied": ("Implícito", "Implied"),
    "low": ("Mínimo", "Low"),
    "median": ("Mediana de los pares", "Peers' median"),
    "payments": ("Pagos", "Payments"),
    "peers": ("Pares", "Peers"),
    "per_beneficiary": ("Por beneficiario", "Per beneficiary"),
    "power": ("Potencia de 10", "Power of ten"),
    "product": ("Producto", "Product"),
    "product_target": ("Meta del producto", "Product target"),
    "production": ("Producción", "Production"),
    "programs": ("Programas", "Programs"),
    "published": ("Publicado", "Published"),
    "ratio": ("Razón", "Ratio"),
    "rows": ("Filas", "Rows"),
    "second": ("Segundo cuadro", "Second table"),
    "share": ("Participación", "Share"),
    "shortfall": ("Faltante", "Shortfall"),
    "target": ("Meta física", "Physical target"),
    "tax_rate": ("Tasa de impuesto", "Tax rate"),
    "threshold": ("Umbral", "Threshold"),
    "times": ("Veces la mediana", "Times the median"),
    "tolerance": ("Tolerancia", "Tolerance"),
    "traced": ("Trazado", "Traced"),
    "traced_amount": ("Monto trazado", "Traced amount"),
    "unit_cost": ("Costo unitario", "Unit cost"),
    "untraced": ("No trazado", "Untraced"),
    "untraced_amount": ("Monto no trazado", "Untraced amount"),
    "untraced_rows": ("Filas no trazadas", "Untraced rows"),
}


def evidence_label(key: str, lang: str = "es") -> str:
    es, en = EVIDENCE.get(key, (key, key))
    return en if lang == "en" else es


def rt(key: str, lang: str = "es") -> str:
    es, en = TEXT[key]
    return en if lang == "en" else es
