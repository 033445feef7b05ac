"""An import is all or nothing: a failure half-way (an exception after rows were flushed, or
a real ``kill -9`` of ``costeo store import``) leaves the store exactly as before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from costeo.loader import Loaded
from costeo.store import Store
from costeo.store import exchange as exchange_module
from costeo.store.exchange import import_program
from costeo.store.policy import system_actor
from tests.store.bigprogram import big_program
from tests.store.conftest import EXAMPLES, ROOT

TABLES = ("users", "entities", "grants", "programs", "formulations", "versions",
          "budget_lines", "comments", "audit_entries", "login_attempts")


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (the whole store, to compare before and after)."""
    with store.session(readonly=True) as s:
        return {table: [tuple(row) for row in s.execute(text(
            f"SELECT * FROM {table} ORDER BY id"))] for table in TABLES}


def _seed(store: Store) -> None:
    with store.session() as s:
        import_program(s, system_actor(), EXAMPLES[0].read_text(encoding="utf-8"),
                       EXAMPLES[0].name, "E1")


def test_exception_after_rows_were_flushed(store: Store, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    _seed(store)
    before = snapshot(store)
    flushed: list[int] = []
    real = exchange_module.write_lines

    def write_then_die(session: Session, version: Any, loaded: Loaded) -> None:
        real(session, version, loaded)
        session.flush()
        flushed.append(session.execute(text(
            "SELECT COUNT(*) FROM budget_lines WHERE version_id = :v"), {"v": version.id}
        ).scalar_one())
        raise RuntimeError("killed half-way")

    monkeypatch.setattr(exchange_module, "write_lines", write_then_die)
    with pytest.raises(RuntimeError), store.session() as s:
        import_program(s, system_actor(), big_program(300), "big.yaml", "E1")
    assert flushed == [1500]  # the rows were in the database, inside the transaction
    assert snapshot(store) == before


def _wait_for_writes(store: Store, process: subprocess.Popen[bytes], wal: Path | None,
                     app_name: str) -> None:
    """Return once the importing process has written rows inside its open transaction."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        if wal is not None:
            if wal.exists() and wal.stat().st_size > 1_000_000:  # uncommitted pages spilled
                return
        else:
            with store.engine.connect() as connection:
                writing = connection.execute(text(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = :a "
                    "AND backend_xid IS NOT NULL AND state <> 'idle'"), {"a": app_name}
                ).scalar_one()
            if writing:
                time.sleep(0.2)  # let it write some more rows
                return
        time.sleep(0.01)
    raise AssertionError("the import never started writing")


def test_kill_9_in_the_middle_of_an_import(store: Store, store_url: str, tmp_path: Path
                                          ) -> None:
    _seed(store)
    big = tmp_path / "big.yaml"
    # 60,000 budget lines: more pages than SQLite's page cache holds, so the transaction
    # spills uncommitted pages to the WAL file long before it could commit.
    big.write_text(big_program(12000), encoding="utf-8")
    app_name = f"costeo_kill_{os.getpid()}"
    wal: Path | None = None
    url = store_url
    if store.backend == "sqlite":
        wal = Path(store_url.removeprefix("sqlite:///") + "-wal")
        with create_engine(store_url).connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        assert not wal.exists() or wal.stat().st_size == 0
    else:
        url = f"{store_url}&application_name={app_name}"
    before = snapshot(store)
    store.dispose()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "costeo"), "store", "import", str(big), "--entity",
         "E1", "--url", url], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for_writes(store, process, wal, app_name)
        process.send_signal(signal.SIGKILL)
        assert process.wait(30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
    if wal is not None:
        assert wal.stat().st_size > 1_000_000  # the killed transaction's pages are there...
    assert snapshot(store) == before  # ...and none of them counts
    with store.session() as s:  # the store still works
        version = import_program(s, system_actor(), big_program(50), big.name, "E1")
        assert version.number == 1
