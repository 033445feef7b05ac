"""`costeo formulate FILE`: the budget by product, classifier, dimension or period, against
the ceiling, for the fiscal year, a scenario or every year of the multi-year frame."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress
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
from costeo.diagnostics import Diagnostics
from costeo.formulation.ceilings import CeilingResult, against_ceiling, ceiling_for
from costeo.formulation.multiyear import FrameResult, cost_frame
from costeo.formulation.periods import MONTHS_IN, by_month, group_months
from costeo.formulation.result import CostResult, Line
from costeo.formulation.scenarios import BASE, cost_scenario
from costeo.i18n import fmt_money, fmt_number, locale_for, month_name, t

BY_HELP = ("Desagregación: product, activity, classifier, month, bimester, quarter, "
           "semester, district, province, department, national o el nombre de una dimensión "
           "(p. ej. region, bimestre).")


def formulate(
    file: Annotated[Path, typer.Argument(help="Archivo .yaml o carpeta del programa.")],
    by: Annotated[str, typer.Option("--by", help=BY_HELP)] = "product",
    scenario: Annotated[str, typer.Option(help="Escenario a formular (base por defecto).")
                        ] = BASE,
    frame: Annotated[bool, typer.Option("--frame", help="Todos los años del marco multianual."
                                        )] = False,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Formula el presupuesto por producto, clasificador, dimensión o periodo, frente al techo."""
    loaded, base = load_or_exit(file, lang.value, json)
    program = base.program
    diagnostics = Diagnostics()
    if scenario != BASE and scenario not in program.scenarios:
        err.print(_no_scenario(scenario, list(program.scenarios), lang.value), markup=False)
        raise typer.Exit(INPUT_ERRORS)
    if frame:
        if program.frame is None:
            err.print("el programa no tiene marco multianual ('frame')" if lang is Lang.es else
                      "the program has no multi-year frame ('frame')", markup=False)
            raise typer.Exit(INPUT_ERRORS)
        with Progress(transient=True, console=err, disable=json) as progress:
            progress.add_task("Costeando años del marco…", total=None)
            frame_result = cost_frame(program, diagnostics, loaded.file, base)
        if frame_result is None:
            print_diagnostics(diagnostics, lang.value, err)
            raise typer.Exit(INPUT_ERRORS)
        if json:
            print_json(frame_json(frame_result))
        else:
            out.print(frame_table(frame_result, lang.value))
        return
    result = base if scenario == BASE else cost_scenario(program, scenario, diagnostics,
                                                                  loaded.file)
    if result is None:
        print_diagnostics(diagnostics, lang.value, err)
        raise typer.Exit(INPUT_ERRORS)
    rows = breakdown(result, by)
    if rows is None:
        choices = ", ".join(["product", "activity", "classifier", *MONTHS_IN,
                             *program.dimensions, *TERRITORY_LEVELS])
        err.print((f"desagregación desconocida '{by}'; use: {choices}" if lang is Lang.es else
                   f"unknown breakdown '{by}'; use: {choices}"), markup=False)
        raise typer.Exit(2)
    ceiling = ceiling_for(result)
    fitted = against_ceiling(result, ceiling) if ceiling is not None else None
    if json:
        print_json(formulation_json(result, by, rows, fitted, scenario))
        return
    out.print(breakdown_table(result, by, rows, fitted, lang.value, scenario))
    if fitted is not None:
        out.print(ceiling_summary(result, fitted, lang.value))
    print_diagnostics(diagnostics, lang.value)


def _no_scenario(name: str, names: list[str], lang: str) -> str:
    listed = ", ".join([BASE, *names])
    return (f"no existe el escenario '{name}'; escenarios: {listed}" if lang == "es" else
            f"there is no scenario '{name}'; scenarios: {listed}")


