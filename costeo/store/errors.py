"""Typed errors of the store, each with a stable code and a Spanish/English message.

Front ends (CLI, web pages, JSON API) catch :class:`StoreError` and render ``code``,
``message(lang)`` and ``details()``; the web app maps ``status`` to the HTTP status.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from costeo.diagnostics import Diagnostics

_MESSAGES: dict[str, dict[str, str]] = {
    "not-found": {
        "es": "No existe {what} «{key}».",
        "en": "There is no {what} '{key}'.",
    },
    "permission-denied": {
        "es": "No tiene permiso para {action} en {target}.",
        "en": "You are not allowed to {action} on {target}.",
    },
    "conflict": {
        "es": "{who} cambió esta versión el {when} (bloqueo {current}, usted editaba el "
              "{expected}). Nada se guardó: recargue la página y vuelva a aplicar sus cambios.",
        "en": "{who} changed this version at {when} (lock {current}, you were editing "
              "{expected}). Nothing was saved: reload the page and re-apply your changes.",
    },
    "immutable": {
        "es": "La versión {number} está {state} y no se puede modificar; cree una nueva "
              "versión a partir de ella.",
        "en": "Version {number} is {state} and cannot be changed; create a new version "
              "from it.",
    },
    "invalid-transition": {
        "es": "No se puede {action} una versión en estado {state}.",
        "en": "Cannot {action} a version that is {state}.",
    },
    "invalid-input": {
        "es": "El programa tiene {count} error(es); nada se guardó.",
        "en": "The program has {count} error(s); nothing was saved.",
    },
    "empty-text": {
        "es": "Escriba {what}.",
        "en": "Write {what}.",
    },
    "no-changes": {
        "es": "No hay cambios que guardar.",
        "en": "There are no changes to save.",
    },
    "duplicate": {
        "es": "Ya existe {what} «{key}».",
        "en": "{what} '{key}' already exists.",
    },
}

# Words interpolated into the messages, so that the Spanish text reads in Spanish.
_WORDS: dict[str, dict[str, str]] = {
    "es": {
        "user": "el usuario", "entity": "la entidad", "program": "el programa",
        "version": "la versión", "path": "la ruta", "formulation": "la formulación",
        "read": "leer", "edit": "editar", "create": "crear", "submit": "enviar",
        "comment": "comentar", "return": "devolver", "approve": "aprobar",
        "publish": "publicar", "admin": "administrar", "read_public": "ver",
        "new_version": "crear una versión", "comment_text": "el texto del comentario",
        "draft": "borrador", "submitted": "enviada", "returned": "devuelta",
        "approved": "aprobada", "published": "publicada", "anonymous": "anónimo",
    },
    "en": {
        "user": "user", "entity": "entity", "program": "program", "version": "version",
        "path": "path", "formulation": "formulation", "read_public": "view",
        "new_version": "create a version", "comment_text": "the comment's text",
    },
}


def _word(value: Any, lang: str) -> Any:
    if isinstance(value, str):
        return _WORDS.get(lang, {}).get(value, value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S UTC")
    return value


class StoreError(Exception):
    """Base class: ``code`` is stable (API clients match on it), ``status`` is the HTTP one."""

    code = "store-error"
    status = 400

    def __init__(self, **args: Any) -> None:
        self.args_ = args
        super().__init__(self.message("en"))

    def message(self, lang: str = "es") -> str:
        lang = "en" if lang == "en" else "es"
        template = _MESSAGES[self.code][lang]
        return template.format(**{k: _word(v, lang) for k, v in self.args_.items()})

    def details(self, lang: str = "es") -> dict[str, Any]:
        """JSON-ready fields for the one error shape of the API."""
        return {k: (v.isoformat() if isinstance(v, datetime) else v)
                for k, v in self.args_.items()}

    def to_dict(self, lang: str = "es") -> dict[str, Any]:
        return {"code": self.code, "message": self.message(lang), "details": self.details(lang)}


class NotFound(StoreError):
    code = "not-found"
    status = 404

    def __init__(self, what: str, key: Any) -> None:
        super().__init__(what=what, key=str(key))


class PermissionDenied(StoreError):
    code = "permission-denied"
    status = 403

    def __init__(self, action: str, target: str) -> None:
        super().__init__(action=action, target=target)


class Conflict(StoreError):
    """The lock the client edited is stale: someone saved in between."""

    code = "conflict"
    status = 409

    def __init__(self, expected: int, current: int, who: str, when: datetime | None) -> None:
        super().__init__(expected=expected, current=current, who=who, when=when)
        self.expected, self.current, self.who, self.when = expected, current, who, when


class Immutable(StoreError):
    code = "immutable"
    status = 409

    def __init__(self, number: int, state: str) -> None:
        super().__init__(number=number, state=state)


class InvalidTransition(StoreError):
    code = "invalid-transition"
    status = 409

    def __init__(self, action: str, state: str) -> None:
        super().__init__(action=action, state=state)


class Duplicate(StoreError):
    code = "duplicate"
    status = 409

    def __init__(self, what: str, key: Any) -> None:
        super().__init__(what=what, key=str(key))


class EmptyText(StoreError):
    code = "empty-text"
    status = 422

    def __init__(self, what: str) -> None:
        super().__init__(what=what)


class NoChanges(StoreError):
    code = "no-changes"
    status = 422

    def __init__(self) -> None:
        super().__init__()


class InvalidInput(StoreError):
    """The program (or an edit) has errors: carries the located costeo diagnostics."""

    code = "invalid-input"
    status = 422

    def __init__(self, diagnostics: Diagnostics) -> None:
        self.diagnostics = diagnostics
        super().__init__(count=len(diagnostics.errors) or 1)

    def __str__(self) -> str:  # tracebacks and logs show where the first problem is
        first = self.diagnostics.errors[:1]
        return self.message("en") + (f" {first[0].format('en')}" if first else "")

    def details(self, lang: str = "es") -> dict[str, Any]:
        return {"count": self.args_["count"],
                "diagnostics": [d.to_dict(lang) for d in self.diagnostics]}
