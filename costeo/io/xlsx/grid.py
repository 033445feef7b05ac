"""Cells as the YAML loader's scalars: exact text, and a location computed when asked for.

A workbook of 200,000 rows has a million cells; each becomes a :class:`CellStr` (a
:class:`~costeo.io.yaml_source.LStr`) that stores only its row and column, its sheet being a
class attribute, so that building the document costs little more than reading it.

Numbers: Excel keeps binary floats, so a number cell is turned back into the shortest text
that reads as the same float (``2.55``, never ``2.5499999999999998``), integers without
``.0``. A fixed number of decimals in the cell's number format (``0.00``) is kept as trailing
zeros: ``1.70`` stays ``1.70``, which matters where decimals mean something (a published unit
cost shown to the cent). Formats are read from the workbook's XML, only for the cells that
carry one.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

from costeo.diagnostics import Location
from costeo.io.yaml_source import LStr

COLS = 1 << 14  # Excel's column limit: positions are row * COLS + column


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def cell_name(row: int, col: int) -> str:
    """The A1 name of a 0-based row and column."""
    return f"{column_letters(col)}{row + 1}"


class SheetRef:
    """Where a sheet's cells are: the workbook's display name and the sheet's name."""

    __slots__ = ("file", "sheet")

    def __init__(self, file: str, sheet: str) -> None:
        self.file = file
        self.sheet = sheet

    def at(self, row: int, col: int) -> Location:
        return Location(self.file, row + 1, col + 1, sheet=self.sheet, cell=cell_name(row, col))


class CellStr(LStr):
    """A cell's text (``LStr``); subclasses made per sheet carry the sheet and the tag."""

    _ref: SheetRef
    _p: int

    @property
    def loc(self) -> Location:
        row, col = divmod(self._p, COLS)
        return self._ref.at(row, col)

    @loc.setter
    def loc(self, value: Location) -> None:  # pragma: no cover - cells never move
        raise AttributeError("a cell's location is fixed")

    @property
    def position(self) -> tuple[int, int]:
        return divmod(self._p, COLS)


class SheetCells:
    """Makes the cells of one sheet: text (tag str), numbers (int/float) and dates."""

    def __init__(self, ref: SheetRef) -> None:
        self.ref = ref
        attrs = {"_ref": ref, "__module__": __name__}
        self.text_cls = type("TextCell", (CellStr,), {**attrs, "tag": "str"})
        self.int_cls = type("IntCell", (CellStr,), {**attrs, "tag": "int"})
        self.float_cls = type("FloatCell", (CellStr,), {**attrs, "tag": "float"})
        self.date_cls = type("DateCell", (CellStr,), {**attrs, "tag": "timestamp"})

    def make(self, text: str, row: int, col: int, tag: str = "str") -> CellStr:
        cls = {"str": self.text_cls, "int": self.int_cls, "float": self.float_cls,
               "timestamp": self.date_cls}[tag]
        cell: CellStr = str.__new__(cls, text)
        cell._p = row * COLS + col
        return cell

    def loc(self, row: int, col: int) -> Location:
        return self.ref.at(row, col)


def number_text(value: float, places: int = 0) -> str:
    """The exact text of a number cell: shortest round-trip form, ``places`` decimals at least."""
    if value.is_integer() and -1e16 < value < 1e16:
        text = str(int(value))
    else:
        text = repr(value)
        if "e" in text:
            text = format(Decimal(text), "f")
    return _pad(text, places) if places else text


def date_text(value: date | datetime | time) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    return value.isoformat()


def convert_rows(raw: list[list[Any]], cells: SheetCells, places: Places | None = None,
                 first_row: int = 0, blank: bool = False) -> list[list[CellStr | None]]:
    """Calamine's rows as cells; empty cells are None (or empty cells, with ``blank``).

    ``places`` gives, per column and row, the decimals a cell's number format fixes.
    This is the hot path of a large import: the sheet is turned column by column, a column of
    only texts or only numbers in one tight loop, and the rows are put back together by zip.
    """
    if not raw:
        return []
    widths = set(map(len, raw))
    width = max(widths)
    if len(widths) > 1:  # calamine pads rows; others might not
        raw = [row + [""] * (width - len(row)) for row in raw]
    by_col = places or {}
    if first_row:
        by_col = {c: {r - first_row: n for r, n in rows.items()} for c, rows in by_col.items()}
    columns = [_convert_column(values, c, cells, by_col.get(c), first_row, blank)
               for c, values in enumerate(zip(*raw, strict=True))]
    return list(map(list, zip(*columns, strict=True)))


