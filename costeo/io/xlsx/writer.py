"""Write a program model as a workbook an analyst can edit (and costeo can read back).

Numbers are number cells whose format shows the exact value (``#,##0.00`` for 1.70);
parameter references are text (``$precio``); codes are text cells in text-formatted columns,
so leading zeros survive new entries too. Code columns have dropdown lists (a hidden sheet
holds them), header rows are frozen and filtered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import xlsxwriter
from pydantic import BaseModel
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from costeo.io.xlsx import layout as L
from costeo.io.xlsx.grid import cell_name, column_letters
from costeo.model.methods import BottomUp, Observed
from costeo.model.program import Activity, Program, Published, RegisterTarget
from costeo.model.values import Qty, Ref

MAX_DIGITS = 15  # what Excel keeps of a number
HEADER_FILL = "#1F4E78"
SPARE_ROWS = 500  # rows below the data that keep the dropdowns and formats


class UnsupportedField(ValueError):
    """The program sets a model field the workbook layout does not carry."""


# --- Values --------------------------------------------------------------------------------

def excel_number(value: Decimal) -> float | None:
    """The float to write for ``value``, or None when Excel could not keep it exactly."""
    if not value.is_finite():
        return None
    digits = len(value.normalize().as_tuple().digits)
    if digits > MAX_DIGITS:
        return None
    number = float(value)
    return number if Decimal(repr(number)) == value else None


def places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def as_decimal(raw: Any) -> Decimal | None:
    """A table value (text from YAML, a cell, a number) as a Decimal, if it is one."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, (int, float)):
        return Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    text = str(raw).strip()
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        return None


@lru_cache(maxsize=65536)
def number_cell(text: str) -> tuple[float, str] | None:
    """The float and format key for a number's text (None: write it as text)."""
    number = as_decimal(text)
    if number is None:
        return None
    as_float = excel_number(number)
    return None if as_float is None else (as_float, f"n{places(number)}")


def field_name(model: type[BaseModel], key: str) -> str | None:
    if key in model.model_fields:
        return key
    for name, info in model.model_fields.items():
        if info.alias == key:
            return name
    return None


def value_at(node: Any, path: str) -> Any:
    """The value at a dotted path, None where a field was not written (so defaults stay)."""
    for part in path.split("."):
        if not isinstance(node, BaseModel):
            return None
        name = field_name(type(node), part)
        if name is None or name not in node.model_fields_set:
            return None
        node = getattr(node, name)
    return node


def check_coverage(program: Program) -> None:
    """Raise :class:`UnsupportedField` if the program sets a field the layout cannot hold."""
    missing: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, BaseModel):
            known = L.HANDLED.get(type(node).__name__, frozenset())
            for name in sorted(node.model_fields_set):
                path = f"{where}.{name}" if where else name
                if name not in known:
                    missing.append(f"{path} ({type(node).__name__})")
                else:
                    walk(getattr(node, name), path)
        elif isinstance(node, dict):
            for key, item in node.items():
                walk(item, f"{where}[{key}]")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, f"{where}[{index}]")

    walk(program, "")
    if missing:
        raise UnsupportedField("the workbook layout does not hold: " + ", ".join(missing))


# --- The workbook ----------------------------------------------------------------------------

Row = dict[str, Any]