def line_key(result: CostResult, by: str) -> Any:
    owner = result.owners()
    if by == "product":
        return lambda line: owner[line.activity]
    if by == "activity":
        return lambda line: line.activity
    if by == "classifier":
        return lambda line: line.classifier
    if by in result.program.dimensions:
        return lambda line: dict(line.cell).get(by, "—")
    return None


def names_of(result: CostResult, lang: str) -> dict[str, str]:
    names = {f"{m:02d}": month_name(m, lang) for m in range(1, 13)}
    names.update({p.code: p.product.name for p in result.products})
    names.update({a.code: a.activity.name for a in result.activities()})
    names["common"] = t("common_actions", lang)
    for dimension in result.program.dimensions.values():
        names.update({code: dimension.label(code) for code in dimension.codes()})
    if territory_dimension(result) is not None:
        from costeo.territory import territory

        names.update({p.ubigeo: p.label for p in territory()})
    return names


TERRITORY_LEVELS = ("district", "province", "department", "national")


def territory_dimension(result: CostResult) -> str | None:
    return next((n for n, d in result.program.dimensions.items() if d.territory), None)


def breakdown(result: CostResult, by: str) -> dict[str, Decimal] | None:
    dimension = territory_dimension(result)
    if by in TERRITORY_LEVELS and dimension is not None:
        if by == result.program.dimensions[dimension].territory:
            return dict(sorted(result.by_dimension(dimension).items()))
        return dict(sorted(result.by_territory(dimension, by).items()))
    if by in MONTHS_IN:
        months = by_month(result)
        if by == "month":
            return {f"{m:02d}": v for m, v in months.items()}
        return group_months(months, by)
    key = line_key(result, by)
    if key is None:
        return None
    sums: dict[str, Decimal] = {}
    line: Line
    for line in result.lines():
        k = key(line)
        sums[k] = sums.get(k, Decimal(0)) + line.amount
    return sums


def breakdown_table(result: CostResult, by: str, rows: dict[str, Decimal],
                    fitted: CeilingResult | None, lang: str, scenario: str) -> Table:
    info = result.program.program
    locale = locale_for(lang, info.country)
    names = names_of(result, lang)
    title = f"{info.code} {info.name} — {info.fiscal_year}"
    if scenario != BASE:
        title += f" — {'escenario' if lang == 'es' else 'scenario'}: " \
                 f"{result.program.scenarios[scenario].name}"
    table = Table(title=title, title_justify="left")
    table.add_column(by, no_wrap=True)
    table.add_column("Nombre" if lang == "es" else "Name", overflow="fold")
    table.add_column(t("amount", lang), justify="right", no_wrap=True)
    table.add_column(t("share", lang), justify="right", no_wrap=True)
    fitted_rows: dict[str, Decimal] = {}
    key = line_key(result, by)
    if fitted is not None and key is not None and fitted.gap < 0:
        fitted_rows = {g.key: g.fitted for g in fitted.by(key)}
        table.add_column("Ajustado al techo" if lang == "es" else "Fitted to ceiling",
                         justify="right", no_wrap=True)
        table.add_column("Recorte" if lang == "es" else "Cut", justify="right", no_wrap=True)
    grand = sum(rows.values(), Decimal(0))
    for k, amount in rows.items():
        share = amount / grand * 100 if grand else Decimal(0)
        cells = [k, names.get(k, ""), fmt_number(amount, 2, locale),
                 fmt_number(share, 2, locale) + "%"]
        if fitted_rows:
            cells += [fmt_number(fitted_rows.get(k, amount), 2, locale),
                      fmt_number(amount - fitted_rows.get(k, amount), 2, locale)]
        table.add_row(*cells)
    total_cells = [t("total", lang), "", fmt_money(grand, info.currency, 2, locale),
                   fmt_number(Decimal(100), 2, locale) + "%"]
    if fitted_rows:
        fitted_total = sum(fitted_rows.values(), Decimal(0))
        total_cells += [fmt_number(fitted_total, 2, locale),
                        fmt_number(grand - fitted_total, 2, locale)]
    table.add_row(*[f"[bold]{c}[/bold]" for c in total_cells])
    return table


