"""The columnar engine against meta.json's exact total and a line-by-line brute force."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from costeo.analytics import FAMILIES, Formulation, WorkloadError, from_tables, load_workload
from costeo.analytics.engine import to_decimal
from costeo.lineage import DEFAULT, DERIVED, GIVEN, Figure
from costeo.money import div
from tests.analytics.conftest import brute_force

KEYS = {
    "program": ("program_id",), "product": ("product_id",), "activity": ("activity_id",),
    "region": ("region_id",), "district": ("district_id",), "department": ("department_id",),
    "month": ("month",), "classifier": ("classifier",),
    "activity_input": ("activity_id", "input_id"),
}


def amounts(f: Formulation, family: str) -> dict[object, int]:
    frame = f.aggregates((family,))[family]
    names = KEYS[family]
    keys = (frame[names[0]].to_list() if len(names) == 1
            else list(zip(*(frame[n].to_list() for n in names), strict=True)))
    values = frame["amount_1e4"].to_list()
    # the Decimal column is the same value
    assert frame["amount"].to_list() == [to_decimal(v) for v in values]
    return dict(zip(keys, values, strict=True))


def assert_matches(f: Formulation, expected: dict[str, dict[object, int]]) -> None:
    for family in KEYS:
        got = amounts(f, family)
        want = expected[family]
        assert set(want) <= set(got), family
        assert {k: got[k] for k in got if got[k] or k in want} == {
            k: want.get(k, 0) for k in got if got[k] or k in want}, family


@pytest.mark.parametrize("name", ["tiny", "sparse", "tiny_csv"])
def test_grand_total_equals_meta_exactly(name: str, request: pytest.FixtureRequest) -> None:
    directory: Path = request.getfixturevalue(name)
    workload = load_workload(directory)
    f = Formulation(workload)
    assert f.grand_total_1e4 == workload.expected_grand_total_1e4
    assert f.grand_total == workload.expected_grand_total
    assert f.total_target == workload.meta["total_target"]
    assert set(f.check().values()) == {f.grand_total_1e4}


@pytest.mark.parametrize("name", ["tiny", "sparse", "tiny_csv"])
def test_every_family_matches_the_brute_force(name: str, request: pytest.FixtureRequest) -> None:
    directory: Path = request.getfixturevalue(name)
    f = Formulation.from_directory(directory)
    brute = brute_force(directory)
    assert f.grand_total_1e4 == brute.total
    assert_matches(f, brute.families)
    total = f.aggregates(("total",))["total"]
    assert total["amount_1e4"].to_list() == [brute.total]


def test_unit_costs(sparse: Path) -> None:
    f = Formulation.from_directory(sparse)
    brute = brute_force(sparse)
    frames = f.aggregates(("activity_region", "activity"))
    per_zone = frames["activity_region"]
    for a, r, uc, amount, target in per_zone.select(
            "activity_id", "region_id", "unit_cost_1e4", "amount_1e4", "target").iter_rows():
        assert uc == brute.unit_costs[(a, r)]
        assert amount == uc * target
    assert per_zone["unit_cost"].to_list() == [to_decimal(v) for v in per_zone["unit_cost_1e4"]]
    for a, target, amount, unit_cost in frames["activity"].select(
            "activity_id", "target", "amount_1e4", "unit_cost").iter_rows():
        assert target == brute.targets.get(a, 0)
        if target:
            exact = div(to_decimal(amount), Decimal(target))
            assert abs(unit_cost - exact) <= Decimal("0.5e-10")
        else:
            assert unit_cost is None


def random_edits(f: Formulation, count: int, seed: int) -> Iterator[tuple[int, int, Decimal]]:
    rng = random.Random(seed)
    used = sorted({int(i) for i in f.input.ids[f.row_input]})
    for _ in range(count):
        yield (rng.choice(used), rng.choice([int(r) for r in f.region.ids]),
               Decimal(rng.randint(1, 500_000)) / 100)


@pytest.mark.parametrize("name", ["tiny", "sparse"])
def test_price_edits_equal_a_full_recompute(name: str, request: pytest.FixtureRequest) -> None:
    directory: Path = request.getfixturevalue(name)
    f = Formulation.from_directory(directory)
    edited: dict[tuple[int, int], int] = {}
    for input_id, region_id, price in random_edits(f, 40, seed=len(name)):
        before = f.grand_total_1e4
        edit = f.set_price(input_id, region_id, price)
        assert f.grand_total_1e4 - before == edit.delta_1e4
        edited[(input_id, region_id)] = int(price * 100)
    incremental = {family: amounts(f, family) for family in KEYS}
    incremental_zone = f.aggregates(("activity_region",))["activity_region"]
    f.recompute()
    assert {family: amounts(f, family) for family in KEYS} == incremental
    assert f.aggregates(("activity_region",))["activity_region"].equals(incremental_zone)
    assert_matches(f, brute_force(directory, edited).families)


def test_price_edit_delta_and_a_no_op(tiny: Path) -> None:
    f = Formulation.from_directory(tiny)
    i = int(f.input.ids[f.row_input[0]])
    r = int(f.region.ids[0])
    old = Decimal(int(f.price[f.input.index_of(i), 0])) / 100
    assert f.set_price(i, r, old).delta_1e4 == 0
    rows = f.input_rows[f.input.index_of(i)]
    expected = sum(int(f.row_coef[k]) * 100 * int(f.T_ar[f.row_act[k], 0]) for k in rows)
    assert f.set_price(i, r, old + 1).delta_1e4 == expected
    with pytest.raises(ValueError):
        f.set_price(i, r, "1.005")
    with pytest.raises(KeyError):
        f.set_price(10**9, r, "1")


def test_python_integers_give_the_same_result(sparse: Path) -> None:
    fast = Formulation.from_directory(sparse)
    exact = Formulation(load_workload(sparse), exact_mode="object")
    assert exact.dtype is object and fast.dtype is np.int64
    for family in KEYS:
        assert amounts(exact, family) == amounts(fast, family)
    for input_id, region_id, price in random_edits(fast, 10, seed=3):
        assert fast.set_price(input_id, region_id, price) == exact.set_price(
            input_id, region_id, price)
    for family in KEYS:
        assert amounts(exact, family) == amounts(fast, family)


def big_workload(price: float, target: int) -> Formulation:
    tables = dict(
        activities=pa.table({"activity_id": [1, 2], "product_id": [1, 1], "program_id": [1, 1]}),
        inputs=pa.table({"activity_id": [1, 2], "input_id": [1, 1], "classifier": ["a", "b"],
                         "coefficient": [99.99, 0.01]}),
        prices=pa.table({"input_id": [1], "region_id": [1], "price": [price]}),
        districts=pa.table({"district_id": [1], "region_id": [1]}),
        targets=pa.table({"activity_id": [1, 2], "district_id": [1, 1], "month": [1, 1],
                          "target": [target, target]}),
    )
    return Formulation(from_tables(**tables))


def test_amounts_beyond_int64_stay_exact() -> None:
    price, target = 90_000_000_000.01, 2_000_000_000  # 1e-4 amounts far beyond 2**63
    f = big_workload(price, target)
    assert f.dtype is object
    expected = (9999 + 1) * 9_000_000_000_001 * target
    assert f.grand_total_1e4 == expected
    frame = f.aggregates(("classifier",))["classifier"]
    assert frame["amount_1e4"].to_list() == [9999 * 9_000_000_000_001 * target,
                                             9_000_000_000_001 * target]
    assert frame["amount"].to_list() == [to_decimal(v) for v in frame["amount_1e4"].to_list()]
    # an edit that brings int64 amounts beyond the bound switches to Python integers
    small = big_workload(1.00, target)
    assert small.dtype is np.int64
    edit = small.set_price(1, 1, Decimal("90000000000.01"))
    assert small.dtype is object
    assert small.grand_total_1e4 == expected
    assert edit.delta_1e4 == expected - 10_000 * 100 * target


def test_departments_are_a_parameter(tiny: Path) -> None:
    by_function = Formulation.from_directory(tiny, departments=lambda ids: ids % 3)
    frame = by_function.aggregates(("department",))["department"]
    assert frame["department_id"].to_list() == [0, 1, 2]
    mapping = {d: 10 + (d - 1) // 10 for d in range(1, 21)}
    by_mapping = Formulation(load_workload(tiny), departments=mapping)
    brute = brute_force(tiny, per_department=10)
    got = amounts(by_mapping, "department")
    assert {k - 10: v for k, v in got.items()} == {k - 1: v for k, v in
                                                   brute.families["department"].items()}
    assert sum(got.values()) == by_mapping.grand_total_1e4
    with pytest.raises(WorkloadError):
        Formulation(load_workload(tiny), departments={1: 1})


# --- reading -------------------------------------------------------------------------------------

def rewrite(src: Path, dst: Path, name: str, table: pa.Table) -> Path:
    dst.mkdir()
    for path in src.iterdir():
        (dst / path.name).write_bytes(path.read_bytes())
    pq.write_table(table, dst / f"{name}.parquet")
    return dst


def test_inexact_money_is_refused(tiny: Path, tmp_path: Path) -> None:
    prices = pq.read_table(tiny / "prices.parquet")
    values = prices.column("price").to_pylist()
    values[5] = 12.345
    bad = rewrite(tiny, tmp_path / "bad", "prices",
                  prices.set_column(2, "price", pa.array(values)))
    with pytest.raises(WorkloadError, match=r"prices.parquet row 6: price 12.345"):
        load_workload(bad)


def test_decimal_and_integer_money_columns(tiny: Path, tmp_path: Path) -> None:
    prices = pq.read_table(tiny / "prices.parquet")
    as_decimal = prices.set_column(2, "price", prices.column("price").cast(pa.float64())
                                   .cast(pa.decimal128(12, 2)))
    folder = rewrite(tiny, tmp_path / "dec", "prices", as_decimal)
    assert Formulation.from_directory(folder).grand_total == load_workload(
        tiny).expected_grand_total


def test_unknown_keys_and_missing_prices_are_errors(tiny: Path, tmp_path: Path) -> None:
    targets = pq.read_table(tiny / "targets.parquet")
    districts = targets.column("district_id").to_numpy().copy()
    districts[7] = 999
    bad = rewrite(tiny, tmp_path / "district", "targets",
                  targets.set_column(1, "district_id", pa.array(districts)))
    with pytest.raises(WorkloadError, match="unknown district 999"):
        Formulation.from_directory(bad)
    prices = pq.read_table(tiny / "prices.parquet").slice(1)
    missing = rewrite(tiny, tmp_path / "price", "prices", prices)
    with pytest.raises(WorkloadError, match="no price for input"):
        Formulation.from_directory(missing)


# --- lineage -------------------------------------------------------------------------------------

def check_tree(figure: Figure) -> int:
    """Every derived figure's value follows from its inputs; returns the number of leaves."""
    leaves = 0
    for node in figure.walk():
        values = [c.value for c in node.inputs]
        if not node.inputs:
            leaves += 1
            assert node.kind in (GIVEN, DEFAULT) or node.id, node.label()
            if node.kind == GIVEN:
                assert node.source and node.source.startswith(
                    ("workload table", "set_price (was ")), node.label()
            continue
        assert node.kind == DERIVED
        if node.formula in ("sum", "sum_targets"):
            assert node.value == sum(values, Decimal(0)), node.label()
        elif node.formula in ("exact_line", "qfp"):
            product = Decimal(1)
            for v in values:
                product *= v
            assert node.value == product, node.label()
        elif node.formula == "result_unit_cost":
            assert node.value == div(values[0], values[1] * values[2]), node.label()
        else:  # pragma: no cover
            raise AssertionError(node.formula)
    return leaves


