"""The store's whole service surface in one import (the modules hold one job each)."""

from __future__ import annotations

from costeo.store.accounts import (
    MAX_FAILURES,
    WINDOW,
    authenticate,
    create_user,
    get_user,
    grant,
    hash_password,
    list_users,
    login_allowed,
    set_password,
    user_by_id,
    verify_password,
)
from costeo.store.audit import audit
from costeo.store.costed import costed
from costeo.store.documents import GRID_KINDS
from costeo.store.editing import Change, EditOutcome, edit
from costeo.store.exchange import (
    create_program,
    export_xlsx,
    export_xlsx_bytes,
    export_yaml,
    import_program,
    import_xlsx,
    new_program_text,
)
from costeo.store.lines import budget_lines
from costeo.store.models import Version
from costeo.store.programs import get_program, get_version, list_programs, published_versions
from costeo.store.seed import DEMO_PASSWORD, DEMO_USERS, seed_demo
from costeo.store.workflow import (
    TRANSITIONS,
    Comparison,
    ProductDelta,
    ValueChange,
    add_comment,
    allowed_actions,
    comments,
    compare,
    line_total,
    new_version,
    transition,
)


def grid(version: Version, kind: str) -> list[dict[str, object]]:
    """Rows of the editable grid ``kind`` ("inputs", "prices" or "targets") of a version;
    each editable value ``v`` of a row has its path in ``row["paths"][v]``."""
    from costeo.store.documents import grid as document_grid

    return document_grid(version.document, kind)


__all__ = [
    "Change", "Comparison", "DEMO_PASSWORD", "DEMO_USERS", "EditOutcome", "GRID_KINDS",
    "MAX_FAILURES", "ProductDelta", "TRANSITIONS", "ValueChange", "WINDOW", "add_comment",
    "allowed_actions", "audit", "authenticate", "budget_lines", "comments", "compare", "costed",
    "create_program", "create_user", "edit", "export_xlsx", "export_xlsx_bytes", "export_yaml",
    "get_program", "get_user", "get_version", "grant", "grid", "hash_password", "import_program",
    "import_xlsx", "line_total", "list_programs", "list_users", "login_allowed",
    "new_program_text", "new_version", "published_versions", "seed_demo", "set_password",
    "transition", "user_by_id", "verify_password",
]
