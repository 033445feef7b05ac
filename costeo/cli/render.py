"""Terminal rendering of costed programs and lineage trees (Rich)."""

from __future__ import annotations

from decimal import Decimal

from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from costeo.formulation.result import ActivityResult, CostResult
from costeo.i18n import fmt_exact, fmt_money, fmt_number, locale_for, method_label, t
from costeo.lineage import KIND_LABEL, Figure


def budget_table(result: CostResult, lang: str) -> Table:
    info = result.program.program
    locale = locale_for(lang, info.country)
    table = Table(title=f"{info.code} {info.name} — {info.fiscal_year} ({info.currency})",
                  title_justify="left", show_lines=False)
    table.add_column(t("product_activity", lang), overflow="fold", ratio=4, min_width=24)
    table.add_column(t("unit", lang), overflow="fold", ratio=1)
    table.add_column(t("target", lang), justify="right", no_wrap=True)
    table.add_column(t("unit_cost", lang), justify="right", no_wrap=True)
    table.add_column(t("amount", lang), justify="right", no_wrap=True)
    table.add_column(t("method", lang), overflow="fold", ratio=1)

    def activity_row(a: ActivityResult) -> None:
        unit = a.activity.unit
        if a.frequency != 1:
            unit += f" × {fmt_number(a.frequency, 0, locale)} {a.activity.frequency_unit or ''}"
        method = method_label(a.method, lang)
        table.add_row(escape(f"  {a.code} {a.activity.name}"), escape(unit.strip()),
                      fmt_number(a.target, 0, locale), fmt_number(a.unit_cost, 2, locale),
                      fmt_number(a.amount, 2, locale), method)

    for product in result.products:
        target = product.target
        table.add_row(f"[bold]{escape(product.code + ' ' + product.product.name)}[/bold]",
                      escape(product.product.unit),
                      fmt_number(target.value, 0, locale) if target is not None else "", "",
                      f"[bold]{fmt_number(product.amount, 2, locale)}[/bold]", "")
        for activity in product.activities:
            activity_row(activity)
    if result.common:
        table.add_row(f"[bold]{t('common_actions', lang)}[/bold]", "", "", "",
                      f"[bold]{fmt_number(result.common_amount, 2, locale)}[/bold]", "")
        for activity in result.common:
            activity_row(activity)
    table.add_row(f"[bold]{t('total', lang)}[/bold]", "", "", "",
                  f"[bold]{fmt_money(result.total, info.currency, 2, locale)}[/bold]", "")
    return table


def classifier_table(result: CostResult, lang: str) -> Table:
    info = result.program.program
    locale = locale_for(lang, info.country)
    table = Table(title=t("by_classifier", lang), title_justify="left")
    table.add_column(t("classifier", lang), no_wrap=True)
    table.add_column(t("amount", lang), justify="right", no_wrap=True)
    table.add_column(t("share", lang), justify="right", no_wrap=True)
    for classifier, amount in result.by_classifier().items():
        share = amount / result.total * 100 if result.total else Decimal(0)
        table.add_row(classifier, fmt_number(amount, 2, locale), fmt_number(share, 2, locale) + "%")
    return table


def figure_line(figure: Figure, lang: str, locale: str, currency: str) -> str:
    if figure.is_money:
        value = fmt_money(figure.value, currency, 2, locale)
    else:
        value = fmt_exact(figure.value, locale)
        if figure.unit:
            value += f" {figure.unit}"
    text = f"[bold]{escape(figure.label(lang))}[/bold] = {escape(value)}"
    if figure.formula:
        text += f"  [dim]({escape(figure.formula_text(lang))})[/dim]"
    if figure.declared:
        text += f"  [magenta]{t('declared', lang).upper()}[/magenta]"
    if not figure.inputs:
        text += f"  [cyan]{KIND_LABEL[lang][figure.kind]}[/cyan]"
    if figure.loc:
        text += f"  [green]{escape(str(figure.loc))}[/green]"
    if figure.source:
        text += f"  [dim]— {t('source', lang).lower()}: {escape(figure.source)}[/dim]"
    if figure.id:
        text += f"  [dim]{escape('[' + figure.id + ']')}[/dim]"
    return text


def lineage_tree(figure: Figure, lang: str, locale: str, currency: str,
                 depth: int | None = None) -> Tree:
    tree = Tree(figure_line(figure, lang, locale, currency))

    def add(node: Tree, fig: Figure, level: int) -> None:
        if depth is not None and level >= depth:
            if fig.inputs:
                node.add("[dim]…[/dim]")
            return
        for child in fig.inputs:
            add(node.add(figure_line(child, lang, locale, currency)), child, level + 1)

    add(tree, figure, 0)
    return tree
