"""`costeo demo`: cost the bundled examples, print a summary, write their reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from costeo.cli.common import (
    INPUT_ERRORS,
    JsonOption,
    Lang,
    LangOption,
    err,
    out,
    print_diagnostics,
    print_json,
)
from costeo.cli.report import OutOption, write_reports
from costeo.diagnostics import Severity
from costeo.i18n import fmt_money, fmt_number, locale_for, t
from costeo.loader import load_program

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def demo(
    out_dir: OutOption = Path("out"),
    examples: Annotated[
        Path, typer.Option(help="Carpeta con los programas de ejemplo.")
    ] = EXAMPLES,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Costea los programas de ejemplo, muestra un resumen y escribe sus informes."""
    files = sorted(examples.glob("*.yaml"))
    if not files:
        err.print(f"{examples}: no hay programas .yaml", markup=False)
        raise typer.Exit(INPUT_ERRORS)
    rows: list[dict[str, Any]] = []
    failed = False
    for file in files:
        loaded = load_program(file)
        result = loaded.result
        if result is None:
            print_diagnostics(loaded.diagnostics, lang.value, err)
            failed = True
            continue
        written = write_reports(result, out_dir, lang.value)
        info = result.program.program
        rows.append({
            "file": str(file), "code": info.code, "name": info.name,
            "year": info.fiscal_year, "currency": info.currency, "country": info.country,
            "products": len(result.products),
            "activities": sum(1 for _ in result.activities()),
            "total": result.total, "declared_share": result.declared_share(),
            "notes": sum(1 for d in loaded.diagnostics if d.severity is not Severity.ERROR),
            "written": [str(p) for p in written],
        })
    if json:
        print_json(rows)
    else:
        out.print(summary_table(rows, lang.value))
        for row in rows:
            for path in row["written"]:
                out.print(f"  {path}", markup=False, style="dim")
    if failed:
        raise typer.Exit(INPUT_ERRORS)


def summary_table(rows: list[dict[str, Any]], lang: str) -> Table:
    title = "Programas de ejemplo costeados" if lang == "es" else "Example programs costed"
    table = Table(title=title, title_justify="left")
    table.add_column(t("program", lang), overflow="fold", ratio=3)
    table.add_column(t("fiscal_year", lang), justify="right")
    table.add_column(t("products", lang), justify="right")
    table.add_column(t("activities", lang), justify="right")
    table.add_column(t("total", lang), justify="right")
    table.add_column("% " + t("declared", lang), justify="right")
    table.add_column(t("diagnostics", lang), justify="right")
    for row in rows:
        locale = locale_for(lang, row["country"])
        table.add_row(f"{row['code']} {row['name']}", str(row["year"]), str(row["products"]),
                      str(row["activities"]), fmt_money(row["total"], row["currency"], 2, locale),
                      fmt_number(row["declared_share"] * 100, 1, locale) + "%",
                      str(row["notes"]))
    return table