def test_lineage_of_a_district_sums_to_its_value(tiny: Path) -> None:
    f = Formulation.from_directory(tiny)
    district = 7
    figure = f.lineage("district", district)
    assert figure.value == to_decimal(f.amount_of("district", district))
    assert figure.value == sum((c.value for c in figure.inputs), Decimal(0))
    check_tree(figure)
    leaves = list(figure.leaves())
    assert all(leaf.kind in (GIVEN, DEFAULT) for leaf in leaves)  # fully expanded
    # the target leaves are this district's rows of targets.parquet
    targets = pq.read_table(tiny / "targets.parquet").to_pylist()
    rows = [leaf for leaf in leaves if leaf.role == "target"]
    for leaf in rows:
        assert leaf.source is not None
        row = targets[int(leaf.source.rsplit(" ", 1)[1]) - 1]
        assert row["district_id"] == district and Decimal(row["target"]) == leaf.value
    assert {leaf.role for leaf in leaves} == {"target", "quantity", "frequency", "price"}
    # every row of the district, except activities with no target there at all
    annual: dict[int, int] = {}
    for r in targets:
        if r["district_id"] == district:
            annual[r["activity_id"]] = annual.get(r["activity_id"], 0) + r["target"]
    expected = sum(1 for r in targets if r["district_id"] == district and annual[r["activity_id"]])
    assert len(rows) == expected and 0 in annual.values()


