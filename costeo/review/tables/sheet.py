"""A table as read from a file, before anything is understood: rows of located cells.

Both readers (CSV and XLSX) produce :class:`Sheet` objects; the layout and the build steps
only see this shape, so a CSV line and a workbook row are handled by the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from costeo.diagnostics import Location


class Role(StrEnum):
    TABLE = "table"                  # a budget table (the first one is the main table)
    BENEFICIARIES = "beneficiaries"  # beneficiary counts per product or in total
    RULES = "rules"                  # review rules: ratios and transfer rules
    META = "meta"                    # "clave: valor" lines: code, name, year, currency...


@dataclass(frozen=True)
class Cell:
    """One cell: its text (CSV, text cells) or the number a workbook stores, and where it is."""

    value: str | float | int
    location: Location

    @property
    def text(self) -> str:
        if isinstance(self.value, str):
            return self.value.strip()
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        return str(self.value)

    @property
    def empty(self) -> bool:
        return self.text == ""


@dataclass
class Row:
    location: Location          # the row's first cell (file:line:1 or sheet!A12)
    cells: list[Cell]

    def cell(self, index: int) -> Cell | None:
        return self.cells[index] if index < len(self.cells) else None

    @property
    def blank(self) -> bool:
        return all(c.empty for c in self.cells)

    def filled(self) -> list[tuple[int, Cell]]:
        return [(i, c) for i, c in enumerate(self.cells) if not c.empty]


@dataclass
class Sheet:
    """A sheet of a workbook or one CSV file, with the role it plays in the subject."""

    name: str
    role: Role
    rows: list[Row]
    location: Location           # the sheet or file itself
    # (row, col) -> the top row of the merge whose value a cell was given (workbooks)
    merged_from: dict[tuple[int, int], int] = field(default_factory=dict)
