"""Every store error has a stable code, an HTTP status and a message in both languages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from costeo.diagnostics import Diagnostics, Location
from costeo.store.errors import (
    Conflict,
    Duplicate,
    EmptyText,
    Immutable,
    InvalidInput,
    InvalidTransition,
    NoChanges,
    NotFound,
    PermissionDenied,
    StoreError,
)


def _invalid() -> InvalidInput:
    diagnostics = Diagnostics()
    diagnostics.add("not-a-number", Location("p.yaml", 3, 9), field="price", value="abc")
    return InvalidInput(diagnostics)


ERRORS: list[tuple[StoreError, int, str, str]] = [
    (NotFound("program", "0115"), 404, "No existe el programa «0115».",
     "There is no program '0115'."),
    (PermissionDenied("approve", "0115 v2"), 403, "No tiene permiso para aprobar en 0115 v2.",
     "You are not allowed to approve on 0115 v2."),
    (Conflict(3, 4, "revisor", datetime(2026, 11, 22, 10, 5, tzinfo=UTC)), 409,
     "revisor cambió esta versión el 2026-11-22 10:05:00 UTC (bloqueo 4, usted editaba el 3). "
     "Nada se guardó: recargue la página y vuelva a aplicar sus cambios.",
     "revisor changed this version at 2026-11-22 10:05:00 UTC (lock 4, you were editing 3). "
     "Nothing was saved: reload the page and re-apply your changes."),
    (Immutable(2, "published"), 409,
     "La versión 2 está publicada y no se puede modificar; cree una nueva versión a partir "
     "de ella.", "Version 2 is published and cannot be changed; create a new version from it."),
    (InvalidTransition("submit", "approved"), 409,
     "No se puede enviar una versión en estado aprobada.",
     "Cannot submit a version that is approved."),
    (Duplicate("user", "ana"), 409, "Ya existe el usuario «ana».", "user 'ana' already exists."),
    (EmptyText("comment_text"), 422, "Escriba el texto del comentario.",
     "Write the comment's text."),
    (NoChanges(), 422, "No hay cambios que guardar.", "There are no changes to save."),
    (_invalid(), 422, "El programa tiene 1 error(es); nada se guardó.",
     "The program has 1 error(s); nothing was saved."),
]


@pytest.mark.parametrize(("error", "status", "es", "en"), ERRORS,
                         ids=[type(e[0]).__name__ for e in ERRORS])
def test_messages(error: StoreError, status: int, es: str, en: str) -> None:
    assert error.status == status
    assert error.message() == es
    assert error.message("en") == en
    shape = error.to_dict("en")
    assert set(shape) == {"code", "message", "details"}
    assert shape["code"] == error.code and shape["message"] == en


def test_codes_are_unique() -> None:
    codes = [type(e).code for e, *_ in ERRORS]
    assert len(codes) == len(set(codes))


def test_conflict_details_and_invalid_input_diagnostics() -> None:
    conflict = ERRORS[2][0]
    assert conflict.to_dict()["details"] == {
        "expected": 3, "current": 4, "who": "revisor", "when": "2026-11-22T10:05:00+00:00"}
    details = _invalid().to_dict("en")["details"]
    assert details["diagnostics"][0]["location"] == {"file": "p.yaml", "line": 3, "col": 9}
    assert details["diagnostics"][0]["code"] == "not-a-number"