class _Writer:
    def __init__(self, program: Program, lang: str) -> None:
        self.program = program
        self.lang = lang
        self.book: Workbook
        self.formats: dict[str, Format] = {}
        self.lists: dict[str, list[str]] = {}
        self.list_cols: dict[str, int] = {}
        # Fixed sheet names are taken from the start: an item sheet never gets one.
        self.sheet_names = {spec.name(lang).casefold() for spec in L.SHEETS}

    # formats
    def fmt(self, key: str) -> Format:
        found = self.formats.get(key)
        if found is None:
            props: dict[str, Any]
            if key == "header":
                props = {"bold": True, "font_color": "#FFFFFF", "bg_color": HEADER_FILL,
                         "text_wrap": True, "valign": "top", "border": 1}
            elif key == "text":
                props = {"num_format": "@"}
            elif key == "integer":
                props = {"num_format": "0"}
            elif key == "date":
                props = {"num_format": "yyyy-mm-dd"}
            elif key == "title":
                props = {"bold": True, "font_size": 14}
            elif key == "bold":
                props = {"bold": True}
            elif key == "wrap":
                props = {"text_wrap": True, "valign": "top"}
            else:  # "n<places>": a number shown with exactly that many decimals
                count = int(key[1:])
                props = {"num_format": "#,##0" + ("." + "0" * count if count else "")}
            found = self.formats[key] = self.book.add_format(props)
        return found

    def write(self, path: str | Path) -> None:
        check_coverage(self.program)
        self.book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False,
                                                    "strings_to_formulas": False,
                                                    "strings_to_urls": False})
        try:
            self._collect_lists()
            instructions = self._add_sheet(L.INSTRUCTIONS.name(self.lang))
            self._program_sheet()
            cells_sheets, register_sheets = self._item_sheet_names()
            self._tables(cells_sheets, register_sheets)
            self._register_sheets(register_sheets)
            self._cells_sheets(cells_sheets)
            self._lists_sheet()
            self._instructions(instructions)
            instructions.activate()
        finally:
            self.book.close()

    def _add_sheet(self, name: str) -> Worksheet:
        return self.book.add_worksheet(name)

    def _unique_name(self, prefix: str, code: str) -> str:
        base = re.sub(r"[\[\]:*?/\\]", "_", f"{prefix} {code}").strip("'")[:31]
        name, n = base, 2
        while name.casefold() in self.sheet_names:
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        self.sheet_names.add(name.casefold())
        return name

    # cells
    def put(self, ws: Worksheet, row: int, col: int, value: Any, kind: L.Kind) -> None:
        if value is None:
            return
        if kind in ("value", "number"):
            self.put_number(ws, row, col, value)
        elif kind == "integer":
            if isinstance(value, int):
                ws.write_number(row, col, value, self.fmt("integer"))
            else:
                ws.write_string(row, col, str(value), self.fmt("text"))
        elif kind == "date":
            if isinstance(value, date):
                ws.write_datetime(row, col, value, self.fmt("date"))
            else:
                ws.write_string(row, col, str(value), self.fmt("text"))
        elif kind in ("list", "ints"):
            ws.write_string(row, col, ", ".join(str(v) for v in value), self.fmt("text"))
        else:
            ws.write_string(row, col, str(value), self.fmt("text"))

    def put_number(self, ws: Worksheet, row: int, col: int, value: Any) -> None:
        """A number cell with the format that shows it exactly; text if it is not a number
        (a $reference, a mistake to keep) or if Excel could not hold it exactly."""
        if isinstance(value, Ref):
            ws.write_string(row, col, f"${value.name}", self.fmt("text"))
            return
        text = str(value.value) if isinstance(value, Qty) else str(value)
        cell = number_cell(text)
        if cell is None:
            ws.write_string(row, col, text, self.fmt("text"))
        else:
            ws.write_number(row, col, cell[0], self.fmt(cell[1]))

    # tables
    def table(self, spec: L.SheetSpec, rows: list[Row],
              extras: Iterable[tuple[str, L.Kind, str | None]] = ()) -> Worksheet:
        ws = self._add_sheet(spec.name(self.lang))
        extra = list(extras)
        cols: list[tuple[str, str, L.Kind, int, str | None, str]] = [
            (c.path, c.label(self.lang), c.kind, c.width, c.choices,
             c.doc_en if self.lang == "en" else c.doc_es) for c in spec.cols]
        cols += [("+" + header, header, kind, 14, choices, "") for header, kind, choices in extra]
        for index, (_, header, kind, width, _choices, doc) in enumerate(cols):
            ws.write_string(0, index, header, self.fmt("header"))
            column_format = self.fmt("text") if kind in ("text", "choice", "list", "ints") \
                else None
            ws.set_column(index, index, width, column_format)
            if doc:
                ws.write_comment(0, index, doc, {"x_scale": 1.5})
        for r, row in enumerate(rows, 1):
            for index, (key, _, kind, *_rest) in enumerate(cols):
                self.put(ws, r, index, row.get(key), kind)
        last = len(rows) + SPARE_ROWS
        for index, (_, _, kind, _, choices, _) in enumerate(cols):
            if choices:
                self.dropdown(ws, 1, index, last, choices, strict=kind == "choice")
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows), 1), len(cols) - 1)
        return ws

    def dropdown(self, ws: Worksheet, first: int, col: int, last: int, name: str,
                 strict: bool) -> None:
        values = self.lists.get(name)
        if not values:
            return
        letter = column_letters(self.list_cols[name])
        source = f"='{L.LISTS.name(self.lang)}'!${letter}$2:${letter}${len(values) + 1}"
        ws.data_validation(first, col, last, col, {
            "validate": "list", "source": source, "error_type": "stop" if strict else "warning",
            "ignore_blank": True})

    def _collect_lists(self) -> None:
        p, lang = self.program, self.lang
        lists = {name: list(values) for name, values in L.FIXED_CHOICES.items()}
        lists["level"] = [L.word(pair, lang) for pair in L.LEVELS.values()]
        lists["row"] = [L.word(pair, lang) for pair in L.ROWS.values()]
        lists["product"] = [*(pr.code for pr in p.products), L.word(L.COMMON, lang)]
        lists["activity"] = [a.code for _, a in p.activities()]
        lists["staff"] = list(p.staff)
        lists["centre"] = list(p.cost_centres)
        lists["register"] = list(p.registers)
        lists["dimension"] = list(p.dimensions)
        lists["calendar"] = list(p.calendars)
        lists["population"] = list(p.frame.populations) if p.frame else []
        lists["scenario"] = list(p.scenarios)
        lists["zones"] = list(p.zones)
        for code, dim in p.dimensions.items():
            lists[f"dim:{code}"] = dim.codes()
        self.lists = {k: list(dict.fromkeys(v)) for k, v in lists.items()}
        self.list_cols = {name: index for index, name in enumerate(self.lists)}

    def _lists_sheet(self) -> None:
        ws = self._add_sheet(L.LISTS.name(self.lang))
        for name, index in self.list_cols.items():
            ws.write_string(0, index, name, self.fmt("header"))
            ws.set_column(index, index, 16, self.fmt("text"))
            for r, value in enumerate(self.lists[name], 1):
                ws.write_string(r, index, value, self.fmt("text"))
        ws.hide()

    # the sheets
    def _program_sheet(self) -> None:
        ws = self._add_sheet(L.PROGRAM.name(self.lang))
        (field_es, field_en), (value_es, value_en) = L.PROGRAM_HEADERS
        en = self.lang == "en"
        ws.write_string(0, 0, field_en if en else field_es, self.fmt("header"))
        ws.write_string(0, 1, value_en if en else value_es, self.fmt("header"))
        ws.set_column(0, 0, 38, self.fmt("text"))
        ws.set_column(1, 1, 70, self.fmt("wrap"))
        for r, col in enumerate(L.PROGRAM.cols, 1):
            ws.write_string(r, 0, col.label(self.lang), self.fmt("bold"))
            self.put(ws, r, 1, value_at(self.program, col.path), col.kind)
            if col.choices:
                self.dropdown(ws, r, 1, r, col.choices, strict=col.kind == "choice")
        ws.freeze_panes(1, 1)

    def _item_sheet_names(self) -> tuple[dict[int, str], dict[str, str]]:
        """Names of the per-activity cells sheets (by id of the table) and register sheets."""
        cells: dict[int, str] = {}
        prefix = L.word(L.CELLS_PREFIX, self.lang)
        for _, activity in self.program.activities():
            if activity.cells is not None:
                cells[id(activity.cells)] = self._unique_name(prefix, activity.code)
        registers = {code: self._unique_name(L.word(L.REGISTER_PREFIX, self.lang), code)
                     for code in self.program.registers}
        return cells, registers

    def _tables(self, cells: dict[int, str], registers: dict[str, str]) -> None:
        p, lang = self.program, self.lang
        self.table(L.INDICATORS, [rows_of(L.INDICATORS, i) for i in p.program.result.indicators])
        self.table(L.PARAMETERS, list(parameter_rows(p)))
        self.table(L.DIMENSIONS, list(dimension_rows(p)))
        self.table(L.ZONES, [{"@code": code, **rows_of(L.ZONES, z)} for code, z in p.zones.items()])
        self.table(L.ZONE_MAP, list(zone_map_rows(p)))
        self.table(L.STAFF, [{"@code": code, **rows_of(L.STAFF, s)} for code, s in p.staff.items()])
        bases = list(dict.fromkeys(b for c in p.cost_centres.values() for b in c.bases))
        prefix = L.word(L.BASE_PREFIX, lang)
        centre_rows = []
        for code, centre in p.cost_centres.items():
            row = {"@code": code, **rows_of(L.CENTRES, centre)}
            row.update({f"+{prefix} {b}": v for b, v in centre.bases.items()})
            centre_rows.append(row)
        self.table(L.CENTRES, centre_rows, [(f"{prefix} {b}", "value", None) for b in bases])
        self.table(L.REGISTERS, [{"@code": code, "@sheet": registers[code],
                                  **rows_of(L.REGISTERS, r)} for code, r in p.registers.items()])
        self.table(L.CALENDARS, [{"@code": code, **rows_of(L.CALENDARS, c)}
                                 for code, c in p.calendars.items()])
        self.table(L.DAYS_OFF, list(days_off_rows(p)))
        self.table(L.PRODUCTS, [rows_of(L.PRODUCTS, pr) for pr in p.products])
        self.table(L.ACTIVITIES, list(activity_rows(p, cells, lang)))
        self.table(L.INPUTS, list(input_rows(p)))
        self.table(L.STRUCTURE, list(structure_rows(p)))
        self.table(L.ZONE_PRICES, list(zone_price_rows(p)))
        self.table(L.RECORDS, list(record_rows(p)))
        dims = list(p.dimensions)
        for block in published_blocks(p):
            dims += [k for sub in block.subtotals for k in sub.where if k not in dims]
        self.table(L.PUBLISHED, list(published_rows(p, lang)),
                   [(d, "text", f"dim:{d}" if d in p.dimensions else None) for d in dims])
        self.table(L.POPULATIONS, list(population_rows(p)))
        self.table(L.CEILINGS, [rows_of(L.CEILINGS, c) for c in p.ceilings])
        self.table(L.REVIEW_RATIOS, [rows_of(L.REVIEW_RATIOS, r)
                                     for r in (p.review.ratios if p.review else [])])
        self.table(L.SCENARIOS, [{"@code": code, **rows_of(L.SCENARIOS, s)}
                                 for code, s in p.scenarios.items()])
        self.table(L.CHANGES, [{"@scenario": code, **rows_of(L.CHANGES, ch)}
                               for code, s in p.scenarios.items() for ch in s.changes])
        self.table(L.PREVIOUS, [{"@scenario": code, "@code": key, "@amount": amount}
                                for code, s in p.scenarios.items() if s.inertial
                                for key, amount in s.inertial.previous.items()])

    def _register_sheets(self, names: dict[str, str]) -> None:
        for code, register in self.program.registers.items():
            ws = self._add_sheet(names[code])
            self.grid(ws, list(register.columns), register.rows, 1,
                      [f"dim:{register.period}"])

    def _cells_sheets(self, names: dict[int, str]) -> None:
        p = self.program
        for _, activity in p.activities():
            table = activity.cells
            if table is None:
                continue
            ws = self._add_sheet(names[id(table)])
            dims = list(table.dimensions)
            headers = dims + [cell_header(c, dims, self.lang) for c in table.columns]
            self.grid(ws, headers, table.rows, len(dims), [f"dim:{d}" for d in dims])

    def grid(self, ws: Worksheet, headers: list[str], rows: list[list[Any]], text_cols: int,
             lists: list[str]) -> None:
        """A data table: the first ``text_cols`` columns are codes, the others numbers."""
        header, text = self.fmt("header"), self.fmt("text")
        for index, name in enumerate(headers):
            ws.write_string(0, index, name, header)
            ws.set_column(index, index, max(12, len(name) + 2), text if index < text_cols
                          else None)
        put_number, write_string = self.put_number, ws.write_string
        for r, row in enumerate(rows, 1):
            for index, value in enumerate(row):
                if value is None:
                    continue
                if index < text_cols:
                    write_string(r, index, str(value), text)
                else:
                    put_number(ws, r, index, value)
        for index, name in enumerate(lists):
            self.dropdown(ws, 1, index, len(rows) + SPARE_ROWS, name, strict=False)
        ws.freeze_panes(1, text_cols)
        ws.autofilter(0, 0, max(len(rows), 1), max(len(headers) - 1, 0))

    def _instructions(self, ws: Worksheet) -> None:
        en = self.lang == "en"
        info = self.program.program
        ws.set_column(0, 0, 28)
        ws.set_column(1, 1, 34)
        ws.set_column(2, 2, 90, self.fmt("wrap"))
        title = ("costeo — program workbook" if en else "costeo — libro del programa")
        ws.write_string(0, 0, f"{title} {info.code}: {info.name}", self.fmt("title"))
        r = 2
        for line in L.CONVENTIONS[1 if en else 0]:
            ws.write_string(r, 0, "•", self.fmt("bold"))
            ws.write_string(r, 1, line)
            r += 1
        r += 1
        heads = ("Sheet", "Column", "Description") if en else ("Hoja", "Columna", "Descripción")
        for index, head in enumerate(heads):
            ws.write_string(r, index, head, self.fmt("header"))
        r += 1
        required = "required" if en else "obligatoria"
        for spec in (L.PROGRAM, *L.TABLES):
            ws.write_string(r, 0, spec.name(self.lang), self.fmt("bold"))
            ws.write_string(r, 2, spec.doc_en if en else spec.doc_es)
            r += 1
            for col in spec.cols:
                doc = col.doc_en if en else col.doc_es
                ws.write_string(r, 1, col.label(self.lang))
                if col.required:
                    doc = f"{doc} ({required})" if doc else required
                ws.write_string(r, 2, doc)
                r += 1
            extra = spec.extra_en if en else spec.extra_es
            if extra:
                ws.write_string(r, 2, extra)
                r += 1
        for prefix, text in ((L.CELLS_PREFIX, L.CELLS_DOC), (L.REGISTER_PREFIX, L.REGISTER_DOC)):
            ws.write_string(r, 0, L.word(prefix, self.lang) + " …", self.fmt("bold"))
            ws.write_string(r, 2, text[1 if en else 0])
            r += 1


