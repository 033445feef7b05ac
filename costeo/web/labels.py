"""Web-only labels, in Spanish and English.

The shared vocabulary lives in :mod:`costeo.i18n` and :mod:`costeo.reports.labels`;
:func:`label` looks here first and falls back to the report labels, so templates use one
function (``L('key')``) for every text.
"""

from __future__ import annotations

from costeo.io.xlsx.layout import TABLES
from costeo.reports.labels import REPORT_TEXT
from costeo.reports.labels import label as report_label

WEB_TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("costeo · presupuesto por resultados", "costeo · results-based budgeting"),
    "login": ("Iniciar sesión", "Log in"),
    "logout": ("Cerrar sesión", "Log out"),
    "username": ("Usuario", "Username"),
    "password": ("Contraseña", "Password"),
    "bad_login": ("Usuario o contraseña incorrectos.", "Wrong username or password."),
    "throttled": ("Demasiados intentos fallidos; espere unos minutos e intente de nuevo.",
                  "Too many failed attempts; wait a few minutes and try again."),
    "programs": ("Programas", "Programs"),
    "more_changed": ("… y {n} cifras más (véalas en el árbol o en Comparar versiones)",
                     "… and {n} more figures (see them in the tree or in Compare versions)"),
    "public_budgets": ("Presupuestos publicados", "Published budgets"),
    "language": ("English", "Español"),
    "state": ("Estado", "State"),
    "state_draft": ("borrador", "draft"),
    "state_submitted": ("enviado", "submitted"),
    "state_returned": ("devuelto", "returned"),
    "state_approved": ("aprobado", "approved"),
    "state_published": ("publicado", "published"),
    "version": ("Versión", "Version"),
    "versions": ("Versiones", "Versions"),
    "all": ("Todos", "All"),
    "filter": ("Filtrar", "Filter"),
    "import_program": ("Importar un programa", "Import a program"),
    "import_file": ("Archivo del programa (YAML, o libro XLSX de costeo)",
                    "Program file (YAML, or a costeo XLSX workbook)"),
    "import_example": ("o un ejemplo incluido", "or a bundled example"),
    "import": ("Importar", "Import"),
    "none": ("(ninguno)", "(none)"),
    "tree": ("Estructura", "Structure"),
    "editor": ("Editar costos", "Edit costs"),
    "formulation_table": ("Formulación", "Formulation"),
    "lineage": ("Trazabilidad", "Lineage"),
    "lineage_hint": ("Haga clic en una cifra para ver cómo se calculó.",
                     "Click any figure to see how it was built."),
    "compare": ("Comparar versiones", "Compare versions"),
    "compare_with": ("Comparar con", "Compare with"),
    "audit": ("Registro de auditoría", "Audit log"),
    "comments": ("Comentarios", "Comments"),
    "add_comment": ("Comentar", "Comment"),
    "comment_text": ("Comentario", "Comment"),
    "figure": ("Cifra", "Figure"),
    "workflow": ("Flujo de aprobación", "Workflow"),
    "action_submit": ("Enviar a revisión", "Submit for review"),
    "action_return": ("Devolver", "Return"),
    "action_approve": ("Aprobar", "Approve"),
    "action_publish": ("Publicar", "Publish"),
    "new_version": ("Nueva versión (borrador)", "New version (draft)"),
    "download_xlsx": ("Descargar XLSX", "Download XLSX"),
    "download_pdf": ("Descargar PDF", "Download PDF"),
    "download_yaml": ("Descargar YAML", "Download YAML"),
    "inputs": ("Insumos", "Inputs"),
    "prices": ("Precios", "Prices"),
    "targets": ("Metas", "Targets"),
    "save_hint": ("Los cambios se guardan y recalculan al editar cada celda.",
                  "Changes are saved and recomputed as you edit each cell."),
    "saved": ("Guardado. Total recalculado: {total}", "Saved. Recomputed total: {total}"),
    "read_only": ("Esta versión no se puede editar ({state}).",
                  "This version cannot be edited ({state})."),
    "by": ("Por", "By"),
    "by_activity": ("actividad", "activity"),
    "by_segment": ("segmento", "segment"),
    "by_territory": ("territorio", "territory"),
    "by_period": ("periodo (mes)", "period (month)"),
    "path": ("Campo", "Field"),
    "value": ("Valor", "Value"),
    "context": ("Dónde", "Where"),
    "conflict_title": ("Conflicto de edición", "Edit conflict"),
    "before": ("Antes", "Before"),
    "after": ("Después", "After"),
    "difference": ("Diferencia", "Difference"),
    "changed_values": ("Valores cambiados", "Changed values"),
    "no_changes": ("Sin cambios.", "No changes."),
    "when": ("Cuándo", "When"),
    "who": ("Quién", "Who"),
    "action": ("Acción", "Action"),
    "object": ("Objeto", "Object"),
    "created_by": ("Creado por", "Created by"),
    "updated": ("Actualizado", "Updated"),
    "treemap": ("Presupuesto por producto", "Budget by product"),
    "download": ("Descargar", "Download"),
    "back": ("Volver", "Back"),
    "error": ("Error", "Error"),
    "not_found": ("No encontrado.", "Not found."),
    "forbidden": ("No tiene permiso para esta acción.",
                  "You are not allowed to do this."),
    "login_required": ("Inicie sesión para continuar.", "Log in to continue."),
    "csrf_failed": ("La sesión expiró o el formulario no es válido; recargue la página.",
                    "The session expired or the form is not valid; reload the page."),
    "method_not_allowed": ("Método no permitido.", "Method not allowed."),
    "invalid_request": ("La solicitud no es válida.", "The request is not valid."),
    "server_error": ("Error interno del servidor.", "Internal server error."),
    "unit_cost_short": ("Costo unit.", "Unit cost"),
    "no_programs": ("No hay programas visibles para usted.", "No programs visible to you."),
    "no_public": ("Aún no hay presupuestos publicados.", "No published budgets yet."),
    "role": ("Rol", "Role"),
    "review": ("Revisión", "Review"),
    "review_tier": ("Nivel de revisión", "Review tier"),
    "tier_basic": ("básico", "basic"),
    "tier_strict": ("estricto", "strict"),
    "review_summary": ("Qué mejorar y por qué", "What to improve and why"),
    "review_finding": ("Hallazgo", "Finding"),
    "review_count": ("Casos", "Cases"),
    "review_stake": ("Monto en cuestión", "Amount at stake"),
    "review_why": ("Por qué", "Why"),
    "review_action": ("Acción", "Action"),
    "review_findings": ("Hallazgos con evidencia", "Findings with evidence"),
    "review_evidence": ("Evidencia", "Evidence"),
    "review_methodology": ("Metodología", "Methodology"),
    "role_admin": ("administración", "administrator"),
    "role_formulator": ("formulación", "formulator"),
    "role_reviewer": ("revisión", "reviewer"),
    "role_reader": ("lectura", "reader"),
    "reload": ("Recargar", "Reload"),
}


def label(key: str, lang: str = "es", **args: object) -> str:
    """A web label in ``lang`` (falling back to the report and shared labels)."""
    if key in WEB_TEXT:
        es, en = WEB_TEXT[key]
        text = en if lang == "en" else es
        return text.format(**args) if args else text
    return report_label(key, lang, **args)


def _field_names() -> dict[str, tuple[str, str]]:
    names: dict[str, tuple[str, str]] = {}
    for sheet in TABLES:  # the workbook's headers: one name for a field, wherever it is edited
        for col in sheet.cols:
            names.setdefault(col.path, (col.es, col.en))
    return names


FIELD_NAMES = _field_names()


def field_label(field: str, lang: str = "es") -> str:
    """The name of an editable field (``price``, ``target``…) as the workbook's header says it."""
    es, en = FIELD_NAMES.get(field, (field, field))
    return en if lang == "en" else es


def known(key: str) -> bool:
    from costeo.i18n import TEXT

    return key in WEB_TEXT or key in REPORT_TEXT or key in TEXT
