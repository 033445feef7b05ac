"""Twenty clients editing at once through the API of a live two-worker server on PostgreSQL:
no update is lost and every conflict is reported.

Ten clients share one draft (the same program); ten more each edit a draft of their own.
Each client adds 1 to a physical target three times: read the version (value and lock),
PATCH value + 1 with that lock, and on a 409 ``conflict`` count it, read again and retry.
At the end the shared target equals its start plus every successful edit, the lock moved
once per success, the audit log holds one entry per success, and every refused attempt
was a ``conflict`` in the one error shape. The private drafts never conflict.
"""

from __future__ import annotations

import threading
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.conftest import _pg_schema
from tests.web.live import LiveServer, logged_in_client

CLIENTS_SHARED, CLIENTS_PRIVATE, EDITS = 10, 10, 3
TARGET = "common_actions/0/target"  # JUNTOS: 1,922 programme staff


def current(client: httpx.Client, vid: int) -> tuple[int, Decimal]:
    version = client.get(f"/api/versions/{vid}").json()
    row = next(r for r in client.get(f"/api/versions/{vid}/grid/targets").json()
               if r["path"] == TARGET)
    return int(version["lock"]), Decimal(row["value"])


def work(base: str, vid: int, tally: Counter[str], errors: list[Any]) -> None:
    client = logged_in_client(base, "formulador")
    done = 0
    while done < EDITS:
        lock, value = current(client, vid)
        answer = client.patch(f"/api/versions/{vid}", json={
            "lock": lock, "changes": [{"path": TARGET, "value": str(value + 1)}]})
        if answer.status_code == 200:
            done += 1
            tally[f"ok:{vid}"] += 1
        elif answer.status_code == 409 and answer.json()["error"]["code"] == "conflict":
            details = answer.json()["error"]["details"]
            if details["expected"] != lock or details["current"] <= lock:
                errors.append(details)
            tally[f"conflict:{vid}"] += 1
        else:
            errors.append((answer.status_code, answer.text))
            return


@pytest.mark.usefixtures("pg_server")
def test_twenty_clients_lose_no_update_and_see_every_conflict(
        tmp_path: Path, request: pytest.FixtureRequest) -> None:
    server_info = request.getfixturevalue("pg_server")
    url = server_info.url(_pg_schema(server_info))
    server = LiveServer(url, tmp_path / "serve.log", workers=2).start(timeout=180)
    try:
        setup = logged_in_client(server.base, "formulador")
        juntos = next(p for p in setup.get("/api/programs").json() if p["code"] == "0049")
        base_id = juntos["formulations"][0]["versions"][0]["id"]
        shared = setup.post(f"/api/versions/{base_id}/new").json()["id"]
        private = [setup.post(f"/api/versions/{base_id}/new").json()["id"]
                   for _ in range(CLIENTS_PRIVATE)]
        start_lock, start_value = current(setup, shared)
        tally: Counter[str] = Counter()
        errors: list[Any] = []
        threads = [threading.Thread(target=work, args=(server.base, vid, tally, errors))
                   for vid in [shared] * CLIENTS_SHARED + private]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        assert not errors, errors[:5]
        successes = tally[f"ok:{shared}"]
        assert successes == CLIENTS_SHARED * EDITS
        lock, value = current(setup, shared)
        assert value == start_value + successes  # no lost update
        assert lock == start_lock + successes
        edits = [e for e in setup.get(f"/api/versions/{shared}/audit").json()
                 if e["action"] == "edit"]
        assert len(edits) == successes
        for vid in private:
            assert tally[f"ok:{vid}"] == EDITS and tally[f"conflict:{vid}"] == 0
            assert current(setup, vid)[1] == start_value + EDITS
        print(f"\nshared draft: {successes} edits saved, {tally[f'conflict:{shared}']} "
              f"conflicts reported; private drafts: {CLIENTS_PRIVATE * EDITS} edits, 0 conflicts")
    finally:
        server.stop()
