"""Header rows, column names, labels and metadata as analysts write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from costeo.diagnostics import Location
from costeo.review.tables.csv_reader import sheet_from_text, split_records
from costeo.review.tables.layout import (
    Field,
    Label,
    find_header,
    label_of,
    looks_like_note,
    read_meta,
)
from costeo.review.tables.sheet import Role
from costeo.review.tables.words import header_key, slug


@pytest.mark.parametrize(("title", "field"), [
    ("Costo unitario (S/)", Field.UNIT_COST), ("C.U.", Field.UNIT_COST),
    ("COSTO UNITARIO", Field.UNIT_COST), ("Unit cost", Field.UNIT_COST),
    ("Meta", Field.TARGET), ("Meta física", Field.TARGET), ("META FISICA 2014", Field.TARGET),
    ("Usuarios (meta física)", Field.TARGET),
    ("Monto (S/)", Field.AMOUNT), ("Presupuesto", Field.AMOUNT), ("PIA 2014", Field.AMOUNT),
    ("Monto S/", Field.AMOUNT), ("Importe US$", Field.AMOUNT),
    ("Unidad de medida", Field.UNIT), ("U.M.", Field.UNIT), ("U. M.", Field.UNIT),
    ("Días de atención", Field.FACTOR), ("dias", Field.FACTOR),
    ("Específica de gasto", Field.CLASSIFIER), ("Producto", Field.PRODUCT),
    ("Actividad", Field.ACTIVITY),
])
def test_header_synonyms(title: str, field: Field) -> None:
    rows = split_records(f"{title},Meta física,Monto\n", ",", "t.csv")
    header = find_header(rows, Role.TABLE)
    assert header is not None
    assert header.fields[field] == 0


def test_header_keys_are_case_and_accent_insensitive() -> None:
    assert header_key("Meta Física (usuarios)") == header_key("META FISICA") == "metafisica"
    assert slug("Quintil de pobreza") == "quintil_de_pobreza"
    assert slug("Región") == "region"


def test_header_below_title_and_metadata_lines(tmp_path: Path) -> None:
    text = ("PROGRAMA NACIONAL DE ALIMENTACIÓN ESCOLAR\n"
            "Cuadro N° 7: costo por segmento\n"
            "año: 2014\n\n"
            "Producto;Zona;Meta física;Costo unitario;Monto\n"
            "Escolares;Selva;11823;3,08;6.951.734\n")
    sheet = sheet_from_text(text, "t.csv", "", Role.TABLE)
    header = find_header(sheet.rows, Role.TABLE)
    assert header is not None and header.row.location == Location("t.csv", 5, 1)
    assert header.keys == {1: "zona"}  # any other named column is a key
    assert header.fields[Field.AMOUNT] == 4
    meta = read_meta(sheet.rows[:header.index])
    assert [(m.name, m.value) for m in meta] == [("year", "2014")]


def test_no_header_in_the_first_twenty_rows() -> None:
    text = "título\n" * 20 + "producto,meta,monto\n"
    assert find_header(split_records(text, ",", "t.csv"), Role.TABLE) is None
    text = "título\n" * 19 + "producto,meta,monto\n"
    assert find_header(split_records(text, ",", "t.csv"), Role.TABLE) is not None


def test_metadata_in_one_cell_or_two() -> None:
    rows = split_records('Código:,0115\nPrograma: Qali Warma\nTítulo sin clave\n'
                         'Moneda,PEN\n"Separador decimal: ,"\nCuadro N° 7: costos\n', ",",
                         "t.csv")
    assert [(m.name, m.value) for m in read_meta(rows)] == [
        ("code", "0115"), ("name", "Qali Warma"), ("currency", "PEN"), ("decimal", ",")]


@pytest.mark.parametrize(("text", "label", "rest"), [
    ("Subtotal", Label.SUBTOTAL, ""), ("Sub total Raciones", Label.SUBTOTAL, "Raciones"),
    ("SUB-TOTAL Productos (IE remota)", Label.SUBTOTAL, "Productos (IE remota)"),
    ("Total Raciones", Label.SUBTOTAL, "Raciones"),
    ("TOTAL PRODUCTO", Label.PRODUCT, ""), ("Total producto 3000001", Label.PRODUCT, "3000001"),
    ("Total", Label.TOTAL, ""), ("Total general", Label.TOTAL, ""),
    ("TOTAL GENERAL", Label.TOTAL, ""), ("Gran total", Label.TOTAL, ""),
    ("Total del programa", Label.TOTAL, ""),
])
def test_labels(text: str, label: Label, rest: str) -> None:
    assert label_of(text) == (label, rest)


@pytest.mark.parametrize("text", ["Totalidad de escolares", "Raciones", "Subvención"])
def test_not_labels(text: str) -> None:
    assert label_of(text) is None


def test_notes() -> None:
    assert looks_like_note("Fuente: MIDIS")
    assert looks_like_note("Nota: el monto usa el costo sin redondear")
    assert looks_like_note("(1) Incluye flete")
    assert looks_like_note("* Cifras preliminares")
    assert not looks_like_note("Escolares reciben el servicio alimentario durante los días "
                               "del año escolar")


def test_csv_cells_know_their_line_and_column() -> None:
    text = '# comentario\na,"b, con coma",c\n"varias\nlíneas",x\r\n"comillas ""dobles""",y\n'
    rows = split_records(text, ",", "t.csv")
    assert [[c.text for c in r.cells] for r in rows] == [
        ["a", "b, con coma", "c"], ["varias\nlíneas", "x"], ['comillas "dobles"', "y"]]
    assert [c.location for c in rows[0].cells] == [
        Location("t.csv", 2, 1), Location("t.csv", 2, 3), Location("t.csv", 2, 17)]
    assert rows[1].cells[1].location == Location("t.csv", 4, 9)
    assert rows[2].location == Location("t.csv", 5, 1)


def test_delimiter_is_the_one_that_finds_the_header() -> None:
    text = "producto;meta física;costo unitario;monto\nEscolares;82142;2,55;40.077.453\n"
    sheet = sheet_from_text(text, "t.csv", "", Role.TABLE)
    assert [c.text for c in sheet.rows[1].cells] == ["Escolares", "82142", "2,55", "40.077.453"]
    tabbed = text.replace(";", "\t")
    assert len(sheet_from_text(tabbed, "t.csv", "", Role.TABLE).rows[1].cells) == 4


DOC = (Path(__file__).resolve().parents[3] / "docs/reference/published-tables.md").read_text(
    encoding="utf-8")


@pytest.mark.parametrize("field", list(Field), ids=str)
def test_every_accepted_column_name_is_documented(field: Field) -> None:
    from costeo.review.tables.layout import NAMES

    missing = [name for name in NAMES[field] if f"`{name}`" not in DOC]
    assert not missing, f"docs/reference/published-tables.md lacks {missing}"


def test_every_metadata_key_is_documented() -> None:
    from costeo.review.tables.layout import META_NAMES

    missing = [n for names in META_NAMES.values() for n in names if f"`{n}`" not in DOC]
    assert not missing, f"docs/reference/published-tables.md lacks {missing}"
