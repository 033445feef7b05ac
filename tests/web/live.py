"""A live ``costeo serve`` in a subprocess on a free port (browser and kill tests)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

SERVE = [sys.executable, "-c", "from costeo.cli.main import app; app()", "serve"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """``costeo serve --db URL [--demo]`` on 127.0.0.1:<free port>."""

    def __init__(self, db_url: str, log: Path, demo: bool = True, workers: int = 1) -> None:
        self.db_url, self.log_path, self.demo, self.workers = db_url, log, demo, workers
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 120) -> LiveServer:
        args = [*SERVE, "--db", self.db_url, "--port", str(self.port),
                "--workers", str(self.workers)]
        if self.demo:
            args.append("--demo")
        env = dict(os.environ, COSTEO_SECRET_KEY="live-test-key")
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"costeo serve exited: {self.log_path.read_text()}")
            try:
                if httpx.get(self.base + "/api/session", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError(f"costeo serve did not start: {self.log_path.read_text()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler, no rollback from the server's side."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def logged_in_client(base: str, username: str) -> httpx.Client:
    """An API client of the live server, logged in as ``username`` (demo password), that
    sends the session's CSRF token with every request."""
    client = httpx.Client(base_url=base, timeout=180)
    csrf = client.get("/api/session").json()["csrf_token"]
    answer = client.post("/api/login", headers={"X-CSRF-Token": csrf},
                         json={"username": username, "password": "costeo-demo"})
    assert answer.status_code == 200, answer.text
    client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
    return client
