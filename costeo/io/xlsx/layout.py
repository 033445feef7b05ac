"""The layout of the program workbook: its sheets, their columns, in Spanish and English.

One place says which sheet holds what, so that the writer, the reader and the instructions
sheet agree. A column has a *path*: where its value goes in the row's block of the program
file (``cost.envelope`` is the ``envelope`` of the activity's ``cost``); paths that start with
``@`` are not fields but the keys that tie rows together (the activity code of an input...).
Headers and sheet names are recognised in either language, ignoring case and accents.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "choice", "value", "number", "integer", "date", "list", "ints"]

# Dropdown lists (sheet "Listas"); the fixed ones hold the model's codes.
FIXED_CHOICES: dict[str, tuple[str, ...]] = {
    "method": ("bottom_up", "declared", "top_down", "observed"),
    "kind": ("item", "labour", "equipment", "indirect", "markup", "transfer"),
    "currency": ("PEN", "USD"),
    "category": ("equipment", "furniture", "instrument"),
    "average": ("weighted", "mean"),
    "centre_kind": ("producing", "support"),
    "period": ("month", "bimester", "quarter", "semester", "year"),
    "territory": ("district", "province", "department"),
}


@dataclass(frozen=True)
class Col:
    path: str
    es: str
    en: str
    kind: Kind = "text"
    required: bool = False
    width: int = 14
    choices: str | None = None
    doc_es: str = ""
    doc_en: str = ""

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.es


@dataclass(frozen=True)
class SheetSpec:
    key: str
    es: str
    en: str
    cols: tuple[Col, ...]
    doc_es: str = ""
    doc_en: str = ""
    extra_es: str = ""  # what other headers mean (bases, dimensions), if any
    extra_en: str = ""
    by_path: dict[str, Col] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        self.by_path.update({c.path: c for c in self.cols})

    def name(self, lang: str) -> str:
        return self.en if lang == "en" else self.es

    def col(self, path: str) -> Col:
        return self.by_path[path]


def fold(text: str) -> str:
    """A header or sheet name as compared: no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def _c(path: str, es: str, en: str, kind: Kind = "text", *, req: bool = False, w: int = 14,
       choices: str | None = None, es_doc: str = "", en_doc: str = "") -> Col:
    return Col(path, es, en, kind, req, w, choices, es_doc, en_doc)


# --- Words used inside cells ---------------------------------------------------------------

COMMON = ("acciones comunes", "common actions")  # the 'product' of a common action
LEVELS = {"program": ("programa", "program"), "product": ("producto", "product"),
          "activity": ("actividad", "activity"), "frame": ("marco", "frame")}
ROWS = {"total": ("total", "total"), "subtotal": ("subtotal", "subtotal"),
        "classifier": ("clasificador", "classifier")}
CELLS_PREFIX = ("Celdas", "Cells")
REGISTER_PREFIX = ("Padrón", "Register")
BASE_PREFIX = ("Base:", "Base:")