def _convert_column(values: tuple[Any, ...], c: int, cells: SheetCells,
                    fixed: dict[int, int] | None, first_row: int,
                    blank: bool) -> list[CellStr | None]:
    """One column: its first cell (a header, usually text) alone, the rest by their type."""
    head = _cell(values[0], first_row * COLS + c, cells, fixed.get(0, 0) if fixed else 0, blank)
    rest = values[1:]
    start = (first_row + 1) * COLS + c
    positions = range(start, start + len(rest) * COLS, COLS)
    kinds = set(map(type, rest))
    if kinds == {str}:
        return [head, *_text_cells(rest, positions, cells, blank)]
    if kinds == {float}:
        shifted = {index - 1: count for index, count in fixed.items()} if fixed else None
        return [head, *_number_cells(rest, positions, cells, shifted)]
    out = [head]
    for index, (position, value) in enumerate(zip(positions, rest, strict=True), 1):
        out.append(_cell(value, position, cells, fixed.get(index, 0) if fixed else 0, blank))
    return out


def _text_cells(values: tuple[str, ...], positions: range, cells: SheetCells,
                blank: bool) -> list[CellStr | None]:
    new: Callable[[type[CellStr], str], CellStr] = str.__new__
    text_cls = cells.text_cls
    out: list[CellStr | None] = []
    add = out.append
    for position, value in zip(positions, values, strict=True):
        text = value.strip()
        if text or blank:
            cell = new(text_cls, text)
            cell._p = position
            add(cell)
        else:
            add(None)
    return out


def _number_cells(values: tuple[float, ...], positions: range, cells: SheetCells,
                  fixed: dict[int, int] | None) -> list[CellStr | None]:
    new: Callable[[type[CellStr], str], CellStr] = str.__new__
    texts = [str(int(v)) if v.is_integer() and -1e16 < v < 1e16 else repr(v) for v in values]
    for index, text in enumerate(texts):
        if "e" in text:
            texts[index] = format(Decimal(text), "f")
    if fixed:
        count = len(texts)
        for index, places in fixed.items():
            if 0 <= index < count:
                text = texts[index]
                dot = text.find(".")
                have = 0 if dot < 0 else len(text) - dot - 1
                if places > have:
                    texts[index] = text + ("." if dot < 0 else "") + "0" * (places - have)
    int_cls, float_cls = cells.int_cls, cells.float_cls
    out: list[CellStr | None] = []
    add = out.append
    for position, text in zip(positions, texts, strict=True):
        cell = new(float_cls if "." in text else int_cls, text)
        cell._p = position
        add(cell)
    return out


def _pad(text: str, places: int) -> str:
    dot = text.find(".")
    have = 0 if dot < 0 else len(text) - dot - 1
    if places > have:
        text += ("." if dot < 0 else "") + "0" * (places - have)
    return text


def _cell(value: Any, position: int, cells: SheetCells, places: int,
          blank: bool) -> CellStr | None:
    """One cell of a mixed column."""
    cls: type[CellStr]
    if isinstance(value, str):
        text = value.strip()
        if not text and not blank:
            return None
        cls = cells.text_cls
    elif isinstance(value, bool):
        text, cls = ("true" if value else "false"), cells.text_cls
    elif isinstance(value, (int, float)):
        text = number_text(float(value), places) if isinstance(value, float) else str(value)
        cls = cells.float_cls if "." in text else cells.int_cls
    elif isinstance(value, (date, datetime, time)):
        text, cls = date_text(value), cells.date_cls
    elif value is None:
        if not blank:
            return None
        text, cls = "", cells.text_cls
    else:  # pragma: no cover - timedelta and other rarities: their text
        text, cls = str(value), cells.text_cls
    cell: CellStr = str.__new__(cls, text)
    cell._p = position
    return cell


