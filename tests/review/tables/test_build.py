"""Rows, subtotals and what they cover, read from small published tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from costeo.diagnostics import Diagnostics, Location
from costeo.review.subject import ReviewSubject, RowKind
from costeo.review.tables import read_tables


def _read(tmp_path: Path, text: str, name: str = "tabla.csv",
          **siblings: str) -> tuple[ReviewSubject | None, Diagnostics]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for part, body in siblings.items():
        (tmp_path / f"{path.stem}.{part}.csv").write_text(body, encoding="utf-8")
    diagnostics = Diagnostics()
    return read_tables(path, diagnostics), diagnostics


# Two products, activities under product header rows, a product subtotal, common actions.
JUNTOS_LIKE = """\
programa: Programa Nacional de Apoyo Directo a los Más Pobres
código: 0049
año: 2014
Producto,Actividad,Unidad de medida,Meta física,Costo unitario,Monto,Clasificador
Hogares reciben incentivos monetarios condicionados,,,,,,
,Subvención (esquema regular),hogar pagado,739570,200.02,"147,928,791",2.5.1.1.1.1
,Subvención (esquema alternativo),hogar pagado,3121,452.05,"1,410,833",2.5.1.1.1.1
,Subtotal,,,,"149,339,624",
,Comisión bancaria,hogar pagado,742691,7.00,"5,198,837",2.3.2.7.11.99
TOTAL PRODUCTO,,,,,"154,538,461",
Hogares con verificación de corresponsabilidades,Verificación,hogar,777425,5.50,"4,275,838",
Acciones comunes,Gestión del programa,acción,12,"5,575,337.08","66,904,045",2.3.2.8.1.1
Total general,,,,,"225,718,344",
Fuente: MIDIS, bimestre I
"""


def test_rows_subtotals_and_coverage(tmp_path: Path) -> None:
    subject, diagnostics = _read(tmp_path, JUNTOS_LIKE)
    assert subject is not None, diagnostics.to_json()
    assert list(diagnostics) == []
    rows = subject.main.rows
    kinds = [r.kind for r in rows]
    assert kinds == [RowKind.ROW, RowKind.ROW, RowKind.SUBTOTAL, RowKind.ROW, RowKind.SUBTOTAL,
                     RowKind.ROW, RowKind.ROW, RowKind.TOTAL]
    # the product header row applies to the rows below it, until the next product
    assert [r.product for r in rows[:5]] == ["Hogares reciben incentivos monetarios "
                                             "condicionados"] * 5
    assert rows[5].product == "Hogares con verificación de corresponsabilidades"
    # "Subtotal" covers the rows since the previous subtotal; "TOTAL PRODUCTO" the product
    assert rows[2].covers == (0, 1) and rows[2].amount == Decimal(149339624)
    assert rows[4].covers == (0, 1, 3)
    assert rows[7].covers == (0, 1, 3, 5, 6)
    assert rows[7].product is None and rows[2].activity is None
    # common actions: no product, flagged
    assert rows[6].common and rows[6].product is None
    assert rows[6].unit_cost == Decimal("5575337.08") and rows[6].decimals == 2
    assert rows[0].classifiers == ("2.5.1.1.1.1",)
    assert rows[0].unit_cost == Decimal("200.02") and rows[0].target == Decimal(739570)
    assert rows[0].factor == Decimal(1)
    assert rows[0].location == Location(str(tmp_path / "tabla.csv"), 6, 1)
    assert subject.code == "0049" and subject.year == 2014 and subject.currency == "PEN"
    assert subject.version == "tabla.csv"  # no version line: the file name


def test_subtotal_resets_at_a_new_product(tmp_path: Path) -> None:
    text = ("producto,actividad,meta,costo unitario,monto\n"
            "A,a1,1,10,10\nA,a2,2,10,20\n"
            "B,b1,3,10,30\n"
            "Subtotal,,,,30\n"
            "Total,,,,60\n")
    subject, _ = _read(tmp_path, text)
    assert subject is not None
    assert subject.main.rows[3].covers == (2,)     # only B's row: the product changed
    assert subject.main.rows[3].product == "B"
    assert subject.main.rows[4].covers == (0, 1, 2)


def test_notes_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    text = ("producto,meta,costo unitario,monto\n\n"
            "A,1,10,10\n"
            "(1) incluye flete\n\n"
            "A,2,10,20\n"
            "Total,3,,30\n"
            "Nota: cifras del PIA\n"
            "Elaborado por la oficina de presupuesto\n")
    subject, diagnostics = _read(tmp_path, text)
    assert subject is not None and list(diagnostics) == []
    assert [r.target for r in subject.main.lines()] == [1, 2]


def test_keys_from_extra_columns_and_header_rows(tmp_path: Path) -> None:
    text = ("Producto,Modalidad,Zona,Meta,C.U.,Monto\n"
            "Escolares,,,,,\n"
            ",Raciones,,,,\n"
            ",,Costa y sierra,82142,2.55,40077453\n"
            ",,Selva,11823,3.08,6951734\n"
            ",Subtotal Raciones,,93965,,47029187\n")
    subject, _ = _read(tmp_path, text)
    assert subject is not None
    rows = subject.main.rows
    assert subject.main.split_by == ("modalidad", "zona")
    assert rows[0].keys == {"modalidad": "Raciones", "zona": "Costa y sierra"}
    assert rows[2].keys == {"modalidad": "Raciones"} and rows[2].covers == (0, 1)


def test_factor_with_its_unit_and_a_decimal_comma_file(tmp_path: Path) -> None:
    text = ("producto;zona;usuarios;días;costo unitario;monto\n"
            "Escolares;Selva;11.823;191 días;3,08;6.951.734\n"
            "Escolares;Costa;1.234;191 días;2,55;601.000\n")
    subject, diagnostics = _read(tmp_path, text)
    assert subject is not None and list(diagnostics) == []
    first, second = subject.main.lines()
    assert first.factor == Decimal(191) and first.unit_cost == Decimal("3.08")
    assert first.target == Decimal(11823) and first.amount == Decimal(6951734)
    # "1.234" alone is ambiguous: the other figures of its column show ',' is decimal
    assert second.target == Decimal(1234) and second.amount == Decimal(601000)


def test_decimal_separator_line_decides_ambiguous_figures(tmp_path: Path) -> None:
    text = ('"separador decimal: ,"\n'
            "actividad,meta,costo unitario,monto\n"
            "Comisión bancaria,742,7,5.194\n")
    subject, diagnostics = _read(tmp_path, text)
    assert subject is not None and list(diagnostics) == []
    assert subject.main.lines()[0].amount == Decimal(5194)
    text = text.replace('"separador decimal: ,"', "decimal: .")
    subject, diagnostics = _read(tmp_path, text)
    assert subject is not None and list(diagnostics) == []
    assert subject.main.lines()[0].amount == Decimal("5.194")


def test_companion_files(tmp_path: Path) -> None:
    text = "producto,actividad,meta,costo unitario,monto\nHogares,Subvención,10,200.02,2000.2\n"
    subject, diagnostics = _read(
        tmp_path, text,
        segmentos="producto,zona,meta,monto\nHogares,Selva,10,2000.2\n",
        beneficiarios="producto,beneficiarios\nHogares,\"1,207,996\"\nTotal,1207996\n",
        reglas=("tipo,actividad,producto,mínimo,máximo,monto,pagos,impuesto,comisión\n"
                "transferencia,Subvención,,,,200,6,0.01%,7.00\n"
                "ratio,Subvención,Hogares,5,6,,,,\n"))
    assert subject is not None, diagnostics.to_json()
    assert [t.name for t in subject.tables] == ["principal", "segmentos"]
    assert subject.tables[1].split_by == ("zona",)
    assert subject.beneficiaries == {"Hogares": Decimal(1207996), "total": Decimal(1207996)}
    (rule,) = subject.transfers
    assert (rule.activity, rule.amount, rule.payments, rule.tax_rate, rule.fee) == (
        "Subvención", Decimal(200), 6, Decimal("0.0001"), Decimal("7.00"))
    (ratio,) = subject.ratios
    assert (ratio.activity, ratio.product, ratio.low, ratio.high) == (
        "Subvención", "Hogares", Decimal(5), Decimal(6))
    assert ratio.location == Location(str(tmp_path / "tabla.reglas.csv"), 3, 1)


def test_metadata_defaults_from_the_file_name(tmp_path: Path) -> None:
    text = "producto,meta,costo unitario,monto\nA,1,10,10\n"
    subject, _ = _read(tmp_path, text, name="juntos-2015.csv")
    assert subject is not None
    assert (subject.code, subject.name, subject.year, subject.currency, subject.origin) == (
        "juntos-2015", "juntos-2015", 2015, "PEN", "published")


def test_cp1252_csv_as_excel_saves_it(tmp_path: Path) -> None:
    path = tmp_path / "tabla.csv"
    path.write_bytes("producto;meta física;costo unitario;monto\nNiños;1;10;10\n"
                     .encode("cp1252"))
    diagnostics = Diagnostics()
    subject = read_tables(path, diagnostics)
    assert subject is not None and subject.main.rows[0].product == "Niños"


def test_an_activity_named_total_with_its_unit_cost_is_a_row(tmp_path: Path) -> None:
    text = ("producto,actividad,meta,costo unitario,monto\n"
            "Hogares,Total de hogares verificados,10,5.50,55\n"
            ",Subtotal,,,55\n")
    subject, _ = _read(tmp_path, text)
    assert subject is not None
    assert [r.kind for r in subject.main.rows] == [RowKind.ROW, RowKind.SUBTOTAL]
    assert subject.main.rows[1].covers == (0,)


def test_a_units_line_under_the_header_is_part_of_the_header(tmp_path: Path) -> None:
    text = ("producto,zona,meta física,costo unitario,monto\n"
            ",,(usuarios),(S/ por día),(S/)\n"
            "Escolares,Selva,11823,3.08,6951734\n")
    subject, diagnostics = _read(tmp_path, text)
    assert subject is not None and list(diagnostics) == []
    assert [r.target for r in subject.main.rows] == [Decimal(11823)]


def test_an_ecuadorian_table(tmp_path: Path) -> None:
    text = ("Programa: Infancia con Futuro\nMoneda: USD\nPaís: EC\n"
            "Producto;Actividad;Provincia;Meta programada;Costo unitario;"
            "Presupuesto codificado\n"
            "Niños con control de crecimiento;Visitas domiciliarias;Azuay;1.250;$12,50;"
            "$15.625,00\n"
            "Niños con control de crecimiento;Visitas domiciliarias;Cañar;980;$12,50;"
            "$12.250,00\n")
    subject, diagnostics = _read(tmp_path, text, name="dci-ecuador-2024.csv")
    assert subject is not None, diagnostics.to_json()
    assert list(diagnostics) == []
    assert (subject.currency, subject.country, subject.year) == ("USD", "EC", 2024)
    first, second = subject.main.lines()
    # "1.250" alone could be 1.25: the column's "980" says nothing, the sheet's "$12,50" does
    assert (first.target, first.unit_cost, first.decimals, first.amount) == (
        Decimal(1250), Decimal("12.50"), 2, Decimal("15625.00"))
    assert second.keys == {"provincia": "Cañar"}


def test_a_bare_total_with_rows_after_it_closes_its_product(tmp_path: Path) -> None:
    text = ("producto,actividad,meta,costo unitario,monto\n"
            "A,a1,1,10,10\nA,a2,2,10,20\nTotal,,,,30\n"
            "B,b1,3,10,30\nTotal,,,,30\n"
            "Total general,,,,60\n")
    subject, diagnostics = _read(tmp_path, text)
    assert subject is not None and list(diagnostics) == []
    rows = subject.main.rows
    assert [r.kind for r in rows] == [RowKind.ROW, RowKind.ROW, RowKind.SUBTOTAL, RowKind.ROW,
                                      RowKind.SUBTOTAL, RowKind.TOTAL]
    assert (rows[2].covers, rows[2].product) == ((0, 1), "A")
    assert (rows[4].covers, rows[4].product) == ((3,), "B")
    assert rows[5].covers == (0, 1, 3)
