"""Small generated workloads (the shared generator, tiny parameters) and a brute force."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

# the shared workload generator lives in ../shared beside the repository (CI and sessions)
SHARED = Path(__file__).resolve().parents[3] / "shared"
GENERATOR = Path(os.environ.get("COSTEO_WORKLOAD_GENERATOR",
                                SHARED / "bench" / "gen_workload.py"))
TINY = ["--programs", "3", "--activities-per-program", "4", "--inputs-per-activity", "3",
        "--districts", "20", "--months", "12", "--regions", "4"]
# sparse targets, a small shared catalogue (inputs used by many activities), 3 products
SPARSE = ["--programs", "2", "--activities-per-program", "6", "--inputs-per-activity", "5",
          "--districts", "30", "--months", "6", "--regions", "5", "--catalog", "20",
          "--density", "0.5", "--seed", "7"]


def generate(directory: Path, args: list[str], fmt: str = "parquet") -> Path:
    if not GENERATOR.exists():
        pytest.skip(f"workload generator not found at {GENERATOR} "
                    "(set COSTEO_WORKLOAD_GENERATOR)")
    subprocess.run([sys.executable, str(GENERATOR), *args, "--format", fmt,
                    "--out", str(directory)], check=True, capture_output=True)
    return directory


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("tiny"), TINY)


@pytest.fixture(scope="session")
def sparse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("sparse"), SPARSE)


@pytest.fixture(scope="session")
def tiny_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("tiny_csv"), TINY, "csv")


def cents(value: float) -> int:
    """Float written by the generator -> integer cents, via its shortest decimal text."""
    amount = Decimal(repr(float(value))) * 100
    assert amount == amount.to_integral_value(), value
    return int(amount)


def read_rows(directory: Path, name: str) -> list[dict[str, object]]:
    parquet = directory / f"{name}.parquet"
    table = pq.read_table(parquet) if parquet.exists() else pcsv.read_csv(
        directory / f"{name}.csv")
    return table.to_pylist()  # type: ignore[no-any-return]


@dataclass
class BruteForce:
    """Every aggregate, line by line over the raw rows, in Python integers (1e-4 units)."""

    families: dict[str, dict[object, int]] = field(default_factory=dict)
    unit_costs: dict[tuple[int, int], int] = field(default_factory=dict)
    targets: dict[int, int] = field(default_factory=dict)
    total: int = 0


def brute_force(directory: Path, prices: dict[tuple[int, int], int] | None = None,
                per_department: int = 75) -> BruteForce:
    activities = {r["activity_id"]: r for r in read_rows(directory, "activities")}
    inputs: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for r in read_rows(directory, "inputs"):
        inputs[int(r["activity_id"])].append(  # type: ignore[call-overload]
            (int(r["input_id"]), str(r["classifier"]),  # type: ignore[call-overload]
             cents(r["coefficient"])))  # type: ignore[arg-type]
    price = {(int(r["input_id"]), int(r["region_id"])): cents(r["price"])  # type: ignore
             for r in read_rows(directory, "prices")}
    price.update(prices or {})
    region = {int(r["district_id"]): int(r["region_id"])  # type: ignore[call-overload]
              for r in read_rows(directory, "districts")}
    sums: dict[str, dict[object, int]] = defaultdict(lambda: defaultdict(int))
    result = BruteForce()
    for row in read_rows(directory, "targets"):
        a, d = int(row["activity_id"]), int(row["district_id"])  # type: ignore[call-overload]
        m, t = int(row["month"]), int(row["target"])  # type: ignore[call-overload]
        r = region[d]
        act = activities[a]
        result.targets[a] = result.targets.get(a, 0) + t
        for i, classifier, coef in inputs[a]:
            amount = coef * t * price[(i, r)]
            result.total += amount
            sums["activity"][a] += amount
            sums["product"][act["product_id"]] += amount
            sums["program"][act["program_id"]] += amount
            sums["region"][r] += amount
            sums["district"][d] += amount
            sums["department"][(d - 1) // per_department + 1] += amount
            sums["month"][m] += amount
            sums["classifier"][classifier] += amount
            sums["activity_input"][(a, i)] += amount
    for a, rows in inputs.items():
        for r in set(region.values()):
            result.unit_costs[(a, r)] = sum(coef * price[(i, r)] for i, _, coef in rows)
    result.families = {k: dict(v) for k, v in sums.items()}
    return result