# --- Number formats ------------------------------------------------------------------------

_BUILTIN_PLACES = {2: 2, 4: 2, 7: 2, 8: 2, 9: 2, 10: 4, 39: 2, 40: 2, 43: 2, 44: 2}
_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def format_places(code: str) -> int:
    """Decimals a number format always shows (``#,##0.00`` -> 2, ``0.0%`` -> 3)."""
    section = _QUOTED.sub("", code.split(";")[0])
    if re.search(r"[eE][+-]", section) or re.search(r"[ymdhs]", section, re.IGNORECASE):
        return 0
    match = re.search(r"\.(0+)", section)
    places = len(match.group(1)) if match else 0
    return places + 2 * section.count("%") if places or "%" in section else 0


def _style_places(book: zipfile.ZipFile) -> dict[int, int]:
    """Style index -> fixed decimals, for the styles whose number format fixes some."""
    try:
        root = ElementTree.fromstring(book.read("xl/styles.xml"))
    except (KeyError, ElementTree.ParseError):
        return {}
    custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "")
              for f in root.iterfind("m:numFmts/m:numFmt", _NS)}
    places: dict[int, int] = {}
    for index, xf in enumerate(root.iterfind("m:cellXfs/m:xf", _NS)):
        fmt = int(xf.get("numFmtId", "0"))
        fixed = format_places(custom[fmt]) if fmt in custom else _BUILTIN_PLACES.get(fmt, 0)
        if fixed:
            places[index] = fixed
    return places


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part in the package."""
    try:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iterfind("rel:Relationship",
                                                                              _NS)}
    parts: dict[str, str] = {}
    for sheet in workbook.iterfind("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        if target:
            parts[sheet.get("name", "")] = (target.lstrip("/") if target.startswith("/")
                                            else "xl/" + target)
    return parts


Places = dict[int, dict[int, int]]  # column -> row -> decimals its number format fixes


def _places_pattern(styles: dict[int, int]) -> tuple[re.Pattern[bytes], list[int]]:
    """Cells whose format fixes more decimals than their stored value shows.

    One group per count of decimals: ``<c r="D7" s="3"><v>2.5</v>`` with style 3 fixing two
    decimals matches; ``<v>2.25</v>`` does not (nothing to add). Long values (17 characters and
    more, as some programs store floats) always match and are checked on the float.
    """
    by_places: dict[int, list[int]] = {}
    for style, count in sorted(styles.items()):
        by_places.setdefault(count, []).append(style)
    counts = sorted(by_places)
    branches = [b"(" + b"|".join(str(s).encode() for s in by_places[count]) +
                rb')"(?: t="n")?><v>(?:-?[0-9]+(?:\.[0-9]{0,%d})?|[^<]{17,})</v>' % (count - 1)
                for count in counts]
    pattern = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)" s="(?:' + b"|".join(branches) + b")")
    return pattern, counts


def fixed_places(path: str) -> dict[str, Places]:
    """Per sheet name: the decimals fixed by number formats, for cells that need them.

    One regular-expression pass over each sheet's XML finds the cells whose style fixes more
    decimals than their value shows (``2.5`` shown as ``2.50``); a workbook without such
    styles costs nothing.
    """
    try:
        book = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        return {}
    with book:
        styles = _style_places(book)
        if not styles:
            return {}
        pattern, counts = _places_pattern(styles)
        result: dict[str, Places] = {}
        for name, part in _sheet_parts(book).items():
            try:
                xml = book.read(part)
            except KeyError:
                continue
            found: Places = {}
            columns: dict[bytes, dict[int, int]] = {}
            matches = pattern.findall(xml)
            for col in {match[0] for match in matches}:
                columns[col] = found[column_index(col.decode())] = {}
            if len(counts) == 1:
                count = counts[0]
                for col, row, _ in matches:
                    columns[col][int(row) - 1] = count
            else:
                for col, row, *groups in matches:
                    columns[col][int(row) - 1] = next(
                        c for c, g in zip(counts, groups, strict=True) if g)
            if found:
                result[name] = found
        return result
