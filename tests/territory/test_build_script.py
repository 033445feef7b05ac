"""The data-building script: its cleaning rules, and (with the wheels at hand) a rebuild."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_ubigeo", ROOT / "scripts/build_ubigeo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = load_script()


def test_name_keys_match_the_source_spelling() -> None:
    assert build.key_of("Áncash") == "ANCASH"
    assert build.key_of("Nepeña") == "NEPEÑA"
    assert build.key_of(" San Martín ") == "SAN MARTIN"


def test_numbers_lose_float_noise_only() -> None:
    assert build.decimal_text("162.22999999999999", 2) == "162.23"
    assert build.decimal_text("2615.1", 2) == "2615.1"
    assert build.decimal_text("-6.22944444444445", 6) == "-6.229444"
    assert build.decimal_text("162.42", None) == "162.42"
    assert build.decimal_text("S.I.", 2) == ""


def test_lima_is_split_by_province() -> None:
    scheme = {"Lima": "L", "Lima Metropolitana": "LM", "Lima Región": "LR", "Cusco": "S"}
    assert build.macroregion(scheme, "Lima", "1501") == "LM"
    assert build.macroregion(scheme, "Lima", "1502") == "LR"
    assert build.macroregion({"Lima": "L"}, "Lima", "1502") == "L"
    assert build.macroregion(scheme, "Cusco", "0801") == "S"
    assert build.macroregion(scheme, "Callao", "0701") == ""


WHEELS = os.environ.get("COSTEO_UBIGEO_WHEELS")


@pytest.mark.skipif(not WHEELS, reason="set COSTEO_UBIGEO_WHEELS to the folder of the wheels")
def test_rebuild_gives_the_committed_files() -> None:
    assert build.main(["--wheels", str(Path(str(WHEELS))), "--check"]) == 0
