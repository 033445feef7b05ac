"""Where a table starts and what its columns mean.

The header row is the first of the first :data:`HEADER_SEARCH_ROWS` rows whose cells name
enough known columns (title lines and "clave: valor" metadata lines may sit above it). Each
header cell is matched against the synonyms below; any other named column becomes a key
(segment, modality, zone...). Row labels such as "Subtotal" or "TOTAL GENERAL" mark
published subtotals and totals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from costeo.review.tables.sheet import Role, Row
from costeo.review.tables.words import fold, header_key, slug, synonyms

HEADER_SEARCH_ROWS = 20


class Field(StrEnum):
    PRODUCT = "product"
    ACTIVITY = "activity"
    UNIT = "unit"
    UNIT_COST = "unit_cost"
    TARGET = "target"
    AMOUNT = "amount"
    FACTOR = "factor"
    CLASSIFIER = "classifier"
    BENEFICIARIES = "beneficiaries"
    KIND = "kind"
    LOW = "low"
    HIGH = "high"
    PAYMENTS = "payments"
    TAX_RATE = "tax_rate"
    FEE = "fee"
    LABEL = "label"


# Spanish and English names accepted for each column (compared by ``header_key``).
NAMES: dict[Field, tuple[str, ...]] = {
    Field.PRODUCT: ("producto", "productos", "product", "nombre del producto"),
    Field.ACTIVITY: ("actividad", "actividades", "activity", "acción", "acciones"),
    Field.UNIT: ("unidad de medida", "U.M.", "unidad", "unit", "unit of measure"),
    Field.UNIT_COST: ("costo unitario", "C.U.", "costo unit.", "costo por unidad",
                      "costo unitario promedio", "costo unitario publicado", "unit cost"),
    Field.TARGET: ("meta física", "meta", "metas", "meta física programada", "meta programada",
                   "usuarios", "cantidad", "hogares", "target", "physical target", "users"),
    Field.AMOUNT: ("monto", "presupuesto", "PIA", "PIM", "importe", "monto total",
                   "costo total", "valor total", "presupuesto codificado",
                   "presupuesto asignado", "amount", "budget"),
    Field.FACTOR: ("factor", "días", "días de atención", "frecuencia", "days", "frequency"),
    Field.CLASSIFIER: ("clasificador", "clasificador de gasto", "específica de gasto",
                       "partida", "classifier"),
    Field.BENEFICIARIES: ("beneficiarios", "beneficiaries", "número de beneficiarios",
                          "usuarios", "users"),
    Field.KIND: ("tipo", "tipo de regla", "regla", "kind", "rule"),
    Field.LOW: ("mínimo", "min", "desde", "low", "minimum"),
    Field.HIGH: ("máximo", "max", "hasta", "high", "maximum"),
    Field.PAYMENTS: ("pagos", "pagos al año", "número de pagos", "payments"),
    Field.TAX_RATE: ("impuesto", "tasa de impuesto", "ITF", "tax", "tax rate"),
    Field.FEE: ("comisión", "comisión por pago", "fee", "bank fee"),
    Field.LABEL: ("etiqueta", "descripción", "label", "description"),
}

# The columns each kind of sheet reads, and the ones it cannot do without.
ROLE_FIELDS: dict[Role, tuple[Field, ...]] = {
    Role.TABLE: (Field.PRODUCT, Field.ACTIVITY, Field.UNIT, Field.UNIT_COST, Field.TARGET,
                 Field.AMOUNT, Field.FACTOR, Field.CLASSIFIER),
    Role.BENEFICIARIES: (Field.PRODUCT, Field.BENEFICIARIES),
    Role.RULES: (Field.KIND, Field.ACTIVITY, Field.PRODUCT, Field.LOW, Field.HIGH, Field.AMOUNT,
                 Field.PAYMENTS, Field.TAX_RATE, Field.FEE, Field.LABEL),
}
REQUIRED: dict[tuple[Role, bool], tuple[Field, ...]] = {
    (Role.TABLE, True): (Field.PRODUCT, Field.UNIT_COST, Field.TARGET, Field.AMOUNT),
    (Role.TABLE, False): (Field.AMOUNT,),
    (Role.BENEFICIARIES, False): (Field.BENEFICIARIES,),
    (Role.RULES, False): (Field.ACTIVITY,),
}
NUMERIC = frozenset({Field.UNIT_COST, Field.TARGET, Field.AMOUNT, Field.FACTOR,
                     Field.BENEFICIARIES, Field.LOW, Field.HIGH, Field.PAYMENTS, Field.TAX_RATE,
                     Field.FEE})

_KEYS: dict[Field, frozenset[str]] = {f: synonyms(*names) for f, names in NAMES.items()}

COLUMN_TITLES: dict[Field, str] = {f: names[0] for f, names in NAMES.items()}


def accepted_names(fld: Field) -> str:
    return ", ".join(f"'{n}'" for n in NAMES[fld])


@dataclass
class Header:
    """The header row and what each column holds: a field or a key (segment) name."""

    index: int                          # position of the header row in the sheet's rows
    row: Row
    fields: dict[Field, int] = field(default_factory=dict)   # field -> column
    keys: dict[int, str] = field(default_factory=dict)       # column -> key name
    titles: dict[int, str] = field(default_factory=dict)     # column -> header text

    @property
    def first_column(self) -> int:
        return min(self.titles) if self.titles else 0


def _match(text: str, role: Role) -> Field | None:
    key = header_key(text)
    for fld in ROLE_FIELDS[role]:
        if key in _KEYS[fld]:
            return fld
    return None


def find_header(rows: list[Row], role: Role) -> Header | None:
    """The first row of the first few that names at least two known columns (one figure)."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {_match(c.text, role) for _, c in row.filled() if isinstance(c.value, str)}
        found.discard(None)
        figures = found & NUMERIC
        enough = len(found) >= 2 and (figures or role is Role.RULES)
        if role is Role.BENEFICIARIES:
            enough = Field.BENEFICIARIES in found
        if enough:
            return _map(index, row, role)
    return None


