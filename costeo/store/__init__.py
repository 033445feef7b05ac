"""The store of the multi-user web app: SQLAlchemy models, Alembic migrations, services.

``open_store(url)`` opens a SQLite file (default ``./costeo.db`` or ``$COSTEO_DATABASE_URL``)
or a PostgreSQL database; ``store.upgrade()`` migrates it; ``with store.session() as s:`` is
one transaction. Services take ``(session, actor, ...)``, ask :func:`costeo.store.policy.can`
and raise the typed errors of :mod:`costeo.store.errors`. See docs/concepts/store.md.
"""

from costeo.store.db import ENV_URL, Store, default_url, open_store
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
from costeo.store.policy import ACTIONS, can

__all__ = [
    "ACTIONS", "ENV_URL", "Conflict", "Duplicate", "EmptyText", "Immutable", "InvalidInput",
    "InvalidTransition", "NoChanges", "NotFound", "PermissionDenied", "Store", "StoreError", "can",
    "default_url", "open_store",
]
