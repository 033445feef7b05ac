"""The multi-year frame, computed by hand on the bundled examples."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from costeo import Loaded
from costeo.diagnostics import Diagnostics
from costeo.formulation.multiyear import FrameResult, cost_frame


def frame(loaded: Loaded) -> FrameResult:
    assert loaded.result is not None
    diagnostics = Diagnostics()
    result = cost_frame(loaded.result.program, diagnostics, loaded.file, loaded.result)
    assert result is not None, diagnostics
    assert not diagnostics.has_errors
    return result


def amount(frame_result: FrameResult, year: int, code: str) -> D:
    y = next(y for y in frame_result.years if y.year == year)
    return next(a.amount for a in y.result.activities() if a.code == code)


def test_cash_transfers_2015_by_hand(cash_transfers: Loaded) -> None:
    f = frame(cash_transfers)
    # households: 1,207,996 × 0.80 = 966,396.8 -> 966,397; 6 payments a year
    payments = 966397 * 6
    assert payments == 5798382
    assert amount(f, 2015, "5000011") == D(payments) * D("200.02")  # 1,159,792,367.64
    assert amount(f, 2015, "5000014") == D(payments) * 7  # bank fee, no lag in a projection
    # the one-off decree of 2014 is not repeated
    y2015 = next(y for y in f.years if y.year == 2015).result
    assert "5000013" not in {a.code for a in y2015.activities()}
    # not projected: the pilot scheme (as in its register) and staff and other costs
    assert amount(f, 2015, "5000012") == amount(f, 2014, "5000012") == D("8325316.45")
    assert amount(f, 2015, "5000901") == D(66904045)
    assert y2015.total == D("1159792367.64") + D("8325316.45") + D("40588674.00") + D(
        117198386)


def test_cash_transfers_frame_against_the_published_one(cash_transfers: Loaded) -> None:
    f = frame(cash_transfers)
    published = {y.year: y.published for y in f.years}
    assert published == {2014: D(1075800000), 2015: D(1407000000), 2016: D(1620600000)}
    y2014 = f.years[0]
    assert y2014.result.total == D("1053723229.57")  # the fiscal year is the formulation
    assert y2014.difference == D("1053723229.57") - D(1075800000)
    # 2016: 1,207,996 × 0.96 = 1,159,676.16 -> 1,159,676 households
    assert amount(f, 2016, "5000011") == D(1159676 * 6) * D("200.02")


def test_health_frame_indexes_prices_not_quantities(health: Loaded) -> None:
    f = frame(health)
    # 2026: cumulative index = 1 + 0.030 (rate in force on 2026-01-01)
    y2026 = next(y for y in f.years if y.year == 2026).result
    management = next(a for a in y2026.activities() if a.code == "5000901")
    assert management.unit_cost == D("18500.00") * D("1.030")
    # CRED: round(110,500 × 0.95) = 104,975 children × 6 controls
    cred = next(a for a in y2026.activities() if a.code == "5000101")
    assert cred.target == D(104975 * 6)
    # 2027: index 1.030 × 1.028 = 1.05884
    y2027 = next(y for y in f.years if y.year == 2027).result
    management = next(a for a in y2027.activities() if a.code == "5000901")
    assert management.amount == D(12) * D("18500.00") * D("1.05884")
    # the index is in the lineage, down to the rates and their lines
    figure = y2027.find("5000901/unit_cost")
    assert figure is not None
    rates = [leaf for leaf in figure.leaves() if leaf.role == "rate"]
    assert [r.value for r in rates] == [D("0.030"), D("0.028")]
    assert all(r.loc is not None and r.loc.line > 0 for r in rates)


@pytest.mark.parametrize("year", [2026, 2027])
def test_every_frame_year_reconciles(health: Loaded, year: int) -> None:
    y = next(y for y in frame(health).years if y.year == year).result
    assert y.total == sum(line.amount for line in y.lines())
    assert y.total == sum(y.by_classifier().values())
