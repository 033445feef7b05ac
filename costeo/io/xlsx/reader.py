"""Read a program workbook back into the model, every value located at its cell.

The workbook is read with python-calamine and turned into the same plain document the YAML
loader builds (mappings, lists and text scalars) whose scalars are cells: validation is the
YAML loader's own (:func:`costeo.io.program_yaml.validate_document`), so a price typed as
``S/ 2.50`` is reported as ``libro.xlsx!Insumos!I12 [not-a-number]``. Problems only a workbook
can have (an unknown sheet, a missing column, a row for an activity that does not exist, the
same key twice) are found first, located too; when there are any, validation does not run.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from costeo.diagnostics import Diagnostic, Diagnostics, Location
from costeo.io.program_yaml import validate_document
from costeo.io.xlsx import layout as L
from costeo.io.xlsx.grid import CellStr, SheetCells, SheetRef, column_letters, convert_rows
from costeo.io.xlsx.grid import fixed_places as read_fixed_places
from costeo.io.yaml_source import LDict, LList
from costeo.messages import Localized, did_you_mean
from costeo.model.program import Program

Cell = CellStr | None
MAX_CHOICES = 12  # codes listed in an 'allowed values' hint


def ldict(loc: Location | None) -> LDict:
    node = LDict()
    node.loc = loc  # type: ignore[assignment]
    node.key_locs = {}
    return node


def llist(loc: Location | None) -> LList:
    node = LList()
    node.loc = loc  # type: ignore[assignment]
    return node


def where(loc: Location | None) -> str:
    """A previous occurrence, for 'the first is on line ...' hints: row and cell."""
    if loc is None:
        return "?"
    return f"{loc.line} ({loc.sheet}!{loc.cell})" if loc.sheet else str(loc.line)


def choices_text(values: list[str]) -> str:
    shown = ", ".join(values[:MAX_CHOICES])
    return shown + (", …" if len(values) > MAX_CHOICES else "")


def split_list(cell: CellStr) -> LList:
    """A comma-separated cell as a list of cells at the same place."""
    items = llist(cell.loc)
    cls = type(cell)
    for part in str(cell).split(","):
        text = part.strip()
        if text:
            item: CellStr = str.__new__(cls, text)
            item._p = cell._p
            items.append(item)
    return items


@dataclass
class TRow:
    r: int
    values: dict[str, CellStr]
    extras: dict[str, CellStr]
    cells: SheetCells

    @property
    def loc(self) -> Location:
        """The row's first cell."""
        return self.cells.loc(self.r, 0)


@dataclass
class Table:
    spec: L.SheetSpec
    name: str
    cells: SheetCells
    columns: dict[str, int] = field(default_factory=dict)  # path -> column index
    headers: dict[str, str] = field(default_factory=dict)  # path -> header as written
    extras: list[tuple[str, int]] = field(default_factory=list)
    rows: list[TRow] = field(default_factory=list)

    def loc(self, row: TRow, path: str) -> Location:
        col = self.columns.get(path)
        return self.cells.loc(row.r, col) if col is not None else row.loc

    def label(self, path: str, lang: str) -> str:
        return self.headers.get(path) or self.spec.col(path).label(lang)


