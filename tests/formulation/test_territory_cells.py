"""Cells by district (INEI ubigeo): zone prices, roll-ups, exact reconciliation."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from costeo import Loaded, load_program
from tests.conftest import EXAMPLES

HUANCAVELICA = EXAMPLES / "nutricion-huancavelica-2015.yaml"


@pytest.fixture(scope="module")
def huancavelica() -> Loaded:
    return load_program(HUANCAVELICA)


def test_clean_and_by_district(huancavelica: Loaded) -> None:
    assert huancavelica.result is not None
    assert list(huancavelica.diagnostics) == []
    (activity,) = list(huancavelica.result.activities())
    assert len(activity.cells) == 104  # every district of Huancavelica


def test_unit_cost_per_price_zone(huancavelica: Loaded) -> None:
    assert huancavelica.result is not None
    (activity,) = list(huancavelica.result.activities())
    by_district = {dict(c.key)["distrito"]: c for c in activity.cells}
    # sulfate 6 × 2.35 = 14.10; technician 3 h × 1,800 × 14 ÷ (150 × 12) = 42.00;
    # transport 6 trips × the zone's fare
    assert by_district["090101"].unit_cost == D("14.10") + 42 + 6 * D("3.50")  # accesible
    assert by_district["090401"].unit_cost == D("14.10") + 42 + 6 * D("11.00")  # alejada
    assert by_district["090201"].unit_cost == D("14.10") + 42 + 6 * D("6.00")  # default
    assert {c.unit_cost for c in activity.cells} == {D("77.10"), D("92.10"), D("122.10")}
    # the zone fare is traced to where it is written
    figure = huancavelica.result.find("5005986[090401]")
    assert figure is not None
    fares = [leaf for leaf in figure.leaves() if leaf.role == "price" and "alejada" in
             leaf.subject]
    assert fares and fares[0].value == D("11.00") and fares[0].loc is not None


def test_roll_ups_reconcile(huancavelica: Loaded) -> None:
    result = huancavelica.result
    assert result is not None
    provinces = result.by_territory("distrito", "province")
    assert len(provinces) == 7
    assert sum(provinces.values()) == result.total
    assert result.by_territory("distrito", "department") == {"090000": result.total}
    assert result.by_territory("distrito", "national") == {"000000": result.total}
    # Castrovirreyna by hand: Σ its districts' targets × 122.10
    (activity,) = list(result.activities())
    targets = sum(c.target for c in activity.cells if dict(c.key)["distrito"].startswith("0904"))
    assert provinces["090400"] == targets * D("122.10")
