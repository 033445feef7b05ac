"""Qali Warma 2014 (DOMAIN.md §4.1): the segment table reproduces the published figures.

The expected figures below are typed from DOMAIN.md, independently of the example file.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from costeo import Loaded
from tests.conftest import SCHOOL_MEALS

DAYS = 191
# (modality, user, quintile, zone): (users, displayed unit cost, published amount)
PUBLISHED = {
    ("raciones", "preescolar", "I-II", "costa_sierra"): (82142, "2.55", 40077453),
    ("raciones", "preescolar", "I-II", "selva"): (11823, "3.08", 6951734),
    ("raciones", "preescolar", "III-V", "costa_sierra"): (255119, "1.28", 62511414),
    ("raciones", "preescolar", "III-V", "selva"): (81958, "1.55", 24294260),
    ("raciones", "escolar", "I-II", "costa_sierra"): (245792, "3.34", 156614708),
    ("raciones", "escolar", "I-II", "selva"): (25855, "3.92", 19341205),
    ("raciones", "escolar", "III-V", "costa_sierra"): (980999, "1.62", 304244220),
    ("raciones", "escolar", "III-V", "selva"): (225631, "1.91", 82329048),
    ("productos", "preescolar", "I-II", "costa_sierra"): (70070, "2.29", 30683577),
    ("productos", "preescolar", "I-II", "selva"): (11173, "2.77", 5911532),
    ("productos", "preescolar", "III-V", "costa_sierra"): (47801, "1.15", 10509790),
    ("productos", "preescolar", "III-V", "selva"): (13507, "1.39", 3597508),
    ("productos", "escolar", "I-II", "costa_sierra"): (257002, "3.01", 147700901),
    ("productos", "escolar", "I-II", "selva"): (28927, "3.54", 19559438),
    ("productos", "escolar", "III-V", "costa_sierra"): (152540, "1.47", 42788079),
    ("productos", "escolar", "III-V", "selva"): (56576, "1.72", 18621415),
    ("productos_remota", "preescolar", "I-II", "costa_sierra"): (42635, "2.37", 19320300),
    ("productos_remota", "preescolar", "I-II", "selva"): (21762, "2.89", 12004804),
    ("productos_remota", "preescolar", "III-V", "costa_sierra"): (22233, "1.21", 5138060),
    ("productos_remota", "preescolar", "III-V", "selva"): (18400, "1.51", 5319370),
    ("productos_remota", "escolar", "I-II", "costa_sierra"): (93868, "3.31", 59374409),
    ("productos_remota", "escolar", "I-II", "selva"): (83418, "3.92", 62515824),
    ("productos_remota", "escolar", "III-V", "costa_sierra"): (48075, "1.70", 15612157),
    ("productos_remota", "escolar", "III-V", "selva"): (51992, "2.13", 21140437),
}
SUBTOTALS = {  # modality: (users, published amount)
    "raciones": (1909319, 696364043),
    "productos": (637596, 279372240),
    "productos_remota": (382383, 200425361),
}
PUBLISHED_TOTAL = 1176161644
ROWS_TOTAL = 1176161643  # the rows add up to one sol less (DOMAIN.md §4.1)
# users × 191 × displayed (rounded) unit cost: DOMAIN.md prints S/ 1,175,300,793; the exact
# recomputation is 1,175,300,794.30 (the source's spreadsheet rounds somewhere in between).
ROUNDED_RECOMPUTATION = Decimal("1175300794.30")
PRINTED_RECOMPUTATION = 1175300793


def cells(loaded: Loaded) -> dict[tuple[str, ...], object]:
    assert loaded.result is not None
    (activity,) = list(loaded.result.activities())
    return {tuple(v for _, v in c.key): c for c in activity.cells}


def test_loads_without_errors_or_warnings(school_meals: Loaded) -> None:
    assert school_meals.result is not None
    assert [d.code for d in school_meals.diagnostics
            if d.severity.value != "info"] == []


@pytest.mark.parametrize("key", list(PUBLISHED))
def test_each_row_reproduces_its_published_amount_to_the_sol(school_meals: Loaded,
                                                             key: tuple[str, ...]) -> None:
    users, displayed, amount = PUBLISHED[key]
    cell = cells(school_meals)[key]
    assert cell.target == users  # type: ignore[attr-defined]
    assert cell.amount == Decimal(amount)  # type: ignore[attr-defined]
    implied = cell.unit_cost  # type: ignore[attr-defined]
    # the implied (unrounded) unit cost is amount ÷ (users × 191) ...
    assert implied * users * DAYS == pytest.approx(Decimal(amount), abs=Decimal("1e-15"))
    # ... and it rounds to the displayed one
    assert implied.quantize(Decimal("0.01"), ROUND_HALF_UP) == Decimal(displayed)
    assert cell.displayed_unit_cost == Decimal(displayed)  # type: ignore[attr-defined]


def test_first_row_implied_unit_cost_is_shown_unrounded(school_meals: Loaded) -> None:
    cell = cells(school_meals)[("raciones", "preescolar", "I-II", "costa_sierra")]
    assert str(cell.unit_cost).startswith("2.554473")  # type: ignore[attr-defined]


def test_total_and_subtotals(school_meals: Loaded) -> None:
    result = school_meals.result
    assert result is not None
    assert result.total == Decimal(ROWS_TOTAL)
    (activity,) = list(result.activities())
    assert activity.target == sum(u for u, _, _ in PUBLISHED.values()) == 2929298
    for modality, (users, amount) in SUBTOTALS.items():
        chosen = [c for c in activity.cells if dict(c.key)["modalidad"] == modality]
        assert sum(c.target for c in chosen) == users
        computed = sum(c.amount for c in chosen)
        # raciones: rows add to 696,364,042, the source prints 696,364,043
        assert abs(computed - amount) <= (1 if modality == "raciones" else 0)
    # the published total is the sum of the published subtotals
    assert sum(a for _, a in SUBTOTALS.values()) == PUBLISHED_TOTAL


def test_published_total_is_reconciled_as_source_rounding(school_meals: Loaded) -> None:
    notes = [d for d in school_meals.diagnostics if d.code == "published-rounding"]
    published = {d.args["published"] for d in notes}
    assert Decimal(PUBLISHED_TOTAL) in published
    total_note = next(d for d in notes if d.args["published"] == Decimal(PUBLISHED_TOTAL))
    assert total_note.args["difference"] == Decimal(1)
    assert "1,176,161,644" in total_note.message("es")
    assert total_note.location is not None and total_note.location.line > 0


def test_display_rounding_never_changes_totals(school_meals: Loaded) -> None:
    """Recomputing with the rounded unit costs gives another figure; costeo keeps the exact."""
    rounded = sum(
        Decimal(users) * DAYS * Decimal(displayed) for users, displayed, _ in PUBLISHED.values()
    )
    assert rounded == ROUNDED_RECOMPUTATION
    assert abs(rounded - PRINTED_RECOMPUTATION) < 2
    assert school_meals.result is not None
    assert school_meals.result.total == Decimal(ROWS_TOTAL) != rounded


def test_explain_reaches_each_row_amount_in_the_file(school_meals: Loaded) -> None:
    result = school_meals.result
    assert result is not None
    figure = result.find("5000001[raciones,preescolar,I-II,costa_sierra]/unit_cost")
    assert figure is not None
    leaves = list(figure.leaves())
    located = {(leaf.role, leaf.value): leaf.loc for leaf in leaves if leaf.loc}
    text = SCHOOL_MEALS.read_text(encoding="utf-8").splitlines()
    row = 1 + next(i for i, line in enumerate(text)
                   if "[raciones, preescolar, I-II, costa_sierra, 82142," in line)
    assert located[("envelope", Decimal(40077453))].line == row
    assert located[("target", Decimal(82142))].line == row
    assert located[("frequency", Decimal(191))].file.endswith("alimentacion-escolar-2014.yaml")
