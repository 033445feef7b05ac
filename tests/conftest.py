"""Shared fixtures: the bundled example programs, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from costeo import Loaded, load_program

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SCHOOL_MEALS = EXAMPLES / "alimentacion-escolar-2014.yaml"
CASH_TRANSFERS = EXAMPLES / "transferencias-juntos-2014.yaml"
HEALTH = EXAMPLES / "salud-primaria-sintetico-2025.yaml"
ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="session")
def school_meals() -> Loaded:
    return load_program(SCHOOL_MEALS)


@pytest.fixture(scope="session")
def cash_transfers() -> Loaded:
    return load_program(CASH_TRANSFERS)


@pytest.fixture(scope="session")
def health() -> Loaded:
    return load_program(HEALTH)
