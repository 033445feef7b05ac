"""The figures of one sheet: every numeric cell read, with separators decided per column.

A figure whose text cannot tell its thousands mark from its decimal mark ("1,234") is read
the way its column's other figures show; when the column shows nothing, the way the sheet's
figures show; when nothing does, as a thousands separator, with a located warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from costeo.diagnostics import Diagnostics
from costeo.messages import Localized
from costeo.review.tables import numbers
from costeo.review.tables.layout import NUMERIC, Field, Header, column_title
from costeo.review.tables.numbers import Figure, Reading
from costeo.review.tables.sheet import Cell, Row

_TRAILING_WORDS = re.compile(r"(?<=\d)\s*[^\W\d_][\w .]*$")


@dataclass
class Figures:
    """Every figure of a sheet's numeric columns, by (row index, field)."""

    values: dict[tuple[int, Field], Figure] = field(default_factory=dict)
    bad: set[tuple[int, Field]] = field(default_factory=set)       # text that is no number
    from_numbers: dict[tuple[int, Field], bool] = field(default_factory=dict)
    _widest: dict[Field, int] = field(default_factory=dict)   # places of a column's numbers

    def get(self, row: int, fld: Field) -> Decimal | None:
        figure = self.values.get((row, fld))
        return figure.value if figure else None

    def has_any(self, row: int, fields: set[Field]) -> bool:
        return any((row, f) in self.values or (row, f) in self.bad for f in fields)

    def places(self, row: int, fld: Field) -> int | None:
        """Places a figure is shown with; a workbook number shows its column's widest."""
        figure = self.values.get((row, fld))
        if figure is None:
            return None
        if not self.from_numbers.get((row, fld)):
            return figure.places
        if fld not in self._widest:
            self._widest[fld] = max(f.places for (r, g), f in self.values.items()
                                    if g is fld and self.from_numbers.get((r, g)))
        return self._widest[fld]


def read_figures(rows: list[Row], first: int, header: Header, decimal: str | None,
                 diagnostics: Diagnostics, report_bad: bool = True) -> Figures:
    """Read the numeric columns of ``rows[first:]``; report cells that are not numbers."""
    out = Figures()
    readings: dict[tuple[int, Field], tuple[Cell, Reading]] = {}
    for index in range(first, len(rows)):
        for fld, col in header.fields.items():
            if fld not in NUMERIC:
                continue
            cell = rows[index].cell(col)
            if cell is None or cell.empty:
                continue
            if isinstance(cell.value, int | float):
                try:
                    out.values[(index, fld)] = numbers.from_cell_number(cell.value)
                    out.from_numbers[(index, fld)] = True
                except ValueError:
                    out.bad.add((index, fld))
                continue
            text = cell.text
            if fld is Field.FACTOR:  # "191 días"
                text = _TRAILING_WORDS.sub("", text)
            readings[(index, fld)] = (cell, numbers.read(text))
    sheet_mark = numbers.vote(r for _, r in readings.values())
    column_marks = {fld: numbers.vote(r for (_, g), (_, r) in readings.items() if g is fld)
                    for fld in header.fields}
    warned: set[Field] = set()
    for (index, fld), (cell, reading) in readings.items():
        if reading.missing:
            continue
        if not reading.valid:
            out.bad.add((index, fld))
            if report_bad:
                diagnostics.add("table-not-a-number", cell.location,
                                column=column_title(fld, header), value=cell.text)
            continue
        if reading.figure is not None:
            out.values[(index, fld)] = reading.figure
            continue
        mark = decimal or column_marks[fld] or sheet_mark
        if mark is None:
            figure = reading.as_thousands()
            if fld not in warned:
                warned.add(fld)
                diagnostics.add("table-ambiguous-number", cell.location,
                                column=column_title(fld, header), value=cell.text,
                                reading=Localized(es=_shown(figure.value),
                                                  en=_shown(figure.value)))
            out.values[(index, fld)] = figure
        else:
            out.values[(index, fld)] = reading.resolve(mark)
    return out


def _shown(value: Decimal) -> str:
    return f"{value:f}"
