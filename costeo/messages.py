"""The diagnostic catalogue: stable codes, severities and messages in Spanish and English.

Messages are public API (like OpenFisca's and hledger's): each code has a broken fixture in
``tests/errors/<code>.yaml`` and an entry in the generated catalogue ``docs/reference/errors.md``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Entry:
    severity: str
    es: str
    en: str
    hint_es: str = ""
    hint_en: str = ""


E, W, I = "error", "warning", "info"

CATALOGUE: dict[str, Entry] = {
    # --- reading the file -------------------------------------------------------------
    "file-not-found": Entry(
        E, "no se encuentra el archivo {path}", "file {path} not found",
        "revise la ruta; se aceptan archivos .yaml/.yml o una carpeta con program.yaml",
        "check the path; .yaml/.yml files or a folder holding program.yaml are accepted"),
    "yaml-syntax": Entry(
        E, "el YAML no se puede leer: {problem}", "the YAML cannot be read: {problem}",
        "revise la sangría y los dos puntos cerca de esta línea",
        "check indentation and colons near this line"),
    "empty-file": Entry(
        E, "el archivo está vacío", "the file is empty",
        "un programa empieza con la sección 'program:'; vea examples/",
        "a program starts with a 'program:' section; see examples/"),
    "duplicate-key": Entry(
        E, "la clave '{key}' aparece dos veces en el mismo bloque",
        "key '{key}' appears twice in the same block",
        "deje una sola; la primera está en la línea {first_line}",
        "keep only one; the first is on line {first_line}"),
    "expected-mapping": Entry(
        E, "'{field}' debe ser un bloque de claves y valores", "'{field}' must be a mapping",
        "escriba 'clave: valor' en líneas sangradas debajo de '{field}'",
        "write indented 'key: value' lines under '{field}'"),
    "expected-list": Entry(
        E, "'{field}' debe ser una lista", "'{field}' must be a list",
        "escriba cada elemento en una línea que empiece con '- '",
        "write each item on a line starting with '- '"),
    "expected-text": Entry(
        E, "'{field}' debe ser un texto", "'{field}' must be text",
        "escriba un texto simple, entre comillas si contiene ':' o '#'",
        "write plain text, quoted if it contains ':' or '#'"),
    "missing-field": Entry(
        E, "falta el campo obligatorio '{field}'", "required field '{field}' is missing",
        "agregue '{field}:' en este bloque", "add '{field}:' to this block"),
    "unknown-field": Entry(
        E, "campo desconocido '{field}'", "unknown field '{field}'",
        "{suggestion}", "{suggestion}"),
    "not-a-number": Entry(
        E, "'{field}' debe ser un número, no '{value}'", "'{field}' must be a number, not '{value}'",
        "use punto decimal y sin separador de miles ni 'S/' (p. ej. 1234567.89), "
        "o una referencia a un parámetro como $precio",
        "use a decimal point, no thousands separator nor currency sign (e.g. 1234567.89), "
        "or a parameter reference such as $price"),
    "not-an-integer": Entry(
        E, "'{field}' debe ser un número entero, no '{value}'",
        "'{field}' must be a whole number, not '{value}'",
        "escriba un entero sin decimales", "write a whole number without decimals"),
    "negative-value": Entry(
        E, "'{field}' no puede ser negativo ({value})", "'{field}' cannot be negative ({value})",
        "las metas, cantidades y precios son cero o positivos",
        "targets, quantities and prices are zero or positive"),
    "invalid-date": Entry(
        E, "'{value}' no es una fecha válida", "'{value}' is not a valid date",
        "use el formato AAAA-MM-DD, p. ej. 2014-01-01", "use YYYY-MM-DD, e.g. 2014-01-01"),
    "invalid-choice": Entry(
        E, "'{value}' no es un valor permitido para '{field}'",
        "'{value}' is not an allowed value for '{field}'",
        "valores permitidos: {choices}", "allowed values: {choices}"),
    "unknown-method": Entry(
        E, "método de costeo desconocido '{value}'", "unknown costing method '{value}'",
        "métodos: {choices}", "methods: {choices}"),
    "unknown-input-kind": Entry(
        E, "tipo de insumo desconocido '{value}'", "unknown input kind '{value}'",
        "tipos: {choices}", "kinds: {choices}"),
    "invalid-classifier": Entry(
        E, "'{value}' no es un clasificador de gasto válido",
        "'{value}' is not a valid spending classifier",
        "escriba los niveles separados por puntos, p. ej. 2.3.1.3.1.1 (entre comillas)",
        "write the levels separated by dots, e.g. 2.3.1.3.1.1 (quoted)"),
    "number-out-of-range": Entry(
        E, "'{field}' es demasiado grande ({value})", "'{field}' is too large ({value})",
        "los montos, metas y precios deben ser menores que 10^15; revise si sobran dígitos",
        "amounts, targets and prices must be below 10^15; check for extra digits"),
    "invalid-year": Entry(
        E, "el año fiscal {value} está fuera de rango", "fiscal year {value} is out of range",
        "use un año entre 1990 y 2100", "use a year between 1990 and 2100"),
    # --- building the model ----------------------------------------------------------
    "duplicate-code": Entry(
        E, "el código '{code}' ya se usó en la línea {first_line}",
        "code '{code}' is already used on line {first_line}",
        "cada producto, actividad y acción común necesita un código único",
        "every product, activity and common action needs a unique code"),
    "duplicate-input-id": Entry(
        E, "el insumo '{id}' se repite en la actividad {activity}",
        "input '{id}' is repeated in activity {activity}",
        "dé a cada insumo un 'id' distinto", "give each input a distinct 'id'"),
    "unknown-parameter": Entry(
        E, "el parámetro '${name}' no está definido", "parameter '${name}' is not defined",
        "{suggestion}", "{suggestion}"),
    "parameter-not-in-force": Entry(
        E, "el parámetro '${name}' no tiene valor vigente al {date}",
        "parameter '${name}' has no value in force on {date}",
        "agregue un valor con 'from:' igual o anterior a {date}",
        "add a value whose 'from:' is on or before {date}"),
    "parameter-dates-unordered": Entry(
        E, "las fechas del parámetro '{name}' no están en orden creciente ({date})",
        "the dates of parameter '{name}' are not increasing ({date})",
        "ordene los valores del más antiguo al más reciente, sin fechas repetidas",
        "order the values from oldest to newest, without repeated dates"),
    "unknown-staff-category": Entry(
        E, "la categoría de personal '{name}' no está definida en 'staff'",
        "staff category '{name}' is not defined under 'staff'",
        "{suggestion}", "{suggestion}"),
    "unknown-cost-centre": Entry(
        E, "el centro de costo '{name}' no está definido en 'cost_centres'",
        "cost centre '{name}' is not defined under 'cost_centres'",
        "{suggestion}", "{suggestion}"),
    "unknown-dimension": Entry(
        E, "la dimensión '{name}' no está definida en 'dimensions'",
        "dimension '{name}' is not defined under 'dimensions'",
        "{suggestion}", "{suggestion}"),
    "unknown-dimension-value": Entry(
        E, "'{value}' no es un valor de la dimensión '{dimension}'",
        "'{value}' is not a value of dimension '{dimension}'",
        "valores: {choices}", "values: {choices}"),
    "duplicate-cell": Entry(
        E, "la celda ({cell}) se repite; la primera está en la línea {first_line}",
        "cell ({cell}) is repeated; the first is on line {first_line}",
        "cada combinación de dimensiones va una sola vez",
        "each combination of dimensions appears once"),
    "row-length": Entry(
        E, "la fila tiene {found} valor(es) y las columnas son {expected}",
        "the row has {found} values and there are {expected} columns",
        "columnas: {columns}", "columns: {columns}"),
    "unknown-column": Entry(
        E, "columna desconocida '{name}'", "unknown column '{name}'",
        "columnas posibles en esta actividad: {choices}",
        "possible columns in this activity: {choices}"),
    "missing-target": Entry(
        E, "la actividad {activity} no tiene meta física", "activity {activity} has no physical target",
        "agregue 'target:' o una columna 'target' en 'cells'",
        "add 'target:' or a 'target' column in 'cells'"),
    "target-conflict": Entry(
        E, "la actividad {activity} tiene meta en 'target' y también en 'cells'",
        "activity {activity} has a target both in 'target' and in 'cells'",
        "deje la meta en un solo lugar", "keep the target in one place"),
    "conflicting-values": Entry(
        E, "se dan '{first}' y '{second}' a la vez; el costo quedaría sobredeterminado",
        "both '{first}' and '{second}' are given; the cost would be over-determined",
        "deje solo uno de los dos: '{first}' o '{second}'",
        "keep only one of the two: '{first}' or '{second}'"),
    "zero-divisor": Entry(
        E, "'{field}' es cero y se usa como divisor", "'{field}' is zero and is used as a divisor",
        "dé un valor mayor que cero", "give a value greater than zero"),
    "shares-not-one": Entry(
        E, "las participaciones del producto {product} suman {total}, no 1",
        "the shares of product {product} add up to {total}, not 1",
        "ajuste 'share' en sus actividades para que sumen 1 (100%)",
        "adjust 'share' in its activities so they add up to 1 (100%)"),
    "structure-not-one": Entry(
        E, "la estructura de costos suma {total}, no 1", "the cost structure adds up to {total}, not 1",
        "las participaciones (insumo base incluido) deben sumar 1 (100%)",
        "the shares (base input included) must add up to 1 (100%)"),
    "no-observations": Entry(
        E, "el costo observado de {activity} no tiene registros", "observed cost of {activity} has no records",
        "agregue 'records' con site, spent y produced", "add 'records' with site, spent and produced"),
    "allocation-base-zero": Entry(
        E, "la base de asignación '{base}' del centro de apoyo {centre} suma cero",
        "allocation base '{base}' of support centre {centre} adds up to zero",
        "dé la base '{base}' a los centros que reciben su costo",
        "give base '{base}' to the centres that receive its cost"),
    "missing-allocation-base": Entry(
        W, "el centro {centre} no tiene la base '{base}' y no recibe costo de {support}",
        "centre {centre} has no base '{base}' and receives no cost from {support}",
        "agregue '{base}' en sus 'bases' (escriba 0 si de verdad no le corresponde)",
        "add '{base}' to its 'bases' (write 0 if it really gets none)"),
    "unknown-scenario-target": Entry(
        E, "el escenario '{scenario}' cambia algo que no existe: {target}",
        "scenario '{scenario}' changes something that does not exist: {target}",
        "revise el código de la actividad o insumo y el campo ('price', 'quantity', 'target', "
        "'target_factor', 'unit_cost', 'envelope'; 'value' para parámetros y coberturas)",
        "check the activity or input code and the field ('price', 'quantity', 'target', "
        "'target_factor', 'unit_cost', 'envelope'; 'value' for parameters and coverage)"),
    "frame-year-missing": Entry(
        E, "el marco no tiene población o cobertura de '{population}' para {year}",
        "the frame has no population or coverage of '{population}' for {year}",
        "agregue el año {year} en 'populations' y en 'coverage'",
        "add year {year} under 'populations' and 'coverage'"),
    "unknown-calendar": Entry(
        E, "el calendario '{name}' no está definido en 'calendars'",
        "calendar '{name}' is not defined under 'calendars'",
        "calendarios definidos: {choices}", "defined calendars: {choices}"),
    "calendar-days-mismatch": Entry(
        W, "el calendario '{calendar}' tiene {days} días hábiles y la frecuencia es {frequency}",
        "calendar '{calendar}' has {days} working days and the frequency is {frequency}",
        "ajuste las fechas, feriados o vacaciones del calendario, o la frecuencia",
        "adjust the calendar's dates, holidays or breaks, or the frequency"),
    "unknown-ubigeo": Entry(
        E, "'{value}' no es un ubigeo de {level} vigente", "'{value}' is not a valid {level} ubigeo",
        "{suggestion}", "{suggestion}"),
    "invalid-zone-map": Entry(
        E, "las zonas '{name}' no se pueden leer: {problem}", "zones '{name}' cannot be read: {problem}",
        "cada zona lista códigos INEI de departamento (2 dígitos), provincia (4) o distrito (6), "
        "cada código en una sola zona",
        "each zone lists INEI department (2 digits), province (4) or district (6) codes, each "
        "code in one zone only"),
    "unknown-zone": Entry(
        E, "'{zone}' no es una zona de '{zones}'", "'{zone}' is not a zone of '{zones}'",
        "zonas: {choices}", "zones: {choices}"),
    "unknown-zone-map": Entry(
        E, "las zonas de precios '{name}' no están definidas en 'zones'",
        "price zones '{name}' are not defined under 'zones'", "{suggestion}", "{suggestion}"),
    "unknown-register": Entry(
        E, "el padrón '{name}' no está definido en 'registers'",
        "register '{name}' is not defined under 'registers'",
        "{suggestion}", "{suggestion}"),
    "unknown-register-column": Entry(
        E, "el padrón '{register}' no tiene la columna '{name}'",
        "register '{register}' has no column '{name}'",
        "columnas: {choices}", "columns: {choices}"),
    "register-flow-mismatch": Entry(
        W, "periodo {period}: final {final} ≠ inicial + altas − bajas = {expected}",
        "period {period}: final {final} ≠ initial + entries − exits = {expected}",
        "corrija las altas, bajas o el saldo final", "correct entries, exits or the final count"),
    "register-chain-broken": Entry(
        W, "periodo {period}: el inicial {initial} no es el final del periodo anterior ({previous})",
        "period {period}: initial {initial} is not the previous period's final ({previous})",
        "el saldo inicial de cada periodo es el final del anterior",
        "each period starts from the previous period's final count"),
    "displayed-unit-cost-mismatch": Entry(
        W, "el costo unitario publicado {displayed} no coincide con el implícito {implied}",
        "published unit cost {displayed} does not match the implied {implied}",
        "revise los valores de la fila; el costo unitario calculado, redondeado a {places} "
        "decimales, es {rounded}",
        "check the row's values; the computed unit cost rounded to {places} decimals is {rounded}"),
    "published-amount-mismatch": Entry(
        W, "el monto publicado {published} difiere del calculado {computed} en {difference}",
        "published amount {published} differs from computed {computed} by {difference}",
        "la diferencia supera el redondeo posible ({tolerance}); revise metas y costos",
        "the difference exceeds what rounding allows ({tolerance}); check targets and costs"),
    "published-rounding": Entry(
        I, "el monto publicado {published} difiere del calculado {computed} en {difference}, "
        "dentro del redondeo de la fuente (±{tolerance})",
        "published amount {published} differs from computed {computed} by {difference}, "
        "within the source's rounding (±{tolerance})",
        "la fuente redondea cada fila y cada subtotal por separado",
        "the source rounds each row and each subtotal separately"),
    "missing-classifier": Entry(
        W, "'{item}' no tiene clasificador de gasto", "'{item}' has no spending classifier",
        "agregue 'classifier:' (p. ej. \"2.3.1.99.1.99\") para desagregar el presupuesto",
        "add 'classifier:' (e.g. \"2.3.1.99.1.99\") to break the budget down"),
    "empty-product": Entry(
        W, "el producto {product} no tiene actividades", "product {product} has no activities",
        "agregue actividades o retire el producto", "add activities or remove the product"),
    # --- published tables (costeo review tabla.csv / tabla.xlsx) -------------------------
    "table-unreadable": Entry(
        E, "el archivo no se puede leer como tabla: {problem}",
        "the file cannot be read as a table: {problem}",
        "guarde la tabla como libro de Excel (.xlsx) o como CSV de texto (UTF-8)",
        "save the table as an Excel workbook (.xlsx) or as a text CSV (UTF-8)"),
    "table-no-header": Entry(
        E, "no se encontró la fila de encabezados en las primeras {rows} filas",
        "no header row found in the first {rows} rows",
        "la tabla necesita una fila con los nombres de las columnas, p. ej. {expected}",
        "the table needs a row naming its columns, e.g. {expected}"),
    "table-missing-column": Entry(
        E, "falta la columna '{column}'; columnas encontradas: {found}",
        "column '{column}' is missing; columns found: {found}",
        "nombres aceptados para esa columna: {accepted}",
        "names accepted for that column: {accepted}"),
    "table-not-a-number": Entry(
        E, "'{column}' debe ser un número, no '{value}'", "'{column}' must be a number, not '{value}'",
        "corrija la celda; se aceptan cifras como S/ 1,234.56, 1.234,56, 1 234, (1,234) o '-' "
        "para un valor vacío",
        "correct the cell; figures such as S/ 1,234.56, 1.234,56, 1 234, (1,234) or '-' for an "
        "empty value are accepted"),
    "table-ambiguous-number": Entry(
        W, "no se sabe si '{value}' en la columna '{column}' lleva separador de miles o decimal; "
        "se leyó como {reading}",
        "cannot tell whether '{value}' in column '{column}' has a thousands or a decimal "
        "separator; read as {reading}",
        "agregue encima de la tabla la línea 'separador decimal: ,' (o '.'), o escriba la cifra "
        "con sus decimales",
        "add the line 'separador decimal: ,' (or '.') above the table, or write the figure with "
        "its decimals"),
    "table-empty": Entry(
        E, "la tabla '{table}' no tiene filas de datos", "table '{table}' has no data rows",
        "debajo de los encabezados va una fila por actividad o segmento con sus cifras",
        "below the header goes one row per activity or segment with its figures"),
    "table-row-ignored": Entry(
        I, "se ignoró una fila con cifras debajo del total: '{text}'",
        "a row with figures below the total was ignored: '{text}'",
        "las filas después del total general se leen como notas; si es un dato, muévala "
        "antes del total",
        "rows after the grand total are read as notes; if it is data, move it above the total"),
    "unknown-review-target": Entry(
        W, "la regla de revisión nombra '{code}', que no es un código de {field} del programa",
        "the review rule names '{code}', which is not a {field} code of the program",
        "{suggestion}", "{suggestion}"),
    "review-bounds": Entry(
        W, "la regla de revisión tiene mínimo {low} mayor que máximo {high}, o no tiene base",
        "the review rule has low {low} above high {high}, or no base",
        "escriba low ≤ high, y 'base' (beneficiarios) si la regla no nombra un producto con meta",
        "write low ≤ high, and 'base' (beneficiaries) when the rule names no product with a "
        "target"),
    "unknown-filter": Entry(
        E, "el filtro usa la dimensión '{name}' que la actividad no tiene",
        "the filter uses dimension '{name}' that the activity does not have",
        "dimensiones de la actividad: {choices}", "the activity's dimensions: {choices}"),
}


class Localized(dict[str, str]):
    """An argument whose text depends on the language: Localized(es=..., en=...)."""


def did_you_mean(name: str, choices: list[str]) -> Localized:
    """A 'did you mean' hint, or the list of allowed names when nothing is close."""
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    if close:
        return Localized(es=f"¿quiso decir '{close[0]}'?", en=f"did you mean '{close[0]}'?")
    if not choices:
        return Localized(es="no hay ninguno definido", en="none is defined")
    listed = ", ".join(sorted(choices))
    return Localized(es=f"definidos: {listed}", en=f"defined: {listed}")


def _text(value: Any, lang: str) -> Any:
    if isinstance(value, Localized):
        return value.get(lang, value.get("es"))
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return f"{int(value):,}"
        return f"{value.normalize():,f}"
    return value


def render(code: str, part: str, lang: str, args: dict[str, Any]) -> str:
    entry = CATALOGUE[code]
    if part == "message":
        template = entry.en if lang == "en" else entry.es
    else:
        template = entry.hint_en if lang == "en" else entry.hint_es
    values = {k: _text(v, lang) for k, v in args.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template
