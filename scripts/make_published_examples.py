"""Write the bundled published tables of examples/published/ from DOMAIN.md §4.1.

Qali Warma 2014 (school meals), the table of users, unit cost per user-day (as published,
rounded to cents) and published amount for 191 school days, by modality × user × quintile ×
zone, with the published subtotals by modality and the published total:

* ``alimentacion-escolar-2014.csv``: the clean version (one row per segment, plain figures),
  with ``.segmentos.csv`` (the same figures by zone: sums of the published rows, which the
  source does not publish as a table of its own), ``.beneficiarios.csv`` and ``.reglas.csv``;
* ``transferencias-juntos-2014-bimestre-i.csv``: JUNTOS 2014, bimestre I (DOMAIN.md §4.2), with
  the transfer rules (S/ 200 and S/ 452 per payment plus ITF) and the households affiliated;
* ``alimentacion-escolar-2014-publicada.xlsx``: the same table laid out the way analysts
  publish it (title lines, "clave: valor" lines, a product header row, modality and user
  headers in merged cells, figures as text with "S/ " and thousands separators, "Sub total"
  rows, a footnote), with the segment table, beneficiaries and rules on their own sheets.

Both must give the same review subject except for locations (tests/review/tables/).

    .venv/bin/python scripts/make_published_examples.py          # rewrites the files
    .venv/bin/python scripts/make_published_examples.py --check  # fails if any file differs
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "examples" / "published"
STEM = "alimentacion-escolar-2014"

PRODUCT = "Escolares reciben el servicio alimentario durante los días del año escolar"
ACTIVITY = "Provisión del servicio alimentario por segmento"
MODALITIES = ("Raciones", "Productos (IE no remota)", "Productos (IE remota)")
ZONES = ("Costa y sierra", "Selva")
META = [("código", "0115"),
        ("programa", "Programa Nacional de Alimentación Escolar Qali Warma"),
        ("año", "2014"), ("moneda", "PEN"), ("país", "PE"),
        ("versión", "Formulación 2014 (tabla publicada)")]

# modality, user, quintile, then (users, unit cost, published amount) for each zone.
SEGMENTS = [
    (0, "Preescolar", "I-II", (82142, "2.55", 40077453), (11823, "3.08", 6951734)),
    (0, "Preescolar", "III-V", (255119, "1.28", 62511414), (81958, "1.55", 24294260)),
    (0, "Escolar", "I-II", (245792, "3.34", 156614708), (25855, "3.92", 19341205)),
    (0, "Escolar", "III-V", (980999, "1.62", 304244220), (225631, "1.91", 82329048)),
    (1, "Preescolar", "I-II", (70070, "2.29", 30683577), (11173, "2.77", 5911532)),
    (1, "Preescolar", "III-V", (47801, "1.15", 10509790), (13507, "1.39", 3597508)),
    (1, "Escolar", "I-II", (257002, "3.01", 147700901), (28927, "3.54", 19559438)),
    (1, "Escolar", "III-V", (152540, "1.47", 42788079), (56576, "1.72", 18621415)),
    (2, "Preescolar", "I-II", (42635, "2.37", 19320300), (21762, "2.89", 12004804)),
    (2, "Preescolar", "III-V", (22233, "1.21", 5138060), (18400, "1.51", 5319370)),
    (2, "Escolar", "I-II", (93868, "3.31", 59374409), (83418, "3.92", 62515824)),
    (2, "Escolar", "III-V", (48075, "1.70", 15612157), (51992, "2.13", 21140437)),
]
# Published subtotals (users, amount) by modality, and the published total.
SUBTOTALS = [(1909319, 696364043), (637596, 279372240), (382383, 200425361)]
TOTAL = (2929298, 1176161644)
DAYS = 191
CREATED = datetime(2014, 1, 2, tzinfo=UTC)

HEADER = ["producto", "actividad", "modalidad", "tipo de usuario", "quintil", "zona",
          "unidad de medida", "meta física", "días", "costo unitario", "monto"]


def rows_by_modality() -> list[list[tuple[str, str, str, int, str, int]]]:
    """Per modality, its rows in the order published: (user, quintile, zone, users, cu, amount)."""
    groups: list[list[tuple[str, str, str, int, str, int]]] = [[], [], []]
    for modality, user, quintile, *zones in SEGMENTS:
        for zone, (users, cost, amount) in zip(ZONES, zones, strict=True):
            groups[modality].append((user, quintile, zone, users, cost, amount))
    return groups


def by_zone() -> list[tuple[str, str, int, int]]:
    """Users and amount by zone × modality: sums of the published rows."""
    out = []
    for zone in ZONES:
        for modality, group in zip(MODALITIES, rows_by_modality(), strict=True):
            users = sum(r[3] for r in group if r[2] == zone)
            amount = sum(r[5] for r in group if r[2] == zone)
            out.append((zone, modality, users, amount))
    return out


def _csv(rows: list[list[str]], comments: list[str]) -> str:
    buffer = io.StringIO()
    for line in comments:
        buffer.write(f"# {line}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def clean_files() -> dict[str, str]:
    main: list[list[str]] = [[f"{k}: {v}"] for k, v in META]
    main.append(HEADER)
    for modality, group, (users, amount) in zip(MODALITIES, rows_by_modality(), SUBTOTALS,
                                                strict=True):
        for user, quintile, zone, n, cost, published in group:
            main.append([PRODUCT, ACTIVITY, modality, user, quintile, zone, "usuario", str(n),
                         str(DAYS), cost, str(published)])
        main.append(["", "", f"Subtotal {modality}", "", "", "", "", str(users), "", "",
                     str(amount)])
    main.append(["Total general", "", "", "", "", "", "", str(TOTAL[0]), "", "", str(TOTAL[1])])
    segments: list[list[str]] = [["producto", "zona", "modalidad", "usuarios", "monto"]]
    for zone in ZONES:
        zone_rows = [r for r in by_zone() if r[0] == zone]
        segments += [[PRODUCT, zone, modality, str(u), str(a)]
                     for _, modality, u, a in zone_rows]
        segments.append(["", f"Subtotal {zone}", "", str(sum(r[2] for r in zone_rows)),
                         str(sum(r[3] for r in zone_rows))])
    segments.append(["Total general", "", "", str(TOTAL[0]), str(TOTAL[1])])
    source = "Fuente: formulación presupuestal 2014 de Qali Warma (DOMAIN.md §4.1)."
    return {
        f"{STEM}.csv": _csv(main, [
            "Qali Warma 2014: usuarios, costo unitario por usuario-día (S/, redondeado a",
            "céntimos, como se publicó) y monto publicado para 191 días de atención.",
            source]),
        f"{STEM}.segmentos.csv": _csv(segments, [
            "La misma tabla por región (costa y sierra, selva): sumas de las filas publicadas.",
            "El total es el publicado (1 sol más que la suma de las filas, por redondeo)."]),
        f"{STEM}.beneficiarios.csv": _csv(
            [["producto", "beneficiarios"], [PRODUCT, str(TOTAL[0])]],
            ["Usuarios del producto (meta del indicador de cobertura 2014)."]),
        f"{STEM}.reglas.csv": _csv(
            [["tipo", "actividad", "producto", "mínimo", "máximo", "etiqueta"],
             ["ratio", ACTIVITY, PRODUCT, "1", "1",
              "cada usuario del producto recibe el servicio alimentario"]],
            ["Reglas de revisión: usuarios atendidos por usuario del producto."]),
    }


JUNTOS = "transferencias-juntos-2014-bimestre-i"
JUNTOS_PRODUCT = ("Hogares en situación de pobreza reciben incentivos monetarios por cumplir "
                  "corresponsabilidades")
REGULAR = "Transferencia del incentivo monetario, esquema regular"
ALTERNATIVE = "Transferencia del incentivo monetario, esquema alternativo (piloto)"
BANK = "Pago de comisiones al banco por hogar abonado"


def juntos_files() -> dict[str, str]:
    """JUNTOS 2014, bimestre I (DOMAIN.md §4.2): subsidies with ITF and the bank's fee."""
    main = [["código: 0049"],
            ["programa: Programa Nacional de Apoyo Directo a los más Pobres JUNTOS"],
            ["año: 2014"], ["moneda: PEN"], ["versión: Bimestre I 2014"],
            ["producto", "actividad", "unidad de medida", "meta física", "costo unitario",
             "monto", "clasificador"],
            [JUNTOS_PRODUCT, REGULAR, "hogar abonado", "739570", "200.02", "147928791",
             "2.5.4.1.1.1"],
            [JUNTOS_PRODUCT, ALTERNATIVE, "hogar abonado", "3121", "452.0452", "1410833",
             "2.5.4.1.1.1"],
            [JUNTOS_PRODUCT, BANK, "hogar abonado", "742691", "7.00", "5198837",
             "2.3.2.7.11.99"]]
    rules = [["tipo", "actividad", "monto", "pagos", "impuesto", "comisión"],
             ["transferencia", REGULAR, "200", "1", "0.01%", "0"],
             ["transferencia", ALTERNATIVE, "452", "1", "0.01%", "0"]]
    people = [["producto", "beneficiarios"], [JUNTOS_PRODUCT, "778393"]]
    return {
        f"{JUNTOS}.csv": _csv(main, [
            "JUNTOS 2014, bimestre I: hogares abonados, costo por abono y monto publicados",
            "(DOMAIN.md §4.2). La comisión bancaria se paga por los hogares abonados del",
            "bimestre anterior (742,691)."]),
        f"{JUNTOS}.reglas.csv": _csv(rules, [
            "Incentivo legal por pago (S/ 200; S/ 452 en el piloto) más ITF 0.01%: el costo",
            "por abono publicado debe cubrirlo. Un pago por bimestre."]),
        f"{JUNTOS}.beneficiarios.csv": _csv(people, [
            "Hogares afiliados al cierre del bimestre I (padrón: 777,425 + 12,842 − 11,874)."]),
    }


