"""draft -> submitted -> returned | approved -> published; approved and published versions
never change; new versions are drafts copied from any version."""

from __future__ import annotations

import pytest

from costeo.store import Immutable, InvalidTransition, Store
from costeo.store.editing import Change, edit
from costeo.store.exchange import export_yaml
from costeo.store.models import Version
from costeo.store.programs import published_versions
from costeo.store.workflow import (
    TRANSITIONS,
    add_comment,
    allowed_actions,
    comments,
    compare,
    new_version,
    transition,
)
from tests.store.conftest import user
from tests.store.helpers import JUNTOS, PRICE, version_of

STATES = ("draft", "submitted", "returned", "approved", "published")
VALID = {("draft", "submit"), ("returned", "submit"), ("submitted", "return"),
         ("submitted", "approve"), ("approved", "publish")}


def _walk_to(store: Store, version_id: int, state: str) -> int:
    """Walk the version to ``state`` through valid transitions; returns the lock."""
    path = {"draft": [], "submitted": ["submit"], "returned": ["submit", "return"],
            "approved": ["submit", "approve"], "published": ["submit", "approve", "publish"]}
    admin = user(store, "admin")
    with store.session() as s:
        version = s.get_one(Version, version_id)
        for action in path[state]:
            version = transition(s, admin, version_id, version.lock, action)
        return version.lock


def test_transition_table(demo: Store) -> None:
    """Every action from every state: the valid ones move the state and the lock, the others
    are InvalidTransition and change nothing."""
    source, _ = version_of(demo, JUNTOS)
    admin = user(demo, "admin")
    for state in STATES:
        for action in TRANSITIONS:
            with demo.session() as s:
                version_id = new_version(s, admin, source).id
            lock = _walk_to(demo, version_id, state)
            if (state, action) in VALID:
                with demo.session() as s:
                    after = transition(s, admin, version_id, lock, action, "nota")
                    assert after.state == TRANSITIONS[action][1], (state, action)
                    assert after.lock == lock + 1
            else:
                with pytest.raises(InvalidTransition) as caught, demo.session() as s:
                    transition(s, admin, version_id, lock, action)
                assert caught.value.code == "invalid-transition"
                with demo.session(readonly=True) as s:
                    version = s.get_one(Version, version_id)
                    assert (version.state, version.lock) == (state, lock), (state, action)


def test_full_cycle_with_return_and_new_versions(demo: Store) -> None:
    formulator, reviewer = user(demo, "formulador"), user(demo, "revisor")
    version_id, lock = version_of(demo, JUNTOS)
    with demo.session() as s:
        version = s.get_one(Version, version_id)
        assert allowed_actions(formulator, version) == ["submit"]
        assert allowed_actions(reviewer, version) == []
        version = transition(s, formulator, version_id, lock, "submit")
        assert allowed_actions(reviewer, version) == ["return", "approve"]
    with pytest.raises(InvalidTransition), demo.session() as s:  # submitted: under review
        edit(s, formulator, version_id, version.lock, [Change(PRICE, "201")])
    with demo.session() as s:
        version = transition(s, reviewer, version_id, version.lock, "return",
                             "Sustente el monto del incentivo")
        assert version.state == "returned"
        edited = edit(s, formulator, version_id, version.lock, [Change(PRICE, "201.00")])
        version = transition(s, formulator, version_id, edited.version.lock, "submit")
        version = transition(s, reviewer, version_id, version.lock, "approve")
        assert [c.text for c in comments(s, reviewer, version_id)] == [
            "Sustente el monto del incentivo"]
    approved_text = version.document
    for attempt in (lambda s: edit(s, formulator, version_id, version.lock,
                                   [Change(PRICE, "999")]),):
        with pytest.raises(Immutable) as caught, demo.session() as s:
            attempt(s)
        assert "aprobada" in caught.value.message("es")
    with demo.session() as s:
        published = transition(s, reviewer, version_id, version.lock, "publish")
    with pytest.raises(Immutable), demo.session() as s:
        edit(s, formulator, version_id, published.lock, [Change(PRICE, "999")])
    with demo.session() as s:
        draft = new_version(s, formulator, version_id)
        assert (draft.state, draft.number, draft.parent_id) == ("draft", 2, version_id)
        assert draft.total == published.total
        changed = edit(s, formulator, draft.id, draft.lock, [Change(PRICE, "250.00")])
        assert changed.total > published.total
        comparison = compare(s.get_one(Version, version_id), changed.version)
        assert [(c.path, c.before, c.after) for c in comparison.changes] == [
            (PRICE, "201.00", "250.00")]
        assert comparison.difference == changed.total - published.total
        assert sum(p.difference for p in comparison.products) == comparison.difference
    with demo.session(readonly=True) as s:
        source = s.get_one(Version, version_id)
        assert (source.state, source.document) == ("published", approved_text)
        assert export_yaml(source) == approved_text
        assert {v.file_name for v in published_versions(s)} == {
            JUNTOS, "alimentacion-escolar-2014.yaml"}


def test_comments_on_figures(demo: Store) -> None:
    reviewer = user(demo, "revisor")
    version_id, _ = version_of(demo, JUNTOS)
    with demo.session() as s:
        comment = add_comment(s, reviewer, version_id, "¿Fuente del ITF?", figure="5000011")
        assert comment.figure == "5000011"
    from costeo.store import EmptyText, NotFound

    with pytest.raises(NotFound), demo.session() as s:
        add_comment(s, reviewer, version_id, "x", figure="no-such-figure")
    with pytest.raises(EmptyText), demo.session() as s:
        add_comment(s, reviewer, version_id, "   ")


def test_create_program_from_a_form(demo: Store) -> None:
    from costeo.store import Duplicate, InvalidInput, PermissionDenied
    from costeo.store.exchange import create_program

    formulator, reader = user(demo, "formulador"), user(demo, "lector")
    with demo.session() as s:
        version = create_program(s, formulator, "MIDIS", "9001", 'Programa "nuevo": piloto',
                                 2026)
        assert (version.program.code, version.fiscal_year, version.state) == ("9001", 2026,
                                                                             "draft")
        assert version.program.name == 'Programa "nuevo": piloto'
        assert version.total == 0
        assert version.program.entity.code == "MIDIS"
    with pytest.raises(Duplicate), demo.session() as s:
        create_program(s, formulator, "MIDIS", "9001", "Otro", 2026)
    with pytest.raises(PermissionDenied), demo.session() as s:
        create_program(s, formulator, "SALUD", "9002", "Otro", 2026)
    with pytest.raises(PermissionDenied), demo.session() as s:
        create_program(s, reader, "MIDIS", "9003", "Otro", 2026)
    with pytest.raises(InvalidInput) as caught, demo.session() as s:
        create_program(s, formulator, "MIDIS", "9004", "Otro", "2026\nx: 1")
    assert caught.value.diagnostics.errors[0].code == "not-an-integer"
