"""Roll-ups are exact and reconcile: national = Σ departments = Σ provinces = Σ districts."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from costeo.territory import NATIONAL, UbigeoError, territory

T = territory()
DISTRICTS = [p.ubigeo for p in T.districts()]

# Exact decimals with up to 41 digits and 40 decimal places (more than any context keeps).
amount_st = st.builds(lambda i, e: D(f"{i}E-{e}"), st.integers(-10**40, 10**40),
                      st.integers(0, 40))
amounts_st = st.dictionaries(st.sampled_from(DISTRICTS), amount_st, min_size=1, max_size=400)


def exact(values: Iterable[D]) -> Fraction:
    return sum((Fraction(v) for v in values), Fraction(0))


@settings(max_examples=60, deadline=None)
@given(amounts_st)
def test_levels_reconcile(amounts: dict[str, D]) -> None:
    national = T.roll_up(amounts, "national")
    departments = T.roll_up(amounts, "department")
    provinces = T.roll_up(amounts, "province")
    assert list(national) == [NATIONAL]
    total = exact(amounts.values())
    assert Fraction(national[NATIONAL]) == total
    assert exact(departments.values()) == total == exact(provinces.values())
    # each department is the sum of its provinces, exactly
    for dept, value in departments.items():
        assert Fraction(value) == exact(v for p, v in provinces.items() if p[:2] == dept[:2])
    # rolling the provinces up again gives the same departments
    assert T.roll_up(provinces, "department") == departments
    assert T.roll_up(departments, "national") == national


def test_sums_are_exact_beyond_default_precision() -> None:
    tiny = D("1e-40")
    big = D("123456789012345678901234567890.1234567890")
    result = T.roll_up({"150101": big, "150102": tiny, "010101": D("0.01")}, "department")
    assert result == {
        "010000": D("0.01"),
        "150000": D("123456789012345678901234567890.1234567890000000000000000000000000000001"),
    }
    assert big + tiny != result["150000"]  # the default 28-digit context would have rounded


def test_keys_may_mix_levels_and_spellings() -> None:
    result = T.roll_up({"1501": D("10"), "150101": D("1.5"), "15": D("2")}, "department")
    assert result == {"150000": D("13.5")}
    assert T.roll_up({"0101": D("1"), "010201": D("2")}, "province") == {
        "010100": D("1"), "010200": D("2")}


def test_output_in_code_order_and_only_places_with_amounts() -> None:
    result = T.roll_up({"250101": D(1), "010101": D(2), "150101": D(3)}, "department")
    assert list(result) == ["010000", "150000", "250000"]


def test_cannot_split_a_coarser_amount() -> None:
    with pytest.raises(ValueError, match="no se puede repartir"):
        T.roll_up({"15": D(1)}, "province")
    with pytest.raises(ValueError):
        T.roll_up({"150101": D(1)}, "district")  # type: ignore[arg-type]


def test_unknown_codes_are_all_named() -> None:
    with pytest.raises(UbigeoError) as info:
        T.roll_up({"10101": D(1), "150101": D(1), "999999": D(2)}, "national")
    assert info.value.codes == ("10101", "999999")


def test_empty() -> None:
    assert T.roll_up({}, "national") == {}