@pytest.mark.parametrize("family", FAMILIES + ("unit_cost", "activity_unit_cost", "target"))
def test_lineage_of_every_family(family: str, sparse: Path) -> None:
    f = Formulation.from_directory(sparse)
    f.set_price(int(f.input.ids[f.row_input[0]]), int(f.region.ids[0]), "3.21")
    keys = {
        "total": None, "program": 1, "product": 2, "activity": 3, "region": 2, "district": 4,
        "department": 1, "month": 3, "classifier": str(f.classifiers[0]),
        "activity_region": (3, 2), "activity_input": (int(f.activity.ids[f.row_act[4]]),
                                                      int(f.input.ids[f.row_input[4]])),
        "unit_cost": (3, 2), "activity_unit_cost": 3, "target": {"activity": 3, "region": 2},
    }
    figure = f.lineage(family, keys[family])
    check_tree(figure)
    if family in KEYS or family == "total":
        assert figure.value == to_decimal(f.amount_of(family, keys[family]))
    edited = [leaf for leaf in figure.leaves() if leaf.source and "set_price" in leaf.source]
    assert all(leaf.value == Decimal("3.21") for leaf in edited)


@pytest.mark.parametrize("family,key", [("total", None), ("month", 2), ("department", 1),
                                        ("classifier", None), ("region", 1)])
def test_unexpanded_figures_are_explained_by_id(family: str, key: object, sparse: Path) -> None:
    f = Formulation.from_directory(sparse)
    key = str(f.classifiers[1]) if family == "classifier" else key
    figure = f.lineage(family, key, max_figures=30)
    stubs = [node for node in figure.walk() if node.kind == DERIVED and not node.inputs]
    assert stubs and all(node.id for node in stubs)
    check_tree(figure)
    kinds: dict[str, Figure] = {}
    for stub in stubs:
        assert stub.id is not None
        kinds.setdefault(stub.id.split(":")[0] + str(stub.id.count("=")), stub)
    for stub in kinds.values():
        assert stub.id is not None
        expanded = f.explain(stub.id)
        assert expanded.value == stub.value and expanded.inputs, stub.id
        check_tree(expanded)
