"""Benchmark: read a large published table (CSV and XLSX) with ``read_tables``.

Writes a messy table of ``--rows`` budget rows (a product header row every 100 rows, figures
as text with "S/ " and thousands separators, a "Subtotal" row per product, a total, a
footnote) as CSV and as an XLSX workbook, then times ``read_tables`` on each. Prints the
median of the runs in seconds. Usage::

    .venv/bin/python bench/bench_published_tables.py [--rows 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
from pathlib import Path

import xlsxwriter

from costeo.diagnostics import Diagnostics
from costeo.review.tables import read_tables

HEADER = ["Producto", "Actividad", "Zona", "Meta física", "C.U. (S/)", "Monto (S/)"]


def table(rows: int) -> list[list[str]]:
    out: list[list[str]] = [["Cuadro de prueba: costos por zona"], ["año: 2025"], HEADER]
    for i in range(rows):
        if i % 100 == 0:
            out.append([f"Producto {i // 100}", "", "", "", "", ""])
        target = 1000 + i
        out.append(["", f"Actividad {i % 7}", f"Zona {i % 25}", f"{target:,}", "S/ 2.55",
                    f"S/ {target * 255 // 100:,}"])
        if i % 100 == 99:
            out.append(["", "Subtotal", "", "", "", ""])
    out += [["Total general", "", "", "", "", ""], [], ["Fuente: datos sintéticos"]]
    return out


def write(rows: list[list[str]], folder: Path) -> tuple[Path, Path]:
    csv_path, xlsx_path = folder / "tabla.csv", folder / "tabla.xlsx"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    book = xlsxwriter.Workbook(str(xlsx_path), {"constant_memory": True})
    sheet = book.add_worksheet("Cuadro")
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    return csv_path, xlsx_path


def timed(path: Path, runs: int) -> tuple[float, int]:
    times, lines = [], 0
    for _ in range(runs):
        diagnostics = Diagnostics()
        start = time.perf_counter()
        subject = read_tables(path, diagnostics)
        times.append(time.perf_counter() - start)
        if subject is None:
            raise SystemExit(diagnostics.to_json())
        lines = len(subject.main.lines())
    return statistics.median(times), lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, xlsx_path = write(table(args.rows), Path(tmp))
        for path in (csv_path, xlsx_path):
            seconds, lines = timed(path, args.runs)
            print(f"{path.suffix[1:]}: {lines} rows read in {seconds:.2f} s "
                  f"(median of {args.runs})")


if __name__ == "__main__":
    main()
