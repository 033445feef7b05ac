"""Edit a draft: change values of the YAML document by path, recost, save with the lock."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from costeo.diagnostics import Diagnostics
from costeo.lineage import Figure
from costeo.loader import Loaded
from costeo.store.audit import record
from costeo.store.costed import costed, digest, load_valid, remember
from costeo.store.documents import set_values
from costeo.store.errors import (
    Conflict,
    Immutable,
    InvalidTransition,
    NoChanges,
    PermissionDenied,
)
from costeo.store.lines import write_lines
from costeo.store.models import User, Version, utcnow
from costeo.store.policy import can
from costeo.store.programs import get_version


@dataclass(frozen=True)
class Change:
    """Set the scalar at ``path`` (see :mod:`costeo.store.documents`) to ``value``."""

    path: str
    value: str | int | Decimal | None


@dataclass
class EditOutcome:
    version: Version
    diagnostics: Diagnostics  # warnings and notes of the new state (errors are rejected)
    total: Decimal
    before_total: Decimal
    # figure id -> (before, after): every figure whose value the edit changed
    changed: dict[str, tuple[Figure, Figure]] = field(default_factory=dict)


def check_lock(version: Version, lock: int) -> None:
    if version.lock != lock:
        who = version.updated_by.username if version.updated_by else "-"
        raise Conflict(expected=lock, current=version.lock, who=who, when=version.updated_at)


def check_editable(version: Version) -> None:
    if version.state in ("approved", "published"):
        raise Immutable(number=version.number, state=version.state)
    if not version.editable:
        raise InvalidTransition(action="edit", state=version.state)


def lock_for_write(session: Session, actor: User | None, version_id: int, lock: int,
                   action: str) -> Version:
    """The version, row-locked until the transaction ends (PostgreSQL ``FOR UPDATE``; on
    SQLite the write transaction already holds the database lock), after checking the
    permission and that ``lock`` is current."""
    version = get_version(session, actor, version_id, for_update=True)
    if not can(actor, action, version):
        raise PermissionDenied(action, f"{version.program.code} v{version.number}")
    check_lock(version, lock)
    return version


def save(session: Session, version: Version, lock: int) -> None:
    """Flush the version's UPDATE (``WHERE lock = :lock``) before anything else is written."""
    try:
        session.flush()
    except StaleDataError as exc:  # cannot happen under the row lock; kept as a safety net
        raise Conflict(expected=lock, current=lock + 1, who="-", when=None) from exc


def _changed(old: Loaded, new: Loaded) -> dict[str, tuple[Figure, Figure]]:
    if old.result is None or new.result is None:
        return {}
    before = old.result.figures
    return {key: (before[key], figure) for key, figure in new.result.figures.items()
            if key in before and before[key].value != figure.value}


def edit(session: Session, actor: User | None, version_id: int, lock: int,
         changes: list[Change]) -> EditOutcome:
    """Apply ``changes`` to a draft (or returned) version and recost it.

    Conflict when ``lock`` is stale (someone saved since the client read it); InvalidInput
    (nothing written) when the changed program has errors; otherwise the document, total and
    budget lines are saved in this transaction, the lock is bumped and one audit entry holds
    every change with its value before and after.
    """
    version = lock_for_write(session, actor, version_id, lock, "edit")
    check_editable(version)
    if not changes:
        raise NoChanges()
    old = costed(version)
    text, replaced = set_values(version.document, [(c.path, c.value) for c in changes])
    loaded = load_valid(text, version.file_name)
    assert loaded.result is not None
    before_total = version.total
    version.document = text
    version.total = loaded.result.total
    version.updated_by_id = actor.id if actor else None
    version.updated_at = utcnow()
    save(session, version, lock)
    write_lines(session, version, loaded)
    record(session, actor, "edit", "version", version.id,
           _audit_side(replaced, "before", lock, before_total),
           _audit_side(replaced, "after", version.lock, version.total))
    remember((version.id, version.lock, digest(text)), loaded)
    warnings = Diagnostics(d for d in loaded.diagnostics if d.severity.value != "error")
    return EditOutcome(version, warnings, version.total, before_total, _changed(old, loaded))


def _audit_side(replaced: list[Any], side: str, lock: int, total: Decimal) -> dict[str, Any]:
    return {"lock": lock, "total": total,
            "values": {r.path: getattr(r, side) for r in replaced}}
