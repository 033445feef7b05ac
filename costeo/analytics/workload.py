"""The national-scale workload tables and their exact, columnar reading.

A workload is five tables (the shape ``gen_workload.py`` writes, as Parquet or CSV)::

    activities(activity_id, product_id, program_id, unit)
    inputs(activity_id, input_id, classifier, coefficient)   # technical coefficient, 2 decimals
    prices(input_id, region_id, price)                        # price per price zone, 2 decimals
    districts(district_id, region_id)                         # region = price zone
    targets(activity_id, district_id, month, target)          # integer physical targets

budget line amount = coefficient x target x price(input, region(district)).

Money is read exactly once: coefficients and prices arrive as float64 columns (or decimals) and
are turned into integer cents here, with a check that every value *was* a number with at most
two decimals (``round(x * 100) / 100`` gives back the very same float). Everything downstream
is integer arithmetic (cents x cents = 1e-4 currency units).

The targets table is the big one (40 million rows at national scale). It is never held whole
in memory when it is a Parquet file: :meth:`TargetSource.chunks` hands out one row group at a
time, so readers can reduce it in parallel threads (pyarrow and numpy release the GIL).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

TABLES = ("activities", "inputs", "prices", "districts", "targets")
COLUMNS: dict[str, tuple[str, ...]] = {
    "activities": ("activity_id", "product_id", "program_id"),
    "inputs": ("activity_id", "input_id", "classifier", "coefficient"),
    "prices": ("input_id", "region_id", "price"),
    "districts": ("district_id", "region_id"),
    "targets": ("activity_id", "district_id", "month", "target"),
}
# Districts per department in the default grouping (1,874 districts / 25 departments ≈ 75).
DISTRICTS_PER_DEPARTMENT = 75
CHUNK_ROWS = 1 << 20

IntArray = np.ndarray[Any, np.dtype[np.int64]]
DepartmentMap = Callable[[np.ndarray], np.ndarray] | Mapping[int, int]


class WorkloadError(ValueError):
    """A workload table cannot be read as exact money or consistent keys."""


def block_departments(district_ids: np.ndarray,
                      per: int = DISTRICTS_PER_DEPARTMENT) -> np.ndarray:
    """Default department of each district: blocks of ``per`` consecutive district ids.

    The generated workload has price zones (regions) but no departments. Numbering districts
    within their department is what ubigeo codes do, so consecutive ids are grouped:
    ``department = (district_id - 1) // 75 + 1`` gives 25 departments for 1,874 districts.
    Pass a mapping (district_id -> department_id) or a function for real data, e.g.
    ``lambda ids: ids // 10_000`` for 6-digit ubigeo codes.
    """
    return (np.asarray(district_ids, dtype=np.int64) - 1) // per + 1


def department_ids(district_ids: np.ndarray, departments: DepartmentMap | None) -> np.ndarray:
    """Department id of every district, from a mapping, a function or the default blocks."""
    if departments is None:
        return block_departments(district_ids)
    if isinstance(departments, Mapping):
        missing = [int(d) for d in district_ids if int(d) not in departments]
        if missing:
            raise WorkloadError(f"no department for districts {missing[:10]}")
        return np.array([int(departments[int(d)]) for d in district_ids], dtype=np.int64)
    result = np.asarray(departments(np.asarray(district_ids)), dtype=np.int64)
    if result.shape != np.shape(district_ids):
        raise WorkloadError("the department function must return one id per district")
    return result


# ---------------------------------------------------------------------------------------------
# exact money from float / decimal / integer columns


def to_cents(column: pa.ChunkedArray | pa.Array, table: str, name: str) -> IntArray:
    """A money-like column (2 decimals) as int64 cents, refusing anything inexact.

    float64: ``round(x * 100)`` must give back ``x`` when divided by 100 (the float a
    two-decimal number is written as); decimal: rescaled to 2 places without loss; integer:
    whole units.
    """
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if array.null_count:
        row = int(np.flatnonzero(array.is_null().to_numpy(zero_copy_only=False))[0])
        raise WorkloadError(f"{table} row {row + 1}: {name} is empty")
    kind = array.type
    if pa.types.is_integer(kind):
        return array.to_numpy().astype(np.int64) * 100
    if pa.types.is_decimal(kind):
        try:
            exact = pc.cast(array, pa.decimal128(38, 2))
        except pa.ArrowInvalid as exc:
            raise WorkloadError(f"{table}: {name} has more than 2 decimals ({exc})") from exc
        return _decimal128_to_int64(exact, table, name)
    if pa.types.is_floating(kind):
        values = array.to_numpy().astype(np.float64)
        finite = np.isfinite(values)
        cents = np.round(values * 100.0)
        ok = finite & (np.abs(cents) < 2.0**53) & (np.divide(cents, 100.0) == values)
        if not ok.all():
            row = int(np.flatnonzero(~ok)[0])
            raise WorkloadError(
                f"{table} row {row + 1}: {name} {float(values[row])!r} is not an amount with "
                f"at most 2 decimals")
        return cents.astype(np.int64)
    raise WorkloadError(f"{table}: {name} must be numeric, not {kind}")


def _decimal128_to_int64(array: pa.Array, table: str, name: str) -> IntArray:
    """The unscaled integers of a decimal128 array (little-endian 128-bit words)."""
    words = np.frombuffer(array.buffers()[1], dtype=np.int64)
    words = words[2 * array.offset: 2 * (array.offset + len(array))].reshape(-1, 2)
    low, high = words[:, 0], words[:, 1]
    if not np.array_equal(high, low >> 63):
        raise WorkloadError(f"{table}: {name} too large")
    return low.copy()


def to_int_ids(column: pa.ChunkedArray | pa.Array, table: str, name: str) -> IntArray:
    """An integer key column as int64 (no nulls)."""
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    if array.null_count:
        raise WorkloadError(f"{table}: {name} has empty values")
    if not pa.types.is_integer(array.type):
        raise WorkloadError(f"{table}: {name} must be an integer id, not {array.type}")
    return array.to_numpy().astype(np.int64)


# ---------------------------------------------------------------------------------------------
# the targets table, chunk by chunk


@dataclass
class TargetChunk:
    """One slice of the targets table: its first row number (0-based) and its columns."""

    offset: int
    activity_id: np.ndarray
    district_id: np.ndarray
    month: np.ndarray
    target: np.ndarray


@dataclass
class TargetRows:
    """Rows picked from the targets table, with their row numbers (0-based)."""

    row: np.ndarray
    activity_id: np.ndarray
    district_id: np.ndarray
    month: np.ndarray
    target: np.ndarray

    def __len__(self) -> int:
        return len(self.row)


class TargetSource:
    """The targets table, as a Parquet file read by row group or as an in-memory table."""

    def __init__(self, name: str, *, path: Path | None = None, table: pa.Table | None = None,
                 location: str | None = None) -> None:
        if (path is None) == (table is None):
            raise ValueError("give a Parquet path or a table")
        self.name = name
        self.path = path
        self.table = table
        self.location = location  # file a CSV table was read from, for line numbers
        self._local = threading.local()
        if path is not None:
            meta = pq.ParquetFile(path).metadata
            self._groups = [meta.row_group(g).num_rows for g in range(meta.num_row_groups)]
            self._meta = meta
            names = [meta.schema.column(i).name for i in range(meta.num_columns)]
            self._column_index = {column: i for i, column in enumerate(names)}
            missing = [c for c in COLUMNS["targets"] if c not in names]
            if missing:
                raise WorkloadError(f"{name}: missing columns {missing}")
        else:
            assert table is not None
            missing = [c for c in COLUMNS["targets"] if c not in table.column_names]
            if missing:
                raise WorkloadError(f"{name}: missing columns {missing}")
            n = table.num_rows
            self._groups = [min(CHUNK_ROWS, n - s) for s in range(0, n, CHUNK_ROWS)]
        self.offsets = np.concatenate([[0], np.cumsum(self._groups, dtype=np.int64)])

    @property
    def num_rows(self) -> int:
        return int(self.offsets[-1])

    @property
    def num_chunks(self) -> int:
        return len(self._groups)

    def _file(self) -> pq.ParquetFile:
        handle = getattr(self._local, "file", None)
        if handle is None:
            handle = self._local.file = pq.ParquetFile(self.path)
        return handle

    def chunk(self, index: int, columns: Sequence[str] = COLUMNS["targets"]) -> TargetChunk:
        """Chunk ``index`` (a Parquet row group), decoded on the calling thread."""
        if self.table is not None:
            start = int(self.offsets[index])
            part = self.table.slice(start, self._groups[index]).select(list(columns))
        else:
            part = self._file().read_row_group(index, columns=list(columns), use_threads=False)
        arrays: dict[str, np.ndarray] = {}
        for name in columns:
            col = part.column(name)
            if col.null_count:
                raise WorkloadError(f"{self.name}: {name} has empty values")
            if not pa.types.is_integer(col.type):
                raise WorkloadError(f"{self.name}: {name} must be an integer, not {col.type}")
            arrays[name] = (col.chunk(0) if col.num_chunks == 1 else col.combine_chunks()
                            ).to_numpy()
        empty = np.empty(0, dtype=np.int64)
        return TargetChunk(int(self.offsets[index]), arrays.get("activity_id", empty),
                           arrays.get("district_id", empty), arrays.get("month", empty),
                           arrays.get("target", empty))

    def chunks_for(self, column: str, ids: Sequence[int]) -> list[int]:
        """Chunks that may hold rows with ``column`` in ``ids`` (Parquet statistics)."""
        if self.path is None:
            return list(range(self.num_chunks))
        idx = self._column_index[column]
        low, high = min(ids), max(ids)
        keep = []
        for g in range(self.num_chunks):
            stats = self._meta.row_group(g).column(idx).statistics
            if stats is None or not stats.has_min_max or (stats.min <= high and stats.max >= low):
                keep.append(g)
        return keep

    def find(self, column: str, ids: Collection[int]) -> TargetRows:
        """Every row whose ``column`` (activity_id or district_id) is one of ``ids``."""
        wanted = np.array(sorted(int(i) for i in ids), dtype=np.int64)
        parts: list[tuple[np.ndarray, ...]] = []
        if len(wanted):
            for g in self.chunks_for(column, wanted.tolist()):
                keys = getattr(self.chunk(g, [column]), column)
                rows = np.flatnonzero(np.isin(keys, wanted))
                if len(rows):
                    full = self.chunk(g)
                    parts.append((rows + full.offset, full.activity_id[rows],
                                  full.district_id[rows], full.month[rows], full.target[rows]))
        if not parts:
            empty = np.empty(0, dtype=np.int64)
            return TargetRows(empty, empty, empty, empty, empty)
        columns = [np.concatenate([p[k] for p in parts]).astype(np.int64) for k in range(5)]
        return TargetRows(*columns)

    def month_range(self) -> tuple[int, int]:
        """Smallest and largest month, from Parquet statistics when every row group has them."""
        if self.path is not None:
            idx = self._column_index["month"]
            lows, highs = [], []
            for g in range(self.num_chunks):
                stats = self._meta.row_group(g).column(idx).statistics
                if stats is None or not stats.has_min_max:
                    break
                lows.append(int(stats.min))
                highs.append(int(stats.max))
            else:
                if lows:
                    return min(lows), max(highs)
            months = pq.read_table(self.path, columns=["month"]).column("month")
        else:
            assert self.table is not None
            months = self.table.column("month")
        if len(months) == 0:
            return 1, 1
        bounds = pc.min_max(months).as_py()
        return int(bounds["min"]), int(bounds["max"])

    def source(self, row: int) -> str:
        """Where a row (0-based) was written, in words."""
        return f"workload table {self.name} row {row + 1}"


# ---------------------------------------------------------------------------------------------
# the workload


@dataclass
class Workload:
    """The five tables, with money columns already in exact integer cents."""

    activities: pa.Table
    inputs: pa.Table
    prices: pa.Table
    districts: pa.Table
    targets: TargetSource
    coefficient_cents: IntArray
    price_cents: IntArray
    meta: dict[str, Any] = field(default_factory=dict)
    directory: Path | None = None
    names: dict[str, str] = field(default_factory=dict)  # table -> file name

    @property
    def expected_grand_total_1e4(self) -> int | None:
        """The exact grand total the generator computed (1e-4 units), when meta.json has it."""
        value = self.meta.get("exact_grand_total_1e4")
        return int(value) if value is not None else None

    @property
    def expected_grand_total(self) -> Decimal | None:
        value = self.meta.get("exact_grand_total")
        return Decimal(value) if value is not None else None

    def file(self, table: str) -> str:
        return self.names.get(table, table)

    def source(self, table: str, row: int) -> str:
        """``workload table prices.parquet row 18`` (rows count data rows from 1)."""
        return f"workload table {self.file(table)} row {row + 1}"


def _check_columns(table: pa.Table, name: str) -> pa.Table:
    missing = [c for c in COLUMNS[name] if c not in table.column_names]
    if missing:
        raise WorkloadError(f"{name}: missing columns {missing}")
    return table


def from_tables(activities: pa.Table, inputs: pa.Table, prices: pa.Table, districts: pa.Table,
                targets: pa.Table | TargetSource, meta: Mapping[str, Any] | None = None,
                directory: Path | None = None, names: Mapping[str, str] | None = None
                ) -> Workload:
    """A workload from in-memory Arrow tables (targets may also be a :class:`TargetSource`)."""
    names = dict(names or {})
    for name, table in (("activities", activities), ("inputs", inputs), ("prices", prices),
                        ("districts", districts)):
        _check_columns(table, name)
    source = targets if isinstance(targets, TargetSource) else TargetSource(
        names.get("targets", "targets"), table=targets)
    return Workload(
        activities, inputs, prices, districts, source,
        coefficient_cents=to_cents(inputs.column("coefficient"), names.get("inputs", "inputs"),
                                   "coefficient"),
        price_cents=to_cents(prices.column("price"), names.get("prices", "prices"), "price"),
        meta=dict(meta or {}), directory=directory, names=names)


def load_workload(directory: str | Path) -> Workload:
    """Read a workload directory (``*.parquet`` or ``*.csv`` plus an optional ``meta.json``).

    Small tables are read whole; a Parquet targets table stays on disk and is read by row group.
    """
    folder = Path(directory)
    meta_file = folder / "meta.json"
    meta: dict[str, Any] = json.loads(meta_file.read_text()) if meta_file.exists() else {}
    tables: dict[str, pa.Table] = {}
    names: dict[str, str] = {}
    target_source: TargetSource | None = None
    for name in TABLES:
        parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
        if parquet.exists():
            names[name] = parquet.name
            if name == "targets":
                target_source = TargetSource(parquet.name, path=parquet)
            else:
                tables[name] = pq.read_table(parquet)
        elif csv.exists():
            names[name] = csv.name
            options = pcsv.ConvertOptions(
                column_types={"classifier": pa.string(), "unit": pa.string()})
            table = pcsv.read_csv(csv, convert_options=options)
            if name == "targets":
                target_source = TargetSource(csv.name, table=table, location=str(csv))
            else:
                tables[name] = table
        else:
            raise WorkloadError(f"{folder}: no {name}.parquet or {name}.csv")
    assert target_source is not None
    return from_tables(tables["activities"], tables["inputs"], tables["prices"],
                       tables["districts"], target_source, meta, folder, names)


def iter_chunks(source: TargetSource) -> Iterator[TargetChunk]:
    for index in range(source.num_chunks):
        yield source.chunk(index)