def ceiling_summary(result: CostResult, fitted: CeilingResult, lang: str) -> Table:
    info = result.program.program
    locale = locale_for(lang, info.country)
    es = lang == "es"
    table = Table(title=("Techo presupuestal " if es else "Budget ceiling ") + str(fitted.year),
                  title_justify="left", show_header=False)
    table.add_column()
    table.add_column(justify="right")
    money = lambda v: fmt_money(v, info.currency, 2, locale)  # noqa: E731
    table.add_row("Techo" if es else "Ceiling", money(fitted.ceiling))
    table.add_row("Formulado" if es else "Formulated", money(fitted.total))
    gap_label = ("Holgura" if es else "Headroom") if fitted.gap >= 0 else \
        ("Exceso sobre el techo" if es else "Over the ceiling")
    table.add_row(gap_label, money(abs(fitted.gap)))
    if fitted.gap < 0:
        table.add_row("Protegido" if es else "Protected", money(fitted.protected))
        table.add_row("Factor de ajuste de lo no protegido" if es else "Factor on the rest",
                      fmt_number(fitted.factor, 4, locale))
        if not fitted.feasible:
            table.add_row("[red]" + ("Lo protegido ya excede el techo" if es else
                                     "The protected part alone exceeds the ceiling") + "[/red]",
                          "")
    if fitted.source:
        table.add_row(t("source", lang), fitted.source)
    return table


def frame_table(frame: FrameResult, lang: str) -> Table:
    info = frame.program.program
    locale = locale_for(lang, info.country)
    es = lang == "es"
    name = frame.program.frame.name if frame.program.frame else ""
    table = Table(title=f"{info.code} {info.name} — {name}", title_justify="left")
    table.add_column("Año" if es else "Year")
    table.add_column("Proyectado" if es else "Projected", justify="right", no_wrap=True)
    table.add_column("Publicado" if es else "Published", justify="right", no_wrap=True)
    table.add_column("Diferencia" if es else "Difference", justify="right", no_wrap=True)
    table.add_column("%", justify="right", no_wrap=True)
    for year in frame.years:
        table.add_row(
            str(year.year) + (" *" if year.year == info.fiscal_year else ""),
            fmt_money(year.result.total, info.currency, 2, locale),
            fmt_number(year.published, 0, locale) if year.published is not None else "—",
            fmt_number(year.difference, 0, locale) if year.difference is not None else "—",
            fmt_number(year.difference_share * 100, 2, locale) + "%"
            if year.difference_share is not None else "—",
        )
    table.caption = ("* año fiscal: formulación tal como está escrita" if es else
                     "* fiscal year: the formulation as written")
    return table


def frame_json(frame: FrameResult) -> dict[str, Any]:
    return {"program": frame.program.program.code,
            "years": [{"year": y.year, "total": str(y.result.total),
                       "published": str(y.published) if y.published is not None else None,
                       "difference": str(y.difference) if y.difference is not None else None}
                      for y in frame.years]}


def formulation_json(result: CostResult, by: str, rows: dict[str, Decimal],
                     fitted: CeilingResult | None, scenario: str) -> dict[str, Any]:
    data: dict[str, Any] = {"program": result.program.program.code,
                            "year": result.program.program.fiscal_year, "scenario": scenario,
                            "by": by, "total": str(result.total),
                            "rows": {k: str(v) for k, v in rows.items()}}
    key = line_key(result, by)
    if fitted is not None:
        data["ceiling"] = {"amount": str(fitted.ceiling), "gap": str(fitted.gap),
                           "protected": str(fitted.protected), "feasible": fitted.feasible}
        if key is not None:
            data["ceiling"]["fitted"] = {g.key: str(g.fitted) for g in fitted.by(key)}
    return data
