"""`costeo store init|import|export|user` as an operator runs them, on both backends."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from costeo.cli.main import app
from costeo.store import open_store
from costeo.store.accounts import authenticate
from costeo.store.models import AuditEntry
from costeo.store.seed import DEMO_PASSWORD
from tests.store.conftest import ROOT

runner = CliRunner()
HEALTH = ROOT / "examples" / "salud-primaria-sintetico-2025.yaml"


def run(*args: object, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args], input=stdin)
    return result.exit_code, result.output


def test_store_commands(store_url: str, tmp_path: Path) -> None:
    url = ("--url", store_url)
    code, output = run("store", "init", *url, "--demo")
    assert code == 0, output
    assert DEMO_PASSWORD in output
    code, output = run("store", "init", *url, "--demo", "--json")  # already there: no-op
    assert code == 0 and json.loads(output)["demo"] is False

    code, output = run("store", "import", HEALTH, "--entity", "SALUD", *url, "--json")
    assert code == 0, output
    imported = json.loads(output)
    assert (imported["program"], imported["number"], imported["state"]) == ("S001", 2, "draft")
    assert imported["total"] == "11129531.85"

    yaml_out = tmp_path / "s001.yaml"
    code, output = run("store", "export", "S001", "-o", yaml_out, "--version", "1", *url)
    assert code == 0, output
    assert yaml_out.read_text(encoding="utf-8") == HEALTH.read_text(encoding="utf-8")
    book = tmp_path / "s001.xlsx"
    code, output = run("store", "export", "S001", "-o", book, *url)
    assert code == 0 and book.stat().st_size > 0
    code, output = run("store", "import", book, "-e", "SALUD", *url, "--user", "admin",
                       "--json")
    assert code == 0, output
    assert json.loads(output)["total"] == "11129531.85"

    broken = ROOT / "tests" / "errors" / "not-a-number.yaml"
    code, output = run("store", "import", broken, "-e", "SALUD", *url)
    assert code == 1
    assert "not-a-number.yaml:" in output and "[not-a-number]" in output
    code, output = run("store", "export", "NOPE", "-o", tmp_path / "x.yaml", *url)
    assert code == 4 and "NOPE" in output
    code, output = run("store", "import", HEALTH, "-e", "SALUD", *url, "--user", "lector")
    assert code == 1 and "permiso" in output

    code, output = run("store", "user", "add", "ana", "--role", "formulator", *url,
                       "--password-stdin", stdin="clave de ana\n")
    assert code == 0, output
    code, output = run("store", "user", "add", "ana", "--role", "reader", *url,
                       "--password-stdin", stdin="x\n")
    assert code == 1 and "ana" in output
    code, output = run("store", "user", "grant", "ana", "--program", "S001", *url)
    assert code == 0, output
    code, output = run("store", "user", "password", "ana", *url, "--password-stdin",
                       stdin="otra clave\n")
    assert code == 0, output
    code, output = run("store", "user", "list", *url, "--json")
    rows = {row["username"]: row for row in json.loads(output)}
    assert rows["ana"]["grants"] == ["program:S001"]
    assert rows["formulador"]["grants"] == ["entity:MIDIS"]

    store = open_store(store_url)
    with store.session() as s:
        assert authenticate(s, "ana", "otra clave", "127.0.0.1") is not None
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        assert actions[-5:] == ["import", "import", "create_user", "grant", "set_password"]
    store.dispose()


def test_unreachable_or_wrong_database_is_a_clear_error() -> None:
    code, output = run("store", "init", "--url", "postgresql+psycopg://nadie@127.0.0.1:1/x")
    assert code == 1 and "No se puede abrir la base de datos" in output
    assert "Traceback" not in output
    code, output = run("store", "user", "list", "--url", "no-es-una-url", "--json")
    assert code == 1 and json.loads(output)["error"]["code"] == "database-unavailable"
