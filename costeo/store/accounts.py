"""Users, passwords (argon2id through pwdlib), grants and login throttling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from costeo.store.audit import record
from costeo.store.errors import Duplicate, NotFound, PermissionDenied
from costeo.store.models import ROLES, Entity, Grant, LoginAttempt, Program, User, utcnow
from costeo.store.policy import can

HASHER = PasswordHash((Argon2Hasher(),))  # argon2id; hashes start with "$argon2id$"
MAX_FAILURES = 5  # failed logins per username, or per address, within the window
WINDOW = timedelta(minutes=15)
RETENTION = timedelta(days=90)  # login attempts are kept this long for security reviews
# Verified when the username does not exist, so that both cases cost the same time.
_DUMMY_HASH = HASHER.hash("costeo-no-such-user")


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    try:
        return HASHER.verify(password, password_hash)
    except Exception:  # a malformed hash never logs anyone in
        return False


def as_utc(value: datetime) -> datetime:
    """A stored moment as an aware UTC datetime (the store's columns already return them so;
    kept for callers holding naive values)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _require_admin(actor: User | None, what: str, system: bool = False) -> None:
    if not (system and actor is None) and not can(actor, "admin"):
        raise PermissionDenied("admin", what)


def create_user(session: Session, actor: User | None, username: str, password: str,
                role: str, display_name: str = "", lang: str = "es", *,
                system: bool = False, password_hash: str | None = None) -> User:
    """A new account: administrators only, or trusted code (the CLI, the demo seed) passing
    ``actor=None, system=True``. ``password_hash``: an argon2id hash of ``password`` already
    computed (the demo's accounts share one public password and one hash)."""
    _require_admin(actor, "users", system)
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise Duplicate("user", username)
    user = User(username=username, display_name=display_name or username,
                password_hash=_checked_hash(password, password_hash), role=role,
                lang="en" if lang == "en" else "es", active=True)
    session.add(user)
    session.flush()
    record(session, actor, "create_user", "user", user.id, None,
           {"username": username, "role": role, "display_name": user.display_name})
    return user


def _checked_hash(password: str, password_hash: str | None) -> str:
    """The given hash when it is an argon2id one (trusted callers only), else a new hash."""
    if password_hash is not None and password_hash.startswith("$argon2id$"):
        return password_hash
    return hash_password(password)


def set_password(session: Session, actor: User | None, username: str, password: str) -> User:
    user = get_user(session, username)
    if actor is None or (actor.id != user.id and not can(actor, "admin")):
        raise PermissionDenied("admin", "users")
    user.password_hash = hash_password(password)
    record(session, actor, "set_password", "user", user.id, None, {"username": username})
    return user


def _with_grants() -> Any:
    return selectinload(User.grants)  # policy checks read them, also after the session


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username)
                          .options(_with_grants()))
    if user is None:
        raise NotFound("user", username)
    return user


def user_by_id(session: Session, user_id: int) -> User | None:
    """The active user behind a session cookie (None when gone or deactivated)."""
    user = session.get(User, user_id, options=[_with_grants()])
    return user if user is not None and user.active else None


def list_users(session: Session, actor: User | None) -> list[User]:
    _require_admin(actor, "users")
    return list(session.scalars(select(User).order_by(User.username)))


def login_allowed(session: Session, username: str, ip: str) -> bool:
    """False after MAX_FAILURES failed logins for the username or from the address within
    WINDOW (counted in the database, so it holds across processes and workers)."""
    since = utcnow() - WINDOW
    for column, value in ((LoginAttempt.username, username), (LoginAttempt.ip, ip)):
        last_ok = session.scalar(select(func.max(LoginAttempt.at)).where(
            column == value, LoginAttempt.ok.is_(True), LoginAttempt.at >= since))
        start = max(since, last_ok) if last_ok is not None else since
        failures = session.scalar(select(func.count()).select_from(LoginAttempt).where(
            column == value, LoginAttempt.ok.is_(False), LoginAttempt.at >= start))
        if (failures or 0) >= MAX_FAILURES:
            return False
    return True


def _verify(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    """(matches, new hash if the stored one should be upgraded); one argon2 computation."""
    if password_hash is None:
        verify_password(password, _DUMMY_HASH)  # same cost whether the user exists or not
        return False, None
    try:
        return HASHER.verify_and_update(password, password_hash)
    except Exception:  # a malformed hash never logs anyone in
        return False, None


def authenticate(session: Session, username: str, password: str, ip: str) -> User | None:
    """The user when the password matches, the account is active and the login is not
    throttled; records the attempt either way, and forgets attempts older than RETENTION."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - RETENTION))
    if not login_allowed(session, username, ip):
        session.add(LoginAttempt(username=username, ip=ip, at=utcnow(), ok=False))
        return None
    user = session.scalar(select(User).where(User.username == username)
                          .options(_with_grants()))
    ok, new_hash = _verify(password, user.password_hash if user else None)
    ok = ok and user is not None and user.active
    session.add(LoginAttempt(username=username, ip=ip, at=utcnow(), ok=ok))
    if ok and user is not None and new_hash is not None:
        user.password_hash = new_hash  # the hasher's parameters changed: rehash now
    return user if ok else None


def grant(session: Session, actor: User | None, username: str, *,
          entity_code: str | None = None, program_code: str | None = None,
          system: bool = False) -> Grant:
    """Let a formulator edit an entity's programs, or one program."""
    _require_admin(actor, "users", system)
    if (entity_code is None) == (program_code is None):
        raise ValueError("grant an entity or a program, not both")
    user = get_user(session, username)
    entity_id = program_id = None
    if entity_code is not None:
        entity = session.scalar(select(Entity).where(Entity.code == entity_code))
        if entity is None:
            raise NotFound("entity", entity_code)
        entity_id = entity.id
    else:
        program = session.scalar(select(Program).where(Program.code == program_code))
        if program is None:
            raise NotFound("program", program_code)
        program_id = program.id
    for existing in user.grants:
        if existing.entity_id == entity_id and existing.program_id == program_id:
            return existing
    new = Grant(user=user, entity_id=entity_id, program_id=program_id)
    session.add(new)
    session.flush()
    record(session, actor, "grant", "user", user.id, None,
           {"entity": entity_code, "program": program_code})
    return new