def _money(value: int) -> str:
    return f"S/ {value:,}"


def write_messy(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": CREATED})  # a fixed date: the same bytes on every run
    title = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                            "valign": "vcenter", "align": "center"})
    merged = book.add_format({"valign": "vcenter", "border": 1})
    cell = book.add_format({"border": 1})
    right = book.add_format({"border": 1, "align": "right"})
    cents = book.add_format({"border": 1, "num_format": "0.00"})
    bold = book.add_format({"bold": True, "border": 1, "align": "right"})
    bold_left = book.add_format({"bold": True, "border": 1})
    sheet = book.add_worksheet("Costos por segmento")
    sheet.merge_range("A1:K1", "PROGRAMA NACIONAL DE ALIMENTACIÓN ESCOLAR QALI WARMA", title)
    sheet.write("A2", "Cuadro N° 7 Costo del servicio alimentario por segmento, año 2014")
    for r, (key, value) in enumerate(META, start=3):
        sheet.write(r - 1, 0, f"{key.capitalize()}:")
        sheet.write(r - 1, 1, value)
    top = len(META) + 3  # a blank line, then the header (0-based row index)
    titles = ["Producto", "Actividad", "Modalidad", "Tipo de usuario", "Quintil", "Zona",
              "U.M.", "Meta física (usuarios)", "Días", "C.U. (S/)", "Monto (S/)"]
    sheet.write_row(top, 0, titles, head)
    sheet.set_row(top, 30)
    sheet.merge_range(top + 1, 0, top + 1, 10, PRODUCT, bold_left)  # product header row
    r = top + 2
    for modality, group, (users, amount) in zip(MODALITIES, rows_by_modality(), SUBTOTALS,
                                                strict=True):
        start = r
        for i, (user, quintile, zone, n, cost, published) in enumerate(group):
            if i % 4 == 0:
                sheet.merge_range(r, 3, r + 3, 3, user, merged)
            if i % 2 == 0:
                sheet.merge_range(r, 4, r + 1, 4, quintile, merged)
            sheet.write(r, 5, zone, cell)
            sheet.write(r, 6, "usuario", cell)
            sheet.write(r, 7, f"{n:,}", right)
            sheet.write_number(r, 8, DAYS, cell)
            if (r - start) % 2:  # half the unit costs as numbers shown with cents
                sheet.write_number(r, 9, float(cost), cents)
            else:
                sheet.write(r, 9, f"S/ {cost}", right)
            sheet.write(r, 10, _money(published), right)
            r += 1
        sheet.merge_range(start, 2, r - 1, 2, modality, merged)
        sheet.merge_range(start, 1, r - 1, 1, ACTIVITY, merged)
        sheet.merge_range(r, 0, r, 1, "Sub total", bold_left)
        sheet.write(r, 2, modality, bold_left)
        sheet.write(r, 7, f"{users:,}", bold)
        sheet.write(r, 10, _money(amount), bold)
        r += 1
    sheet.merge_range(r, 0, r, 6, "TOTAL GENERAL", bold_left)
    sheet.write(r, 7, f"{TOTAL[0]:,}", bold)
    sheet.write(r, 10, _money(TOTAL[1]), bold)
    sheet.write(r + 2, 0, "Fuente: MIDIS, formulación presupuestal 2014 (DOMAIN.md §4.1).")
    sheet.write(r + 3, 0, "Nota: el monto usa el costo unitario sin redondear; el C.U. se "
                          "muestra redondeado a céntimos.")
    sheet.set_column(0, 1, 28)
    sheet.set_column(2, 10, 14)

    zones = book.add_worksheet("Segmentos")
    zones.write("A1", "Usuarios y monto por región (sumas de las filas publicadas)", title)
    zones.write_row(2, 0, ["Producto", "Zona", "Modalidad", "Usuarios", "Monto (S/)"], head)
    zones.write(3, 0, PRODUCT, bold_left)  # a product header row
    r = 4
    for zone in ZONES:
        zone_rows = [z for z in by_zone() if z[0] == zone]
        zones.merge_range(r, 1, r + len(zone_rows) - 1, 1, zone, merged)
        for _, modality, users, amount in zone_rows:
            zones.write(r, 2, modality, cell)
            zones.write(r, 3, f"{users:,}", right)
            zones.write(r, 4, _money(amount), right)
            r += 1
        zones.write(r, 1, f"SUBTOTAL {zone}", bold_left)
        zones.write(r, 3, f"{sum(z[2] for z in zone_rows):,}", bold)
        zones.write(r, 4, _money(sum(z[3] for z in zone_rows)), bold)
        r += 1
    zones.write(r, 0, "Total general", bold_left)
    zones.write(r, 3, f"{TOTAL[0]:,}", bold)
    zones.write(r, 4, _money(TOTAL[1]), bold)

    people = book.add_worksheet("Beneficiarios")
    people.write_row(0, 0, ["Producto", "Beneficiarios"], head)
    people.write(1, 0, PRODUCT)
    people.write(1, 1, f"{TOTAL[0]:,}")

    rules = book.add_worksheet("Reglas")
    rules.write_row(0, 0, ["Tipo", "Actividad", "Producto", "Mínimo", "Máximo", "Etiqueta"], head)
    rules.write_row(1, 0, ["Ratio", ACTIVITY, PRODUCT])
    rules.write_number(1, 3, 1)
    rules.write_number(1, 4, 1)
    rules.write(1, 5, "cada usuario del producto recibe el servicio alimentario")
    book.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    files = clean_files() | juntos_files()
    if args.check:
        stale = [name for name, text in files.items()
                 if (OUT / name).read_text(encoding="utf-8") != text]
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "messy.xlsx"
            write_messy(fresh)
            messy = OUT / f"{STEM}-publicada.xlsx"
            if not messy.is_file() or messy.read_bytes() != fresh.read_bytes():
                stale.append(messy.name)
        for name in stale:
            print(f"stale: examples/published/{name}", file=sys.stderr)
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
    write_messy(OUT / f"{STEM}-publicada.xlsx")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
