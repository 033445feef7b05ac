"""The budget lines of a version: the costed lines stored for pages that do not recost."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from costeo.formulation.result import COMMON
from costeo.loader import Loaded
from costeo.store.models import BudgetLine, User, Version
from costeo.store.programs import get_version

LINE_BATCH = 5000


def write_lines(session: Session, version: Version, loaded: Loaded) -> None:
    """Replace the version's budget lines with the costed ones (same transaction)."""
    assert loaded.result is not None
    session.execute(delete(BudgetLine).where(BudgetLine.version_id == version.id))
    owners = loaded.result.owners()
    batch: list[dict[str, object]] = []
    for line in loaded.result.lines():
        batch.append({"version_id": version.id, "product": owners.get(line.activity, COMMON),
                      "activity": line.activity, "classifier": line.classifier,
                      "cell": dict(line.cell), "amount": line.amount})
        if len(batch) >= LINE_BATCH:
            session.execute(insert(BudgetLine), batch)
            batch = []
    if batch:
        session.execute(insert(BudgetLine), batch)


def budget_lines(session: Session, actor: User | None, version_id: int) -> list[BudgetLine]:
    version = get_version(session, actor, version_id)
    return list(session.scalars(select(BudgetLine).where(BudgetLine.version_id == version.id)
                                .order_by(BudgetLine.id)))
