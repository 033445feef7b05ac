"""The formulation against the ceiling: exact fit, protected lines, gaps by group."""

from __future__ import annotations

from decimal import Decimal as D

from costeo import Loaded
from costeo.formulation.ceilings import against_ceiling, ceiling_for
from costeo.model.planning import Ceiling
from costeo.model.values import Qty


def test_health_ceiling_fit(health: Loaded) -> None:
    result = health.result
    assert result is not None
    ceiling = ceiling_for(result)
    assert ceiling is not None and ceiling.amount.value == D(10500000)
    fit = against_ceiling(result, ceiling)
    assert fit.gap == D(10500000) - D("11129531.85")
    fitted_total = sum(f for _, f in fit.fitted_lines)
    assert fitted_total == D(10500000)  # exactly, to the cent
    vaccines = D("1466129.99")
    assert fit.protected == vaccines
    by_product = {g.key: g for g in fit.by(lambda line: result.owners()[line.activity])}
    assert by_product["3000102"].fitted == vaccines and by_product["3000102"].cut == 0
    factor = (D(10500000) - vaccines) / (D("11129531.85") - vaccines)
    for key in ("3000101", "3000103", "common"):
        g = by_product[key]
        lines = sum(1 for line, _ in fit.fitted_lines if result.owners()[line.activity] == key)
        assert abs(g.fitted - g.formulated * factor) <= D("0.01") * lines
    by_classifier = fit.by(lambda line: line.classifier)
    assert sum(g.fitted for g in by_classifier) == D(10500000)


def test_headroom_keeps_the_formulation(health: Loaded) -> None:
    result = health.result
    assert result is not None
    fit = against_ceiling(result, Ceiling(year=2025, amount=Qty(D(12000000))))
    assert fit.gap == D(12000000) - result.total > 0
    assert all(line.amount == fitted for line, fitted in fit.fitted_lines)


def test_protected_part_alone_above_the_ceiling(health: Loaded) -> None:
    result = health.result
    assert result is not None
    fit = against_ceiling(result, Ceiling(year=2025, amount=Qty(D(1000000)),
                                          protect=["3000102"]))
    assert not fit.feasible
    unprotected = [f for line, f in fit.fitted_lines if result.owners()[line.activity] !=
                   "3000102"]
    assert all(f == 0 for f in unprotected)