def word(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


# --- Sheets ------------------------------------------------------------------------------

INSTRUCTIONS = SheetSpec("instructions", "Instrucciones", "Instructions", ())
LISTS = SheetSpec("lists", "Listas", "Lists", ())

PROGRAM = SheetSpec(
    "program", "Programa", "Program",
    (
        _c("program.code", "Código del programa", "Program code", req=True,
           es_doc="código presupuestal, como texto (p. ej. 0115)",
           en_doc="budget code, as text (e.g. 0115)"),
        _c("program.name", "Nombre del programa", "Program name", req=True),
        _c("program.entity", "Entidad", "Entity", req=True),
        _c("program.fiscal_year", "Año fiscal", "Fiscal year", "integer", req=True),
        _c("program.currency", "Moneda", "Currency", "choice", req=True, choices="currency"),
        _c("program.country", "País", "Country", es_doc="PE o EC", en_doc="PE or EC"),
        _c("program.source", "Fuente", "Source"),
        _c("program.result.statement", "Resultado específico", "Specific result", req=True),
        _c("program.result.population", "Población objetivo", "Target population"),
        _c("frame.name", "Marco multianual: nombre", "Multi-year frame: name"),
        _c("frame.years", "Marco multianual: años", "Multi-year frame: years", "ints",
           es_doc="años separados por comas, p. ej. 2025, 2026, 2027",
           en_doc="years separated by commas, e.g. 2025, 2026, 2027"),
        _c("frame.index", "Marco multianual: índice de precios", "Multi-year frame: price index",
           "value", es_doc="un parámetro de tasas anuales, p. ej. $inflacion",
           en_doc="a parameter of annual rates, e.g. $inflation"),
        _c("frame.decimals", "Marco multianual: decimales publicados",
           "Multi-year frame: published decimals", "integer"),
        _c("frame.source", "Marco multianual: fuente", "Multi-year frame: source"),
    ),
    "Datos generales del programa y del marco multianual: una fila por campo, el valor en la "
    "columna B.",
    "General data of the program and of the multi-year frame: one row per field, the value in "
    "column B.",
)
PROGRAM_HEADERS = (("Campo", "Field"), ("Valor", "Value"))

INDICATORS = SheetSpec(
    "indicators", "Indicadores", "Indicators",
    (
        _c("code", "Código", "Code", req=True, w=10),
        _c("name", "Nombre", "Name", req=True, w=40),
        _c("unit", "Unidad", "Unit", req=True),
        _c("baseline.year", "Año de línea de base", "Baseline year", "integer"),
        _c("baseline.value", "Línea de base", "Baseline", "number"),
        _c("target.year", "Año de la meta", "Target year", "integer"),
        _c("target.value", "Meta", "Target", "number"),
        _c("source", "Fuente", "Source", w=30),
    ),
    "Indicadores del resultado específico, una fila por indicador.",
    "Indicators of the specific result, one row per indicator.",
)

PARAMETERS = SheetSpec(
    "parameters", "Parámetros", "Parameters",
    (
        _c("@parameter", "Parámetro", "Parameter", req=True, w=22,
           es_doc="nombre con que se usa: $nombre", en_doc="the name it is used by: $name"),
        _c("name", "Nombre", "Name", w=36),
        _c("unit", "Unidad", "Unit", req=True),
        _c("source", "Fuente", "Source", req=True, w=30),
        _c("value.from", "Desde", "From", "date", req=True, w=12,
           es_doc="fecha desde la que rige el valor (AAAA-MM-DD)",
           en_doc="date the value is in force from (YYYY-MM-DD)"),
        _c("value.value", "Valor", "Value", "number", req=True),
        _c("value.note", "Nota", "Note", w=24),
    ),
    "Parámetros fechados (escalas, precios, montos, tasas): una fila por valor vigente desde "
    "una fecha. Nombre, unidad y fuente se escriben en la primera fila de cada parámetro.",
    "Dated parameters (pay scales, prices, amounts, rates): one row per value in force from a "
    "date. Name, unit and source go on each parameter's first row.",
)

DIMENSIONS = SheetSpec(
    "dimensions", "Dimensiones", "Dimensions",
    (
        _c("@dimension", "Dimensión", "Dimension", req=True, w=16),
        _c("name", "Nombre de la dimensión", "Dimension name", w=26),
        _c("period", "Periodo", "Period", "choice", choices="period",
           es_doc="si la dimensión es un periodo del año", en_doc="if the dimension is a period"),
        _c("territory", "Territorio", "Territory", "choice", choices="territory",
           es_doc="si sus valores son ubigeos: district, province o department (los valores "
           "pueden omitirse)", en_doc="if its values are ubigeo codes: district, province or "
           "department (values may be omitted)"),
        _c("@code", "Código", "Code"),
        _c("@label", "Etiqueta", "Label", w=30,
           es_doc="vacía en todas las filas: la dimensión es una lista de códigos",
           en_doc="empty on every row: the dimension is a list of codes"),
    ),
    "Segmentaciones (región, quintil, modalidad, periodo...): una fila por valor.",
    "Segmentations (region, quintile, modality, period...): one row per value.",
)

STAFF = SheetSpec(
    "staff", "Personal", "Staff",
    (
        _c("@code", "Código", "Code", req=True),
        _c("name", "Nombre", "Name", req=True, w=36),
        _c("monthly_pay", "Remuneración mensual", "Monthly pay", "value", req=True),
        _c("months_per_year", "Meses pagados por año", "Months paid per year", "value",
           es_doc="12 si se deja vacío", en_doc="12 when empty"),
        _c("hours_per_month", "Horas por mes", "Hours per month", "value", req=True),
        _c("source", "Fuente", "Source", w=30),
    ),
    "Categorías de personal: tarifa por hora = remuneración × meses ÷ (horas por mes × 12).",
    "Staff categories: hourly rate = monthly pay × months ÷ (hours per month × 12).",
)

CENTRES = SheetSpec(
    "cost_centres", "Centros de costo", "Cost centres",
    (
        _c("@code", "Código", "Code", req=True, w=16),
        _c("name", "Nombre", "Name", req=True, w=32),
        _c("kind", "Tipo", "Kind", "choice", choices="centre_kind"),
        _c("direct", "Gasto directo", "Direct spending", "value", req=True),
        _c("indirect", "Gasto indirecto", "Indirect spending", "value"),
        _c("allocate_by", "Distribuir por", "Allocate by",
           es_doc="base con que se distribuye un centro de apoyo",
           en_doc="the base a support centre is stepped down by"),
        _c("source", "Fuente", "Source", w=30),
    ),
    "Centros de costo productivos y de apoyo.",
    "Producing and support cost centres.",
    "Cada columna 'Base: nombre' es una base de asignación (p. ej. Base: m2).",
    "Each 'Base: name' column is an allocation base (e.g. Base: m2).",
)

REGISTERS = SheetSpec(
    "registers", "Padrones", "Registers",
    (
        _c("@code", "Código", "Code", req=True),
        _c("name", "Nombre", "Name", req=True, w=32),
        _c("unit", "Unidad", "Unit", req=True),
        _c("period", "Periodo", "Period", req=True, choices="dimension",
           es_doc="la dimensión de sus periodos", en_doc="the dimension of its periods"),
        _c("source", "Fuente", "Source", w=30),
        _c("@sheet", "Hoja", "Sheet", req=True, w=18,
           es_doc="la hoja con sus filas: periodo y columnas de conteo",
           en_doc="the sheet holding its rows: period and count columns"),
    ),
    "Padrones de beneficiarios; cada uno tiene su hoja (primera columna: el periodo).",
    "Beneficiary registers; each has its own sheet (first column: the period).",
)

CALENDARS = SheetSpec(
    "calendars", "Calendarios", "Calendars",
    (
        _c("@code", "Código", "Code", req=True),
        _c("name", "Nombre", "Name", req=True, w=30),
        _c("start", "Inicio", "Start", "date", req=True, w=12),
        _c("end", "Fin", "End", "date", req=True, w=12),
        _c("weekdays", "Días de la semana", "Weekdays", "ints",
           es_doc="1 = lunes ... 7 = domingo; 1, 2, 3, 4, 5 si se deja vacío",
           en_doc="1 = Monday ... 7 = Sunday; 1, 2, 3, 4, 5 when empty"),
        _c("source", "Fuente", "Source", w=30),
    ),
    "Calendarios de días de atención.", "Calendars of service days.",
)

DAYS_OFF = SheetSpec(
    "days_off", "Días no laborables", "Days off",
    (
        _c("@calendar", "Calendario", "Calendar", req=True, choices="calendar"),
        _c("from", "Desde", "From", "date", req=True, w=12),
        _c("to", "Hasta", "To", "date", w=12,
           es_doc="vacío: un feriado; con fecha: un periodo de vacaciones",
           en_doc="empty: a holiday; with a date: a break"),
    ),
    "Feriados (solo 'Desde') y periodos sin atención ('Desde' y 'Hasta') de cada calendario.",
    "Holidays ('From' only) and breaks ('From' and 'To') of each calendar.",
)

ZONES = SheetSpec(
    "zones", "Zonas de precio", "Price zones",
    (
        _c("@code", "Código", "Code", req=True, w=16),
        _c("name", "Nombre", "Name", req=True, w=32),
        _c("dimension", "Dimensión", "Dimension", req=True, choices="dimension",
           es_doc="la dimensión territorial que zonifican", en_doc="the territorial dimension "
           "they zone"),
        _c("default", "Zona por defecto", "Default zone"),
        _c("source", "Fuente", "Source", w=30),
    ),
    "Zonas de precio de una dimensión territorial; sus códigos están en 'Mapa de zonas'.",
    "Price zones of a territorial dimension; their codes are on 'Zone map'.",
)

ZONE_MAP = SheetSpec(
    "zone_map", "Mapa de zonas", "Zone map",
    (
        _c("@zones", "Zonas de precio", "Price zones", req=True, w=16, choices="zones"),
        _c("@zone", "Zona", "Zone", req=True, w=16),
        _c("@code", "Código territorial", "Territorial code", w=16,
           es_doc="departamento, provincia o distrito (ubigeo), como texto",
           en_doc="department, province or district (ubigeo), as text"),
    ),
    "Los códigos territoriales de cada zona, uno por fila (gana el más específico).",
    "The territorial codes of each zone, one per row (the most specific wins).",
)

PRODUCTS = SheetSpec(
    "products", "Productos", "Products",
    (
        _c("code", "Código", "Code", req=True, w=10),
        _c("name", "Nombre", "Name", req=True, w=50),
        _c("unit", "Unidad de medida", "Unit", req=True, w=18),
        _c("target", "Meta física", "Target", "value"),
    ),
    "Productos del programa, en orden.", "The program's products, in order.",
)

ACTIVITIES = SheetSpec(
    "activities", "Actividades", "Activities",
    (
        _c("@product", "Producto", "Product", req=True, w=16, choices="product",
           es_doc="código del producto, o 'acciones comunes'",
           en_doc="the product's code, or 'common actions'"),
        _c("code", "Código", "Code", req=True, w=10),
        _c("name", "Nombre", "Name", req=True, w=44),
        _c("unit", "Unidad de medida", "Unit", req=True, w=16),
        _c("target", "Meta física", "Target", "value"),
        _c("target.register", "Meta: padrón", "Target: register", choices="register",
           es_doc="meta tomada de un padrón, una celda por periodo",
           en_doc="target taken from a register, one cell per period"),
        _c("target.columns", "Meta: columnas del padrón", "Target: register columns", "list",
           w=22, es_doc="separadas por comas", en_doc="separated by commas"),
        _c("target.lag", "Meta: desfase", "Target: lag", "integer"),
        _c("target.opening", "Meta: apertura", "Target: opening", "value"),
        _c("target.factor", "Meta: factor", "Target: factor", "value"),
        _c("frequency", "Frecuencia", "Frequency", "value"),
        _c("frequency_unit", "Unidad de frecuencia", "Frequency unit", w=16),
        _c("calendar", "Calendario", "Calendar", choices="calendar"),
        _c("years", "Años", "Years", "ints"),
        _c("projection.population", "Proyección: población", "Projection: population",
           choices="population"),
        _c("projection.per_unit", "Proyección: por unidad", "Projection: per unit", "value"),
        _c("cost.method", "Método", "Method", "choice", req=True, choices="method"),
        _c("cost.unit_cost", "Costo unitario", "Unit cost", "value",
           es_doc="método declared", en_doc="method declared"),
        _c("cost.envelope", "Monto total", "Envelope", "value",
           es_doc="método top_down", en_doc="method top_down"),
        _c("cost.per_beneficiary", "Monto por beneficiario", "Per beneficiary", "value",
           es_doc="método top_down", en_doc="method top_down"),
        _c("cost.beneficiaries", "Beneficiarios", "Beneficiaries", "value",
           es_doc="método top_down", en_doc="method top_down"),
        _c("cost.share", "Participación", "Share", "value",
           es_doc="método top_down", en_doc="method top_down"),
        _c("cost.average", "Promedio", "Average", "choice", choices="average",
           es_doc="método observed", en_doc="method observed"),
        _c("cost.classifier", "Clasificador", "Classifier", w=14),
        _c("cost.source", "Fuente del costo", "Cost source", w=30),
        _c("@cells", "Hoja de celdas", "Cells sheet", w=18,
           es_doc="la hoja con sus celdas: dimensiones y valores",
           en_doc="the sheet holding its cells: dimensions and values"),
        _c("cells.source", "Fuente de las celdas", "Cells source", w=30),
        _c("source", "Fuente", "Source", w=30),
    ),
    "Actividades de cada producto y acciones comunes, con su método de costeo. Los insumos "
    "(bottom_up) están en la hoja Insumos; los registros (observed) en Observaciones.",
    "Activities of each product and common actions, with their costing method. Inputs "
    "(bottom_up) are on the Inputs sheet; records (observed) on Observations.",
)

INPUTS = SheetSpec(
    "inputs", "Insumos", "Inputs",
    (
        _c("@activity", "Actividad", "Activity", req=True, w=10, choices="activity"),
        _c("id", "Id", "Id", req=True, w=14),
        _c("kind", "Tipo", "Kind", "choice", choices="kind",
           es_doc="item si se deja vacío", en_doc="item when empty"),
        _c("name", "Nombre", "Name", req=True, w=36),
        _c("classifier", "Clasificador", "Classifier",
           es_doc="clasificador de gasto, p. ej. 2.3.1.5.1.2",
           en_doc="spending classifier, e.g. 2.3.1.5.1.2"),
        _c("unit", "Unidad", "Unit", es_doc="item", en_doc="item"),
        _c("quantity", "Cantidad", "Quantity", "value", es_doc="item, equipment",
           en_doc="item, equipment"),
        _c("frequency", "Frecuencia", "Frequency", "value", es_doc="item", en_doc="item"),
        _c("price", "Precio", "Price", "value", es_doc="item", en_doc="item"),
        _c("staff", "Personal", "Staff", choices="staff", es_doc="labour", en_doc="labour"),
        _c("minutes", "Minutos", "Minutes", "value", es_doc="labour", en_doc="labour"),
        _c("hours", "Horas", "Hours", "value", es_doc="labour", en_doc="labour"),
        _c("people", "Personas", "People", "value", es_doc="labour", en_doc="labour"),
        _c("category", "Categoría", "Category", "choice", choices="category",
           es_doc="equipment", en_doc="equipment"),
        _c("replacement_price", "Precio de reposición", "Replacement price", "value",
           es_doc="equipment", en_doc="equipment"),
        _c("useful_life", "Vida útil (años)", "Useful life (years)", "value",
           es_doc="equipment", en_doc="equipment"),
        _c("units_per_year", "Unidades por año", "Units per year", "value",
           es_doc="equipment", en_doc="equipment"),
        _c("centre", "Centro de costo", "Cost centre", choices="centre",
           es_doc="indirect", en_doc="indirect"),
        _c("base", "Costo base", "Base cost", "value", es_doc="markup", en_doc="markup"),
        _c("base_component", "Componente base", "Base component",
           es_doc="markup", en_doc="markup"),
        _c("markup", "Margen", "Markup", "value", es_doc="markup", en_doc="markup"),
        _c("amount", "Monto", "Amount", "value", es_doc="transfer", en_doc="transfer"),
        _c("tax_rate", "Tasa de impuesto", "Tax rate", "value", es_doc="transfer",
           en_doc="transfer"),
        _c("fee", "Comisión", "Fee", "value", es_doc="transfer", en_doc="transfer"),
        _c("fee_classifier", "Clasificador de la comisión", "Fee classifier",
           es_doc="transfer", en_doc="transfer"),
        _c("payments", "Pagos", "Payments", "value", es_doc="transfer", en_doc="transfer"),
        _c("zone_prices.zones", "Zonas de precio", "Price zones", choices="zones",
           es_doc="precios por zona en la hoja 'Precios por zona'",
           en_doc="prices per zone on the 'Zone prices' sheet"),
        _c("source", "Fuente", "Source", w=30),
    ),
    "Insumos de las actividades costeadas de abajo hacia arriba (bottom_up), en orden. Cada tipo "
    "usa sus columnas; deje vacías las demás.",
    "Inputs of the activities costed bottom-up, in order. Each kind uses its own columns; leave "
    "the others empty.",
)

STRUCTURE = SheetSpec(
    "structure", "Estructura de costos", "Cost structure",
    (
        _c("@activity", "Actividad", "Activity", req=True, w=10, choices="activity"),
        _c("@input", "Insumo", "Input", req=True),
        _c("@component", "Componente", "Component", req=True, w=18),
        _c("@share", "Participación", "Share", "value", req=True),
    ),
    "Estructura de costos de los insumos de tipo markup: una fila por componente.",
    "Cost structure of the markup inputs: one row per component.",
)

ZONE_PRICES = SheetSpec(
    "zone_prices", "Precios por zona", "Zone prices",
    (
        _c("@activity", "Actividad", "Activity", req=True, w=10, choices="activity"),
        _c("@input", "Insumo", "Input", req=True),
        _c("@zone", "Zona", "Zone", req=True, w=16),
        _c("@price", "Precio", "Price", "value", req=True),
    ),
    "Precio de un insumo en algunas zonas de precio (las demás usan su precio).",
    "An input's price in some price zones (the others use its price).",
)

RECORDS = SheetSpec(
    "records", "Observaciones", "Observations",
    (
        _c("@activity", "Actividad", "Activity", req=True, w=10, choices="activity"),
        _c("site", "Sitio", "Site", req=True, w=24),
        _c("spent", "Gasto", "Spent", "number", req=True),
        _c("produced", "Producción", "Produced", "number", req=True),
    ),
    "Registros del costo observado (método observed): gasto y producción por sitio.",
    "Records of the observed cost (method observed): spending and production per site.",
)

PUBLISHED = SheetSpec(
    "published", "Publicado", "Published",
    (
        _c("@level", "Nivel", "Level", req=True, w=12, choices="level",
           es_doc="programa, producto, actividad o marco", en_doc="program, product, activity "
           "or frame"),
        _c("@code", "Código", "Code", w=12,
           es_doc="del producto o actividad; el año para el marco",
           en_doc="of the product or activity; the year for the frame"),
        _c("@row", "Fila", "Row", w=12, choices="row",
           es_doc="total, subtotal o clasificador", en_doc="total, subtotal or classifier"),
        _c("label", "Etiqueta", "Label", w=24),
        _c("@classifier", "Clasificador", "Classifier"),
        _c("target", "Meta", "Target", "number"),
        _c("amount", "Monto", "Amount", "number"),
        _c("decimals", "Decimales", "Decimals", "integer"),
        _c("source", "Fuente", "Source", w=30),
    ),
    "Cifras tal como se publicaron, para compararlas con las calculadas.",
    "Figures as published, to compare them with the computed ones.",
    "Las columnas con el código de una dimensión filtran las filas 'subtotal'.",
    "Columns named by a dimension's code filter the 'subtotal' rows.",
)

POPULATIONS = SheetSpec(
    "populations", "Poblaciones", "Populations",
    (
        _c("@population", "Población", "Population", req=True, w=16),
        _c("name", "Nombre", "Name", w=30),
        _c("unit", "Unidad", "Unit"),
        _c("source", "Fuente", "Source", w=30),
        _c("@year", "Año", "Year", req=True, w=8),
        _c("@value", "Valor", "Value", "number"),
        _c("@coverage", "Cobertura", "Coverage", "number"),
    ),
    "Poblaciones del marco multianual y su cobertura, una fila por población y año.",
    "Populations of the multi-year frame and their coverage, one row per population and year.",
)

CEILINGS = SheetSpec(
    "ceilings", "Techos", "Ceilings",
    (
        _c("year", "Año", "Year", "integer", req=True, w=8),
        _c("amount", "Monto", "Amount", "number", req=True),
        _c("protect", "Protegidos", "Protected", "list", w=24,
           es_doc="códigos separados por comas", en_doc="codes separated by commas"),
        _c("source", "Fuente", "Source", w=30),
    ),
    "Techos presupuestales por año.", "Budget ceilings per year.",
)

SCENARIOS = SheetSpec(
    "scenarios", "Escenarios", "Scenarios",
    (
        _c("@code", "Código", "Code", req=True, w=16),
        _c("name", "Nombre", "Name", req=True, w=32),
        _c("description", "Descripción", "Description", w=40),
        _c("inertial.growth", "Inercial: crecimiento", "Inertial: growth", "value"),
        _c("inertial.source", "Inercial: fuente", "Inertial: source", w=30),
    ),
    "Escenarios; sus cambios están en 'Cambios de escenario' y la asignación anterior de un "
    "escenario inercial en 'Asignación anterior'.",
    "Scenarios; their changes are on 'Scenario changes' and an inertial scenario's previous "
    "allocation on 'Previous allocation'.",
)

CHANGES = SheetSpec(
    "changes", "Cambios de escenario", "Scenario changes",
    (
        _c("@scenario", "Escenario", "Scenario", req=True, w=16, choices="scenario"),
        _c("parameter", "Parámetro", "Parameter", w=20),
        _c("activity", "Actividad", "Activity", choices="activity"),
        _c("input", "Insumo", "Input"),
        _c("coverage", "Cobertura", "Coverage", choices="population"),
        _c("year", "Año", "Year", "integer", w=8),
        _c("field", "Campo", "Field", req=True),
        _c("value", "Valor", "Value", "value", req=True),
    ),
    "Cambios de cada escenario, en orden.", "Each scenario's changes, in order.",
)

PREVIOUS = SheetSpec(
    "previous", "Asignación anterior", "Previous allocation",
    (
        _c("@scenario", "Escenario", "Scenario", req=True, w=16, choices="scenario"),
        _c("@code", "Código", "Code", req=True),
        _c("@amount", "Monto", "Amount", "number", req=True),
    ),
    "Montos del año anterior de un escenario inercial.",
    "Last year's amounts of an inertial scenario.",
)

REVIEW_RATIOS = SheetSpec(
    "review_ratios", "Reglas de revisión", "Review rules",
    (
        _c("label", "Etiqueta", "Label", w=36),
        _c("activity", "Actividad", "Activity", req=True, choices="activity"),
        _c("product", "Producto", "Product", choices="product"),
        _c("base", "Base", "Base", "value",
           es_doc="beneficiarios del producto si no tiene meta",
           en_doc="the product's beneficiaries when it has no target"),
        _c("low", "Mínimo", "Low", "number", req=True),
        _c("high", "Máximo", "High", "number", req=True),
        _c("source", "Fuente", "Source", w=30),
    ),
    "Relaciones físicas que costeo review verifica: meta de la actividad ÷ meta del producto "
    "(o la base) entre el mínimo y el máximo.",
    "Physical ratios costeo review checks: the activity's target ÷ the product's target (or the "
    "base) between low and high.",
)

TABLES: tuple[SheetSpec, ...] = (
    INDICATORS, PARAMETERS, DIMENSIONS, ZONES, ZONE_MAP, STAFF, CENTRES, REGISTERS, CALENDARS,
    DAYS_OFF, PRODUCTS, ACTIVITIES, INPUTS, STRUCTURE, ZONE_PRICES, RECORDS, PUBLISHED,
    POPULATIONS, CEILINGS, SCENARIOS, CHANGES, PREVIOUS, REVIEW_RATIOS,
)
SHEETS: tuple[SheetSpec, ...] = (INSTRUCTIONS, PROGRAM, *TABLES, LISTS)

# Value columns of a cells sheet: model name -> (es, en) header.
CELL_COLUMNS: dict[str, tuple[str, str]] = {
    "target": ("meta", "target"),
    "amount": ("monto", "amount"),
    "unit_cost": ("costo unitario", "unit cost"),
    "displayed_unit_cost": ("costo unitario publicado", "displayed unit cost"),
    "published_amount": ("monto publicado", "published amount"),
}
PRICE = ("precio.", "price.")

CELLS_DOC = (
    "Una hoja por actividad con celdas: primero las columnas de dimensión (su código), luego "
    "los valores: meta, monto, costo unitario, costo unitario publicado, monto publicado, "
    "precio.<insumo>.",
    "One sheet per activity with cells: first the dimension columns (their code), then the "
    "values: target, amount, unit cost, displayed unit cost, published amount, price.<input>.",
)
REGISTER_DOC = (
    "Una hoja por padrón: la primera columna es el periodo, las demás son conteos (initial, "
    "entries, exits, final y otras).",
    "One sheet per register: the first column is the period, the others are counts (initial, "
    "entries, exits, final and others).",
)
CONVENTIONS = (
    (
        "Los números se escriben como números, con punto o coma decimal según su Excel; el "
        "formato muestra el valor exacto (los ceros a la derecha cuentan: 1.70 tiene dos "
        "decimales).",
        "Una referencia a un parámetro se escribe como texto: $nombre.",
        "Los códigos son texto (se conservan los ceros a la izquierda, p. ej. 0115).",
        "Una celda vacía toma el valor por defecto del campo.",
        "Los valores de las listas desplegables son los códigos del formato del programa "
        "(bottom_up, labour, PEN...).",
        "Un número con más de 15 cifras significativas se escribe como texto para conservarlo "
        "exacto.",
        "Importar: costeo import xlsx ARCHIVO.xlsx -o PROGRAMA.yaml",
    ),
    (
        "Numbers are written as numbers; the number format shows the exact value (trailing "
        "zeros count: 1.70 has two decimals).",
        "A parameter reference is written as text: $name.",
        "Codes are text (leading zeros are kept, e.g. 0115).",
        "An empty cell takes the field's default value.",
        "Dropdown values are the codes of the program format (bottom_up, labour, PEN...).",
        "A number with more than 15 significant digits is written as text to keep it exact.",
        "Import: costeo import xlsx FILE.xlsx -o PROGRAM.yaml",
    ),
)


def sheet_by_name(name: str) -> SheetSpec | None:
    folded = fold(name)
    for spec in SHEETS:
        if folded in (fold(spec.es), fold(spec.en)):
            return spec
    return None


def column_by_header(spec: SheetSpec, header: str) -> Col | None:
    folded = fold(header)
    for col in spec.cols:
        if folded in (fold(col.es), fold(col.en), fold(col.path)):
            return col
    return None


# Every field of the program model the workbook holds, by model class. A field missing here
# is one the workbook cannot carry: exporting a program that sets it fails loudly, and a test
# walks the model so that a new field cannot be forgotten.
HANDLED: dict[str, frozenset[str]] = {
    name: frozenset(fields.split()) for name, fields in {
        "Program": "program parameters dimensions staff cost_centres registers products "
                   "common_actions published zones frame calendars ceilings scenarios review",
        "ProgramInfo": "code name entity fiscal_year currency country source result",
        "Result": "statement population indicators",
        "Indicator": "code name unit baseline target source",
        "Measure": "year value",
        "Parameter": "name unit source values",
        "DatedValue": "from_ value note",
        "Dimension": "name values period territory",
        "Zones": "name dimension map default source",
        "ZonePrices": "zones prices",
        "StaffCategory": "name monthly_pay months_per_year hours_per_month source",
        "CostCentre": "name kind direct indirect allocate_by bases source",
        "Register": "name unit period columns rows source",
        "CellTable": "dimensions columns rows source",
        "RegisterTarget": "register_code columns lag opening factor",
        "PublishedSubtotal": "where label target amount",
        "Published": "target amount subtotals by_classifier decimals source",
        "Activity": "code name unit target frequency frequency_unit cells cost published "
                    "projection calendar years source",
        "Product": "code name unit target activities published",
        "BottomUp": "method inputs",
        "Declared": "method unit_cost classifier source",
        "TopDown": "method envelope per_beneficiary beneficiaries share classifier source",
        "Observed": "method records average classifier source",
        "Record": "site spent produced",
        "ItemInput": "id name classifier zone_prices source kind unit quantity frequency price",
        "LabourInput": "id name classifier zone_prices source kind staff minutes hours people",
        "EquipmentInput": "id name classifier zone_prices source kind category replacement_price "
                          "useful_life units_per_year quantity",
        "IndirectInput": "id name classifier zone_prices source kind centre",
        "MarkupInput": "id name classifier zone_prices source kind base base_component "
                       "structure markup",
        "TransferInput": "id name classifier zone_prices source kind amount tax_rate fee "
                         "fee_classifier payments",
        "Frame": "name years populations coverage index published decimals source",
        "Population": "name unit source values",
        "Projection": "population per_unit",
        "Calendar": "name start end weekdays holidays breaks source",
        "Holiday": "from_ to",
        "Ceiling": "year amount protect source",
        "Scenario": "name description changes inertial",
        "Change": "parameter activity input coverage year field value",
        "Inertial": "previous growth source",
        "ReviewRules": "ratios",
        "ReviewRatio": "activity product base low high label source",
    }.items()
}
