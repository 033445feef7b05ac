"""Killing the server (SIGKILL) in the middle of an import leaves the store exactly as it was.

A live ``costeo serve`` receives a large import (the Huancavelica example with its activity
repeated: tens of thousands of budget lines) and is killed while the request is still being
processed; it is restarted and every table is compared with its contents before the import.

- SQLite: killed while the budget lines are being written inside the open transaction (the
  test waits until the import's uncommitted pages spill into the WAL file).
- PostgreSQL: killed while the budget lines are being written inside the open transaction
  (the test waits until ``pg_stat_activity`` shows the server's ``INSERT INTO budget_lines``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import MetaData, create_engine, select, text

from tests.web.bigprogram import big_program
from tests.web.conftest import _pg_schema
from tests.web.live import LiveServer, logged_in_client

COPIES = 120  # several seconds of reading, costing and writing on the development machine


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        tables = {name: sorted((tuple(row) for row in connection.execute(select(table))),
                               key=repr)
                  for name, table in metadata.tables.items()}
    engine.dispose()
    return tables


def kill_during_import(url: str, folder: Path, wait: Callable[[], None]) -> None:
    server = LiveServer(url, folder / "serve.log").start(timeout=180)
    outcome: dict[str, Any] = {}
    try:
        client = logged_in_client(server.base, "admin")
        before = snapshot(url)
        assert before["versions"], "the demo store has versions"

        def send() -> None:
            try:
                outcome["response"] = client.post("/api/programs", json={
                    "text": big_program(COPIES), "file_name": "grande.yaml",
                    "entity": "SALUD"})
            except httpx.HTTPError as exc:
                outcome["error"] = exc

        sender = threading.Thread(target=send)
        sender.start()
        wait()
        assert sender.is_alive(), f"the import finished before the kill: {outcome}"
        server.kill()
        sender.join(timeout=60)
        assert "response" not in outcome, "the import answered: it was not interrupted"
        assert isinstance(outcome["error"], httpx.HTTPError)
    finally:
        server.kill()

    restarted = LiveServer(url, folder / "serve2.log", demo=False).start(timeout=180)
    try:
        assert snapshot(url) == before
        # and the store still works: a (smaller) import now succeeds in full
        done = logged_in_client(restarted.base, "admin").post("/api/programs", json={
            "text": big_program(2), "file_name": "g.yaml", "entity": "SALUD"})
        assert done.status_code == 201, done.text
    finally:
        restarted.stop()


def test_kill_while_writing_leaves_sqlite_as_before(tmp_path: Path) -> None:
    wal = tmp_path / "store.db-wal"

    def writing() -> None:
        start = wal.stat().st_size if wal.exists() else 0
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if wal.exists() and wal.stat().st_size > start + 1_000_000:
                return
            time.sleep(0.005)
        raise AssertionError("never saw the import's pages reach the WAL")

    kill_during_import(f"sqlite:///{tmp_path / 'store.db'}", tmp_path, writing)


def test_kill_while_writing_lines_leaves_postgresql_as_before(
        tmp_path: Path, request: pytest.FixtureRequest) -> None:
    server_info = request.getfixturevalue("pg_server")
    schema = _pg_schema(server_info)
    url = server_info.url(schema)
    watcher = create_engine(server_info.base)

    def writing() -> None:
        deadline = time.monotonic() + 120
        with watcher.connect() as connection:
            while time.monotonic() < deadline:
                found = connection.execute(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND query ILIKE 'INSERT INTO budget_lines%' AND state = 'active'"
                    " AND pid <> pg_backend_pid()")).scalar()
                connection.commit()
                if found:
                    return
                time.sleep(0.005)
        raise AssertionError("never saw the budget lines being written")

    try:
        kill_during_import(url, tmp_path, writing)
    finally:
        watcher.dispose()
