"""Accounts: argon2id hashes, login, throttling across sessions, grants."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from costeo.store import Duplicate, PermissionDenied, Store
from costeo.store.accounts import (
    MAX_FAILURES,
    RETENTION,
    WINDOW,
    authenticate,
    create_user,
    grant,
    list_users,
    login_allowed,
    set_password,
    verify_password,
)
from costeo.store.models import LoginAttempt, User, utcnow
from costeo.store.policy import can
from costeo.store.seed import DEMO_PASSWORD


def test_passwords_are_argon2id(store: Store) -> None:
    with store.session() as s:
        user = create_user(s, None, "ana", "una clave larga", "reader", system=True)
        assert user.password_hash.startswith("$argon2id$")
        assert "una clave larga" not in user.password_hash
        assert verify_password("una clave larga", user.password_hash)
        assert not verify_password("otra clave", user.password_hash)
        assert not verify_password("una clave larga", "not-a-hash")
        other = create_user(s, None, "bea", "una clave larga", "reader", system=True)
        assert other.password_hash != user.password_hash  # salted


def test_only_administrators_manage_accounts(demo: Store) -> None:
    with demo.session(readonly=True) as s:
        reviewer = s.scalars(select(User).where(User.username == "revisor")).one()
        admin = s.scalars(select(User).where(User.username == "admin")).one()
    for actor in (None, reviewer):
        with pytest.raises(PermissionDenied), demo.session() as s:
            create_user(s, actor, "x", "clave-larga", "admin")
        with pytest.raises(PermissionDenied), demo.session() as s:
            list_users(s, actor)
        with pytest.raises(PermissionDenied), demo.session() as s:
            grant(s, actor, "revisor", entity_code="MIDIS")
    with pytest.raises(Duplicate), demo.session() as s:
        create_user(s, admin, "revisor", "clave-larga", "reader")
    with demo.session() as s:
        assert [u.username for u in list_users(s, admin)] == [
            "admin", "formulador", "lector", "revisor"]
        set_password(s, reviewer, "revisor", "nueva-clave")  # one's own password
        with pytest.raises(PermissionDenied):
            set_password(s, reviewer, "lector", "nueva-clave")


def test_login_and_throttling(demo: Store) -> None:
    with demo.session() as s:
        assert authenticate(s, "lector", DEMO_PASSWORD, "10.0.0.1") is not None
        assert authenticate(s, "lector", "mala", "10.0.0.1") is None
        assert authenticate(s, "nadie", DEMO_PASSWORD, "10.0.0.1") is None
    for _ in range(MAX_FAILURES - 1):  # each attempt in its own transaction (own request)
        with demo.session() as s:
            assert authenticate(s, "revisor", "mala", "10.0.0.2") is None
    with demo.session() as s:
        assert login_allowed(s, "revisor", "10.0.0.2")
        assert authenticate(s, "revisor", "mala", "10.0.0.2") is None
    with demo.session() as s:  # throttled: even the right password is refused now
        assert not login_allowed(s, "revisor", "10.0.0.9")  # by username, from anywhere
        assert authenticate(s, "revisor", DEMO_PASSWORD, "10.0.0.9") is None
        assert not login_allowed(s, "otro", "10.0.0.2")  # by address, for any username
        assert login_allowed(s, "lector", "10.0.0.3")
        assert authenticate(s, "lector", DEMO_PASSWORD, "10.0.0.3") is not None
    with demo.session() as s:
        attempts = s.scalar(select(func.count()).select_from(LoginAttempt)
                            .where(LoginAttempt.username == "revisor"))
        assert attempts == MAX_FAILURES + 1  # the refused one is recorded too
        # the window passes: move the failures back in time (no sleeping in tests)
        for attempt in s.scalars(select(LoginAttempt)):
            s.delete(attempt)
        for _ in range(MAX_FAILURES):
            s.add(LoginAttempt(username="revisor", ip="10.0.0.2", ok=False,
                               at=utcnow() - WINDOW - timedelta(minutes=1)))
    with demo.session() as s:
        assert login_allowed(s, "revisor", "10.0.0.2")
        assert authenticate(s, "revisor", DEMO_PASSWORD, "10.0.0.2") is not None


def test_attempts_older_than_the_retention_are_forgotten(demo: Store) -> None:
    old, recent = utcnow() - RETENTION - timedelta(days=1), utcnow() - RETENTION + timedelta(days=1)
    with demo.session() as s:
        s.add_all([LoginAttempt(username="antiguo", ip="10.0.0.7", ok=False, at=old),
                   LoginAttempt(username="reciente", ip="10.0.0.7", ok=False, at=recent)])
    with demo.session() as s:
        assert authenticate(s, "lector", DEMO_PASSWORD, "10.0.0.8") is not None
    with demo.session(readonly=True) as s:
        kept = set(s.scalars(select(LoginAttempt.username)))
    assert "antiguo" not in kept
    assert {"reciente", "lector"} <= kept


def test_success_clears_earlier_failures(demo: Store) -> None:
    for _ in range(MAX_FAILURES - 1):
        with demo.session() as s:
            authenticate(s, "lector", "mala", "10.0.0.4")
    with demo.session() as s:
        assert authenticate(s, "lector", DEMO_PASSWORD, "10.0.0.4") is not None
    with demo.session() as s:
        assert authenticate(s, "lector", "mala", "10.0.0.4") is None
        assert login_allowed(s, "lector", "10.0.0.4")


def test_inactive_accounts_cannot_log_in(demo: Store) -> None:
    with demo.session() as s:
        lector = s.scalars(select(User).where(User.username == "lector")).one()
        lector.active = False
    with demo.session() as s:
        assert authenticate(s, "lector", DEMO_PASSWORD, "10.0.0.5") is None
        lector = s.scalars(select(User).where(User.username == "lector")).one()
        assert not can(lector, "read")
