"""The review workbook: a summary sheet ("what to improve and why"), every finding, evidence.

Amounts at stake and evidence figures are real numbers with number formats; text is in the
report's language.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.workbook import Workbook

from costeo.io.atomic import replace_atomically
from costeo.reports.common import money, number
from costeo.reports.review_common import evidence_items, severity_text
from costeo.review.labels import rt
from costeo.review.report import ReviewReport

DECIMAL2 = "#,##0.00"


def write_review_xlsx(report: ReviewReport, path: Path) -> Path:
    path = Path(path)
    replace_atomically(path, lambda temp: _write(report, temp))
    return path


def _write(report: ReviewReport, path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    lang = report.lang
    add_review_sheets(book, report, (rt("summary", lang), rt("findings", lang),
                                     rt("evidence", lang)))
    book.close()


def add_review_sheets(book: Workbook, report: ReviewReport, names: tuple[str, str, str]) -> None:
    """Add the review's three sheets to ``book``: the summary "what to improve and why", every
    finding, and the evidence as numbers; ``names`` are the sheets' names, in that order."""
    lang = report.lang
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF",
                            "text_wrap": True, "valign": "bottom"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    amount = book.add_format({"num_format": DECIMAL2, "valign": "top"})
    exact = book.add_format({"num_format": "General", "valign": "top"})
    fills = {"error": "#F8CBAD", "warning": "#FFE699", "info": "#DDEBF7"}
    level = {k: book.add_format({"bg_color": v, "valign": "top"}) for k, v in fills.items()}

    summary = book.add_worksheet(names[0])
    summary.set_column(0, 0, 5)
    summary.set_column(1, 1, 34)
    summary.set_column(2, 3, 11)
    summary.set_column(4, 4, 18)
    summary.set_column(5, 5, 70)
    summary.set_column(6, 6, 50)
    row = 0
    summary.write(row, 0, rt("review", lang), title)
    row += 2
    for subject_review in report.subjects:
        s = subject_review.subject
        summary.write(row, 0, f"{s.code} {s.name} — {s.version or s.year or ''} ({s.currency})",
                      bold)
        row += 1
        summary.write(row, 1, rt("budget", lang))
        summary.write_number(row, 4, money(subject_review.budget), amount)
        row += 1
        method = subject_review.methodology
        if method is not None:
            summary.write(row, 1, rt("methodology", lang))
            summary.write(row, 5, method.message(lang, subject_review.locale), wrap)
            row += 1
        summary.write_row(row, 0, ["#", rt("finding", lang), rt("severity", lang),
                                   rt("count", lang), rt("stake", lang), rt("why", lang),
                                   rt("action", lang)], head)
        row += 1
        items = subject_review.summary()
        if not items:
            summary.write(row, 1, rt("no_findings", lang))
            row += 1
        for number_, item in enumerate(items, 1):
            summary.write_number(row, 0, number_)
            summary.write(row, 1, item.example.title(lang), wrap)
            summary.write(row, 2, severity_text(item.severity.value, lang),
                          level[item.severity.value])
            summary.write_number(row, 3, item.count)
            summary.write_number(row, 4, money(item.stake), amount)
            summary.write(row, 5, item.example.message(lang, subject_review.locale), wrap)
            summary.write(row, 6, item.example.action(lang), wrap)
            row += 1
        row += 1

    findings = book.add_worksheet(names[1])
    headers = ["#", rt("program", lang), rt("code", lang), rt("severity", lang),
               rt("item", lang), rt("location", lang), rt("message", lang), rt("action", lang),
               rt("stake", lang)]
    widths = [5, 10, 24, 10, 34, 34, 80, 50, 18]
    for col, width in enumerate(widths):
        findings.set_column(col, col, width)
    findings.write_row(0, 0, headers, head)
    findings.freeze_panes(1, 0)
    evidence = book.add_worksheet(names[2])
    evidence.set_column(0, 0, 6)
    evidence.set_column(1, 2, 22)
    evidence.set_column(3, 3, 28)
    evidence.write_row(0, 0, ["#", rt("code", lang), rt("evidence", lang), ""], head)
    evidence.freeze_panes(1, 0)
    index, erow = 0, 1
    for subject_review in report.subjects:
        for finding in [*subject_review.problems, *([subject_review.methodology]
                                                    if subject_review.methodology else [])]:
            index += 1
            findings.write_number(index, 0, index)
            findings.write(index, 1, finding.subject)
            findings.write(index, 2, finding.code)
            findings.write(index, 3, severity_text(finding.level.value, lang),
                           level[finding.level.value])
            findings.write(index, 4, finding.item, wrap)
            findings.write(index, 5, str(finding.location) if finding.location else "-", wrap)
            findings.write(index, 6, finding.message(lang, subject_review.locale), wrap)
            findings.write(index, 7, finding.action(lang), wrap)
            if finding.stake is not None:
                findings.write_number(index, 8, money(finding.stake), amount)
            for key, value in evidence_items(finding, lang):
                evidence.write_number(erow, 0, index)
                evidence.write(erow, 1, finding.code)
                evidence.write(erow, 2, key)
                if isinstance(value, (Decimal, int)):
                    evidence.write_number(erow, 3, number(Decimal(value)), exact)
                else:
                    evidence.write(erow, 3, value)
                erow += 1
    findings.autofilter(0, 0, max(index, 1), len(headers) - 1)
