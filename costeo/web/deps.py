"""Request dependencies: the store session (one transaction per request), the actor, the
language. Everything the web layer knows about users comes through here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session, joinedload

from costeo.store import Store
from costeo.store.models import User
from costeo.web.errors import LoginRequired

SESSION_USER = "uid"


@dataclass(frozen=True)
class UserView:
    """What templates show about the logged-in user; outlives the request's transaction
    (error pages render after it has been rolled back)."""

    id: int
    username: str
    display_name: str
    role: str


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def db(request: Request) -> Iterator[Session]:
    """One store transaction per request: committed on success, rolled back on error."""
    readonly = request.method in ("GET", "HEAD")
    with store_of(request).session(readonly=readonly) as session:
        yield session


# scope="function": the transaction commits when the endpoint returns, *before* the response
# is sent, so a client following a redirect after a write always reads what was written.
DB = Annotated[Session, Depends(db, scope="function")]


def current_user(request: Request, session: DB) -> User | None:
    uid = request.session.get(SESSION_USER)
    if not isinstance(uid, int):
        request.state.lang = _lang(request, None)
        request.state.user = None
        return None
    # one query for the user and the grants the policy reads (instead of two)
    user = session.get(User, uid, options=[joinedload(User.grants)])
    if user is None or not user.active:
        request.session.pop(SESSION_USER, None)
        user = None
    request.state.lang = _lang(request, user)
    request.state.user = UserView(user.id, user.username, user.display_name, user.role) \
        if user is not None else None
    return user


def require_user(user: Annotated[User | None, Depends(current_user)]) -> User:
    if user is None:
        raise LoginRequired()
    return user


def _lang(request: Request, user: User | None) -> str:
    chosen = request.cookies.get("lang") or (user.lang if user is not None else None)
    return "en" if chosen == "en" else "es"


MAX_ID = 2**31 - 1  # database integer keys: larger values are invalid requests, not 500s
VersionId = Annotated[int, Path(ge=1, le=MAX_ID)]
OtherId = Annotated[int, Path(ge=1, le=MAX_ID)]

Actor = Annotated[User | None, Depends(current_user)]
LoggedIn = Annotated[User, Depends(require_user)]