def cell_header(column: str, dims: list[str], lang: str) -> str:
    """A cells column's header: its Spanish (or English) name, unless that is a dimension."""
    names = L.CELL_COLUMNS.get(column)
    if names is not None:
        header = L.word(names, lang)
    elif column.startswith("price."):
        header = L.word(L.PRICE, lang) + column[len("price."):]
    else:
        return column
    return column if header in dims else header


# --- Rows of each sheet --------------------------------------------------------------------

def rows_of(spec: L.SheetSpec, node: Any) -> Row:
    return {c.path: value_at(node, c.path) for c in spec.cols if not c.path.startswith("@")}


def parameter_rows(p: Program) -> Iterator[Row]:
    for code, parameter in p.parameters.items():
        head = {"@parameter": code, **{k: value_at(parameter, k) for k in ("name", "unit",
                                                                           "source")}}
        if not parameter.values:
            yield head
        for index, dated in enumerate(parameter.values):
            row = dict(head) if index == 0 else {"@parameter": code}
            row.update({"value.from": value_at(dated, "from"),
                        "value.value": value_at(dated, "value"),
                        "value.note": value_at(dated, "note")})
            yield row


def dimension_rows(p: Program) -> Iterator[Row]:
    for code, dim in p.dimensions.items():
        head = {"@dimension": code, **rows_of(L.DIMENSIONS, dim)}
        if not dim.values:
            yield head
        labelled = isinstance(dim.values, dict)
        for index, value in enumerate(dim.codes()):
            row = dict(head) if index == 0 else {"@dimension": code}
            row["@code"] = value
            if labelled:
                row["@label"] = dim.label(value)
            yield row


