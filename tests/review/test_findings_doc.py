"""The generated findings catalogue (docs/reference/findings.md) cannot go stale."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from costeo.review.catalogue import CHECK_TITLES, FINDINGS
from costeo.review.registry import checks_for
from tests.conftest import ROOT

COMMITTED = ROOT / "docs" / "reference" / "findings.md"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_findings",
                                                  ROOT / "docs" / "gen_findings.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_findings", module)
    spec.loader.exec_module(module)
    return module


def test_committed_catalogue_is_what_the_generator_writes(tmp_path: Path) -> None:
    target = tmp_path / "findings.md"
    assert _generator().main([str(target)]) == 0
    assert COMMITTED.read_text(encoding="utf-8") == target.read_text(encoding="utf-8"), (
        "docs/reference/findings.md is stale: run `.venv/bin/python docs/gen_findings.py`")


def test_every_code_belongs_to_a_registered_check_and_is_documented() -> None:
    text = COMMITTED.read_text(encoding="utf-8")
    registered = {code: check.name for check in checks_for("strict") for code in check.codes}
    for code, entry in FINDINGS.items():
        assert registered.get(code) == entry.check, code
        assert f"\n### `{code}`\n" in text
    assert set(CHECK_TITLES) == {check.name for check in checks_for("strict")}
