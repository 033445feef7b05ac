"""The tables of the store (SQLAlchemy 2 ORM). The schema is created by the Alembic migrations
in ``costeo/store/migrations``; a test checks that these models and the migrations agree."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from costeo.store.types import Money, UTCDateTime

ROLES = ("admin", "formulator", "reviewer", "reader")
STATES = ("draft", "submitted", "returned", "approved", "published")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(f"role IN {ROLES!r}", name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    lang: Mapped[str] = mapped_column(String(2), default="es")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    grants: Mapped[list[Grant]] = relationship(back_populates="user",
                                               cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<User {self.username} ({self.role})>"


class Entity(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(300))


class Grant(Base):
    """A formulator may edit the programs of an entity, or one program."""

    __tablename__ = "grants"
    __table_args__ = (
        CheckConstraint("(entity_id IS NULL) <> (program_id IS NULL)", name="one_target"),
        UniqueConstraint("user_id", "entity_id", "program_id", name="uq_grants_target"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    program_id: Mapped[int | None] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))

    user: Mapped[User] = relationship(back_populates="grants")


class Program(Base):
    __tablename__ = "programs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"))

    entity: Mapped[Entity] = relationship(lazy="joined", innerjoin=True)
    formulations: Mapped[list[Formulation]] = relationship(
        back_populates="program", order_by="Formulation.fiscal_year")


class Formulation(Base):
    __tablename__ = "formulations"
    __table_args__ = (UniqueConstraint("program_id", "fiscal_year",
                                       name="uq_formulations_program_year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id"))
    fiscal_year: Mapped[int] = mapped_column(Integer)

    program: Mapped[Program] = relationship(back_populates="formulations", lazy="joined",
                                            innerjoin=True)
    versions: Mapped[list[Version]] = relationship(
        back_populates="formulation", order_by="Version.number",
        foreign_keys="Version.formulation_id")


class Version(Base):
    """One version of a formulation: the program's YAML document and its costed total.

    ``lock`` is SQLAlchemy's version counter: every UPDATE is ``... WHERE lock = :old`` and
    bumps it, so two sessions can never both save on top of the same state.
    """

    __tablename__ = "versions"
    __table_args__ = (
        UniqueConstraint("formulation_id", "number", name="uq_versions_formulation_number"),
        CheckConstraint(f"state IN {STATES!r}", name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    formulation_id: Mapped[int] = mapped_column(ForeignKey("formulations.id"))
    number: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default="draft")
    document: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(String(255))
    lock: Mapped[int] = mapped_column(Integer, nullable=False)
    total: Mapped[Decimal] = mapped_column(Money())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"))

    formulation: Mapped[Formulation] = relationship(
        back_populates="versions", lazy="joined", innerjoin=True,
        foreign_keys=[formulation_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id], lazy="joined")
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id], lazy="joined")
    parent: Mapped[Version | None] = relationship(remote_side=[id])

    __mapper_args__ = {"version_id_col": lock}

    @property
    def program(self) -> Program:
        return self.formulation.program

    @property
    def fiscal_year(self) -> int:
        return self.formulation.fiscal_year

    @property
    def editable(self) -> bool:
        return self.state in ("draft", "returned")


class BudgetLine(Base):
    """A costed line (activity x cell x classifier), rewritten with every edit."""

    __tablename__ = "budget_lines"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("versions.id", ondelete="CASCADE"), index=True)
    product: Mapped[str] = mapped_column(String(64))  # product code, or "common"
    activity: Mapped[str] = mapped_column(String(64))
    classifier: Mapped[str] = mapped_column(String(64))
    cell: Mapped[dict[str, str]] = mapped_column(JSON)  # {dimension: value}
    amount: Mapped[Decimal] = mapped_column(Money())


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("versions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    figure: Mapped[str | None] = mapped_column(String(500))  # a figure id, or None
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")


class AuditEntry(Base):
    """Append-only: database triggers reject UPDATE and DELETE on this table."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(64))  # kept even if the user is renamed
    action: Mapped[str] = mapped_column(String(32))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int] = mapped_column(Integer)
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)


class LoginAttempt(Base):
    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_username_at", "username", "at"),
                      Index("ix_login_attempts_ip_at", "ip", "at"),
                      Index("ix_login_attempts_at", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    ip: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ok: Mapped[bool] = mapped_column(Boolean)
