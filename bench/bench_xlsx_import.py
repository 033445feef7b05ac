"""Benchmark: import a program workbook with a 200,000-row cells sheet.

Builds a program whose one activity has a cell per ubigeo-like district code and month
(target and a price override per cell), exports it with ``export_program`` and times
``import_program`` (read with python-calamine, build the located document, validate).
Prints the median of the runs in seconds. Usage::

    .venv/bin/python bench/bench_xlsx_import.py [--rows 200000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from costeo.io.xlsx_model import export_program, import_program
from costeo.model.program import Program

MONTHS = [f"{m:02d}" for m in range(1, 13)]


def big_program(rows: int) -> Program:
    districts = [f"{1 + i // 1000:02d}{(i // 10) % 100:02d}{i % 10:02d}"
                 for i in range(-(-rows // len(MONTHS)))]
    cells = [[d, m, str(100 + (i * 37) % 900), f"{2 + (i % 7) / 4:.2f}"]
             for i, (d, m) in enumerate((d, m) for d in districts for m in MONTHS)][:rows]
    data: dict[str, Any] = {
        "program": {"code": "0001", "name": "Programa de prueba a escala nacional",
                    "entity": "Entidad de prueba", "fiscal_year": "2025", "currency": "PEN",
                    "result": {"statement": "Un resultado"}},
        "parameters": {"precio": {"name": "Precio de referencia", "unit": "S/ por unidad",
                                  "source": "Prueba", "values": [{"from": "2025-01-01",
                                                                  "value": "2.50"}]}},
        "dimensions": {"ubigeo": {"name": "Distrito", "values": districts},
                       "mes": {"name": "Mes", "values": MONTHS}},
        "products": [{"code": "3000001", "name": "Producto", "unit": "persona", "activities": [{
            "code": "5000001", "name": "Entrega mensual por distrito", "unit": "entrega",
            "cost": {"method": "bottom_up", "inputs": [
                {"id": "kit", "name": "Kit", "unit": "kit", "quantity": "1",
                 "price": "$precio", "classifier": "2.3.1.5.1.2"}]},
            "cells": {"dimensions": ["ubigeo", "mes"], "columns": ["target", "price.kit"],
                      "rows": cells}}]}],
    }
    return Program.model_validate(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "grande.xlsx"
        start = time.perf_counter()
        export_program(big_program(args.rows), book)
        print(f"export: {time.perf_counter() - start:.2f} s "
              f"({book.stat().st_size / 1e6:.1f} MB, {args.rows} cell rows)")
        times, cpu = [], []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            program, diagnostics = import_program(book)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            assert program is not None, [d.format("en") for d in diagnostics]
            del program, diagnostics  # freed outside the timing
        print("runs (wall): " + ", ".join(f"{t:.2f}" for t in times))
        print("runs (cpu):  " + ", ".join(f"{t:.2f}" for t in cpu))
        print(f"import median: {statistics.median(times):.2f} s for {args.rows} rows "
              f"(cpu {statistics.median(cpu):.2f} s)")


if __name__ == "__main__":
    main()