class WorkbookReader:
    def __init__(self, path: Path, file: str, lang: str, diagnostics: Diagnostics) -> None:
        self.path = path
        self.file = file
        self.lang = lang
        self.diagnostics = diagnostics
        self.book = CalamineWorkbook.from_path(str(path))
        suffix = path.suffix.casefold()
        self.places = read_fixed_places(str(path)) if suffix in (".xlsx", ".xlsm") else {}
        self.sheets: dict[str, str] = {}  # spec key -> sheet name
        self.used: set[str] = set()
        self.root = ldict(Location(file))
        self.products: dict[str, LDict] = {}
        self.activities: dict[str, LDict] = {}
        self.inputs: dict[tuple[str, str], LDict] = {}
        self.tables: dict[str, Table] = {}

    # diagnostics
    def add(self, code: str, loc: Location | None, /, **args: Any) -> None:
        self.diagnostics.add(code, loc, **args)

    def sheet_loc(self, name: str, row: int = 0, col: int = 0) -> Location:
        return SheetRef(self.file, name).at(row, col)

    # the sheets
    def find_sheets(self) -> None:
        for name in self.book.sheet_names:
            spec = L.sheet_by_name(name)
            if spec is None:
                continue
            if spec.key in self.sheets:
                self.add("duplicate-key", self.sheet_loc(name), key=name,
                         first_line=self.sheets[spec.key])
                continue
            self.sheets[spec.key] = name
            self.used.add(name)

    def grid(self, name: str, blank: bool = False) -> tuple[SheetCells, list[list[Cell]]]:
        raw = self.book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells = SheetCells(SheetRef(self.file, name))
        return cells, convert_rows(raw, cells, self.places.get(name, {}), blank=blank)

    def table(self, spec: L.SheetSpec,
              extra: Callable[[str], bool] | None = None) -> Table | None:
        name = self.sheets.get(spec.key)
        if name is None:
            return None
        cells, rows = self.grid(name)
        table = self.tables[spec.key] = Table(spec, name, cells)
        if not rows:
            return table
        header = rows[0]
        headerless: list[int] = []
        for c, cell in enumerate(header):
            if cell is None:
                headerless.append(c)
                continue
            col = L.column_by_header(spec, cell)
            if col is None:
                if extra is not None and extra(cell):
                    table.extras.append((str(cell), c))
                else:
                    labels = [x.label(self.lang) for x in spec.cols]
                    self.add("unknown-field", cell.loc, field=str(cell),
                             suggestion=did_you_mean(str(cell), labels))
                continue
            if col.path in table.columns:
                first = cells.loc(0, table.columns[col.path])
                self.add("duplicate-key", cell.loc, key=str(cell), first_line=where(first))
                continue
            table.columns[col.path] = c
            table.headers[col.path] = str(cell)
        data = [(r, row) for r, row in enumerate(rows[1:], 1) if any(v is not None for v in row)]
        if not data:
            return table
        after = max((c + 1 for c, cell in enumerate(header) if cell is not None), default=0)
        for col in spec.cols:  # reported where the column could be added
            if col.required and col.path not in table.columns:
                self.add("missing-field", cells.loc(0, after), field=col.label(self.lang))
        for c in headerless:
            if any(row[c] is not None for _, row in data):
                letters = column_letters(c)
                self.add("missing-field", cells.loc(0, c),
                         field=Localized(es=f"encabezado de la columna {letters}",
                                         en=f"header of column {letters}"))
        mapped = list(table.columns.items())
        for r, row in data:
            width = len(row)
            values: dict[str, CellStr] = {path: cell for path, c in mapped
                                          if c < width and (cell := row[c]) is not None}
            extras: dict[str, CellStr] = {h: cell for h, c in table.extras
                                          if c < width and (cell := row[c]) is not None}
            table.rows.append(TRow(r, values, extras, cells))
        return table

    # building blocks
    def put(self, node: LDict, path: str, cell: CellStr, spec: L.SheetSpec | None = None,
            kind: L.Kind = "text") -> None:
        parts = path.split(".")
        for part in parts[:-1]:
            child = node.get(part)
            if child is None:
                child = node[part] = ldict(cell.loc)
                node.key_locs[part] = cell.loc
            elif not isinstance(child, LDict):
                first = spec.col(part).label(self.lang) if spec and part in spec.by_path else part
                second = (spec.col(path).label(self.lang) if spec and path in spec.by_path
                          else path)
                self.add("conflicting-values", cell.loc, first=first, second=second)
                return
            node = child
        key = parts[-1]
        if isinstance(node.get(key), LDict):  # e.g. 'target' after 'target.register'
            label = spec.col(path).label(self.lang) if spec and path in spec.by_path else path
            other = next((c.label(self.lang) for c in (spec.cols if spec else ())
                          if c.path.startswith(path + ".")), f"{path}.*")
            self.add("conflicting-values", cell.loc, first=other, second=label)
            return
        node[key] = split_list(cell) if kind in ("list", "ints") else cell
        node.key_locs[key] = cell.loc

    def node(self, table: Table, row: TRow, skip: tuple[str, ...] = ()) -> LDict:
        node = ldict(row.loc)
        for path, cell in row.values.items():
            if path.startswith("@") or path in skip:
                continue
            self.put(node, path, cell, table.spec, table.spec.col(path).kind)
        return node

    def section(self, key: str, loc: Location | None, kind: str = "dict") -> Any:
        """A top-level block of the document, made when first needed."""
        found = self.root.get(key)
        if found is None:
            found = self.root[key] = ldict(loc) if kind == "dict" else llist(loc)
            self.root.key_locs[key] = loc  # type: ignore[assignment]
        return found

    def child(self, node: LDict, key: str, loc: Location | None, kind: str = "dict") -> Any:
        found = node.get(key)
        if found is None:
            found = node[key] = ldict(loc) if kind == "dict" else llist(loc)
            node.key_locs[key] = loc  # type: ignore[assignment]
        return found

    def required(self, table: Table, row: TRow, path: str) -> CellStr | None:
        cell = row.values.get(path)
        if cell is None and path in table.columns:
            self.add("missing-field", table.loc(row, path), field=table.label(path, self.lang))
        return cell

    def lookup(self, table: Table, row: TRow, path: str, known: dict[str, Any]) -> Any:
        cell = self.required(table, row, path)
        if cell is None:
            return None
        found = known.get(str(cell))
        if found is None:
            self.add("invalid-choice", cell.loc, value=str(cell),
                     field=table.label(path, self.lang), choices=choices_text(list(known)))
        return found

    def keyed(self, table: Table, path: str) -> Iterator[tuple[str, TRow]]:
        """Rows with a unique key in column ``path``; repeats are duplicate keys."""
        seen: dict[str, Location] = {}
        for row in table.rows:
            cell = self.required(table, row, path)
            if cell is None:
                continue
            key = str(cell)
            if key in seen:
                self.add("duplicate-key", cell.loc, key=key, first_line=where(seen[key]))
                continue
            seen[key] = cell.loc
            yield key, row

    def grouped(self, table: Table, path: str) -> dict[str, list[TRow]]:
        groups: dict[str, list[TRow]] = {}
        for row in table.rows:
            cell = self.required(table, row, path)
            if cell is not None:
                groups.setdefault(str(cell), []).append(row)
        return groups

    def merge_head(self, table: Table, node: LDict, rows: list[TRow], paths: tuple[str, ...],
                   owner: str) -> None:
        """Fields of a block written on its first row; later rows may repeat them, not differ."""
        for path in paths:
            first: CellStr | None = None
            for row in rows:
                cell = row.values.get(path)
                if cell is None:
                    continue
                if first is None:
                    first = cell
                    self.put(node, path, cell, table.spec, table.spec.col(path).kind)
                elif str(cell) != str(first):
                    self.add("duplicate-key", cell.loc,
                             key=f"{owner}: {table.label(path, self.lang)}",
                             first_line=where(first.loc))

    # --- sheet by sheet ---------------------------------------------------------------------
    def read(self) -> LDict | None:
        self.find_sheets()
        for spec in (L.PROGRAM, L.PRODUCTS):
            if spec.key not in self.sheets:
                self.add("missing-field", Location(self.file), field=spec.name(self.lang))
        if self.diagnostics.has_errors:
            return None
        self.read_program()
        self.read_indicators()
        self.read_parameters()
        self.read_dimensions()
        self.read_zones()
        self.read_staff()
        self.read_centres()
        self.read_registers()
        self.read_calendars()
        self.read_products()
        self.read_activities()
        self.read_inputs()
        self.read_structure()
        self.read_zone_prices()
        self.read_records()
        self.read_published()
        self.read_populations()
        self.read_ceilings()
        self.read_scenarios()
        self.read_review()
        self.check_unknown_sheets()
        return self.root

    def read_program(self) -> None:
        name = self.sheets[L.PROGRAM.key]
        cells, rows = self.grid(name)
        seen: dict[str, Location] = {}
        headers = {L.fold(h) for pair in L.PROGRAM_HEADERS for h in pair}
        for r, row in enumerate(rows):
            key = row[0] if row else None
            value = row[1] if len(row) > 1 else None
            if key is None:
                if value is not None:
                    self.add("missing-field", cells.loc(r, 0),
                             field=Localized(es="campo", en="field"))
                continue
            if r == 0 and L.fold(key) in headers:
                continue
            col = L.column_by_header(L.PROGRAM, key)
            if col is None:
                self.add("unknown-field", key.loc, field=str(key), suggestion=did_you_mean(
                    str(key), [c.label(self.lang) for c in L.PROGRAM.cols]))
                continue
            if col.path in seen:
                self.add("duplicate-key", key.loc, key=str(key), first_line=where(seen[col.path]))
                continue
            seen[col.path] = key.loc
            if value is not None:
                self.put(self.root, col.path, value, L.PROGRAM, col.kind)
        if "program" not in self.root:
            self.section("program", self.sheet_loc(name))

    def result(self, loc: Location) -> LDict:
        program = self.section("program", loc)
        result: LDict = self.child(program, "result", loc)
        return result

    def read_indicators(self) -> None:
        table = self.table(L.INDICATORS)
        if table is None or not table.rows:
            return
        loc = table.rows[0].loc
        indicators = self.child(self.result(loc), "indicators", loc, "list")
        for row in table.rows:
            indicators.append(self.node(table, row))

    def read_parameters(self) -> None:
        table = self.table(L.PARAMETERS)
        if table is None or not table.rows:
            return
        parameters = self.section("parameters", table.rows[0].loc)
        for code, rows in self.grouped(table, "@parameter").items():
            first = rows[0]
            node = parameters[code] = ldict(first.loc)
            parameters.key_locs[code] = table.loc(first, "@parameter")
            self.merge_head(table, node, rows, ("name", "unit", "source"), code)
            values = self.child(node, "values", first.loc, "list")
            dates: dict[str, Location] = {}
            for row in rows:
                dated = {k[len("value."):]: v for k, v in row.values.items()
                         if k.startswith("value.")}
                if not dated:
                    continue
                when = dated.get("from")
                if when is not None:
                    if str(when) in dates:
                        self.add("duplicate-key", when.loc, key=f"{code} ({when})",
                                 first_line=where(dates[str(when)]))
                        continue
                    dates[str(when)] = when.loc
                item = ldict(row.loc)
                for key, cell in dated.items():
                    item[key] = cell
                    item.key_locs[key] = cell.loc
                values.append(item)

    def read_dimensions(self) -> None:
        table = self.table(L.DIMENSIONS)
        if table is None or not table.rows:
            return
        dimensions = self.section("dimensions", table.rows[0].loc)
        for code, rows in self.grouped(table, "@dimension").items():
            first = rows[0]
            node = dimensions[code] = ldict(first.loc)
            dimensions.key_locs[code] = table.loc(first, "@dimension")
            heads = tuple(c.path for c in table.spec.cols if not c.path.startswith("@"))
            self.merge_head(table, node, rows, heads, code)
            labelled = any("@label" in row.values for row in rows)
            values: LDict | LList = ldict(first.loc) if labelled else llist(first.loc)
            seen: dict[str, Location] = {}
            for row in rows:
                value = row.values.get("@code")
                if value is None:
                    if "@label" in row.values:
                        self.required(table, row, "@code")
                    continue
                if str(value) in seen:
                    self.add("duplicate-key", value.loc, key=f"{code}: {value}",
                             first_line=where(seen[str(value)]))
                    continue
                seen[str(value)] = value.loc
                if isinstance(values, LDict):
                    values[str(value)] = row.values.get("@label")
                    values.key_locs[str(value)] = value.loc
                else:
                    values.append(value)
            if seen:
                node["values"] = values
                node.key_locs["values"] = first.loc

    def keyed_section(self, spec: L.SheetSpec, section: str,
                      extra: Callable[[str], bool] | None = None
                      ) -> Iterator[tuple[Table, str, TRow, LDict]]:
        table = self.table(spec, extra)
        if table is None or not table.rows:
            return
        block = self.section(section, table.rows[0].loc)
        for code, row in self.keyed(table, "@code"):
            node = block[code] = self.node(table, row)
            block.key_locs[code] = table.loc(row, "@code")
            yield table, code, row, node

    def read_zones(self) -> None:
        zones = {code: node for _, code, _, node in self.keyed_section(L.ZONES, "zones")}
        table = self.table(L.ZONE_MAP)
        if table is None:
            return
        for row in table.rows:
            node = self.lookup(table, row, "@zones", zones)
            zone = self.required(table, row, "@zone")
            if node is None or zone is None:
                continue
            places = self.child(self.child(node, "map", row.loc), str(zone), zone.loc, "list")
            place = row.values.get("@code")
            if place is not None:
                places.append(place)

    def read_staff(self) -> None:
        for _ in self.keyed_section(L.STAFF, "staff"):
            pass

    def read_centres(self) -> None:
        prefix = L.fold(L.BASE_PREFIX[0])

        def is_base(header: str) -> bool:
            return L.fold(header).startswith(prefix)

        for _, _, row, node in self.keyed_section(L.CENTRES, "cost_centres", is_base):
            if row.extras:
                bases = self.child(node, "bases", next(iter(row.extras.values())).loc)
                for header, cell in row.extras.items():
                    base = header.split(":", 1)[1].strip()
                    bases[base] = cell
                    bases.key_locs[base] = cell.loc

    def sheet_named(self, table: Table, row: TRow, path: str) -> str | None:
        cell = self.required(table, row, path)
        if cell is None:
            return None
        names = self.book.sheet_names
        name = str(cell)
        if name not in names:
            folded = [n for n in names if L.fold(n) == L.fold(name)]
            if not folded:
                self.add("invalid-choice", cell.loc, value=name,
                         field=table.label(path, self.lang),
                         choices=choices_text([n for n in names if n not in self.used]))
                return None
            name = folded[0]
        self.used.add(name)
        return name

    def data_sheet(self, name: str) -> tuple[SheetCells, list[CellStr], list[list[Any]]]:
        """A table of codes and numbers: its header cells and its rows (empty cells as '')."""
        cells, rows = self.grid(name, blank=True)
        if not rows:
            return cells, [], []
        header_row = rows[0]
        width = len(header_row)
        while width and not header_row[width - 1]:
            width -= 1
        header: list[CellStr] = []
        for c in range(width):
            cell = header_row[c]
            if not cell:
                if any(row[c] for row in rows[1:]):
                    letters = column_letters(c)
                    self.add("missing-field", cells.loc(0, c),
                             field=Localized(es=f"encabezado de la columna {letters}",
                                             en=f"header of column {letters}"))
                continue
            header.append(cell)
        if len(header) != width:
            return cells, header, []
        for c in range(width, len(header_row)):  # convert_rows gives rows of one width
            if any(row[c] for row in rows[1:]):
                letters = column_letters(c)
                self.add("missing-field", cells.loc(0, c),
                         field=Localized(es=f"encabezado de la columna {letters}",
                                         en=f"header of column {letters}"))
                return cells, header, []
        data = list(filter(any, rows[1:]))  # without empty rows
        if len(header_row) > width:
            data = [row[:width] for row in data]
        return cells, header, data

    def read_registers(self) -> None:
        for table, _, row, node in self.keyed_section(L.REGISTERS, "registers"):
            name = self.sheet_named(table, row, "@sheet")
            if name is None:
                continue
            _, header, data = self.data_sheet(name)
            columns = llist(self.sheet_loc(name))
            columns.extend(header)
            rows = llist(self.sheet_loc(name, 1))
            rows.extend(data)
            node["columns"], node["rows"] = columns, rows
            node.key_locs["columns"] = columns.loc
            node.key_locs["rows"] = rows.loc

    def read_calendars(self) -> None:
        calendars = {code: node for _, code, _, node in
                     self.keyed_section(L.CALENDARS, "calendars")}
        table = self.table(L.DAYS_OFF)
        if table is None:
            return
        for row in table.rows:
            calendar = self.lookup(table, row, "@calendar", calendars)
            start = self.required(table, row, "from")
            if calendar is None or start is None:
                continue
            if "to" in row.values:
                self.child(calendar, "breaks", row.loc, "list").append(self.node(table, row))
            else:
                self.child(calendar, "holidays", row.loc, "list").append(start)

    def read_products(self) -> None:
        table = self.table(L.PRODUCTS)
        products = self.section("products", self.sheet_loc(self.sheets[L.PRODUCTS.key]), "list")
        if table is None:
            return
        for row in table.rows:
            node = self.node(table, row)
            code = row.values.get("code")
            if code is not None:
                if str(code) in self.products:
                    first = self.products[str(code)]
                    self.add("duplicate-code", code.loc, code=str(code),
                             first_line=where(first.key_locs.get("code")))
                else:
                    self.products[str(code)] = node
            products.append(node)

    def read_activities(self) -> None:
        table = self.table(L.ACTIVITIES)
        if table is None:
            return
        common = {L.fold(w) for w in L.COMMON}
        known = [*self.products, L.word(L.COMMON, self.lang)]
        for row in table.rows:
            node = self.node(table, row)
            method_loc = table.loc(row, "cost.method")
            if "cost" not in node:
                node["cost"] = ldict(method_loc)
                node.key_locs["cost"] = method_loc
            else:
                node["cost"].loc = method_loc
            if "@cells" in row.values:
                self.read_cells(table, row, node)
            code = row.values.get("code")
            if code is not None:  # known even if its product is not: its inputs find it
                if str(code) in self.activities:
                    first = self.activities[str(code)]
                    self.add("duplicate-code", code.loc, code=str(code),
                             first_line=where(first.key_locs.get("code")))
                else:
                    self.activities[str(code)] = node
            product_cell = self.required(table, row, "@product")
            if product_cell is None:
                continue
            if L.fold(product_cell) in common:
                self.section("common_actions", row.loc, "list").append(node)
                continue
            product = self.products.get(str(product_cell))
            if product is None:
                self.add("invalid-choice", product_cell.loc, value=str(product_cell),
                         field=table.label("@product", self.lang), choices=choices_text(known))
                continue
            self.child(product, "activities", row.loc, "list").append(node)

    def read_cells(self, table: Table, row: TRow, node: LDict) -> None:
        name = self.sheet_named(table, row, "@cells")
        if name is None:
            return
        sheet_cell = row.values["@cells"]
        cells_node = self.child(node, "cells", sheet_cell.loc)
        _, header, data = self.data_sheet(name)
        dims_known = set(self.root.get("dimensions") or {})
        dims, dim_idx, cols, col_idx = llist(sheet_cell.loc), [], llist(sheet_cell.loc), []
        value_names = {L.fold(label): key for key, pair in L.CELL_COLUMNS.items()
                       for label in pair}
        prices = tuple(L.fold(p) for p in L.PRICE)
        for c, cell in enumerate(header):
            if str(cell) in dims_known:
                dims.append(cell)
                dim_idx.append(c)
                continue
            folded = L.fold(cell)
            text = value_names.get(folded)
            if text is None:
                prefix = next((p for p in prices if folded.startswith(p)), None)
                text = "price." + str(cell)[len(prefix):].strip() if prefix else str(cell)
            renamed: CellStr = str.__new__(type(cell), text)
            renamed._p = cell._p
            cols.append(renamed)
            col_idx.append(c)
        order = dim_idx + col_idx
        rows = llist(sheet_cell.loc)
        if order == list(range(len(order))):
            rows.extend(data)
        else:
            rows.extend([row[i] for i in order] for row in data)
        for key, value in (("dimensions", dims), ("columns", cols), ("rows", rows)):
            cells_node[key] = value
            cells_node.key_locs[key] = sheet_cell.loc

    def read_inputs(self) -> None:
        table = self.table(L.INPUTS)
        if table is not None:
            for row in table.rows:
                activity = self.lookup(table, row, "@activity", self.activities)
                if activity is None:
                    continue
                node = self.node(table, row)
                cost = activity["cost"]
                self.child(cost, "inputs", row.loc, "list").append(node)
                ident = row.values.get("id")
                if ident is not None:
                    self.inputs.setdefault((str(row.values["@activity"]), str(ident)), node)
        for activity in self.activities.values():
            cost = activity["cost"]
            if str(cost.get("method")) == "bottom_up" and "inputs" not in cost:
                self.child(cost, "inputs", cost.loc, "list")

    def read_structure(self) -> None:
        self.read_input_map(L.STRUCTURE, "@component", "@share", ("structure",))

    def read_zone_prices(self) -> None:
        self.read_input_map(L.ZONE_PRICES, "@zone", "@price", ("zone_prices", "prices"))

    def read_input_map(self, spec: Any, key: str, value: str, path: tuple[str, ...]) -> None:
        """Rows that fill a mapping under an input (cost-structure shares, zone prices)."""
        table = self.table(spec)
        if table is None:
            return
        for row in table.rows:
            if self.lookup(table, row, "@activity", self.activities) is None:
                continue
            activity = str(row.values["@activity"])
            ids = {i: n for (a, i), n in self.inputs.items() if a == activity}
            node = self.lookup(table, row, "@input", ids)
            name = self.required(table, row, key)
            amount = self.required(table, row, value)
            if node is None or name is None or amount is None:
                continue
            mapping = node
            for step in path:
                mapping = self.child(mapping, step, name.loc)
            if str(name) in mapping:
                self.add("duplicate-key", name.loc, key=str(name),
                         first_line=where(mapping.key_locs[str(name)]))
                continue
            mapping[str(name)] = amount
            mapping.key_locs[str(name)] = name.loc

    def read_records(self) -> None:
        table = self.table(L.RECORDS)
        if table is not None:
            for row in table.rows:
                activity = self.lookup(table, row, "@activity", self.activities)
                if activity is not None:
                    records = self.child(activity["cost"], "records", row.loc, "list")
                    records.append(self.node(table, row))
        for activity in self.activities.values():
            cost = activity["cost"]
            if str(cost.get("method")) == "observed" and "records" not in cost:
                self.child(cost, "records", cost.loc, "list")

    def read_published(self) -> None:
        table = self.table(L.PUBLISHED, extra=lambda header: True)
        if table is None:
            return
        levels = {L.fold(w): key for key, pair in L.LEVELS.items() for w in pair}
        kinds = {L.fold(w): key for key, pair in L.ROWS.items() for w in pair}
        totals: dict[tuple[str, str], Location] = {}
        for row in table.rows:
            level_cell = self.required(table, row, "@level")
            if level_cell is None:
                continue
            level = levels.get(L.fold(level_cell))
            if level is None:
                self.add("invalid-choice", level_cell.loc, value=str(level_cell),
                         field=table.label("@level", self.lang), choices=", ".join(
                             L.word(pair, self.lang) for pair in L.LEVELS.values()))
                continue
            kind_cell = row.values.get("@row")
            kind = kinds.get(L.fold(kind_cell)) if kind_cell is not None else "total"
            if kind is None:
                assert kind_cell is not None
                self.add("invalid-choice", kind_cell.loc, value=str(kind_cell),
                         field=table.label("@row", self.lang), choices=", ".join(
                             L.word(pair, self.lang) for pair in L.ROWS.values()))
                continue
            if level == "frame":
                self.published_frame(table, row)
                continue
            owner: LDict | None = self.root
            if level == "product":
                owner = self.lookup(table, row, "@code", self.products)
            elif level == "activity":
                owner = self.lookup(table, row, "@code", self.activities)
            if owner is None:
                continue
            published = self.child(owner, "published", row.loc)
            code = str(row.values.get("@code", "")) if level != "program" else ""
            if kind == "total":
                if (level, code) in totals:
                    self.add("duplicate-key", level_cell.loc, key=f"{level_cell} {code} total",
                             first_line=where(totals[(level, code)]))
                    continue
                totals[(level, code)] = level_cell.loc
                for path, cell in row.values.items():
                    if not path.startswith("@"):
                        self.put(published, path, cell, table.spec, table.spec.col(path).kind)
            elif kind == "subtotal":
                node = self.node(table, row)
                filters = ldict(row.loc)
                for header, cell in row.extras.items():
                    filters[header] = cell
                    filters.key_locs[header] = cell.loc
                node["where"] = filters
                node.key_locs["where"] = filters.loc
                self.child(published, "subtotals", row.loc, "list").append(node)
            else:
                key = self.required(table, row, "@classifier")
                amount = self.required(table, row, "amount")
                if key is None or amount is None:
                    continue
                by_classifier = self.child(published, "by_classifier", key.loc)
                if str(key) in by_classifier:
                    self.add("duplicate-key", key.loc, key=str(key),
                             first_line=where(by_classifier.key_locs[str(key)]))
                    continue
                by_classifier[str(key)] = amount
                by_classifier.key_locs[str(key)] = key.loc

    def published_frame(self, table: Table, row: TRow) -> None:
        year = self.required(table, row, "@code")
        amount = self.required(table, row, "amount")
        if year is None or amount is None:
            return
        frame = self.section("frame", row.loc)
        published = self.child(frame, "published", row.loc)
        if str(year) in published:
            self.add("duplicate-key", year.loc, key=str(year),
                     first_line=where(published.key_locs[str(year)]))
            return
        published[str(year)] = amount
        published.key_locs[str(year)] = year.loc

    def read_populations(self) -> None:
        table = self.table(L.POPULATIONS)
        if table is None or not table.rows:
            return
        frame = self.section("frame", table.rows[0].loc)
        for code, rows in self.grouped(table, "@population").items():
            first = rows[0]
            heads = ("name", "unit", "source")
            if any(p in row.values for row in rows for p in (*heads, "@value")):
                populations = self.child(frame, "populations", first.loc)
                node = populations[code] = ldict(first.loc)
                populations.key_locs[code] = table.loc(first, "@population")
                self.merge_head(table, node, rows, heads, code)
                values = self.child(node, "values", first.loc)
            else:
                values = None
            for row in rows:
                value, coverage = row.values.get("@value"), row.values.get("@coverage")
                if value is None and coverage is None:
                    continue
                year = self.required(table, row, "@year")
                if year is None:
                    continue
                for cell, target in ((value, values), (coverage, None)):
                    if cell is None:
                        continue
                    if target is None:
                        target = self.child(self.child(frame, "coverage", row.loc), code,
                                            row.loc)
                    if str(year) in target:
                        self.add("duplicate-key", year.loc, key=f"{code} ({year})",
                                 first_line=where(target.key_locs[str(year)]))
                        continue
                    target[str(year)] = cell
                    target.key_locs[str(year)] = year.loc

    def read_ceilings(self) -> None:
        table = self.table(L.CEILINGS)
        if table is None or not table.rows:
            return
        ceilings = self.section("ceilings", table.rows[0].loc, "list")
        for row in table.rows:
            ceilings.append(self.node(table, row))

    def read_review(self) -> None:
        table = self.table(L.REVIEW_RATIOS)
        if table is None or not table.rows:
            return
        review = self.section("review", table.rows[0].loc)
        ratios = self.child(review, "ratios", table.rows[0].loc, "list")
        for row in table.rows:
            ratios.append(self.node(table, row))

    def read_scenarios(self) -> None:
        scenarios = {code: node for _, code, _, node in
                     self.keyed_section(L.SCENARIOS, "scenarios")}
        changes = self.table(L.CHANGES)
        if changes is not None:
            for row in changes.rows:
                scenario = self.lookup(changes, row, "@scenario", scenarios)
                if scenario is not None:
                    self.child(scenario, "changes", row.loc, "list").append(
                        self.node(changes, row))
        previous = self.table(L.PREVIOUS)
        if previous is None:
            return
        for row in previous.rows:
            scenario = self.lookup(previous, row, "@scenario", scenarios)
            code = self.required(previous, row, "@code")
            amount = self.required(previous, row, "@amount")
            if scenario is None or code is None or amount is None:
                continue
            inertial = self.child(scenario, "inertial", row.loc)
            amounts = self.child(inertial, "previous", row.loc)
            if str(code) in amounts:
                self.add("duplicate-key", code.loc, key=str(code),
                         first_line=where(amounts.key_locs[str(code)]))
                continue
            amounts[str(code)] = amount
            amounts.key_locs[str(code)] = code.loc

    def check_unknown_sheets(self) -> None:
        known = [s.name(self.lang) for s in L.SHEETS]
        for name in self.book.sheet_names:
            if name not in self.used:
                self.add("unknown-field", Location(self.file, sheet=name), field=name,
                         suggestion=did_you_mean(name, known))


