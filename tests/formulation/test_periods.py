"""Calendars and programming by period, exact to the cent."""

from __future__ import annotations

from decimal import Decimal as D

from costeo import Loaded, load_text
from costeo.formulation.periods import by_month, group_months, working_days
from tests.conftest import CASH_TRANSFERS


def test_school_calendar_has_191_days(school_meals: Loaded) -> None:
    assert school_meals.result is not None
    calendar = school_meals.result.program.calendars["escolar_2014"]
    days = working_days(calendar)
    # Mar 10 – Dec 22, Mon–Fri, without 8 holidays and the July 28 – August 8 break
    assert days == {3: 16, 4: 20, 5: 21, 6: 21, 7: 19, 8: 15, 9: 22, 10: 22, 11: 20, 12: 15}
    assert sum(days.values()) == 191


def test_school_meals_phased_by_school_days(school_meals: Loaded) -> None:
    result = school_meals.result
    assert result is not None
    months = by_month(result)
    assert sum(months.values()) == result.total
    assert set(months) == set(range(3, 13))
    # each line splits 16/191 to March, to the cent: March is within 24 cents of the share
    assert abs(months[3] - result.total * 16 / 191) <= D("0.24")


def test_bimesters_phase_to_their_months(cash_transfers: Loaded) -> None:
    result = cash_transfers.result
    assert result is not None
    months = by_month(result)
    assert sum(months.values()) == result.total
    bimesters = group_months(months, "bimester")
    lines_of_bimester_one = sum(line.amount for line in result.lines()
                                if dict(line.cell).get("bimestre") == "I")
    annual = sum(line.amount for line in result.lines() if not line.cell)
    # bimestre I gets its own lines plus two twelfths of the two annual (unphased) lines,
    # each month of each annual line within a cent of its twelfth
    assert abs(bimesters["I"] - lines_of_bimester_one - annual * 2 / 12) <= D("0.04")
    quarters = group_months(months, "quarter")
    assert sum(quarters.values()) == result.total


def test_register_compliance_factor() -> None:
    text = CASH_TRANSFERS.read_text(encoding="utf-8").replace(
        "target: {register: padron, columns: [paid_regular]}",
        "target: {register: padron, columns: [final], factor: 0.95}")
    loaded = load_text(text, "juntos.yaml")
    assert loaded.result is not None, loaded.diagnostics
    regular = next(a for a in loaded.result.activities() if a.code == "5000011")
    # bimestre I: final 778,393 × 0.95 = 739,473.35 paid households
    first = regular.cells[0]
    assert first.target == D("739473.35")
    assert first.amount == (D("739473.35") * D("200.02")).quantize(D("0.01"))
