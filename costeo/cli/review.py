"""`costeo review FILE...`: review programs and published tables like a budget analyst would.

Prints, per program, the reviewer's summary ("what to improve and why", ordered by the amount
at stake), the methodology classification and every finding with its evidence; ``--json``
prints the same as data; ``--xlsx``/``--html`` write the review report.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from costeo.cli.common import (
    INPUT_ERRORS,
    STYLE,
    JsonOption,
    Lang,
    LangOption,
    err,
    out,
    print_diagnostics,
    print_json,
)
from costeo.diagnostics import SEVERITY_LABEL, Diagnostics
from costeo.i18n import fmt_number
from costeo.review import ReviewReport, SubjectReview, review, review_file
from costeo.review.labels import rt
from costeo.review.tables.csv_reader import main_table


class Tier(StrEnum):
    basic = "basic"
    strict = "strict"


TierOption = Annotated[Tier, typer.Option(
    "--tier", help="Nivel: basic (defecto) o strict (agrega notas: montos redondos, "
    "mínimos legales cumplidos).")]


def summary_table(review_: SubjectReview, lang: str) -> Table:
    table = Table(title=rt("improve", lang), title_justify="left")
    table.add_column("#", justify="right")
    table.add_column(rt("finding", lang), overflow="fold", ratio=2)
    table.add_column(rt("count", lang), justify="right")
    table.add_column(rt("stake", lang), justify="right", no_wrap=True)
    table.add_column(rt("why", lang), overflow="fold", ratio=5)
    table.add_column(rt("action", lang), overflow="fold", ratio=3)
    for number, item in enumerate(review_.summary(), 1):
        table.add_row(str(number), item.example.title(lang), str(item.count),
                      fmt_number(item.stake, 2, review_.locale),
                      item.example.message(lang, review_.locale), item.example.action(lang),
                      style=STYLE[item.severity])
    return table


def print_short_review(subject_review: SubjectReview, lang: str) -> None:
    """The review section of ``costeo cost``: methodology and the summary table."""
    out.print(rt("review", lang), style="bold", markup=False)
    print_summary(subject_review, lang)


def print_summary(subject_review: SubjectReview, lang: str) -> None:
    """The methodology classification, then "what to improve and why" (or no findings)."""
    method = subject_review.methodology
    if method is not None:
        out.print(f"{rt('methodology', lang)}: {method.message(lang, subject_review.locale)}",
                  markup=False)
    if subject_review.summary():
        out.print(summary_table(subject_review, lang))
    else:
        out.print(rt("no_findings", lang))


def print_review(report: ReviewReport, lang: str) -> None:
    for subject_review in report.subjects:
        s = subject_review.subject
        budget = fmt_number(subject_review.budget, 2, subject_review.locale)
        out.print(f"{s.code} {s.name} — {s.version or s.year or ''} ({s.currency}) · "
                  f"{rt('budget', lang)}: {budget}", markup=False, style="bold")
        print_summary(subject_review, lang)
        for finding in subject_review.problems:
            text = finding.format(lang, subject_review.locale)
            head, _, rest = text.partition("\n")
            out.print(head, style=STYLE[finding.level], markup=False)
            out.print(rest, style="dim", markup=False)
        counts = subject_review.counts()
        labels = SEVERITY_LABEL[lang]
        out.print(", ".join(f"{counts[k]} {labels[k]}" for k in ("error", "warning", "info")),
                  markup=False)
        out.print()


def review_cmd(
    files: Annotated[list[Path], typer.Argument(
        help="Programas (.yaml o carpeta) o cuadros publicados (.xlsx, .csv).")],
    tier: TierOption = Tier.basic,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Escribe el informe XLSX.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Escribe el informe HTML.")] = None,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Revisa programas y cuadros publicados: aritmética, conciliación, señales de costeo
    descendente, trazabilidad, acciones comunes, mínimos legales y comparaciones."""
    diagnostics = Diagnostics()
    subjects = []
    failed = False
    for file in dict.fromkeys(main_table(f) for f in files):  # a table once, with its parts
        subject, _ = review_file(file, diagnostics)
        failed = failed or subject is None
        if subject is not None:
            subjects.append(subject)
    report = review(subjects, tier.value, lang.value)
    written = _write(report, xlsx, html)
    if json:
        data = report.to_dict()
        data["diagnostics"] = [d.to_dict(lang.value) for d in diagnostics]
        data["written"] = [str(p) for p in written]
        print_json(data)
    else:
        problems = Diagnostics(d for d in diagnostics if d.severity.value != "info")
        print_diagnostics(problems, lang.value, err)
        print_review(report, lang.value)
        for path in written:
            out.print(f"{'escrito' if lang is Lang.es else 'written'}: {path}", markup=False)
    if failed:
        raise typer.Exit(INPUT_ERRORS)
    code = report.exit_code()
    if code:
        raise typer.Exit(code)


def _write(report: ReviewReport, xlsx: Path | None, html: Path | None) -> list[Path]:
    written = []
    if xlsx is not None:
        from costeo.reports.review_xlsx import write_review_xlsx

        written.append(write_review_xlsx(report, xlsx))
    if html is not None:
        from costeo.reports.review_html import write_review_html

        written.append(write_review_html(report, html))
    return written
