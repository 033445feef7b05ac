"""Published budget tables imported as they are (XLSX or CSV) into a :class:`ReviewSubject`.

``read_tables(path, diagnostics)`` reads the main table and its companion parts (a second
table, beneficiary counts, review rules, metadata), tolerating the way analysts lay tables
out (title lines, merged headers, subtotal rows, "S/ 1,234", "1.234,56"). It never raises for
bad input: what cannot be read becomes a located diagnostic, and the subject is None when
any error was found. The template is documented in docs/reference/published-tables.md.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from costeo.diagnostics import Diagnostics, Location
from costeo.messages import Localized
from costeo.review.subject import BudgetTable, Ratio, ReviewSubject, TransferRule
from costeo.review.tables import numbers
from costeo.review.tables.build import (
    MAIN_TABLE,
    build_beneficiaries,
    build_rules,
    build_table,
    check_columns,
)
from costeo.review.tables.csv_reader import read_csv
from costeo.review.tables.layout import HEADER_SEARCH_ROWS, MetaLine, find_header, read_meta
from costeo.review.tables.sheet import Role, Sheet
from costeo.review.tables.words import slug

__all__ = ["read_tables", "SUFFIXES"]

SUFFIXES = (".csv", ".xlsx", ".xlsm")
_YEAR = re.compile(r"(?<!\d)(19[9]\d|20\d\d)(?!\d)")
_EXPECTED = "'Producto | Actividad | Unidad de medida | Costo unitario | Meta física | Monto'"


def read_tables(path: Path, diagnostics: Diagnostics) -> ReviewSubject | None:
    """Read a published table (``.xlsx`` or ``.csv``) into a subject, or None on errors."""
    path = Path(path)
    errors = len(diagnostics.errors)
    if not path.is_file():
        diagnostics.add("table-unreadable", Location(str(path)),
                        problem=Localized(es="el archivo no existe", en="the file does not exist"))
        return None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        sheets = read_csv(path, diagnostics)
    elif suffix in (".xlsx", ".xlsm"):
        from costeo.review.tables.xlsx_reader import read_xlsx

        sheets = read_xlsx(path, diagnostics)
    else:
        diagnostics.add("table-unreadable", Location(str(path)),
                        problem=Localized(
                            es=f"formato '{path.suffix}' no reconocido (.xlsx o .csv)",
                            en=f"unknown format '{path.suffix}' (.xlsx or .csv)"))
        return None
    if sheets is None:
        return None
    subject = _subject(path, sheets, diagnostics)
    if subject is None or len(diagnostics.errors) > errors:
        return None
    return subject


def _subject(path: Path, sheets: list[Sheet], diagnostics: Diagnostics) -> ReviewSubject | None:
    tables_sheets = [s for s in sheets if s.role is Role.TABLE]
    main = next(((s, h) for s in tables_sheets if (h := find_header(s.rows, Role.TABLE))), None)
    if main is None:
        where = tables_sheets[0] if tables_sheets else sheets[0]
        first = next((r.location for r in where.rows if not r.blank), where.location)
        diagnostics.add("table-no-header", first, rows=HEADER_SEARCH_ROWS, expected=_EXPECTED)
        return None
    main_sheet, main_header = main
    meta = read_meta(main_sheet.rows[:main_header.index])
    for sheet in sheets:
        if sheet.role is Role.META:
            meta += read_meta(sheet.rows)
    info = {line.name: line for line in reversed(meta)}  # the first line of a name wins
    decimal = _decimal(info.get("decimal"))
    tables: list[BudgetTable] = []
    beneficiaries: dict[str, Decimal] = {}
    ratios: list[Ratio] = []
    transfers: list[TransferRule] = []
    for sheet in sheets:
        if sheet.role is Role.META:
            continue
        header = main_header if sheet is main_sheet else find_header(sheet.rows, sheet.role)
        if header is None:
            if sheet.location.sheet is not None:
                continue  # a workbook's cover or notes sheet
            first = next((r.location for r in sheet.rows if not r.blank), sheet.location)
            diagnostics.add("table-no-header", first, rows=HEADER_SEARCH_ROWS,
                            expected=_EXPECTED)
            continue
        if not check_columns(sheet, header, sheet is main_sheet, diagnostics):
            continue
        if sheet.role is Role.TABLE:
            name = _main_name(info) if sheet is main_sheet else slug(sheet.name)
            table = build_table(sheet, header, name, decimal, diagnostics)
            if table is not None and sheet is main_sheet:
                tables.insert(0, table)
            elif table is not None:
                tables.append(table)
        elif sheet.role is Role.BENEFICIARIES:
            beneficiaries.update(build_beneficiaries(sheet, header, decimal, diagnostics))
        else:
            found_ratios, found_transfers = build_rules(sheet, header, decimal, diagnostics)
            ratios += found_ratios
            transfers += found_transfers
    if not tables or tables[0].location != main_sheet.location:
        return None  # the main table could not be built (already reported)
    return ReviewSubject(
        code=info["code"].value if "code" in info else path.stem,
        name=info["name"].value if "name" in info else path.stem,
        year=_year(path, info.get("year"), diagnostics),
        currency=info["currency"].value.upper() if "currency" in info else "PEN",
        tables=tables,
        origin="published",
        beneficiaries=beneficiaries,
        ratios=ratios,
        transfers=transfers,
        version=info["version"].value if "version" in info else path.name,
        location=Location(str(path)),
        country=_country(info),
    )


def _country(info: dict[str, MetaLine]) -> str | None:
    if "country" in info:
        return info["country"].value.strip().upper()[:2]
    currency = info["currency"].value.strip().upper() if "currency" in info else "PEN"
    return "PE" if currency == "PEN" else None


def _main_name(info: dict[str, MetaLine]) -> str:
    return info["table"].value if "table" in info else MAIN_TABLE


def _decimal(line: MetaLine | None) -> str | None:
    if line is None:
        return None
    value = line.value.strip().strip("'\"").lower()
    if value in (",", "coma", "comma"):
        return ","
    if value in (".", "punto", "point", "dot"):
        return "."
    return None


def _year(path: Path, line: MetaLine | None, diagnostics: Diagnostics) -> int | None:
    if line is None:
        match = _YEAR.search(path.stem)
        return int(match.group(1)) if match else None
    reading = numbers.read(line.value)
    figure = reading.figure
    cell = line.row.filled()[0][1]
    if figure is None or figure.value != figure.value.to_integral_value():
        diagnostics.add("table-not-a-number", cell.location, column="año", value=line.value)
        return None
    year = int(figure.value)
    if not 1990 <= year <= 2100:
        diagnostics.add("invalid-year", cell.location, value=line.value)
        return None
    return year
