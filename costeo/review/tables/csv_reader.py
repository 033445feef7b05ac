"""CSV files: one table per file, with sibling files for the other parts of a subject.

``tabla.csv`` is the main table; ``tabla.<parte>.csv`` beside it adds a part:
``tabla.beneficiarios.csv`` (beneficiary counts), ``tabla.reglas.csv`` (review rules),
``tabla.programa.csv`` (metadata) and any other ``tabla.<nombre>.csv`` a second table named
``<nombre>`` (e.g. ``tabla.segmentos.csv``). The delimiter (``,`` ``;`` tab ``|``) is the one
under which a header row is found; the encoding is UTF-8 (with or without BOM) or, failing
that, Windows-1252 as Excel saves it. Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import re
from pathlib import Path

from costeo.diagnostics import Diagnostics, Location
from costeo.messages import Localized
from costeo.review.tables.layout import HEADER_SEARCH_ROWS, find_header
from costeo.review.tables.sheet import Cell, Role, Row, Sheet
from costeo.review.tables.words import fold

DELIMITERS = (",", ";", "\t", "|")
ROLE_SUFFIXES = {
    "beneficiarios": Role.BENEFICIARIES, "beneficiaries": Role.BENEFICIARIES,
    "reglas": Role.RULES, "rules": Role.RULES,
    "programa": Role.META, "program": Role.META, "metadatos": Role.META,
}


def decode(path: Path, diagnostics: Diagnostics) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.add("table-unreadable", Location(str(path)),
                        problem=Localized(es=exc.strerror or str(exc),
                                          en=exc.strerror or str(exc)))
        return None
    if b"\x00" in data or data.startswith(b"PK\x03\x04"):
        diagnostics.add("table-unreadable", Location(str(path)),
                        problem=Localized(es="es un archivo binario, no un CSV de texto",
                                          en="it is a binary file, not a text CSV"))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def split_records(text: str, delimiter: str, file: str, limit: int | None = None) -> list[Row]:
    """Split CSV text into rows of cells that know their line and column (1-based).

    Quoted fields may hold delimiters, doubled quotes and line breaks. Lines starting with
    ``#`` outside a quoted field are comments. ``limit`` stops after that many rows.
    """
    rows: list[Row] = []
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines) and (limit is None or len(rows) < limit):
        raw, line = lines[index], index + 1
        index += 1
        if raw.startswith("#"):
            continue
        body = raw.rstrip("\r\n")
        if '"' not in body:  # the common case: no quoting
            cells, col = [], 1
            for value in body.split(delimiter):
                cells.append(Cell(value, Location(file, line, col)))
                col += len(value) + 1
            rows.append(Row(Location(file, line, 1), cells))
            continue
        # a quoted record, maybe over several lines: scan it character by character
        record = raw
        while record.count('"') % 2 and index < len(lines):
            record += lines[index]
            index += 1
        rows.append(Row(Location(file, line, 1), _scan(record, delimiter, file, line)))
    return rows


def _scan(record: str, delimiter: str, file: str, line: int) -> list[Cell]:
    """The cells of a record with quoted fields (which may span lines), with their places."""
    pattern = re.compile(rf'"((?:[^"]|"")*)"([^{re.escape(delimiter)}\r\n]*)'
                         rf'|([^{re.escape(delimiter)}\r\n]*)')
    cells: list[Cell] = []
    pos = 0
    while True:
        match = pattern.match(record, pos)
        assert match is not None  # the pattern matches the empty string
        quoted, after, plain = match.groups()
        value = quoted.replace('""', '"') + after if quoted is not None else plain
        breaks = record.count("\n", 0, pos)
        col = pos - (record.rfind("\n", 0, pos) + 1) + 1
        cells.append(Cell(value, Location(file, line + breaks, col)))
        pos = match.end()
        if pos < len(record) and record[pos] == delimiter:
            pos += 1
            continue
        return cells


def sheet_from_text(text: str, file: str, name: str, role: Role) -> Sheet:
    """The rows under the delimiter that finds a header (the first one that does, else ',')."""
    wanted = Role.TABLE if role is Role.META else role
    chosen, best = ",", -1
    for delimiter in DELIMITERS:
        header = find_header(split_records(text, delimiter, file, HEADER_SEARCH_ROWS), wanted)
        score = len(header.fields) if header else 0
        if score > best:
            best, chosen = score, delimiter
    return Sheet(name, role, split_records(text, chosen, file), Location(file))


def siblings(path: Path) -> list[tuple[str, Role, Path]]:
    """The ``<stem>.<parte>.csv`` files beside a main CSV, with the part each one plays."""
    found: list[tuple[str, Role, Path]] = []
    prefix = path.stem + "."
    for other in sorted(path.parent.glob(f"{path.stem}.*.csv")):
        part = other.name[len(prefix):-len(".csv")]
        if not part or "." in part:
            continue
        folded = fold(part).replace(" ", "_")
        found.append((folded, ROLE_SUFFIXES.get(folded, Role.TABLE), other))
    return found


def main_table(path: Path) -> Path:
    """The main CSV a companion part belongs to (``tabla.reglas.csv`` → ``tabla.csv``), or
    ``path`` itself when it is no companion of a table beside it."""
    stem, dot, part = path.name.removesuffix(".csv").rpartition(".")
    main = path.with_name(f"{stem}.csv")
    if path.suffix.lower() != ".csv" or not dot or not part or not main.is_file():
        return path
    return main if any(other == path for _, _, other in siblings(main)) else path


def read_csv(path: Path, diagnostics: Diagnostics) -> list[Sheet] | None:
    """The main CSV and its siblings as sheets; None when one of them cannot be read."""
    text = decode(path, diagnostics)
    if text is None:
        return None
    sheets = [sheet_from_text(text, str(path), "", Role.TABLE)]
    for part, role, other in siblings(path):
        extra = decode(other, diagnostics)
        if extra is None:
            return None
        sheets.append(sheet_from_text(extra, str(other), part, role))
    return sheets
