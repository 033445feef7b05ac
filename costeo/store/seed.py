"""The demo store: the bundled examples under two entities, four users, one published budget.

Used by ``costeo serve --demo``, ``costeo store init --demo``, the browser tests and the
benchmark. Every demo account has the password :data:`DEMO_PASSWORD`.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from costeo.store.accounts import create_user, grant, hash_password
from costeo.store.db import Store
from costeo.store.exchange import import_program
from costeo.store.models import Entity, User, Version
from costeo.store.workflow import transition

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DEMO_PASSWORD = "costeo-demo"
# (username, role, display name, language)
DEMO_USERS = (
    ("admin", "admin", "Administración", "es"),
    ("formulador", "formulator", "Formuladora MIDIS", "es"),
    ("revisor", "reviewer", "Revisor MEF", "es"),
    ("lector", "reader", "Lectora de seguimiento", "es"),
)
DEMO_ENTITIES = (
    ("MIDIS", "Ministerio de Desarrollo e Inclusión Social",
     ("alimentacion-escolar-2014.yaml", "transferencias-juntos-2014.yaml")),
    ("SALUD", "Salud (ejemplos sintéticos)",
     ("nutricion-huancavelica-2015.yaml", "salud-primaria-sintetico-2025.yaml")),
)
PUBLISHED_EXAMPLE = "alimentacion-escolar-2014.yaml"


def seed_demo(store: Store, examples: Path = EXAMPLES) -> bool:
    """Migrate and fill an empty store with the demo; False (nothing done) if it already has
    users."""
    store.upgrade()
    with store.session() as s:
        if s.scalar(select(User).limit(1)) is not None:
            return False
        shared = hash_password(DEMO_PASSWORD)  # one public password: hash it once
        users = {name: create_user(s, None, name, DEMO_PASSWORD, role, display, lang,
                                   system=True, password_hash=shared)
                 for name, role, display, lang in DEMO_USERS}
        admin = users["admin"]
        for code, name, files in DEMO_ENTITIES:
            s.add(Entity(code=code, name=name))
            s.flush()
            for file in files:
                path = examples / file
                import_program(s, admin, path.read_text(encoding="utf-8"), path.name, code)
        grant(s, admin, "formulador", entity_code="MIDIS")
        published = s.scalar(select(Version).where(Version.file_name == PUBLISHED_EXAMPLE))
        assert published is not None
        steps = (("submit", "formulador"), ("approve", "revisor"), ("publish", "revisor"))
        for action, who in steps:
            transition(s, users[who], published.id, published.lock, action)
    return True
