"""Columnar formulation at national scale: factorised, exact, incrementally updatable.

budget line amount = coefficient(a, i) x target(a, d, m) x price(i, region(d))

Materialising every line (600 million at national scale) is never needed. The engine keeps:

* ``uc[a, r]``   unit cost of activity *a* in price zone *r*: Σ_i coefficient x price, exact
  in 1e-4 units (cents x cents);
* ``T_ad[a, d]`` annual target of activity *a* in district *d*, and ``T_arm[a, r, m]`` the
  target per price zone and month; ``T_ar = Σ_m T_arm``.

and derives every aggregate from them:

============================  =============================================================
activity / product / program  Σ_r uc[a, r] x T_ar[a, r], then summed by product and program
price zone (region)           Σ_a uc[a, r] x T_ar[a, r]
district                      Σ_a T_ad[a, d] x uc[a, region(d)]; department = Σ its districts
month                         Σ_a Σ_r T_arm[a, r, m] x uc[a, r]
classifier                    Σ over input rows of coefficient x Σ_r price[i, r] x T_ar[a, r]
unit cost                     uc[a, r] per activity x zone; activity amount ÷ activity target
============================  =============================================================

All of it is integer arithmetic (int64 when a bound proves no sum can overflow, Python
integers otherwise), so the grand total equals the generator's exact figure to 1e-4.
A price edit updates every aggregate by its delta only: Δprice x coefficient x targets.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from costeo.analytics.workload import (
    DepartmentMap,
    TargetSource,
    Workload,
    WorkloadError,
    department_ids,
    load_workload,
    to_int_ids,
)
from costeo.money import div, round_to

if TYPE_CHECKING:
    from costeo.lineage import Figure

INT64_LIMIT = 2**63 - 1
# Amounts are integers in 1e-4 currency units (coefficient cents x price cents).
SCALE = 4
UNIT_COST_PLACES = 10  # display places of activity unit costs (amount ÷ target)

FAMILIES = ("total", "program", "product", "activity", "region", "district", "department",
            "month", "classifier", "activity_region", "activity_input")


def to_decimal(amount_1e4: int, scale: int = SCALE) -> Decimal:
    """An integer amount in 1e-``scale`` units as an exact Decimal."""
    return Decimal(int(amount_1e4)).scaleb(-scale)


def decimal_series(name: str, values: np.ndarray, scale: int = SCALE) -> pl.Series:
    """Integer amounts (1e-``scale`` units) as an exact Polars ``Decimal(38, scale)`` column."""
    if values.dtype == np.int64 and sys.byteorder == "little":
        words = np.empty((len(values), 2), dtype=np.int64)
        words[:, 0] = values
        words[:, 1] = values >> 63  # sign extension to 128 bits
        array = pa.Array.from_buffers(pa.decimal128(38, scale), len(values),
                                      [None, pa.py_buffer(words)])
        return pl.Series(name, array)
    return pl.Series(name, [to_decimal(v, scale) for v in values.tolist()],
                     dtype=pl.Decimal(38, scale))


def with_decimals(table: pl.DataFrame, scale: int = SCALE) -> pl.DataFrame:
    """Add a ``Decimal`` column next to every ``*_1e4`` integer column (``amount_1e4`` ->
    ``amount``); the helper to render exact amounts from the integer columns."""
    extra = []
    for column in table.columns:
        if column.endswith("_1e4"):
            series = table[column]
            values = (series.to_numpy() if series.dtype == pl.Int64
                      else np.array(series.to_list(), dtype=object))
            extra.append(decimal_series(column.removesuffix("_1e4"), values, scale))
    return table.with_columns(extra)


def frame(columns: Mapping[str, Any]) -> pl.DataFrame:
    """A frame from numpy columns; exact Python-int columns (object arrays) become Int128."""
    series = []
    for name, values in columns.items():
        if isinstance(values, np.ndarray) and values.dtype == object:
            series.append(pl.Series(name, values.tolist(), dtype=pl.Int128))
        else:
            series.append(pl.Series(name, values))
    return pl.DataFrame(series)


class IdIndex:
    """Dense positions (0..n-1) of integer ids, for vectorised key lookups."""

    def __init__(self, ids: np.ndarray, what: str) -> None:
        self.ids = np.asarray(ids, dtype=np.int64)
        self.what = what
        n = len(self.ids)
        if n and len(np.unique(self.ids)) != n:
            values, counts = np.unique(self.ids, return_counts=True)
            raise WorkloadError(f"{what}: repeated id {int(values[counts > 1][0])}")
        self.offset: int | None = None
        self.lut: np.ndarray | None = None
        if n and np.array_equal(self.ids, np.arange(self.ids[0], self.ids[0] + n)):
            self.offset = int(self.ids[0])
        elif n:
            low, high = int(self.ids.min()), int(self.ids.max())
            if low < 0 or high > 50_000_000:
                order = np.argsort(self.ids)
                self._sorted, self._order = self.ids[order], order
            else:
                self.lut = np.full(high + 1, -1, dtype=np.intp)
                self.lut[self.ids] = np.arange(n, dtype=np.intp)
        self.position = {int(v): k for k, v in enumerate(self.ids.tolist())}

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, values: np.ndarray, where: str) -> np.ndarray:
        """Positions of ``values``; every value must be a known id."""
        if len(values) == 0:
            return np.empty(0, dtype=np.intp)
        low, high = values.min(), values.max()
        if self.offset is not None:
            if low < self.offset or high >= self.offset + len(self.ids):
                self._unknown(values, where)
            positions = values.astype(np.intp)
            positions -= self.offset
            return positions
        if self.lut is not None:
            if low < 0 or high >= len(self.lut):
                self._unknown(values, where)
            result = self.lut.take(values)
            if result.min() < 0:
                self._unknown(values, where)
            return result
        if not len(self.ids):
            self._unknown(values, where)
        found = np.searchsorted(self._sorted, values).clip(0, len(self._sorted) - 1)
        if not np.array_equal(self._sorted[found], values):
            self._unknown(values, where)
        return self._order[found].astype(np.intp)

    def index_of(self, value: int) -> int:
        try:
            return self.position[int(value)]
        except KeyError:
            raise KeyError(f"unknown {self.what} {value}") from None

    def _unknown(self, values: np.ndarray, where: str) -> None:
        bad = values[~np.isin(values, self.ids)]
        raise WorkloadError(f"{where}: unknown {self.what} {int(bad[0])}")


@dataclass
class PriceEdit:
    """What one price edit changed: the grand total moves by ``delta_1e4``."""

    input_id: int
    region_id: int
    old_cents: int
    new_cents: int
    delta_1e4: int

    @property
    def delta(self) -> Decimal:
        return to_decimal(self.delta_1e4)


def price_to_cents(value: Decimal | int | str | float) -> int:
    """A price (currency units, at most 2 decimals) as integer cents, exactly."""
    if isinstance(value, float):
        cents = round(value * 100)
        if cents / 100 != value:
            raise ValueError(f"price {value!r} has more than 2 decimals")
        return cents
    amount = Decimal(value) * 100
    if amount != amount.to_integral_value():
        raise ValueError(f"price {value} has more than 2 decimals")
    return int(amount)


class Formulation:
    """Every aggregate of a workload, from a factorised state, exact to 1e-4.

    >>> f = Formulation.from_directory("/tmp/costeo-bench/national")   # doctest: +SKIP
    >>> f.grand_total                                                  # doctest: +SKIP
    Decimal('112191115395.4580')
    >>> f.set_price(17, 3, Decimal("12.50")).delta                     # doctest: +SKIP
    >>> f.aggregates()["district"]                                     # doctest: +SKIP
    >>> f.lineage("district", 15)                                      # doctest: +SKIP
    """

    def __init__(self, workload: Workload, departments: DepartmentMap | None = None,
                 threads: int | None = None, exact_mode: str = "auto") -> None:
        if exact_mode not in ("auto", "object"):
            raise ValueError("exact_mode is 'auto' (int64 when provably safe) or 'object'")
        self.workload = workload
        self.exact_mode = exact_mode
        self.threads = threads or min(os.cpu_count() or 1, 8)
        self.edits: dict[tuple[int, int], tuple[int, int]] = {}  # (i, r) -> (original, now)
        self._index(departments)
        self._reduce_targets()
        self._check_prices()
        weights = np.maximum(self.T_a, 1).astype(object)
        self._bound_weight = int((self.coef_abs_sum * weights).sum())
        self._max_price = int(np.abs(self.price).max()) if self.price.size else 0
        self.recompute()

    @classmethod
    def from_directory(cls, directory: str | Path, departments: DepartmentMap | None = None,
                       threads: int | None = None) -> Formulation:
        return cls(load_workload(directory), departments, threads)

    # -- building the factorised state ---------------------------------------------------------

    def _index(self, departments: DepartmentMap | None) -> None:
        wl = self.workload
        acts = wl.activities
        self.activity = IdIndex(to_int_ids(acts.column("activity_id"), "activities",
                                           "activity_id"), "activity")
        product_of = to_int_ids(acts.column("product_id"), "activities", "product_id")
        program_of = to_int_ids(acts.column("program_id"), "activities", "program_id")
        self.product = IdIndex(np.unique(product_of), "product")
        self.program = IdIndex(np.unique(program_of), "program")
        self.act_product = self.product.take(product_of, "activities")
        self.act_program = self.program.take(program_of, "activities")
        self.product_program = np.full(len(self.product), -1, dtype=np.intp)
        self.product_program[self.act_product] = self.act_program
        if not np.array_equal(self.product_program[self.act_product], self.act_program):
            raise WorkloadError("activities: a product belongs to two programs")

        dist = wl.districts
        district_ids = to_int_ids(dist.column("district_id"), "districts", "district_id")
        district_region = to_int_ids(dist.column("region_id"), "districts", "region_id")
        price_input = to_int_ids(wl.prices.column("input_id"), "prices", "input_id")
        price_region = to_int_ids(wl.prices.column("region_id"), "prices", "region_id")
        self.district = IdIndex(district_ids, "district")
        self.region = IdIndex(np.unique(np.concatenate([district_region, price_region])),
                              "region")
        self.dist_region = self.region.take(district_region, "districts")
        dept = department_ids(district_ids, departments)
        self.department = IdIndex(np.unique(dept), "department")
        self.dist_dept = self.department.take(dept, "districts")
        self.region_districts = [np.flatnonzero(self.dist_region == r)
                                 for r in range(len(self.region))]

        inputs = wl.inputs
        row_input_ids = to_int_ids(inputs.column("input_id"), "inputs", "input_id")
        self.input = IdIndex(np.unique(np.concatenate([row_input_ids, price_input])), "input")
        self.row_act = self.activity.take(
            to_int_ids(inputs.column("activity_id"), "inputs", "activity_id"), "inputs")
        self.row_input = self.input.take(row_input_ids, "inputs")
        self.row_coef = wl.coefficient_cents
        encoded = pc.dictionary_encode(inputs.column("classifier").cast(pa.string())
                                       ).combine_chunks()
        if encoded.null_count:
            raise WorkloadError("inputs: classifier has empty values")
        self.classifiers = np.array(encoded.dictionary.to_pylist(), dtype=object)
        self.row_cls = encoded.indices.to_numpy().astype(np.intp)
        order = np.argsort(self.row_input, kind="stable")
        bounds = np.searchsorted(self.row_input[order], np.arange(len(self.input) + 1))
        self.input_rows = [order[bounds[k]:bounds[k + 1]] for k in range(len(self.input))]

        n_in, n_reg = len(self.input), len(self.region)
        self.price = np.zeros((n_in, n_reg), dtype=np.int64)
        self.price_row = np.full((n_in, n_reg), -1, dtype=np.int64)
        pi = self.input.take(price_input, "prices")
        pr = self.region.take(price_region, "prices")
        if len(np.unique(pi * n_reg + pr)) != len(pi):
            raise WorkloadError("prices: an input has two prices in one region")
        self.price[pi, pr] = wl.price_cents
        self.price_row[pi, pr] = np.arange(len(pi))
        # a bound on |unit cost| for the overflow guard: Σ |coefficient| per activity
        self.coef_abs_sum = np.zeros(len(self.activity), dtype=object)
        np.add.at(self.coef_abs_sum, self.row_act, np.abs(self.row_coef).astype(object))

    def _reduce_targets(self) -> None:
        """One parallel pass over the targets: T_ad[a, d] and T_arm[a, r, m] (exact ints)."""
        source: TargetSource = self.workload.targets
        n_a, n_d, n_r = len(self.activity), len(self.district), len(self.region)
        self.month_low, month_high = source.month_range()
        n_m = month_high - self.month_low + 1
        if n_m > 1000:
            raise WorkloadError(f"{source.name}: months span {n_m} values")
        self.months = np.arange(self.month_low, month_high + 1, dtype=np.int64)
        name = source.name
        # zone x month offset of each district, minus the first month: one lookup per row
        zone_month = self.dist_region.astype(np.intp) * n_m - self.month_low
        month_low = self.month_low

        def work(worker: int) -> tuple[np.ndarray, np.ndarray]:
            t_ad = np.zeros(n_a * n_d, dtype=np.int64)
            t_arm = np.zeros(n_a * n_r * n_m, dtype=np.int64)
            for index in range(worker, source.num_chunks, self.threads):
                chunk = source.chunk(index)
                if len(chunk.target) == 0:
                    continue
                target = chunk.target.astype(np.int64)
                if target.min() < 0:
                    row = chunk.offset + int(np.flatnonzero(target < 0)[0])
                    raise WorkloadError(f"{name} row {row + 1}: negative target")
                month = chunk.month
                if month.min() < month_low or month.max() >= month_low + n_m:
                    raise WorkloadError(f"{name}: month outside the file's statistics")
                a = self.activity.take(chunk.activity_id, name)
                d = self.district.take(chunk.district_id, name)
                key = a * n_d
                key += d
                np.add.at(t_ad, key, target)
                # reuse the buffers: key = (a * R + zone(d)) * M + month - first month
                np.multiply(a, n_r * n_m, out=key)
                key += zone_month.take(d)
                key += month
                np.add.at(t_arm, key, target)
            return t_ad, t_arm

        workers = min(self.threads, max(source.num_chunks, 1))
        if workers == 1:
            parts = [work(0)]
        else:
            with ThreadPoolExecutor(workers) as pool:
                parts = list(pool.map(work, range(workers)))
        t_ad, t_arm = parts[0]
        for extra_ad, extra_arm in parts[1:]:
            t_ad += extra_ad
            t_arm += extra_arm
        self.T_ad = t_ad.reshape(n_a, n_d)
        self.T_arm = t_arm.reshape(n_a, n_r, n_m)
        self.T_ar = self.T_arm.sum(axis=2)
        self.T_a = self.T_ar.sum(axis=1)
        self.T_d = self.T_ad.sum(axis=0)
        self.total_target = int(self.T_a.sum())

    def _check_prices(self) -> None:
        """Every input an activity uses needs a price wherever the activity has targets."""
        missing = (self.price_row[self.row_input] < 0) & (self.T_ar[self.row_act] > 0)
        if missing.any():
            row, r = (int(x[0]) for x in np.nonzero(missing))
            raise WorkloadError(
                f"prices: no price for input {int(self.input.ids[self.row_input[row]])} in "
                f"region {int(self.region.ids[r])} (activity "
                f"{int(self.activity.ids[self.row_act[row]])} has targets there)")

    # -- exact arithmetic ----------------------------------------------------------------------

    def _bound(self) -> int:
        """An upper bound of |any partial sum| the engine computes (exact, Python ints).

        Every amount is a signed sum of coefficient x price x target terms, so it is bounded
        by Σ_a (Σ_i |coef|) x max(T_a, 1) x max|price|; twice that bounds a price edit's
        deltas (|Δprice| <= 2 max|price|). The first factor is fixed at load; the largest price
        only grows with edits (a lower price keeps the bound valid).
        """
        return 2 * self._bound_weight * self._max_price

    def _money_dtype(self) -> Any:
        if self.exact_mode == "object":
            return object
        if self._bound() <= INT64_LIMIT:
            return np.int64
        return object

    def recompute(self) -> None:
        """Every aggregate from the factorised state (targets are reduced once, at load)."""
        dtype = self._money_dtype()
        self.dtype = dtype
        coef = self.row_coef.astype(dtype, copy=False)
        price = self.price.astype(dtype, copy=False)
        t_ar, t_ad, t_arm = (self.T_ar.astype(dtype, copy=False),
                             self.T_ad.astype(dtype, copy=False),
                             self.T_arm.astype(dtype, copy=False))
        self._t_ad, self._t_arm, self._t_ar = t_ad, t_arm, t_ar
        row_prices = price[self.row_input]                         # (rows, R)
        self.uc = np.zeros((len(self.activity), len(self.region)), dtype=dtype)
        np.add.at(self.uc, self.row_act, coef[:, None] * row_prices)
        self.row_amount = coef * (row_prices * t_ar[self.row_act]).sum(axis=1)
        cell = self.uc * t_ar                                      # (A, R) amounts
        self.activity_amount = cell.sum(axis=1)
        self.region_amount = cell.sum(axis=0)
        self.product_amount = self._group(self.activity_amount, self.act_product,
                                          len(self.product))
        self.program_amount = self._group(self.activity_amount, self.act_program,
                                          len(self.program))
        self.classifier_amount = self._group(self.row_amount, self.row_cls,
                                             len(self.classifiers))
        self.district_amount = (t_ad * self.uc[:, self.dist_region]).sum(axis=0)
        self.department_amount = self._group(self.district_amount, self.dist_dept,
                                             len(self.department))
        self.month_amount = (t_arm * self.uc[:, :, None]).sum(axis=(0, 1))
        self.grand_total_1e4 = int(self.activity_amount.sum())

    def _group(self, values: np.ndarray, keys: np.ndarray, size: int) -> np.ndarray:
        out = np.zeros(size, dtype=values.dtype)
        np.add.at(out, keys, values)
        return out

    def check(self) -> dict[str, int]:
        """Every family's sum (1e-4 units): all of them equal the grand total."""
        sums = {
            "activity": int(self.activity_amount.sum()),
            "product": int(self.product_amount.sum()),
            "program": int(self.program_amount.sum()),
            "region": int(self.region_amount.sum()),
            "district": int(self.district_amount.sum()),
            "department": int(self.department_amount.sum()),
            "month": int(self.month_amount.sum()),
            "classifier": int(self.classifier_amount.sum()),
            "activity_input": int(self.row_amount.sum()),
        }
        return sums

    @property
    def grand_total(self) -> Decimal:
        return to_decimal(self.grand_total_1e4)

    # -- incremental edits ---------------------------------------------------------------------

    def set_price(self, input_id: int, region_id: int,
                  new_price: Decimal | int | str | float) -> PriceEdit:
        """Change one price and move every aggregate by its delta.

        Δ = Δprice x Σ_a coefficient(a, i) x T(a, r) for the activity, product, program,
        classifier, zone and grand totals; x T_ad for the zone's districts (and their
        departments); x T_arm for the months. Nothing is recomputed from scratch.
        """
        i = self.input.index_of(input_id)
        r = self.region.index_of(region_id)
        new = price_to_cents(new_price)
        old = int(self.price[i, r])
        original = self.edits.get((i, r), (old, old))[0]
        self.edits[(i, r)] = (original, new)
        delta_price = new - old
        if delta_price == 0:
            return PriceEdit(int(input_id), int(region_id), old, new, 0)
        self.price[i, r] = new
        self._max_price = max(self._max_price, abs(new))
        if self.dtype is np.int64 and self._bound() > INT64_LIMIT:
            before = self.grand_total_1e4
            self.recompute()  # switches to Python integers; still exact
            return PriceEdit(int(input_id), int(region_id), old, new,
                             self.grand_total_1e4 - before)
        rows = self.input_rows[i]
        if not len(rows):
            return PriceEdit(int(input_id), int(region_id), old, new, 0)
        acts = self.row_act[rows]
        d_uc = self.row_coef[rows].astype(self.dtype) * delta_price     # per activity row
        np.add.at(self.uc[:, r], acts, d_uc)
        d_line = d_uc * self._t_ar[acts, r]
        self.row_amount[rows] += d_line
        np.add.at(self.activity_amount, acts, d_line)
        np.add.at(self.product_amount, self.act_product[acts], d_line)
        np.add.at(self.program_amount, self.act_program[acts], d_line)
        np.add.at(self.classifier_amount, self.row_cls[rows], d_line)
        delta = d_line.sum()
        self.region_amount[r] += delta
        districts = self.region_districts[r]
        d_district = d_uc @ self._t_ad[np.ix_(acts, districts)]
        self.district_amount[districts] += d_district
        np.add.at(self.department_amount, self.dist_dept[districts], d_district)
        self.month_amount += d_uc @ self._t_arm[acts, r, :]
        self.grand_total_1e4 += int(delta)
        return PriceEdit(int(input_id), int(region_id), old, new, int(delta))

    # -- results -------------------------------------------------------------------------------

    def aggregates(self, families: tuple[str, ...] = FAMILIES) -> dict[str, pl.DataFrame]:
        """Every aggregate as a Polars frame: ``amount_1e4`` (exact integer, 1e-4 units) and
        ``amount`` (``Decimal(38, 4)``, the same value); unit costs alike.

        Families: total, program, product, activity (with its unit cost = amount ÷ target),
        region (price zone), district, department, month, classifier, activity_region (unit
        cost per activity x zone) and activity_input (one row per input of an activity).
        """
        ids = self.activity.ids
        builders = {
            "total": lambda: {
                "target": np.array([self.total_target], dtype=np.int64),
                "amount_1e4": np.array([self.grand_total_1e4], dtype=self.dtype)},
            "program": lambda: {
                "program_id": self.program.ids, "amount_1e4": self.program_amount},
            "product": lambda: {
                "product_id": self.product.ids,
                "program_id": self.program.ids[self.product_program],
                "amount_1e4": self.product_amount},
            "activity": lambda: {
                "activity_id": ids,
                "product_id": self.product.ids[self.act_product],
                "program_id": self.program.ids[self.act_program],
                "target": self.T_a,
                "amount_1e4": self.activity_amount,
                "unit_cost": self._activity_unit_costs()},
            "region": lambda: {
                "region_id": self.region.ids, "target": self.T_ar.sum(axis=0),
                "amount_1e4": self.region_amount},
            "district": lambda: {
                "district_id": self.district.ids,
                "region_id": self.region.ids[self.dist_region],
                "department_id": self.department.ids[self.dist_dept],
                "target": self.T_d, "amount_1e4": self.district_amount},
            "department": lambda: {
                "department_id": self.department.ids,
                "target": self._group(self.T_d, self.dist_dept, len(self.department)),
                "amount_1e4": self.department_amount},
            "month": lambda: {
                "month": self.months, "target": self.T_arm.sum(axis=(0, 1)),
                "amount_1e4": self.month_amount},
            "classifier": lambda: {
                "classifier": self.classifiers.astype(str),
                "amount_1e4": self.classifier_amount},
            "activity_region": lambda: {
                "activity_id": np.repeat(ids, len(self.region)),
                "region_id": np.tile(self.region.ids, len(ids)),
                "target": self.T_ar.ravel(),
                "unit_cost_1e4": self.uc.ravel(),
                "amount_1e4": (self.uc * self._t_ar).ravel()},
            "activity_input": lambda: {
                "activity_id": ids[self.row_act],
                "input_id": self.input.ids[self.row_input],
                "classifier": self.classifiers[self.row_cls].astype(str),
                "coefficient_cents": self.row_coef,
                "amount_1e4": self.row_amount},
        }
        out = {family: with_decimals(frame(builders[family]())) for family in families}
        if "classifier" in out:
            out["classifier"] = out["classifier"].sort("classifier")
        return out

    def _activity_unit_costs(self) -> pl.Series:
        """Amount ÷ target per activity, rounded half up for display (exact: amount_1e4 and
        target are both in the frame)."""
        values = [
            round_to(div(to_decimal(amount), Decimal(int(target))), UNIT_COST_PLACES)
            if target else None
            for amount, target in zip(self.activity_amount.tolist(), self.T_a.tolist(),
                                      strict=True)]
        return pl.Series(values, dtype=pl.Decimal(38, UNIT_COST_PLACES))

    def amount_of(self, family: str, key: Any = None) -> int:
        """One aggregate's exact amount (1e-4 units), by family and key (ids as in the tables)."""
        if family == "total":
            return self.grand_total_1e4
        if family == "activity_region":
            a, r = self.activity.index_of(key[0]), self.region.index_of(key[1])
            return int(self.uc[a, r] * self._t_ar[a, r])
        if family == "classifier":
            where = np.flatnonzero(self.classifiers == key)
            if not len(where):
                raise KeyError(f"unknown classifier {key}")
            return int(self.classifier_amount[where[0]])
        if family == "activity_input":
            a, i = self.activity.index_of(key[0]), self.input.index_of(key[1])
            rows = self.input_rows[i]
            return int(self.row_amount[rows[self.row_act[rows] == a]].sum())
        if family == "month":
            k = int(key) - self.month_low
            if not 0 <= k < len(self.months):
                raise KeyError(f"unknown month {key}")
            return int(self.month_amount[k])
        index, amounts = {
            "program": (self.program, self.program_amount),
            "product": (self.product, self.product_amount),
            "activity": (self.activity, self.activity_amount),
            "region": (self.region, self.region_amount),
            "district": (self.district, self.district_amount),
            "department": (self.department, self.department_amount),
        }[family]
        return int(amounts[index.index_of(key)])

    # -- lineage -------------------------------------------------------------------------------

    def lineage(self, aggregate: str, key: Any = None, *, max_figures: int = 200_000) -> Figure:
        """Explain one aggregate as a :class:`costeo.lineage.Figure` tree.

        ``aggregate`` is a family of :data:`FAMILIES` (or ``unit_cost``, ``activity_unit_cost``,
        ``target``); ``key`` its id, e.g. ``lineage("district", 15)``,
        ``lineage("unit_cost", (activity_id, region_id))``. The tree is built breadth first;
        once ``max_figures`` figures exist, deeper derived figures are left unexpanded, with an
        ``id`` that :meth:`explain` expands.
        """
        from costeo.analytics.explain import Explainer

        return Explainer(self, max_figures).build(aggregate, key)

    def explain(self, figure_id: str, *, max_figures: int = 200_000) -> Figure:
        """The lineage of a figure by id (``district:15``, ``unit_cost:5,3``, ...)."""
        from costeo.analytics.explain import Explainer

        return Explainer(self, max_figures).by_id(figure_id)


def formulate(directory: str | Path, departments: DepartmentMap | Mapping[int, int] | None = None,
              threads: int | None = None) -> Formulation:
    """Load a workload directory and compute every aggregate."""
    return Formulation.from_directory(directory, departments, threads)
