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


def rt(key: str, lang: str = "es") -> str:
    es, en = TEXT[key]
    return en if lang == "en" else es
