"""Optimistic locking: a stale lock is a Conflict naming who saved and when; nothing is
overwritten; a change that breaks the program writes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from costeo.loader import load_text
from costeo.store import Conflict, InvalidInput, NotFound, Store
from costeo.store.editing import Change, edit
from costeo.store.models import AuditEntry, BudgetLine, Version
from costeo.store.workflow import line_total, transition
from tests.store.conftest import user
from tests.store.helpers import JUNTOS, PRICE, version_of


def _snapshot(store: Store, version_id: int) -> tuple[object, ...]:
    with store.session(readonly=True) as s:
        version = s.get_one(Version, version_id)
        lines = s.scalars(select(BudgetLine.amount).where(BudgetLine.version_id == version_id)
                          .order_by(BudgetLine.id)).all()
        audit = s.scalars(select(AuditEntry.id)).all()
        return (version.document, version.lock, version.total, version.state, tuple(lines),
                tuple(audit))


def test_stale_lock_is_a_conflict_with_who_and_when(demo: Store) -> None:
    formulator, admin = user(demo, "formulador"), user(demo, "admin")
    version_id, lock = version_of(demo, JUNTOS)
    with demo.session() as s:  # the administrator saves first
        first = edit(s, admin, version_id, lock, [Change(PRICE, "210.00")])
        saved_at = first.version.updated_at
    before = _snapshot(demo, version_id)
    with pytest.raises(Conflict) as caught, demo.session() as s:  # on the lock they read
        edit(s, formulator, version_id, lock, [Change(PRICE, "220.00")])
    conflict = caught.value
    assert (conflict.expected, conflict.current, conflict.who) == (lock, lock + 1, "admin")
    assert conflict.when is not None
    assert conflict.when.replace(tzinfo=None) == saved_at.replace(tzinfo=None)
    assert "admin" in conflict.message("es") and "recargue" in conflict.message("es")
    assert "reload" in conflict.message("en")
    assert conflict.to_dict()["details"]["current"] == lock + 1
    assert _snapshot(demo, version_id) == before  # nothing overwritten, nothing logged
    with pytest.raises(Conflict), demo.session() as s:  # transitions check the lock too
        transition(s, formulator, version_id, lock, "submit")
    assert _snapshot(demo, version_id) == before


def test_edit_recosts_and_rewrites_lines(demo: Store) -> None:
    formulator = user(demo, "formulador")
    version_id, lock = version_of(demo, JUNTOS)
    with demo.session() as s:
        outcome = edit(s, formulator, version_id, lock, [Change(PRICE, Decimal("210.00"))])
        expected = load_text(outcome.version.document, JUNTOS).result
        assert expected is not None
        assert outcome.total == expected.total == outcome.version.total
        assert outcome.total - outcome.before_total > 0
        before, after = outcome.changed["total"]
        assert (before.value, after.value) == (outcome.before_total, outcome.total)
        assert all(b.value != a.value for b, a in outcome.changed.values())
        assert "# " in outcome.version.document  # the file's comments are kept
    with demo.session(readonly=True) as s:
        assert line_total(s, version_id) == outcome.total


@pytest.mark.parametrize("change", [
    Change(PRICE, "doscientos"),  # not a number: reported at its line
    Change(PRICE, "-5"),  # negative
    Change("parameters/no_such/values/0/value", "1"),  # no such path
    Change("parameters/subsidio_regular/values", "1"),  # not a scalar
])
def test_bad_change_writes_nothing(demo: Store, change: Change) -> None:
    formulator = user(demo, "formulador")
    version_id, lock = version_of(demo, JUNTOS)
    before = _snapshot(demo, version_id)
    with pytest.raises((InvalidInput, NotFound)) as caught, demo.session() as s:
        edit(s, formulator, version_id, lock, [Change(PRICE, "205.00"), change])
    if isinstance(caught.value, InvalidInput):
        located = caught.value.diagnostics.errors[0]
        assert located.location is not None and located.location.file == JUNTOS
        assert located.location.line > 0
    assert _snapshot(demo, version_id) == before


def test_moments_come_back_in_utc(demo: Store) -> None:
    from datetime import UTC

    version_id, _ = version_of(demo, JUNTOS)
    with demo.session(readonly=True) as s:
        version = s.get_one(Version, version_id)
        assert version.updated_at.tzinfo is not None
        assert version.updated_at.utcoffset() == UTC.utcoffset(None)
        entry = s.scalars(select(AuditEntry).limit(1)).one()
        assert entry.at.tzinfo is not None


def test_nothing_to_change(demo: Store) -> None:
    from costeo.store import NoChanges

    version_id, lock = version_of(demo, JUNTOS)
    before = _snapshot(demo, version_id)
    with pytest.raises(NoChanges) as caught, demo.session() as s:
        edit(s, user(demo, "formulador"), version_id, lock, [])
    assert caught.value.message("en") == "There are no changes to save."
    assert _snapshot(demo, version_id) == before


def test_readonly_sessions_refuse_writes(demo: Store) -> None:
    from costeo.store.db import ReadOnlySession

    version_id, _ = version_of(demo, JUNTOS)
    before = _snapshot(demo, version_id)
    with pytest.raises(ReadOnlySession), demo.session(readonly=True) as s:
        s.get_one(Version, version_id).state = "published"
        s.flush()
    assert _snapshot(demo, version_id) == before
