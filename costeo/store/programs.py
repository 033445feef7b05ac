"""Reading programs and versions, as the actor may: listings, one program, one version,
the published budgets."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from costeo.store.errors import NotFound, PermissionDenied
from costeo.store.models import Formulation, Program, User, Version
from costeo.store.policy import can


def list_programs(session: Session, actor: User | None) -> list[Program]:
    """Programs the actor may read, with their formulations and versions loaded in three
    queries (usable after the session ends, except the versions' documents, left out of
    listings). Anonymous visitors see the programs with a published version only."""
    programs = list(session.scalars(
        select(Program).order_by(Program.code).options(
            selectinload(Program.formulations).selectinload(Formulation.versions)
            .defer(Version.document))))
    if can(actor, "read"):
        return programs
    return [p for p in programs
            if any(v.state == "published" for f in p.formulations for v in f.versions)]


def get_program(session: Session, actor: User | None, program_id: int) -> Program:
    program = session.get(Program, program_id)
    if program is None:
        raise NotFound("program", program_id)
    if not can(actor, "read", program):
        raise PermissionDenied("read", program.code)
    return program


def get_version(session: Session, actor: User | None, version_id: int,
                for_update: bool = False) -> Version:
    """The version, if the actor may read it (anonymous: published versions only)."""
    query = select(Version).where(Version.id == version_id)
    if for_update:
        query = query.with_for_update(of=Version).execution_options(populate_existing=True)
    version = session.scalar(query)
    if version is None:
        raise NotFound("version", version_id)
    if not (can(actor, "read", version) or can(actor, "read_public", version)):
        if actor is None:
            raise NotFound("version", version_id)  # do not reveal unpublished versions
        raise PermissionDenied("read", f"{version.program.code} v{version.number}")
    return version


def published_versions(session: Session) -> list[Version]:
    """The latest published version of each program and year, for the public view."""
    versions = session.scalars(select(Version).where(Version.state == "published")
                               .order_by(Version.formulation_id, Version.number.desc()))
    latest: dict[int, Version] = {}
    for version in versions:
        latest.setdefault(version.formulation_id, version)
    return sorted(latest.values(), key=lambda v: (v.program.code, v.fiscal_year))
