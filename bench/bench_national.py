#!/usr/bin/env python3
"""National-scale formulation benchmark: costeo's columnar engine against a pandas baseline.

    .venv/bin/python bench/bench_national.py            # generates the data once, ~3 minutes

Measures, in one run (each side in its own subprocess, so peak memory is its own):

(a) costeo: load the workload + compute every aggregate (median of --runs after a warm-up),
    grand total checked against meta.json's exact figure (1e-4 units);
(b) baseline: a straightforward pandas merge + groupby of the same tables. The full merge has
    one row per budget line (600 million at national scale): when it would not fit in
    --baseline-memory-gb, the baseline is chunked by program and run on --baseline-fraction of
    the programs; its compute time is scaled to all programs (load time is measured whole);
(c) one price edit -> every aggregate updated (median of --edits edits);
(d) costeo's peak memory: ru_maxrss of its process and tracemalloc's peak (numpy buffers).

Prints a table and writes bench/results/national.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# the shared workload generator lives in ../shared beside the repository (CI and sessions)
SHARED = Path(__file__).resolve().parents[2] / "shared"
GENERATOR = Path(os.environ.get("COSTEO_WORKLOAD_GENERATOR",
                                SHARED / "bench" / "gen_workload.py"))
NATIONAL = ["--programs", "90", "--activities-per-program", "20", "--inputs-per-activity", "15",
            "--districts", "1874", "--months", "12"]
# bytes per row of a merged pandas line table (ids, month, target, coefficient, price, amount,
# classifier reference) plus merge intermediates: a conservative planning figure
BYTES_PER_MERGED_LINE = 120
DISTRICTS_PER_DEPARTMENT = 75


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def ensure_data(directory: Path, generator: Path) -> dict[str, Any]:
    meta = directory / "meta.json"
    if not meta.exists():
        if not generator.exists():
            raise SystemExit(f"no workload in {directory} and no generator at {generator}")
        print(f"generating the national workload into {directory} ...", flush=True)
        subprocess.run([sys.executable, str(generator), *NATIONAL, "--out", str(directory)],
                       check=True)
    return json.loads(meta.read_text())  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------------------------
# (a), (c), (d): costeo


def run_costeo(directory: Path, runs: int, edits: int, threads: int | None) -> dict[str, Any]:
    import numpy as np

    from costeo.analytics import Formulation, load_workload

    def once() -> tuple[float, Any]:
        start = time.perf_counter()
        workload = load_workload(directory)
        formulation = Formulation(workload, threads=threads)
        frames = formulation.aggregates()
        elapsed = time.perf_counter() - start
        expected = workload.expected_grand_total_1e4
        if formulation.grand_total_1e4 != expected:
            raise SystemExit(f"grand total {formulation.grand_total_1e4} != meta {expected}")
        if int(frames["total"]["amount_1e4"][0]) != expected:
            raise SystemExit("the total frame disagrees with meta.json")
        return elapsed, formulation

    warmup, _ = once()
    times = []
    formulation = None
    for _ in range(runs):
        elapsed, formulation = once()
        times.append(elapsed)
    assert formulation is not None
    rss_after_runs = peak_rss_mb()
    grand_total = str(formulation.grand_total)

    # the split of one run, for the reader
    start = time.perf_counter()
    workload = load_workload(directory)
    t_small = time.perf_counter() - start
    f = Formulation(workload, threads=threads)
    t_state = time.perf_counter() - start - t_small
    f.aggregates()
    t_frames = time.perf_counter() - start - t_small - t_state

    # (c) price edits: set_price alone, and set_price + every aggregate frame rebuilt
    rng = np.random.default_rng(12345)
    used = np.unique(f.input.ids[f.row_input])
    regions = f.region.ids
    edit_times, edit_frame_times = [], []
    for k in range(edits):
        input_id = int(rng.choice(used))
        region_id = int(rng.choice(regions))
        price = Decimal(int(rng.integers(100, 5_000_000))) / 100
        start = time.perf_counter()
        f.set_price(input_id, region_id, price)
        edit_times.append(time.perf_counter() - start)
        if k < 50:
            start = time.perf_counter()
            f.set_price(input_id, region_id, price + 1)
            f.aggregates()
            edit_frame_times.append(time.perf_counter() - start)
    incremental = f.check()
    f.recompute()
    if f.check() != incremental or len(set(incremental.values())) != 1:
        raise SystemExit("incremental totals differ from a full recompute")
    rss_after_edits = peak_rss_mb()

    # lineage of one district, to the table rows
    start = time.perf_counter()
    figure = f.lineage("district", int(f.district.ids[len(f.district) // 2]))
    t_lineage = time.perf_counter() - start
    figures = sum(1 for _ in figure.walk())

    # (d) Python-side peak (numpy buffers are traced; Arrow's allocator is not)
    tracemalloc.start()
    once()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    return {
        "warmup_s": warmup,
        "times_s": times,
        "median_s": statistics.median(times),
        "split_s": {"read_small_tables": t_small, "reduce_targets_and_state": t_state,
                    "aggregate_frames": t_frames},
        "threads": f.threads,
        "grand_total": grand_total,
        "grand_total_checked": True,
        "edit_median_ms": statistics.median(edit_times) * 1000,
        "edit_p95_ms": sorted(edit_times)[int(len(edit_times) * 0.95)] * 1000,
        "edit_max_ms": max(edit_times) * 1000,
        "edits": len(edit_times),
        "edit_with_frames_median_ms": statistics.median(edit_frame_times) * 1000,
        "lineage_district_s": t_lineage,
        "lineage_district_figures": figures,
        # whole process, after the timed runs and the edits (the lineage tree comes after)
        "peak_rss_mb": rss_after_edits,
        "peak_rss_after_timed_runs_mb": rss_after_runs,
        "peak_rss_with_lineage_mb": peak_rss_mb(),
        "tracemalloc_peak_mb": traced_peak / 2**20,
    }


# ---------------------------------------------------------------------------------------------
# (b): pandas baseline


def pandas_load(directory: Path) -> dict[str, Any]:
    import pandas as pd

    return {name: pd.read_parquet(directory / f"{name}.parquet")
            for name in ("activities", "inputs", "prices", "districts", "targets")}


KEYS: dict[str, list[str]] = {
    "activity": ["activity_id"], "product": ["product_id"], "program": ["program_id"],
    "region": ["region_id"], "district": ["district_id"], "department": ["department_id"],
    "month": ["month"], "classifier": ["classifier"],
    "activity_region": ["activity_id", "region_id"],
}


def pandas_aggregates(tables: dict[str, Any], programs: list[int]) -> tuple[dict[str, Any],
                                                                            list[float]]:
    """Merge + groupby, one program at a time; partial sums added up across programs."""
    import pandas as pd

    acts = tables["activities"][["activity_id", "product_id", "program_id"]]
    targets, inputs = tables["targets"], tables["inputs"]
    prices, districts = tables["prices"], tables["districts"]
    sums: dict[str, Any] = {}
    targets_ar: Any = None
    chunk_times = []
    for program in programs:
        start = time.perf_counter()
        ids = acts.loc[acts["program_id"] == program, "activity_id"]
        part = targets[targets["activity_id"].isin(ids)].merge(districts, on="district_id")
        lines = (part.merge(inputs, on="activity_id")
                 .merge(prices, on=["input_id", "region_id"])
                 .merge(acts, on="activity_id"))
        lines["amount"] = lines["coefficient"] * lines["target"] * lines["price"]
        lines["department_id"] = (lines["district_id"] - 1) // DISTRICTS_PER_DEPARTMENT + 1
        for family, key in KEYS.items():
            grouped = lines.groupby(key)["amount"].sum()
            sums[family] = grouped if family not in sums else sums[family].add(
                grouped, fill_value=0)
        t_ar = part.groupby(["activity_id", "region_id"])["target"].sum()
        targets_ar = t_ar if targets_ar is None else pd.concat([targets_ar, t_ar])
        del lines, part
        chunk_times.append(time.perf_counter() - start)
    # unit costs: per activity x zone and per activity (amount ÷ target)
    sums["unit_cost_activity_region"] = sums["activity_region"] / targets_ar
    sums["unit_cost_activity"] = sums["activity"] / targets_ar.groupby("activity_id").sum()
    return sums, chunk_times


def run_baseline(directory: Path, runs: int, fraction: float, memory_gb: float,
                 meta: dict[str, Any]) -> dict[str, Any]:
    import pandas as pd

    full_bytes = meta["budget_lines"] * BYTES_PER_MERGED_LINE
    n_programs = meta["params"]["programs"]
    chunked = full_bytes > memory_gb * 2**30
    if not chunked:
        fraction = 1.0
    step = max(1, round(1 / fraction))
    programs = list(range(1, n_programs + 1, step))  # every step-th program
    load_times, compute_times, chunk_times = [], [], []
    sums: dict[str, Any] = {}
    for _ in range(runs):
        start = time.perf_counter()
        tables = pandas_load(directory)
        load_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        sums, chunks = pandas_aggregates(tables, programs)
        compute_times.append(time.perf_counter() - start)
        chunk_times.extend(chunks)
        del tables
    load = statistics.median(load_times)
    compute = statistics.median(compute_times)
    scale = n_programs / len(programs)
    return {
        "chunked_by_program": True,
        "full_merge_estimate_gb": full_bytes / 2**30,
        "memory_limit_gb": memory_gb,
        "programs_measured": programs,
        "fraction_measured": len(programs) / n_programs,
        "runs": runs,
        "load_s": load_times,
        "load_median_s": load,
        "compute_measured_s": compute_times,
        "compute_measured_median_s": compute,
        "compute_scaled_s": compute * scale,
        "chunk_median_s": statistics.median(chunk_times),
        "estimated_total_s": load + compute * scale,
        "programs_float_amounts": {str(k): float(v) for k, v in sums["program"].items()},
        "families": sorted(sums),
        "pandas": pd.__version__,
        "peak_rss_mb": peak_rss_mb(),
    }


# ---------------------------------------------------------------------------------------------


def worker(args: argparse.Namespace, meta: dict[str, Any]) -> None:
    if args.worker == "costeo":
        result = run_costeo(args.data, args.runs, args.edits, args.threads)
    else:
        result = run_baseline(args.data, args.baseline_runs, args.baseline_fraction,
                              args.baseline_memory_gb, meta)
    print("RESULT " + json.dumps(result))


def spawn(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [sys.executable, __file__, "--worker", kind, "--data", str(args.data),
               "--runs", str(args.runs), "--edits", str(args.edits),
               "--baseline-runs", str(args.baseline_runs),
               "--baseline-fraction", str(args.baseline_fraction),
               "--baseline-memory-gb", str(args.baseline_memory_gb)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])  # type: ignore[no-any-return]


def exact_program_amounts(directory: Path, programs: list[int]) -> dict[int, Decimal]:
    from costeo.analytics import Formulation

    f = Formulation.from_directory(directory)
    return {p: Decimal(int(f.program_amount[f.program.index_of(p)])).scaleb(-4)
            for p in programs}


def report(meta: dict[str, Any], costeo: dict[str, Any], base: dict[str, Any] | None,
           args: argparse.Namespace) -> dict[str, Any]:
    rows = [("costeo: load + every aggregate (median)",
             f"{costeo['median_s']:.3f} s (runs: "
             + ", ".join(f"{t:.2f}" for t in costeo["times_s"])
             + f"; cold first run {costeo['warmup_s']:.2f})")]
    rows.append(("  read small tables / reduce targets + state / frames",
                 " / ".join(f"{v:.3f}" for v in costeo["split_s"].values()) + " s"))
    rows.append(("  grand total (checked = meta.json, 1e-4)", costeo["grand_total"]))
    result: dict[str, Any] = {"costeo": costeo}
    if base is not None:
        ratio = base["estimated_total_s"] / costeo["median_s"]
        measured = base["load_median_s"] + base["compute_measured_median_s"]
        rows += [
            ("baseline pandas: load (whole tables, median)", f"{base['load_median_s']:.2f} s"),
            (f"baseline pandas: merge+groupby, {len(base['programs_measured'])} of "
             f"{meta['params']['programs']} programs (median)",
             f"{base['compute_measured_median_s']:.2f} s"),
            ("baseline pandas: national (load + compute"
             + (", measured)" if base["fraction_measured"] == 1 else " scaled to all programs)"),
             f"{base['estimated_total_s']:.1f} s"),
            ("ratio baseline ÷ costeo (national)", f"{ratio:.0f}x"),
            ("ratio baseline ÷ costeo (measured fraction only, no scaling)",
             f"{measured / costeo['median_s']:.1f}x"),
        ]
        exact = exact_program_amounts(args.data, base["programs_measured"])
        floats = base["programs_float_amounts"]
        drift = max(abs(Decimal(repr(floats[str(p)])) - v) for p, v in exact.items())
        rows.append(("baseline float64 program totals: worst error vs exact", f"{drift} "))
        base["worst_program_error"] = str(drift)
        result["baseline"] = base
        result["ratio_baseline_over_costeo"] = ratio
        result["ratio_measured_fraction"] = measured / costeo["median_s"]
    rows += [
        (f"price edit -> every aggregate (median of {costeo['edits']})",
         f"{costeo['edit_median_ms']:.3f} ms (p95 {costeo['edit_p95_ms']:.3f}, "
         f"max {costeo['edit_max_ms']:.3f})"),
        ("price edit + rebuild every aggregate frame (median)",
         f"{costeo['edit_with_frames_median_ms']:.1f} ms"),
        ("costeo peak memory: ru_maxrss / tracemalloc peak",
         f"{costeo['peak_rss_mb']:.0f} MB / {costeo['tracemalloc_peak_mb']:.0f} MB"),
        ("lineage of one district, down to table rows",
         f"{costeo['lineage_district_s']:.2f} s ({costeo['lineage_district_figures']:,} figures,"
         f" peak memory then {costeo['peak_rss_with_lineage_mb']:.0f} MB)"),
    ]
    if base is not None:
        rows.append(("baseline peak memory (ru_maxrss)", f"{base['peak_rss_mb']:.0f} MB"))
    width = max(len(r[0]) for r in rows)
    print(f"\nworkload: {meta['rows']['targets']:,} target rows, {meta['budget_lines']:,} budget "
          f"lines, {os.cpu_count()} CPUs")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")
    targets = {"aggregates_s": 2.0, "ratio": 20, "peak_memory_mb": 4096, "edit_ms": 50}
    verdict = {
        "aggregates_le_2s": costeo["median_s"] <= targets["aggregates_s"],
        "peak_memory_le_4gb": costeo["peak_rss_mb"] <= targets["peak_memory_mb"],
        "edit_le_50ms": costeo["edit_median_ms"] <= targets["edit_ms"],
    }
    if base is not None:
        verdict["ratio_ge_20x"] = result["ratio_baseline_over_costeo"] >= targets["ratio"]
    print("  targets: " + ", ".join(f"{k} {'ok' if v else 'MISSED'}" for k, v in verdict.items()))
    result.update(targets=targets, verdict=verdict)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("/tmp/costeo-bench/national"))
    ap.add_argument("--generator", type=Path, default=GENERATOR)
    ap.add_argument("--runs", type=int, default=5, help="timed costeo runs (after 1 warm-up)")
    ap.add_argument("--edits", type=int, default=500)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--baseline-runs", type=int, default=3)
    ap.add_argument("--baseline-fraction", type=float, default=0.1,
                    help="share of programs the chunked baseline runs on (1.0 = all)")
    ap.add_argument("--baseline-memory-gb", type=float, default=8.0,
                    help="chunk the baseline when a full merge would exceed this")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "bench/results/national.json")
    ap.add_argument("--worker", choices=["costeo", "baseline"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    meta = ensure_data(args.data, args.generator)
    if args.worker:
        worker(args, meta)
        return
    load_at_start = os.getloadavg()
    estimate = meta["budget_lines"] * BYTES_PER_MERGED_LINE / 2**30
    print(f"{meta['budget_lines']:,} budget lines: a full pandas merge needs ~{estimate:.0f} GB"
          + (f" > {args.baseline_memory_gb:g} GB: the baseline is chunked by program"
             + (f" and run on {args.baseline_fraction:.0%} of programs, compute scaled"
                if args.baseline_fraction < 1 else " (all programs)")
             if estimate > args.baseline_memory_gb else ""), flush=True)
    print("costeo ...", flush=True)
    costeo = spawn("costeo", args)
    base = None
    if not args.no_baseline:
        print("pandas baseline ...", flush=True)
        base = spawn("baseline", args)
    result = report(meta, costeo, base, args)
    result["workload"] = {"directory": str(args.data), **meta}
    result["machine"] = {"cpus": os.cpu_count(), "platform": platform.platform(),
                         "python": platform.python_version(),
                         "load_average_at_start": load_at_start,
                         "load_average_at_end": os.getloadavg()}
    result["command"] = " ".join([Path(sys.executable).name, *sys.argv])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, default=str) + "\n")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
