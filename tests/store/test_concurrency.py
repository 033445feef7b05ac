"""20 clients edit the same and different programs at once (on PostgreSQL, and on SQLite
too): no update is lost and every rejected write is reported as a Conflict.

Each client reads a version (lock and a target value), writes value + 1 with its lock, and on
Conflict re-reads and tries again, until it has made its writes. Every acknowledged write must
show in the final documents and have exactly one audit entry; the audit entries of a version
chain lock after lock, each one's "before" the previous one's "after".
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from costeo.store import Conflict, Store
from costeo.store.accounts import create_user
from costeo.store.documents import compose, grid, scalar_at
from costeo.store.editing import Change, edit
from costeo.store.exchange import import_program
from costeo.store.models import AuditEntry, User, Version
from costeo.store.policy import system_actor
from costeo.store.programs import get_version
from tests.store.conftest import EXAMPLES

CLIENTS = 20
WRITES = 2  # acknowledged writes each client makes
SHARED = 10  # clients 0..9 edit the same program; the others spread over the rest


@dataclass
class Client:
    number: int
    version_id: int
    path: str
    acknowledged: list[tuple[int, int]] = field(default_factory=list)  # (new lock, value)
    conflicts: int = 0
    other_errors: list[BaseException] = field(default_factory=list)


def _read(store: Store, actor: User, client: Client) -> tuple[int, int]:
    with store.session(readonly=True) as s:
        version = get_version(s, actor, client.version_id)
        value = scalar_at(compose(version.document), client.path)
        assert value is not None
        return version.lock, int(value)


def _run(store: Store, actor: User, client: Client, barrier: threading.Barrier) -> None:
    try:
        lock, value = _read(store, actor, client)
        barrier.wait()  # everyone has read before anyone writes: the shared ones must clash
        attempts = 0
        while len(client.acknowledged) < WRITES:
            attempts += 1
            assert attempts < 500
            try:
                with store.session() as s:
                    outcome = edit(s, actor, client.version_id, lock,
                                   [Change(client.path, value + 1)])
                    new_lock = outcome.version.lock
                client.acknowledged.append((new_lock, value + 1))
                lock, value = new_lock, value + 1
            except Conflict:
                client.conflicts += 1
                lock, value = _read(store, actor, client)
    except BaseException as exc:  # noqa: BLE001  (reported by the test)
        client.other_errors.append(exc)


def test_twenty_clients_lose_no_update(store: Store) -> None:
    with store.session() as s:
        actor = create_user(s, None, "f", "clave-de-prueba", "admin", system=True)
        versions = [import_program(s, system_actor(), p.read_text(encoding="utf-8"), p.name,
                                   "E1") for p in EXAMPLES]
        targets = [(v.id, v.lock, grid(v.document, "targets")[0]["paths"]["value"])
                   for v in versions]
    initial = {}
    for version_id, _, path in targets:
        with store.session(readonly=True) as s:
            document = s.get_one(Version, version_id).document
            initial[version_id] = int(scalar_at(compose(document), path) or 0)
    clients = []
    for number in range(CLIENTS):
        index = 0 if number < SHARED else 1 + number % (len(targets) - 1)
        version_id, _, path = targets[index]
        clients.append(Client(number, version_id, path))
    barrier = threading.Barrier(CLIENTS)
    threads = [threading.Thread(target=_run, args=(store, actor, c, barrier)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not any(t.is_alive() for t in threads)
    assert [c.other_errors for c in clients] == [[] for _ in clients]  # only Conflicts
    shared_conflicts = sum(c.conflicts for c in clients[:SHARED])
    assert shared_conflicts >= SHARED - 1  # all read the same lock: one won, the rest clashed
    per_version = Counter(c.version_id for c in clients for _ in c.acknowledged)
    with store.session(readonly=True) as s:
        for version_id, start_lock, path in targets:
            version = s.get_one(Version, version_id)
            acknowledged = per_version[version_id]
            assert acknowledged == WRITES * sum(c.version_id == version_id for c in clients)
            # every acknowledged +1 is in the document: nothing was lost
            assert int(scalar_at(compose(version.document), path) or 0) == \
                initial[version_id] + acknowledged
            assert version.lock == start_lock + acknowledged
            entries = list(s.scalars(select(AuditEntry).where(
                AuditEntry.object_type == "version", AuditEntry.object_id == version_id,
                AuditEntry.action == "edit").order_by(AuditEntry.id)))
            assert len(entries) == acknowledged  # one entry per acknowledged write
            locks = sorted(lock for c in clients if c.version_id == version_id
                           for lock, _ in c.acknowledged)
            assert [e.after["lock"] for e in entries] == locks
            for previous, entry in zip(entries, entries[1:], strict=False):
                assert entry.before["values"][path] == previous.after["values"][path]
                assert entry.before["lock"] == previous.after["lock"]


def test_concurrent_new_versions_get_distinct_numbers(store: Store) -> None:
    """Eight people start a new version of the same budget at once: eight drafts, numbered
    2 to 9, none refused (the formulation's row lock orders them)."""
    from costeo.store.workflow import new_version

    with store.session() as s:
        actor = create_user(s, None, "f", "clave-de-prueba", "admin", system=True)
        source = import_program(s, system_actor(), EXAMPLES[0].read_text(encoding="utf-8"),
                                EXAMPLES[0].name, "E1").id
    barrier = threading.Barrier(8)
    numbers: list[int] = []
    errors: list[BaseException] = []

    def start() -> None:
        try:
            barrier.wait()
            with store.session() as s:
                numbers.append(new_version(s, actor, source).number)
        except BaseException as exc:  # noqa: BLE001  (reported by the test)
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert sorted(numbers) == list(range(2, 10))


def test_concurrent_imports_of_a_new_program(store: Store) -> None:
    """Six people import the same new program at once: one program, each import either a
    version (numbered 1, 2, ... without gaps) or refused as a Duplicate, never a crash."""
    from sqlalchemy import func

    from costeo.store import Duplicate
    from costeo.store.models import Program
    from tests.store.helpers import renamed

    text = renamed(EXAMPLES[0], "8888")
    barrier = threading.Barrier(6)
    numbers: list[int] = []
    duplicates: list[Duplicate] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            with store.session() as s:
                numbers.append(import_program(s, system_actor(), text, "p.yaml", "E1").number)
        except Duplicate as exc:
            duplicates.append(exc)
        except BaseException as exc:  # noqa: BLE001  (reported by the test)
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert len(numbers) + len(duplicates) == 6
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    with store.session(readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(Program)) == 1
        assert s.scalar(select(func.count()).select_from(Version)) == len(numbers)