def zone_map_rows(p: Program) -> Iterator[Row]:
    for code, zones in p.zones.items():
        for zone, places in zones.map.items():
            if not places:
                yield {"@zones": code, "@zone": zone}
            for place in places:
                yield {"@zones": code, "@zone": zone, "@code": place}


def zone_price_rows(p: Program) -> Iterator[Row]:
    for activity, method in _bottom_up(p):
        for inp in method.inputs:
            if inp.zone_prices is not None:
                for zone, price in inp.zone_prices.prices.items():
                    yield {"@activity": activity.code, "@input": inp.id, "@zone": zone,
                           "@price": price}


def days_off_rows(p: Program) -> Iterator[Row]:
    for code, calendar in p.calendars.items():
        for day in calendar.holidays:
            yield {"@calendar": code, "from": day}
        for period in calendar.breaks:
            yield {"@calendar": code, "from": value_at(period, "from"),
                   "to": value_at(period, "to")}


def activity_rows(p: Program, cells: dict[int, str], lang: str) -> Iterator[Row]:
    common = L.word(L.COMMON, lang)
    for product, activity in p.activities():
        row = rows_of(L.ACTIVITIES, activity)
        row["@product"] = product.code if product is not None else common
        if isinstance(activity.target, RegisterTarget):
            row["target"] = None
        if activity.cells is not None:
            row["@cells"] = cells[id(activity.cells)]
        row["cost.method"] = activity.cost.method
        yield row


