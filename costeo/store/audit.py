"""The append-only audit log: who did what, when, with the values before and after."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from costeo.store.errors import PermissionDenied
from costeo.store.models import AuditEntry, User, utcnow
from costeo.store.policy import can


def jsonable(value: Any) -> Any:
    """Decimals as their exact text (JSON numbers would go through a float)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def record(session: Session, actor: User | None, action: str, object_type: str,
           object_id: int, before: Any = None, after: Any = None) -> AuditEntry:
    entry = AuditEntry(at=utcnow(), user_id=actor.id if actor else None,
                       username=actor.username if actor else "-", action=action,
                       object_type=object_type, object_id=object_id,
                       before=jsonable(before), after=jsonable(after))
    session.add(entry)
    return entry


def audit(session: Session, actor: User | None, object_type: str | None = None,
          object_id: int | None = None) -> list[AuditEntry]:
    """Entries for one object (or all, for administrators), oldest first."""
    if not can(actor, "read"):
        raise PermissionDenied("read", "audit")
    query = select(AuditEntry).order_by(AuditEntry.id)
    if object_type is not None:
        query = query.where(AuditEntry.object_type == object_type)
    if object_id is not None:
        query = query.where(AuditEntry.object_id == object_id)
    if object_type is None and object_id is None and not can(actor, "admin"):
        raise PermissionDenied("admin", "audit")
    return list(session.scalars(query))
