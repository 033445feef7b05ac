"""Who may do what: the one place the store (and through it the web app) asks.

``can(actor, action, target)`` where ``actor`` is a :class:`User` or ``None`` (anonymous),
``action`` one of :data:`ACTIONS` and ``target`` a program, a version, an entity or ``None``.

=============  =====  ==========  ========  ======  =========
action         admin  formulator  reviewer  reader  anonymous
=============  =====  ==========  ========  ======  =========
read           yes    yes         yes       yes     no
read_public    yes    yes         yes       yes     published only
create         yes    granted     no        no      no
edit           yes    granted     no        no      no
submit         yes    granted     no        no      no
comment        yes    granted     yes       no      no
return         yes    no          yes       no      no
approve        yes    no          yes       no      no
publish        yes    no          yes       no      no
admin          yes    no          no        no      no
=============  =====  ==========  ========  ======  =========

"granted": the formulator holds a grant on the program's entity or on the program itself
(for ``create``, on the entity the program goes to). Whether the version's *state* allows the
action is the workflow's business (:mod:`costeo.store.workflow`), not the policy's.
"""

from __future__ import annotations

from costeo.store.models import Entity, Program, User, Version

ACTIONS = ("read", "read_public", "create", "edit", "submit", "comment", "return", "approve",
           "publish", "admin")

Target = Program | Version | Entity | None

_BY_ROLE: dict[str, frozenset[str]] = {
    "admin": frozenset(ACTIONS),
    "reviewer": frozenset({"read", "read_public", "comment", "return", "approve", "publish"}),
    "reader": frozenset({"read", "read_public"}),
    "formulator": frozenset({"read", "read_public"}),
}
_GRANTED = frozenset({"create", "edit", "submit", "comment"})  # a formulator's, where granted


def system_actor(name: str = "costeo") -> User:
    """An administrator that is not a stored account: trusted command-line tools act as it
    (audit entries name it; no user id). Never hand it to a web request."""
    return User(id=None, username=name, display_name=name, password_hash="!", role="admin",
                lang="es", active=True, grants=[])


def _entity_and_program(target: Target) -> tuple[int | None, int | None]:
    if isinstance(target, Version):
        program = target.formulation.program
        return program.entity_id, program.id
    if isinstance(target, Program):
        return target.entity_id, target.id
    if isinstance(target, Entity):
        return target.id, None
    return None, None


def granted(user: User, target: Target) -> bool:
    """Does the user hold a grant covering the target (its entity or the program)?"""
    entity_id, program_id = _entity_and_program(target)
    for grant in user.grants:
        if grant.entity_id is not None and grant.entity_id == entity_id:
            return True
        if grant.program_id is not None and grant.program_id == program_id:
            return True
    return False


def _public(target: Target) -> bool:
    """Published versions, and programs that have one, are public (so is the public index)."""
    if isinstance(target, Version):
        return target.state == "published"
    if isinstance(target, Program):
        return any(v.state == "published" for f in target.formulations for v in f.versions)
    return target is None


def can(actor: User | None, action: str, target: Target = None) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if actor is None or not actor.active:
        return action == "read_public" and _public(target)
    if action in _BY_ROLE[actor.role]:
        return True
    if actor.role == "formulator" and action in _GRANTED:
        return target is not None and granted(actor, target)
    return False
