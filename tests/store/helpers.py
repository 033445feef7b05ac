"""Small helpers shared by the store tests."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from costeo.store import Store
from costeo.store.models import Version

JUNTOS = "transferencias-juntos-2014.yaml"  # MIDIS, draft in the demo
MEALS = "alimentacion-escolar-2014.yaml"  # MIDIS, published in the demo
PRICE = "parameters/subsidio_regular/values/0/value"  # Juntos' regular transfer, 200.00


def version_of(store: Store, file_name: str, number: int = 1) -> tuple[int, int]:
    """(id, lock) of a version of the demo."""
    with store.session(readonly=True) as s:
        version = s.scalars(select(Version).where(Version.file_name == file_name,
                                                  Version.number == number)).one()
        return version.id, version.lock


def renamed(example: Path, code: str) -> str:
    """The example's text as another program (another code)."""
    text = example.read_text(encoding="utf-8")
    start = text.index("  code: ")
    end = text.index("\n", start)
    return text[:start] + f'  code: "{code}"' + text[end:]
