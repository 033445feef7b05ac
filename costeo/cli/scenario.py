"""`costeo scenario list|compare`: named scenarios side by side, differences explained."""

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
    load_or_exit,
    out,
    print_diagnostics,
    print_json,
)
from costeo.cli.formulate import _no_scenario
from costeo.diagnostics import Diagnostics
from costeo.formulation.result import CostResult
from costeo.formulation.scenarios import BASE, Comparison, compare, cost_scenario, inertial
from costeo.i18n import fmt_money, fmt_number, locale_for, t

app = typer.Typer(help="Escenarios: listar y comparar.", no_args_is_help=True,
                  rich_markup_mode=None)

FileArg = Annotated[Path, typer.Argument(help="Archivo .yaml o carpeta del programa.")]


def _load(file: Path, lang: Lang) -> CostResult:
    return load_or_exit(file, lang.value)[1]


@app.command("list")
def list_scenarios(file: FileArg, lang: LangOption = Lang.es, json: JsonOption = False) -> None:
    """Lista los escenarios del programa."""
    result = _load(file, lang)
    scenarios = result.program.scenarios
    if json:
        print_json([{"name": name, "title": s.name, "changes": len(s.changes),
                     "inertial": s.inertial is not None, "description": s.description or ""}
                    for name, s in scenarios.items()])
        return
    table = Table(title="Escenarios" if lang is Lang.es else "Scenarios", title_justify="left")
    for column in ("id", "Nombre" if lang is Lang.es else "Name",
                   "Cambios" if lang is Lang.es else "Changes"):
        table.add_column(column)
    table.add_row(BASE, "Programa tal como está escrito" if lang is Lang.es else
                  "The program as written", "0")
    for name, s in scenarios.items():
        kind = (" (inercial)" if lang is Lang.es else " (inertial)") if s.inertial else ""
        table.add_row(name, s.name + kind, str(len(s.changes)))
    out.print(table)


@app.command("compare")
def compare_scenarios(
    file: FileArg,
    first: Annotated[str, typer.Argument(help="Escenario de partida (o el único a comparar "
                                              "con base).")],
    second: Annotated[str | None, typer.Argument(help="Escenario a comparar.")] = None,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Compara dos escenarios lado a lado y explica cada diferencia hasta los insumos."""
    before_name, after_name = (BASE, first) if second is None else (first, second)
    result = _load(file, lang)
    program = result.program
    for name in (before_name, after_name):
        if name != BASE and name not in program.scenarios:
            err.print(_no_scenario(name, list(program.scenarios), lang.value), markup=False)
            raise typer.Exit(INPUT_ERRORS)
    diagnostics = Diagnostics()
    if program.scenarios.get(after_name) and program.scenarios[after_name].inertial:
        show_inertial(result, after_name, diagnostics, lang.value, json)
        return
    before = result if before_name == BASE else cost_scenario(program, before_name, diagnostics,
                                                             result.file)
    after = cost_scenario(program, after_name, diagnostics, result.file)
    if before is None or after is None:
        print_diagnostics(diagnostics, lang.value, err)
        raise typer.Exit(INPUT_ERRORS)
    comparison = compare(before, after, before_name, after_name)
    if json:
        print_json(comparison_json(comparison))
        return
    render_comparison(result, comparison, lang.value)


def render_comparison(result: CostResult, c: Comparison, lang: str) -> None:
    info = result.program.program
    locale = locale_for(lang, info.country)
    es = lang == "es"
    table = Table(title=f"{info.code} {info.name}: {c.before} → {c.after}", title_justify="left")
    table.add_column("Código" if es else "Code", no_wrap=True)
    table.add_column("Nombre" if es else "Name", overflow="fold")
    table.add_column(c.before, justify="right", no_wrap=True)
    table.add_column(c.after, justify="right", no_wrap=True)
    table.add_column("Diferencia" if es else "Difference", justify="right", no_wrap=True)
    for line in c.products:
        table.add_row(line.code, line.name, fmt_number(line.before, 2, locale),
                      fmt_number(line.after, 2, locale), fmt_number(line.difference, 2, locale))
    table.add_row(f"[bold]{t('total', lang)}[/bold]", "",
                  fmt_money(c.total_before, info.currency, 2, locale),
                  fmt_money(c.total_after, info.currency, 2, locale),
                  f"[bold]{fmt_number(c.difference, 2, locale)}[/bold]")
    out.print(table)
    for line in c.activities:
        if line.difference == 0:
            continue
        out.print(f"[bold]{line.code} {line.name}[/bold]: "
                  f"{fmt_number(line.before, 2, locale)} → {fmt_number(line.after, 2, locale)} "
                  f"({fmt_number(line.difference, 2, locale)})", markup=True)
        for value in line.changed:
            before = fmt_number(value.before, 4, locale).rstrip("0").rstrip(".,") \
                if value.before is not None else ("nuevo" if es else "new")
            after = fmt_number(value.after, 4, locale).rstrip("0").rstrip(".,")
            out.print(f"    {value.label}: {before} → {after}  [green]{value.where}[/green]",
                      highlight=False)


def show_inertial(result: CostResult, name: str, diagnostics: Diagnostics, lang: str,
                  json: bool) -> None:
    lines = inertial(result, name, diagnostics)
    info = result.program.program
    if json:
        print_json([{"code": x.code, "previous": str(x.previous), "inertial": str(x.inertial),
                     "results_based": str(x.results_based), "difference": str(x.difference)}
                    for x in lines])
        return
    locale = locale_for(lang, info.country)
    es = lang == "es"
    table = Table(title=result.program.scenarios[name].name, title_justify="left")
    for label in (("Código", "Code"), ("Nombre", "Name"), ("Año anterior", "Previous year"),
                  ("Inercial", "Inertial"), ("Por resultados", "Results-based"),
                  ("Diferencia", "Difference")):
        table.add_column(label[0] if es else label[1], justify="left" if label[0] in (
            "Código", "Nombre") else "right")
    for x in lines:
        table.add_row(x.code, x.name,
                      fmt_number(x.previous, 2, locale), fmt_number(x.inertial, 2, locale),
                      fmt_number(x.results_based, 2, locale), fmt_number(x.difference, 2, locale))
    out.print(table)
    print_diagnostics(diagnostics, lang)


def comparison_json(c: Comparison) -> dict[str, Any]:
    def lines(items: list[Any]) -> list[dict[str, Any]]:
        return [{"code": x.code, "name": x.name, "before": str(x.before), "after": str(x.after),
                 "difference": str(x.difference),
                 "changed": [{"label": v.label,
                              "before": str(v.before) if v.before is not None else None,
                              "after": str(v.after), "where": v.where}
                             for v in getattr(x, "changed", [])]}
                for x in items]

    return {"before": c.before, "after": c.after, "total_before": str(c.total_before),
            "total_after": str(c.total_after), "difference": str(c.difference),
            "products": lines(c.products), "activities": lines(c.activities),
            "classifiers": lines(c.classifiers)}
