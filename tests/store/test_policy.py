"""Each role's permissions, as one table: actions x roles x ownership (granted or not)."""

from __future__ import annotations

from pathlib import Path

import pytest

from costeo.store import InvalidInput, NotFound, PermissionDenied, Store
from costeo.store.editing import Change, edit
from costeo.store.exchange import import_program
from costeo.store.models import Entity, Formulation, Grant, Program, User, Version
from costeo.store.policy import ACTIONS, can
from costeo.store.programs import get_version, list_programs
from costeo.store.workflow import add_comment, transition
from tests.store.conftest import EXAMPLES, user

Y, N = True, False
# action: admin, formulator (granted), formulator (not granted), reviewer, reader, anonymous
MATRIX: dict[str, tuple[bool, bool, bool, bool, bool, bool]] = {
    "read":        (Y, Y, Y, Y, Y, N),
    "read_public": (Y, Y, Y, Y, Y, N),  # anonymous: published versions only (below)
    "create":      (Y, Y, N, N, N, N),
    "edit":        (Y, Y, N, N, N, N),
    "submit":      (Y, Y, N, N, N, N),
    "comment":     (Y, Y, N, Y, N, N),
    "return":      (Y, N, N, Y, N, N),
    "approve":     (Y, N, N, Y, N, N),
    "publish":     (Y, N, N, Y, N, N),
    "admin":       (Y, N, N, N, N, N),
}
ACTORS = ("admin", "granted", "not_granted", "reviewer", "reader", "anonymous")


def _world() -> tuple[dict[str, User | None], Version]:
    entity = Entity(id=1, code="E1", name="E1")
    program = Program(id=10, code="P", name="P", entity_id=1, entity=entity)
    version = Version(id=100, number=1, state="draft",
                      formulation=Formulation(id=1000, fiscal_year=2025, program=program))

    def make(role: str, grants: list[Grant]) -> User:
        return User(username=role, role=role, active=True, grants=grants)

    actors: dict[str, User | None] = {
        "admin": make("admin", []),
        "granted": make("formulator", [Grant(entity_id=1)]),
        "not_granted": make("formulator", [Grant(entity_id=2), Grant(program_id=11)]),
        "reviewer": make("reviewer", []),
        "reader": make("reader", []),
        "anonymous": None,
    }
    return actors, version


def test_the_matrix_covers_every_action() -> None:
    assert set(MATRIX) == set(ACTIONS)


@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize("who", ACTORS)
def test_policy_matrix(action: str, who: str) -> None:
    actors, version = _world()
    expected = MATRIX[action][ACTORS.index(who)]
    actor = actors[who]
    assert can(actor, action, version) is expected
    assert can(actor, action, version.formulation.program) is expected
    if action == "create":  # creating under an entity: the entity grant decides
        assert can(actor, action, version.formulation.program.entity) is expected


def test_program_grant_covers_that_program_only() -> None:
    actors, version = _world()
    formulator = User(username="f", role="formulator", active=True, grants=[Grant(program_id=10)])
    assert can(formulator, "edit", version)
    assert not can(formulator, "create", version.formulation.program.entity)
    assert not can(actors["not_granted"], "edit", version)


@pytest.mark.parametrize("state", ["draft", "submitted", "returned", "approved", "published"])
def test_anonymous_reads_published_versions_only(state: str) -> None:
    _, version = _world()
    version.state = state
    assert can(None, "read_public", version) is (state == "published")
    assert not can(None, "read", version)


def test_inactive_accounts_are_anonymous() -> None:
    actors, version = _world()
    admin = actors["admin"]
    assert admin is not None
    admin.active = False
    assert not can(admin, "read", version)


# --- The same permissions through the services -------------------------------------------

def _version_of(store: Store, file_name: str) -> tuple[int, int]:
    from sqlalchemy import select

    with store.session(readonly=True) as s:
        version = s.scalars(select(Version).where(Version.file_name == file_name)).one()
        return version.id, version.lock


JUNTOS = "transferencias-juntos-2014.yaml"  # MIDIS, draft: formulador holds MIDIS
HEALTH = "salud-primaria-sintetico-2025.yaml"  # SALUD, draft: formulador holds nothing
MEALS = "alimentacion-escolar-2014.yaml"  # MIDIS, published


def test_services_enforce_the_policy(demo: Store) -> None:
    formulator, reader, reviewer = (user(demo, n) for n in ("formulador", "lector", "revisor"))
    juntos, juntos_lock = _version_of(demo, JUNTOS)
    health, health_lock = _version_of(demo, HEALTH)
    meals, _ = _version_of(demo, MEALS)
    price = Change("parameters/subsidio_regular/values/0/value", "205.00")
    for actor, version_id, lock in ((reader, juntos, juntos_lock),
                                    (reviewer, juntos, juntos_lock),
                                    (formulator, health, health_lock)):
        with pytest.raises(PermissionDenied), demo.session() as s:
            edit(s, actor, version_id, lock, [price])
    with demo.session() as s:
        assert edit(s, formulator, juntos, juntos_lock, [price]).version.lock == juntos_lock + 1
    with pytest.raises(PermissionDenied), demo.session() as s:
        add_comment(s, reader, juntos, "no puedo comentar")
    with pytest.raises(PermissionDenied), demo.session() as s:
        transition(s, formulator, juntos, juntos_lock + 1, "approve")
    nutrition = next(p for p in EXAMPLES if p.name.startswith("nutricion"))  # SALUD's
    with pytest.raises(PermissionDenied), demo.session() as s:
        import_program(s, formulator, nutrition.read_text(encoding="utf-8"), "x.yaml",
                       "SALUD")
    with pytest.raises(NotFound), demo.session() as s:
        import_program(s, formulator, _renamed(EXAMPLES[0], "9999"), "x.yaml",
                       "NUEVA")  # only administrators create entities
    with demo.session(readonly=True) as s:
        assert get_version(s, None, meals).state == "published"
        with pytest.raises(NotFound):  # unpublished versions do not exist for visitors
            get_version(s, None, juntos)
        assert [p.code for p in list_programs(s, None)] == ["0115"]
        assert len(list_programs(s, reader)) == 4


def _renamed(example: Path, code: str) -> str:
    """The example as a new program (another code)."""
    text = example.read_text(encoding="utf-8")
    start = text.index("  code: ")
    end = text.index("\n", start)
    return text[:start] + f'  code: "{code}"' + text[end:]


def test_invalid_program_is_refused_before_permissions_matter(demo: Store) -> None:
    with pytest.raises(InvalidInput), demo.session() as s:
        import_program(s, user(demo, "admin"), "program: {}\n", "roto.yaml", "MIDIS")
