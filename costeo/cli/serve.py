"""`costeo serve`: the multi-user web app (pages and the JSON API) with uvicorn."""

from __future__ import annotations

import os
import secrets
from typing import Annotated

import typer

from costeo.cli.common import err


def serve(
    db: Annotated[str | None, typer.Option(
        "--db", help="URL de la base: sqlite:///ruta.db o postgresql+psycopg://… "
                     "(por defecto $COSTEO_DATABASE_URL o ./costeo.db).")] = None,
    host: Annotated[str, typer.Option(help="Dirección donde escuchar.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Puerto.")] = 8000,
    demo: Annotated[bool, typer.Option(
        "--demo", help="Carga los ejemplos incluidos y los usuarios de demostración "
                       "(contraseña costeo-demo) si la base está vacía.")] = False,
    workers: Annotated[int, typer.Option(
        help="Procesos de uvicorn (use PostgreSQL con más de uno).")] = 1,
) -> None:
    """Inicia la aplicación web (páginas y API JSON en /api) sobre la base indicada."""
    import uvicorn

    from costeo.store import open_store
    from costeo.store.db import default_url
    from costeo.store.services import DEMO_PASSWORD, seed_demo

    url = db or default_url()
    store = open_store(url)
    store.upgrade()
    if demo and seed_demo(store):
        err.print(f"demo: usuarios admin, formulador, revisor, lector; contraseña "
                  f"{DEMO_PASSWORD}", markup=False)
    store.dispose()
    os.environ["COSTEO_DATABASE_URL"] = url
    os.environ.setdefault("COSTEO_SECRET_KEY", secrets.token_urlsafe(32))  # shared by workers
    os.environ["COSTEO_SKIP_UPGRADE"] = "1"
    err.print(f"costeo: http://{host}:{port}/  ({url.split('@')[-1]})", markup=False)
    uvicorn.run("costeo.web.app:app_from_env", factory=True, host=host, port=port,
                workers=workers if workers > 1 else None, log_level="warning",
                proxy_headers=False)
