"""XLSX workbooks: one sheet per part of a subject, read with python-calamine.

The first sheet that is not a special one is the main table; sheets named "Programa"
(metadata), "Beneficiarios" and "Reglas" (or their English names) play those parts; any other
sheet with a header row is a further table named after the sheet. A value in a cell merged
over several rows applies to every row of the merge (merged product or modality headers);
merges across columns keep the value in their first cell only.
"""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from costeo.diagnostics import Diagnostics, Location
from costeo.io.xlsx.grid import cell_name
from costeo.messages import Localized
from costeo.review.tables.csv_reader import ROLE_SUFFIXES
from costeo.review.tables.sheet import Cell, Role, Row, Sheet
from costeo.review.tables.words import fold


def read_xlsx(path: Path, diagnostics: Diagnostics) -> list[Sheet] | None:
    where = Location(str(path))
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        diagnostics.add("table-unreadable", where, problem=Localized(es=reason, en=reason))
        return None
    if magic != b"PK\x03\x04":
        diagnostics.add("table-unreadable", where, problem=Localized(
            es="no es un libro de Excel (.xlsx); su contenido es texto u otro formato",
            en="it is not an Excel workbook (.xlsx); its content is text or another format"))
        return None
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        return [_sheet(workbook, name, str(path)) for name in workbook.sheet_names]
    except Exception as exc:  # calamine raises its own error types for every broken file
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        diagnostics.add("table-unreadable", where, problem=Localized(
            es=f"el libro de Excel está dañado ({problem})",
            en=f"the Excel workbook is damaged ({problem})"))
        return None


def _value(raw: object) -> str | float | int:
    if isinstance(raw, bool):
        return "VERDADERO" if raw else "FALSO"
    if isinstance(raw, int | float | str):
        return raw
    return "" if raw is None else str(raw)


def _sheet(workbook: CalamineWorkbook, name: str, file: str) -> Sheet:
    sheet = workbook.get_sheet_by_name(name)
    grid = [[_value(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
    merged_from: dict[tuple[int, int], int] = {}
    for (top, left), (bottom, _right) in sheet.merged_cell_ranges or []:
        if top >= len(grid) or left >= len(grid[top]):
            continue
        value = grid[top][left]
        for r in range(top + 1, min(bottom, len(grid) - 1) + 1):
            while len(grid[r]) <= left:
                grid[r].append("")
            grid[r][left] = value
            merged_from[(r, left)] = top
    rows = []
    for r, values in enumerate(grid):
        cells = [Cell(v, Location(file, sheet=name, cell=cell_name(r, c)))
                 for c, v in enumerate(values)]
        rows.append(Row(Location(file, sheet=name, cell=f"A{r + 1}"), cells))
    role = ROLE_SUFFIXES.get(fold(name).replace(" ", "_"), Role.TABLE)
    return Sheet(name, role, rows, Location(file, sheet=name), merged_from)
