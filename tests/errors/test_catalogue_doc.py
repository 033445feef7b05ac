"""The generated error catalogue (docs/reference/errors.md) cannot go stale."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from costeo.messages import CATALOGUE

from .expectations import ROOT

COMMITTED = ROOT / "docs" / "reference" / "errors.md"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_errors", ROOT / "docs" / "gen_errors.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_errors", module)
    spec.loader.exec_module(module)
    return module


def test_committed_catalogue_is_what_the_generator_writes(tmp_path: Path) -> None:
    target = tmp_path / "errors.md"
    assert _generator().main([str(target)]) == 0
    expected = target.read_text(encoding="utf-8")
    committed = COMMITTED.read_text(encoding="utf-8")
    assert committed == expected, (
        "docs/reference/errors.md is stale: run `.venv/bin/python docs/gen_errors.py`")


def test_catalogue_documents_every_code() -> None:
    text = COMMITTED.read_text(encoding="utf-8")
    for code in CATALOGUE:
        assert f"\n## `{code}`\n" in text
