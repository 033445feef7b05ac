"""Every change leaves an audit entry with before/after, and the database itself refuses to
change or delete entries."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from costeo.store import PermissionDenied, Store
from costeo.store.accounts import create_user, grant
from costeo.store.audit import audit
from costeo.store.editing import Change, edit
from costeo.store.exchange import import_program
from costeo.store.models import AuditEntry
from costeo.store.workflow import add_comment, new_version, transition
from tests.store.conftest import EXAMPLES, user
from tests.store.helpers import JUNTOS, PRICE, renamed, version_of


def _count(store: Store) -> int:
    with store.session(readonly=True) as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_every_change_is_audited(demo: Store) -> None:
    admin, formulator, reviewer = (user(demo, n) for n in ("admin", "formulador", "revisor"))
    version_id, lock = version_of(demo, JUNTOS)
    start = _count(demo)
    with demo.session() as s:
        edited = edit(s, formulator, version_id, lock,
                      [Change(PRICE, "210.00"), Change("parameters/itf/values/0/value", "0")])
    with demo.session() as s:
        transition(s, formulator, version_id, edited.version.lock, "submit")
    with demo.session() as s:
        add_comment(s, reviewer, version_id, "Revise el ITF")
    with demo.session() as s:
        copy = new_version(s, formulator, version_id)
    with demo.session() as s:
        import_program(s, admin, renamed(EXAMPLES[0], "7777"), "nuevo.yaml", "MIDIS")
        create_user(s, admin, "nueva", "clave-larga-1", "formulator")
        grant(s, admin, "nueva", program_code="7777")
    assert _count(demo) == start + 8  # edit, submit, comment, new_version, create_program,
    #                                   import, create_user, grant
    with demo.session(readonly=True) as s:
        entries = audit(s, reviewer, "version", version_id)
        assert [e.action for e in entries][-3:] == ["edit", "submit", "comment"]
        change = entries[-3]
        assert change.username == "formulador" and change.user_id == formulator.id
        assert change.before == {"lock": lock, "total": "1053723229.57",
                                 "values": {PRICE: "200.00",
                                            "parameters/itf/values/0/value": "0.0001"}}
        assert change.after["values"] == {PRICE: "210.00", "parameters/itf/values/0/value": "0"}
        assert change.after["lock"] == lock + 1
        assert change.after["total"] == str(edited.total)
        assert change.at is not None
        submit = entries[-2]
        assert (submit.before["state"], submit.after["state"]) == ("draft", "submitted")
        assert [e.action for e in audit(s, admin, "version", copy.id)] == ["new_version"]
        with pytest.raises(PermissionDenied):
            audit(s, None, "version", version_id)
        with pytest.raises(PermissionDenied):
            audit(s, reviewer)  # the whole log: administrators only


@pytest.mark.parametrize("statement", [
    "UPDATE audit_entries SET username = 'mallory'",
    "UPDATE audit_entries SET after = NULL WHERE id = (SELECT MIN(id) FROM audit_entries)",
    "DELETE FROM audit_entries",
    "DELETE FROM audit_entries WHERE id = (SELECT MAX(id) FROM audit_entries)",
])
def test_database_rejects_changes_to_the_log(demo: Store, statement: str) -> None:
    before = _rows(demo)
    assert before
    with pytest.raises(DBAPIError) as caught, demo.session() as s:
        s.execute(text(statement))
    assert "append-only" in str(caught.value)
    assert _rows(demo) == before


def test_orm_cannot_delete_entries_either(demo: Store) -> None:
    before = _rows(demo)
    with pytest.raises(DBAPIError), demo.session() as s:
        s.delete(s.scalars(select(AuditEntry).limit(1)).one())
    assert _rows(demo) == before


def _rows(store: Store) -> list[tuple[object, ...]]:
    with store.session(readonly=True) as s:
        return [tuple(r) for r in s.execute(text(
            "SELECT id, username, action, object_type, object_id FROM audit_entries "
            "ORDER BY id"))]


@pytest.mark.backends("postgresql")  # SQLite has no TRUNCATE (its DELETE is covered above)
def test_postgresql_rejects_truncate(demo: Store) -> None:
    before = _rows(demo)
    with pytest.raises(DBAPIError) as caught, demo.session() as s:
        s.execute(text("TRUNCATE audit_entries"))
    assert "append-only" in str(caught.value)
    assert _rows(demo) == before