def _with_headers(diagnostics: Diagnostics, start: int, reader: WorkbookReader) -> None:
    """Name fields as the workbook's headers do ('Precio', not 'price') in new diagnostics."""
    by_sheet = {table.name: table for table in reader.tables.values()}
    for index in range(start, len(diagnostics)):
        d = diagnostics[index]
        table = by_sheet.get(d.location.sheet or "") if d.location else None
        name = d.args.get("field")
        if table is None or d.location is None or not isinstance(name, str):
            continue
        matches = {c: path for path, c in table.columns.items()
                   if not path.startswith("@") and path.rsplit(".", 1)[-1] == name}
        col = d.location.col - 1
        path = matches.get(col) or (next(iter(matches.values())) if len(matches) == 1 else None)
        if path is not None:
            diagnostics[index] = Diagnostic(d.code, d.location,
                                            {**d.args, "field": table.headers[path]})


def read_document(path: Path, diagnostics: Diagnostics, lang: str = "es",
                  display: str | None = None) -> tuple[LDict | None, WorkbookReader | None]:
    """The workbook as the YAML loader's document (None when it cannot be built)."""
    file = display or str(path)
    if not path.is_file():
        diagnostics.add("file-not-found", Location(file), path=file)
        return None, None
    try:
        reader = WorkbookReader(path, file, lang, diagnostics)
    except (CalamineError, OSError, ValueError):
        diagnostics.add("empty-file", Location(file))
        return None, None
    root = reader.read()
    if root is None or diagnostics.has_errors:
        return None, reader
    return root, reader


def import_program(path: str | Path, lang: str = "es", display: str | None = None
                   ) -> tuple[Program | None, Diagnostics]:
    """Read a workbook written by :func:`export_program` (and edited) back into a program.

    Never raises for a bad workbook: every problem is a located diagnostic
    (``file.xlsx!Sheet!B7``) and the program is None when there are errors.
    """
    diagnostics = Diagnostics()
    enabled = gc.isenabled()
    gc.disable()  # a million new objects, none of them garbage: skip the collector's passes
    try:
        root, reader = read_document(Path(path), diagnostics, "en" if lang == "en" else "es",
                                     display)
        if root is None or reader is None:
            return None, diagnostics
        start = len(diagnostics)
        program = validate_document(root, reader.file, diagnostics)
        _with_headers(diagnostics, start, reader)
        return program, diagnostics
    finally:
        if enabled:
            gc.enable()
