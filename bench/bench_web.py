"""Benchmark: 50 concurrent clients reading program and formulation pages (PostgreSQL).

Creates a fresh PostgreSQL database (``costeo_bench_<random>``, through the admin URL
``$COSTEO_BENCH_PG``, default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``), seeds the
demo (``seed_demo``), starts ``costeo serve --workers N`` on a free port, logs in as the
reader and runs ``wrk`` (Debian package; installed with apt-get when missing and root) with
50 connections for ``--duration`` seconds over the program list, each version's program
tree and each version's formulation table (by activity and by segment). Reports p50, p95,
p99 and errors, writes ``bench/results/web.json`` and drops the database. Not a test.
Usage::

    .venv/bin/python bench/bench_web.py [--workers 2] [--connections 50] [--duration 30]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, select, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from costeo.store import open_store  # noqa: E402
from costeo.store.models import Version  # noqa: E402
from costeo.store.services import DEMO_PASSWORD, seed_demo  # noqa: E402
from tests.web.live import LiveServer  # noqa: E402

PG_ADMIN = os.environ.get("COSTEO_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TARGET_P95_MS = 150.0

LUA = r"""
local paths = {%(paths)s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p90_us": %%d, '
    .. '"p95_us": %%d, "p99_us": %%d, "max_us": %%d, "mean_us": %%.1f, "connect": %%d, '
    .. '"read": %%d, "write": %%d, "status": %%d, "timeout": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is missing: sudo apt-get install wrk")
    return found


def create_database() -> tuple[str, str]:
    name = f"costeo_bench_{secrets.token_hex(4)}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name, PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def drop_database(name: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def login_cookie(base: str) -> str:
    with httpx.Client(base_url=base) as client:
        csrf = client.get("/api/session").json()["csrf_token"]
        answer = client.post("/api/login", headers={"X-CSRF-Token": csrf},
                             json={"username": "lector", "password": DEMO_PASSWORD})
        answer.raise_for_status()
        return str(client.cookies["costeo_session"])


def page_paths(url: str) -> list[str]:
    store = open_store(url)
    with store.session(readonly=True) as s:
        ids = [v.id for v in s.scalars(select(Version).order_by(Version.id))]
    store.dispose()
    paths = ["/programs"]
    for vid in ids:
        paths += [f"/versions/{vid}", f"/versions/{vid}/formulation",
                  f"/versions/{vid}/formulation?by=segment"]
    return paths


def run_wrk(wrk: str, base: str, cookie: str, paths: list[str], connections: int,
            duration: int, threads: int) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"paths": ", ".join(json.dumps(p) for p in paths)})
    try:
        done = subprocess.run(
            [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
             "-H", f"Cookie: costeo_session={cookie}", "-s", script.name, base],
            check=True, capture_output=True, text=True)
    finally:
        os.unlink(script.name)
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRKJSON "))
    data: dict[str, Any] = json.loads(line.removeprefix("WRKJSON "))
    data["wrk_output"] = done.stdout
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=5, help="seconds of warm-up load")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "web.json")
    args = parser.parse_args()
    wrk = ensure_wrk()
    name, url = create_database()
    logs = Path(tempfile.mkdtemp(prefix="costeo-bench-web-"))
    server = None
    try:
        store = open_store(url)
        started = time.perf_counter()
        seed_demo(store)
        store.dispose()
        seed_s = time.perf_counter() - started
        server = LiveServer(url, logs / "serve.log", demo=False, workers=args.workers).start()
        cookie = login_cookie(server.base)
        paths = page_paths(url)
        for path in paths:  # every page answers 200 before measuring
            status = httpx.get(server.base + path, cookies={"costeo_session": cookie}).status_code
            assert status == 200, (path, status)
        run_wrk(wrk, server.base, cookie, paths, args.connections, args.warmup, args.threads)
        result = run_wrk(wrk, server.base, cookie, paths, args.connections, args.duration,
                         args.threads)
    finally:
        if server is not None:
            server.stop()
        drop_database(name)
    errors = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    summary = {
        "connections": args.connections, "workers": args.workers, "threads": args.threads,
        "duration_s": args.duration, "pages": paths, "seed_s": round(seed_s, 2),
        "requests": result["requests"],
        "requests_per_s": round(result["requests"] / (result["duration_us"] / 1e6), 1),
        "p50_ms": result["p50_us"] / 1000, "p90_ms": result["p90_us"] / 1000,
        "p95_ms": result["p95_us"] / 1000, "p99_ms": result["p99_us"] / 1000,
        "max_ms": result["max_us"] / 1000, "mean_ms": round(result["mean_us"] / 1000, 2),
        "errors": errors, "errors_by_kind": {k: result[k] for k in
                                             ("connect", "read", "write", "status", "timeout")},
        "target_p95_ms": TARGET_P95_MS,
        "met": result["p95_us"] / 1000 <= TARGET_P95_MS and errors == 0,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "wrk_output": result["wrk_output"],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"{summary['requests']} requests in {args.duration} s "
          f"({summary['requests_per_s']}/s), {args.connections} connections, "
          f"{args.workers} workers, {len(paths)} pages")
    print(f"p50 {summary['p50_ms']:.1f} ms  p95 {summary['p95_ms']:.1f} ms  "
          f"p99 {summary['p99_ms']:.1f} ms  max {summary['max_ms']:.1f} ms  errors {errors}")
    print(f"target p95 <= {TARGET_P95_MS:.0f} ms with 0 errors: "
          f"{'met' if summary['met'] else 'NOT met'}  ->  {args.out}")


if __name__ == "__main__":
    main()