def _map(index: int, row: Row, role: Role) -> Header:
    header = Header(index, row)
    for col, cell in row.filled():
        header.titles[col] = cell.text
        fld = _match(cell.text, role)
        if fld is not None and fld not in header.fields:
            header.fields[fld] = col
        elif fld is None and role is Role.TABLE:
            header.keys[col] = slug(cell.text)
    return header


# --- metadata ("clave: valor" lines above the header, or a Programa sheet) --------------

META_NAMES: dict[str, tuple[str, ...]] = {
    "code": ("código", "código del programa", "código de programa", "code", "program code"),
    "name": ("programa", "nombre", "nombre del programa", "program", "name"),
    "year": ("año", "año fiscal", "ejercicio", "year", "fiscal year"),
    "currency": ("moneda", "currency"),
    "country": ("país", "country"),
    "version": ("versión", "version", "etapa", "stage"),
    "decimal": ("separador decimal", "decimal", "decimal separator", "decimal mark"),
    "table": ("tabla", "table"),
}
_META_KEYS = {name: frozenset(fold(n) for n in names) for name, names in META_NAMES.items()}


@dataclass(frozen=True)
class MetaLine:
    name: str           # one of META_NAMES
    value: str
    row: Row


def read_meta(rows: list[Row]) -> list[MetaLine]:
    """'clave: valor' in one cell, or 'clave:' / 'clave' followed by the value in the next cell."""
    found: list[MetaLine] = []
    for row in rows:
        filled = [c for _, c in row.filled()]
        if not filled or not isinstance(filled[0].value, str):
            continue
        first = filled[0].text
        key, colon, value = first.partition(":")
        if not colon and len(filled) < 2:
            continue
        if not value.strip() and len(filled) > 1:
            value = filled[1].text
        name = next((n for n, keys in _META_KEYS.items() if fold(key) in keys), None)
        if name is not None and value.strip():
            found.append(MetaLine(name, value.strip(), row))
    return found


# --- row labels ---------------------------------------------------------------------------

_LABEL = re.compile(r"^(sub ?total|total|gran total)\b ?(.*)$")
_GRAND = {"", "general", "programa", "del programa", "pliego", "presupuesto", "global", "pp"}
_PRODUCT_LEVEL = re.compile(r"^(del |por )?producto\b")


class Label(StrEnum):
    SUBTOTAL = "subtotal"
    PRODUCT = "product"      # a product's subtotal ("TOTAL PRODUCTO 3000001")
    TOTAL = "total"


def label_of(text: str) -> tuple[Label, str] | None:
    """The kind of a subtotal/total label and the words after it, or None for other text.

    "Subtotal Raciones" -> (SUBTOTAL, "Raciones"); "TOTAL GENERAL" -> (TOTAL, "");
    "Total producto 3000001" -> (PRODUCT, "3000001").
    """
    if text.lstrip()[:3].lower() not in ("sub", "tot", "gra"):
        return None
    folded = fold(text)
    match = _LABEL.match(folded)
    if match is None:
        return None
    word, rest = match.groups()
    remainder = _remainder(text, word)
    if word == "gran total" or (word == "total" and rest in _GRAND):
        return Label.TOTAL, ""
    if _PRODUCT_LEVEL.match(rest):
        return Label.PRODUCT, remainder
    return Label.SUBTOTAL, remainder


def _remainder(text: str, word: str) -> str:
    """The original words after the label (case kept), without the label's own words."""
    words = text.strip().split()
    drop = 1
    while drop < len(words) and fold(" ".join(words[:drop])).replace(" ", "") != word.replace(
            " ", ""):
        drop += 1
    rest = " ".join(words[drop:]).strip(" :-–—")
    lead = _PRODUCT_LEVEL.match(fold(rest))
    if lead is not None:
        rest = " ".join(rest.split()[len(lead.group(0).split()):]).strip(" :-–—")
    return rest


_NOTE = re.compile(r"^((fuente|notas?|elaboraci[oó]n|elaborado|source|notes?)\b|\*|\(\d+\)|\d+/)",
                   re.IGNORECASE)


def looks_like_note(text: str) -> bool:
    return bool(_NOTE.match(text.strip())) or len(text) > 80


ENGLISH: dict[Field, str] = {
    Field.PRODUCT: "product", Field.ACTIVITY: "activity", Field.UNIT: "unit of measure",
    Field.UNIT_COST: "unit cost", Field.TARGET: "physical target", Field.AMOUNT: "amount",
    Field.FACTOR: "factor", Field.CLASSIFIER: "classifier", Field.BENEFICIARIES: "beneficiaries",
    Field.KIND: "kind", Field.LOW: "low", Field.HIGH: "high", Field.PAYMENTS: "payments",
    Field.TAX_RATE: "tax rate", Field.FEE: "fee", Field.LABEL: "label",
}


def column_title(fld: Field, header: Header | None = None) -> str:
    """The column's name as the table writes it, else the template's Spanish name."""
    if header is not None and fld in header.fields:
        return header.titles[header.fields[fld]]
    return COLUMN_TITLES[fld]
