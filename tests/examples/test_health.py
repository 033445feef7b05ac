"""The synthetic primary-health program: every bottom-up method, checked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from costeo import Loaded


def act(loaded: Loaded, code: str):  # type: ignore[no-untyped-def]
    assert loaded.result is not None
    return next(a for a in loaded.result.activities() if a.code == code)


def shares(loaded: Loaded, code: str) -> dict[str, Decimal]:
    return {s.input_id: s.unit_cost for s in act(loaded, code).inputs}


def test_clean(health: Loaded) -> None:
    assert health.result is not None
    assert list(health.diagnostics) == []


def test_result_indicator_is_stunting(health: Loaded) -> None:
    assert health.result is not None
    (indicator,) = health.result.program.program.result.indicators
    assert "desnutrición crónica" in indicator.name
    assert indicator.baseline is not None and indicator.baseline.value.value == Decimal("20.1")


def test_labour_from_pay_scale(health: Loaded) -> None:
    # nurse: 1,212 × 13 ÷ (160 × 12) = 8.20625 per hour; 45 minutes = 6.1546875
    assert shares(health, "5000101")["enfermera"] == Decimal("6.1546875")
    # TAPS: 817 × 13 ÷ 1,920 = 5.53177083…/h; 70 minutes -> 6.453732638…
    assert shares(health, "5000102")["taps"].quantize(Decimal("1e-9")) == Decimal("6.453732639")


def test_equipment_depreciation_with_default_lives(health: Loaded) -> None:
    s = shares(health, "5000101")
    assert s["balanza"] == Decimal("0.014")  # 420 ÷ 10 years ÷ 3,000
    assert s["cinta"] == Decimal("0.005")  # instrument: 45 ÷ 3 years ÷ 3,000


def test_step_down_indirect_ratio(health: Loaded) -> None:
    # administration 90,000 by staff over 3 + 14 + 5 = 22: consulta 57,272.73, limpieza 12,272.73
    # limpieza 42,272.73 by m² over 380 + 120: consulta 0.76 -> 32,127.27
    # consulta ratio = (35,000 + 57,272.73 + 32,127.27) ÷ 420,000 = 124,400 ÷ 420,000
    ratio = Decimal(124400) / Decimal(420000)
    s = shares(health, "5000105")
    direct = s["sobres"] + s["taps"]
    assert s["indirectos"] == pytest.approx(ratio * direct, abs=Decimal("1e-20"))


def test_composite_price_from_cost_structure(health: Loaded) -> None:
    # food S/ 18.00 is 55% of the delivered price: 18 ÷ 0.55 = 32.7272…
    assert shares(health, "5000106")["servicio"] == pytest.approx(
        Decimal(18) / Decimal("0.55"), abs=Decimal("1e-25"))


def test_observed_weighted_mean(health: Loaded) -> None:
    # (41,250 + 30,380 + 19,980) ÷ (5,500 + 4,900 + 1,800) = 91,610 ÷ 12,200
    expected = Decimal(91610) / Decimal(12200)  # 7.50901639344…
    assert act(health, "5000104").unit_cost.quantize(Decimal("1e-20")) == expected.quantize(
        Decimal("1e-20"))


def test_declared_is_marked(health: Loaded) -> None:
    management = act(health, "5000901")
    assert management.declared and management.figure.declared
    assert health.result is not None
    share = health.result.declared_share()
    # 12 × 18,500 = 222,000 of 11,129,531.85
    assert share.quantize(Decimal("1e-12")) == (Decimal(222000) / Decimal("11129531.85")).quantize(
        Decimal("1e-12"))


def test_regional_price_override(health: Loaded) -> None:
    vaccination = act(health, "5000103")
    by_region = {dict(c.key)["region"]: c for c in vaccination.cells}
    assert by_region["amazonia"].unit_cost - by_region["costa"].unit_cost > Decimal("0.19")
    # the override is traced to its cell in the file
    figure = health.result.find("5000103[amazonia]")  # type: ignore[union-attr]
    prices = [leaf for leaf in figure.leaves() if leaf.role == "price"]  # type: ignore[union-attr]
    assert any(p.value == Decimal("1.31") and p.loc and p.loc.line > 0 for p in prices)


def test_parameter_in_force_for_the_fiscal_year(health: Loaded) -> None:
    figure = health.result.find("5000103/vacuna")  # type: ignore[union-attr]
    assert figure is not None
    (price,) = [leaf for leaf in figure.leaves() if leaf.kind == "parameter"]
    assert price.value == Decimal("1.12")  # the 2025 value, not the 2024 one
    assert "precio_pentavalente" in price.subject and price.source
