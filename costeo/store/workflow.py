"""States of a version and who moves them: draft -> submitted -> returned | approved ->
published; comments; new versions; comparing two versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from costeo.money import ZERO
from costeo.store.audit import record
from costeo.store.costed import costed
from costeo.store.documents import compose, flatten
from costeo.store.editing import lock_for_write, save
from costeo.store.errors import EmptyText, InvalidTransition, NotFound, PermissionDenied
from costeo.store.exchange import lock_formulation, next_number
from costeo.store.lines import write_lines
from costeo.store.models import BudgetLine, Comment, User, Version, utcnow
from costeo.store.policy import can
from costeo.store.programs import get_version

# action -> (states it starts from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": (("draft", "returned"), "submitted"),
    "return": (("submitted",), "returned"),
    "approve": (("submitted",), "approved"),
    "publish": (("approved",), "published"),
}


def allowed_actions(actor: User | None, version: Version) -> list[str]:
    """The transitions the actor may apply to the version now (for buttons)."""
    return [action for action, (sources, _) in TRANSITIONS.items()
            if version.state in sources and can(actor, action, version)]


def transition(session: Session, actor: User | None, version_id: int, lock: int,
               action: str, comment: str = "") -> Version:
    if action not in TRANSITIONS:
        raise InvalidTransition(action=action, state="-")
    version = lock_for_write(session, actor, version_id, lock, action)
    sources, target = TRANSITIONS[action]
    if version.state not in sources:
        raise InvalidTransition(action=action, state=version.state)
    before = {"state": version.state, "lock": version.lock}
    version.state = target
    version.updated_by_id = actor.id if actor else None
    version.updated_at = utcnow()
    save(session, version, lock)
    if comment.strip() and actor is not None and actor.id is not None:
        session.add(Comment(version_id=version.id, user_id=actor.id,
                            figure=None, text=comment.strip(), at=utcnow()))
    record(session, actor, action, "version", version.id, before,
           {"state": version.state, "lock": version.lock, "comment": comment.strip()})
    return version


def new_version(session: Session, actor: User | None, version_id: int) -> Version:
    """A new draft copied from any version (after a return, or to reformulate an approved
    or published one); the source is never changed."""
    source = get_version(session, actor, version_id)
    if not can(actor, "edit", source):
        raise PermissionDenied("new_version", f"{source.program.code} v{source.number}")
    lock_formulation(session, source.formulation_id)
    number = next_number(session, source.formulation_id)
    now = utcnow()
    version = Version(formulation_id=source.formulation_id, number=number, state="draft",
                      document=source.document, file_name=source.file_name,
                      total=source.total, created_by_id=actor.id if actor else None,
                      updated_by_id=actor.id if actor else None, created_at=now,
                      updated_at=now, parent_id=source.id)
    session.add(version)
    session.flush()
    write_lines(session, version, costed(source))
    record(session, actor, "new_version", "version", version.id, None,
           {"number": number, "parent": source.id, "parent_number": source.number,
            "total": version.total})
    return version


def add_comment(session: Session, actor: User | None, version_id: int, text: str,
                figure: str | None = None) -> Comment:
    """A review finding or note, optionally on one figure (its lineage id)."""
    version = get_version(session, actor, version_id)
    if actor is None or actor.id is None or not can(actor, "comment", version):
        # comments are signed by a stored account (not by the command line's system actor)
        raise PermissionDenied("comment", f"{version.program.code} v{version.number}")
    if not text.strip():
        raise EmptyText("comment_text")
    if figure and costed(version).result is not None:
        result = costed(version).result
        assert result is not None
        if result.find(figure) is None:
            raise NotFound("figure", figure)
    comment = Comment(version_id=version.id, user_id=actor.id,
                      figure=figure or None, text=text.strip(), at=utcnow())
    session.add(comment)
    session.flush()
    record(session, actor, "comment", "version", version.id, None,
           {"comment": comment.id, "figure": figure, "text": comment.text})
    return comment


def comments(session: Session, actor: User | None, version_id: int) -> list[Comment]:
    version = get_version(session, actor, version_id)
    return list(session.scalars(select(Comment).where(Comment.version_id == version.id)
                                .order_by(Comment.at, Comment.id)))


@dataclass(frozen=True)
class ValueChange:
    path: str
    before: str | None  # None: added
    after: str | None  # None: removed


@dataclass(frozen=True)
class ProductDelta:
    code: str
    name: str
    before: Decimal
    after: Decimal

    @property
    def difference(self) -> Decimal:
        return self.after - self.before


@dataclass
class Comparison:
    old: Version
    new: Version
    changes: list[ValueChange] = field(default_factory=list)
    products: list[ProductDelta] = field(default_factory=list)

    @property
    def total_before(self) -> Decimal:
        return self.old.total

    @property
    def total_after(self) -> Decimal:
        return self.new.total

    @property
    def difference(self) -> Decimal:
        return self.new.total - self.old.total


def compare(v_old: Version, v_new: Version) -> Comparison:
    """What changed from ``v_old`` to ``v_new``: every value (by path), the total and each
    product's amount (``common`` for the common actions)."""
    old = dict(flatten(compose(v_old.document)))
    new = dict(flatten(compose(v_new.document)))
    changes = [ValueChange(path, old.get(path), new.get(path))
               for path in list(old) + [p for p in new if p not in old]
               if old.get(path) != new.get(path)]
    return Comparison(v_old, v_new, changes, _product_deltas(v_old, v_new))


def _amounts(version: Version) -> dict[str, tuple[str, Decimal]]:
    result = costed(version).result
    if result is None:
        return {}
    amounts = {p.code: (str(p.product.name), p.amount) for p in result.products}
    if result.common:
        amounts["common"] = ("", result.common_amount)
    return amounts


def _product_deltas(v_old: Version, v_new: Version) -> list[ProductDelta]:
    old, new = _amounts(v_old), _amounts(v_new)
    codes = list(old) + [c for c in new if c not in old]
    return [ProductDelta(code, (new.get(code) or old[code])[0],
                         old.get(code, ("", ZERO))[1], new.get(code, ("", ZERO))[1])
            for code in codes]


def line_total(session: Session, version_id: int) -> Decimal:
    """The sum of the stored budget lines (equals the version's total, to the cent)."""
    value = session.scalar(select(func.sum(BudgetLine.amount))
                           .where(BudgetLine.version_id == version_id))
    return value if value is not None else ZERO