def _bottom_up(p: Program) -> Iterator[tuple[Activity, BottomUp]]:
    for _, activity in p.activities():
        if isinstance(activity.cost, BottomUp):
            yield activity, activity.cost


def input_rows(p: Program) -> Iterator[Row]:
    for activity, method in _bottom_up(p):
        for inp in method.inputs:
            row = rows_of(L.INPUTS, inp)
            row["@activity"] = activity.code
            row["kind"] = inp.kind
            yield row


def structure_rows(p: Program) -> Iterator[Row]:
    for activity, method in _bottom_up(p):
        for inp in method.inputs:
            for component, share in (getattr(inp, "structure", None) or {}).items():
                yield {"@activity": activity.code, "@input": inp.id, "@component": component,
                       "@share": share}


def record_rows(p: Program) -> Iterator[Row]:
    for _, activity in p.activities():
        if isinstance(activity.cost, Observed):
            for record in activity.cost.records:
                yield {"@activity": activity.code, **rows_of(L.RECORDS, record)}


def published_blocks(p: Program) -> Iterator[Published]:
    if p.published is not None:
        yield p.published
    for product in p.products:
        if product.published is not None:
            yield product.published
    for _, activity in p.activities():
        if activity.published is not None:
            yield activity.published


def published_rows(p: Program, lang: str) -> Iterator[Row]:
    owners: list[tuple[str, str | None, Published | None]] = [("program", None, p.published)]
    owners += [("product", pr.code, pr.published) for pr in p.products]
    owners += [("activity", a.code, a.published) for _, a in p.activities()]
    total, subtotal, classifier = (L.word(L.ROWS[k], lang) for k in ("total", "subtotal",
                                                                        "classifier"))
    for level, code, block in owners:
        if block is None:
            continue
        head = {"@level": L.word(L.LEVELS[level], lang), "@code": code}
        yield {**head, "@row": total,
               **{k: value_at(block, k) for k in ("target", "amount", "decimals", "source")}}
        for sub in block.subtotals:
            yield {**head, "@row": subtotal, "label": value_at(sub, "label"),
                   "target": value_at(sub, "target"), "amount": value_at(sub, "amount"),
                   **{"+" + k: v for k, v in sub.where.items()}}
        for key, amount in block.by_classifier.items():
            yield {**head, "@row": classifier, "@classifier": key, "amount": amount}
    if p.frame is not None:
        for year, amount in p.frame.published.items():
            yield {"@level": L.word(L.LEVELS["frame"], lang), "@code": year, "@row": total,
                   "amount": amount}


def population_rows(p: Program) -> Iterator[Row]:
    frame = p.frame
    if frame is None:
        return
    codes = list(dict.fromkeys([*frame.populations, *frame.coverage]))
    for code in codes:
        population = frame.populations.get(code)
        coverage: dict[str, Any] = frame.coverage.get(code, {})
        values: dict[str, Any] = population.values if population is not None else {}
        head: Row = {"@population": code}
        if population is not None:
            head.update({k: value_at(population, k) for k in ("name", "unit", "source")})
        years = list(dict.fromkeys([*values, *coverage]))
        if not years:
            yield head
        for index, year in enumerate(years):
            row: Row = dict(head) if index == 0 else {"@population": code}
            row.update({"@year": year, "@value": values.get(year), "@coverage": coverage.get(year)})
            yield row


def export_program(program: Program, path: str | Path, lang: str = "es") -> None:
    """Write ``program`` as an editable workbook at ``path`` (sheet names in ``lang``)."""
    _Writer(program, "en" if lang == "en" else "es").write(path)


__all__ = ["UnsupportedField", "cell_name", "export_program"]
