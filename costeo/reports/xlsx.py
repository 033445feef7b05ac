"""The XLSX workbook: the published table, amounts by classifier, input breakdowns, diagnostics.

Every figure is written as a number with a number format (never as formatted text), so the
reader's Excel localises separators and can recompute. Amounts are exact to the cent; they are
converted to float only at the moment of writing the cell (a 2-decimal amount below 1e13
round-trips exactly). Unit costs are written at full precision and displayed with 2 decimals
(4 for implied segment unit costs).
"""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from costeo import __version__
from costeo.formulation.result import ActivityResult, CostResult, ProductResult
from costeo.i18n import fmt_money, kind_label, locale_for
from costeo.io.atomic import replace_atomically
from costeo.money import div, round_to, total
from costeo.reports.common import (
    ACTIVITY,
    COMMON,
    PRODUCT,
    TOTAL,
    TableRow,
    activity_row,
    cell_values,
    classifier_rows,
    diagnostics,
    dimension_name,
    has_segments,
    implied_header,
    input_name,
    inputs_total,
    money,
    number,
    product_target,
    sheet_name,
    shows_displayed,
    shows_published,
    table_rows,
)
from costeo.reports.labels import label, severity_label
from costeo.reports.planning import MONEY as PLAN_MONEY
from costeo.reports.planning import PERCENT as PLAN_PERCENT
from costeo.reports.planning import planning_tables
from costeo.reports.review_xlsx import add_review_sheets
from costeo.review.labels import rt

INTEGER = "#,##0"
DECIMAL2 = "#,##0.00"
UNIT_COST = "#,##0.00"
INPUT_COST = "#,##0.00##"
IMPLIED = "#,##0.0000"
PERCENT = "0.00%"

HEADER_FILL = "#1F4E78"
PRODUCT_FILL = "#DDEBF7"
COMMON_FILL = "#EDEDED"
DECLARED_FILL = "#FCE4D6"
SUBHEADER_FILL = "#F2F2F2"


def quantity_format(value: Decimal) -> str:
    return INTEGER if value == value.to_integral_value() else "#,##0.00##"


def frequency_format(value: Decimal, unit: str) -> str:
    """A number format that shows the unit after the number: 191 -> '191 días de atención'."""
    base = quantity_format(value)
    unit = unit.replace('"', "").replace("\\", "").strip()
    return f'{base} "{unit}"' if unit else base


class Formats:
    """xlsxwriter formats by their properties, created once per workbook."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.cache: dict[tuple[tuple[str, Any], ...], Format] = {}

    def __call__(self, **props: Any) -> Format:
        props.setdefault("font_name", "Calibri")
        props.setdefault("font_size", 10)
        props.setdefault("valign", "top")
        key = tuple(sorted(props.items()))
        if key not in self.cache:
            self.cache[key] = self.workbook.add_format(props)
        return self.cache[key]

    def header(self) -> Format:
        return self(bold=True, font_color="white", bg_color=HEADER_FILL, text_wrap=True,
                    border=1, valign="vcenter", align="center")

    def subheader(self) -> Format:
        return self(bold=True, bg_color=SUBHEADER_FILL, text_wrap=True, border=1,
                    valign="vcenter")


def write_xlsx(result: CostResult, path: Path, lang: str = "es") -> Path:
    """Write the workbook for ``result`` to ``path`` (in ``lang``) and return the path.

    The workbook is written beside ``path`` and renamed: a failure never leaves half a file.
    """
    path = Path(path)
    replace_atomically(path, lambda temp: _write_workbook(result, temp, lang))
    return path


def _write_workbook(result: CostResult, path: Path, lang: str) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False,
                                               "strings_to_formulas": False,
                                               "strings_to_urls": False})
    info = result.program.program
    workbook.set_properties({
        "title": f"{info.code} {info.name} — {info.fiscal_year}",
        "subject": label("formulation", lang),
        "author": info.entity,
        "comments": f"costeo {__version__}",
    })
    formats = Formats(workbook)
    taken: set[str] = set()
    formulation = sheet_name(label("sheet_formulation", lang), taken)
    by_classifier = sheet_name(label("sheet_by_classifier", lang), taken)
    planning = sheet_name(label("sheet_planning", lang), taken)
    diagnostics_name = sheet_name(label("diagnostics", lang), taken)
    _formulation_sheet(workbook.add_worksheet(formulation), formats, result, lang)
    _classifier_sheet(workbook.add_worksheet(by_classifier), formats, result, lang)
    for product in result.products:
        name = sheet_name(f"{product.code} {product.product.name}", taken)
        _product_sheet(workbook.add_worksheet(name), formats, result, product.product.name,
                       product, product.activities, lang)
    if result.common:
        name = sheet_name(label("common_actions", lang), taken)
        _product_sheet(workbook.add_worksheet(name), formats, result,
                       label("common_actions", lang), None, result.common, lang)
    _planning_sheet(workbook.add_worksheet(planning), formats, result, lang)
    _diagnostics_sheet(workbook.add_worksheet(diagnostics_name), formats, result, lang)
    _review_sheets(workbook, result, lang, taken)
    workbook.close()


def _review_sheets(workbook: Workbook, result: CostResult, lang: str,
                   taken: set[str]) -> None:
    """The program's basic-tier review, as `costeo review --xlsx` writes it: a summary "what to
    improve and why", every finding, the evidence."""
    from costeo.review import ReviewReport, review_result

    report = ReviewReport("basic", lang)
    report.subjects.append(review_result(result, lang))
    add_review_sheets(workbook, report, (sheet_name(rt("sheet_review", lang), taken),
                                         sheet_name(rt("findings", lang), taken),
                                         sheet_name(rt("evidence", lang), taken)))


# -- Formulación --------------------------------------------------------------------------

COLUMNS = ["product_activity", "unit", "target", "unit_cost", "amount", "frequency", "method"]
WIDTHS = [64, 22, 14, 14, 19, 24, 32]


def _print_setup(sheet: Worksheet, title: str) -> None:
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_header(f"&L&8{_escape_header(title)}")
    sheet.set_footer("&R&8&P / &N")


def _escape_header(text: str) -> str:
    return text.replace("&", "&&")[:200]


def _text_height(text: str, chars_per_line: int) -> float:
    lines = max(1, math.ceil(len(text) / chars_per_line))
    return 14.0 * lines


def _program_header(sheet: Worksheet, formats: Formats, result: CostResult, lang: str,
                    last_col: int) -> int:
    """The program block at the top of a sheet; returns the next free row."""
    info = result.program.program
    sheet.write_string(0, 0, label("formulation", lang), formats(bold=True, font_size=14))
    key = formats(bold=True)
    value = formats(text_wrap=True, align="left")
    items: list[tuple[str, str | int]] = [
        ("program", f"{info.code} {info.name}"),
        ("entity", info.entity),
        ("fiscal_year", info.fiscal_year),
        ("currency", info.currency),
        ("result", info.result.statement),
    ]
    if result.file:
        items.append(("file", result.file))
    row = 1
    for name, content in items:
        sheet.write_string(row, 0, label(name, lang), key)
        if isinstance(content, int):
            sheet.merge_range(row, 1, row, last_col, "", value)
            sheet.write_number(row, 1, content, formats(align="left", num_format="0"))
        else:
            sheet.merge_range(row, 1, row, last_col, content, value)
            sheet.set_row(row, _text_height(content, 120))
        row += 1
    return row + 1


def _formulation_sheet(sheet: Worksheet, formats: Formats, result: CostResult,
                       lang: str) -> None:
    info = result.program.program
    _print_setup(sheet, f"{info.code} {info.name} — {info.fiscal_year}")
    for col, width in enumerate(WIDTHS):
        sheet.set_column(col, col, width)
    row = _program_header(sheet, formats, result, lang, len(COLUMNS) - 1)
    header_row = row
    header = formats.header()
    for col, key in enumerate(COLUMNS):
        text = label(key, lang)
        if key == "amount":
            text += f" ({info.currency})"
        sheet.write_string(row, col, text, header)
    sheet.set_row(row, 30)
    sheet.freeze_panes(row + 1, 1)
    sheet.repeat_rows(header_row)
    row += 1
    for table_row in table_rows(result, lang):
        _formulation_row(sheet, formats, row, table_row)
        row += 1
    row += 1
    note = formats(italic=True, font_color="#595959", text_wrap=True)
    sheet.merge_range(row, 0, row, len(COLUMNS) - 1, label("note_formula", lang), note)
    sheet.set_row(row, 28)
    row += 1
    if any(a.declared for a in result.activities()):
        sheet.write_string(row, 3, "", formats(bg_color=DECLARED_FILL, border=1))
        sheet.write_string(row, 0, label("declared_mark", lang), note)


def _formulation_row(sheet: Worksheet, formats: Formats, row: int, r: TableRow) -> None:
    bold = r.level in (PRODUCT, COMMON, TOTAL)
    fill = {PRODUCT: PRODUCT_FILL, COMMON: COMMON_FILL}.get(r.level)
    base: dict[str, Any] = {"bold": bold, "border": 1, "border_color": "#BFBFBF"}
    if fill:
        base["bg_color"] = fill
    if r.level == TOTAL:
        base.update(top=2, bottom=6, border_color="#000000")
    text_props = dict(base, text_wrap=True)
    if r.level == ACTIVITY:
        text_props["indent"] = 1
    sheet.write_string(row, 0, r.text, formats(**text_props))
    sheet.write_string(row, 1, r.unit, formats(**base, text_wrap=True))
    if r.target is not None:
        sheet.write_number(row, 2, number(r.target),
                           formats(**base, num_format=quantity_format(r.target)))
    else:
        sheet.write_blank(row, 2, None, formats(**base))
    if r.unit_cost is not None:
        cost_props = dict(base, num_format=UNIT_COST)
        if r.declared:
            cost_props["bg_color"] = DECLARED_FILL
        sheet.write_number(row, 3, number(r.unit_cost), formats(**cost_props))
    else:
        sheet.write_blank(row, 3, None, formats(**base))
    sheet.write_number(row, 4, money(r.amount), formats(**base, num_format=DECIMAL2))
    if r.frequency is not None:
        sheet.write_number(row, 5, number(r.frequency),
                           formats(**base, num_format=frequency_format(r.frequency,
                                                                      r.frequency_unit)))
    else:
        sheet.write_blank(row, 5, None, formats(**base))
    sheet.write_string(row, 6, r.method, formats(**base, text_wrap=True))
    sheet.set_row(row, _text_height(r.text, 70))


# -- Por clasificador ---------------------------------------------------------------------

def _classifier_sheet(sheet: Worksheet, formats: Formats, result: CostResult,
                      lang: str) -> None:
    info = result.program.program
    _print_setup(sheet, f"{info.code} {info.name} — {info.fiscal_year}")
    sheet.set_portrait()
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 22)
    sheet.set_column(2, 2, 14)
    sheet.write_string(0, 0, label("by_classifier", lang), formats(bold=True, font_size=14))
    sheet.write_string(1, 0, f"{info.code} {info.name} — {info.fiscal_year}",
                       formats(italic=True))
    header = formats.header()
    row = 3
    sheet.write_string(row, 0, label("classifier", lang), header)
    sheet.write_string(row, 1, f"{label('amount', lang)} ({info.currency})", header)
    sheet.write_string(row, 2, label("share", lang), header)
    sheet.set_row(row, 30)
    sheet.freeze_panes(row + 1, 0)
    row += 1
    cell = {"border": 1, "border_color": "#BFBFBF"}
    for code, amount, share in classifier_rows(result):
        sheet.write_string(row, 0, code, formats(**cell))
        sheet.write_number(row, 1, money(amount), formats(**cell, num_format=DECIMAL2))
        sheet.write_number(row, 2, number(share), formats(**cell, num_format=PERCENT))
        row += 1
    strong = {"bold": True, "top": 2, "bottom": 6}
    sheet.write_string(row, 0, label("total", lang), formats(**strong))
    sheet.write_number(row, 1, money(result.total), formats(**strong, num_format=DECIMAL2))
    sheet.write_number(row, 2, 1.0 if result.total else 0.0,
                       formats(**strong, num_format=PERCENT))


# -- Planning: ceiling, multi-year frame, monthly programming ------------------------------

def _planning_sheet(sheet: Worksheet, formats: Formats, result: CostResult, lang: str) -> None:
    info = result.program.program
    locale = locale_for(lang, info.country)
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, 4, 20)
    sheet.write_string(0, 0, label("planning", lang), formats(bold=True, font_size=14))
    sheet.write_string(1, 0, f"{info.code} {info.name} — {info.fiscal_year}",
                       formats(italic=True))
    cell = {"border": 1, "border_color": "#BFBFBF"}
    strong = {"bold": True, "top": 2, "bottom": 6}
    row = 3
    money_text = lambda v: fmt_money(v, info.currency, 2, locale)  # noqa: E731
    for table in planning_tables(result, lang, money_text):
        sheet.write_string(row, 0, table.title, formats(bold=True, font_size=12))
        row += 1
        for col, head in enumerate(table.heads):
            sheet.write_string(row, col, head, formats.header())
        row += 1
        body = [(r, cell) for r in table.rows] + ([(table.foot, strong)] if table.foot else [])
        for values, style in body:
            for col, (value, kind) in enumerate(zip(values, table.kinds, strict=True)):
                if value is None:
                    sheet.write_blank(row, col, None, formats(**style))
                elif kind == PLAN_MONEY:
                    sheet.write_number(row, col, money(value),
                                       formats(**style, num_format=DECIMAL2))
                elif kind == PLAN_PERCENT:
                    sheet.write_number(row, col, number(value),
                                       formats(**style, num_format=PERCENT))
                else:
                    sheet.write_string(row, col, str(value), formats(**style))
            row += 1
        if table.note:
            sheet.write_string(row, 0, table.note, formats(italic=True, font_color="#595959"))
            row += 1
        row += 1


# -- One sheet per product ----------------------------------------------------------------

PRODUCT_WIDTHS = [46, 26, 22, 26, 16, 16, 16, 19, 19]


def _product_sheet(sheet: Worksheet, formats: Formats, result: CostResult, title: str,
                   product: ProductResult | None, activities: list[ActivityResult],
                   lang: str) -> None:
    info = result.program.program
    _print_setup(sheet, f"{info.code} {info.name} — {info.fiscal_year}")
    for col, width in enumerate(PRODUCT_WIDTHS):
        sheet.set_column(col, col, width)
    heading = f"{product.code} {title}" if product is not None else title
    last = len(PRODUCT_WIDTHS) - 1
    sheet.merge_range(0, 0, 0, last, heading, formats(bold=True, font_size=13, text_wrap=True))
    sheet.set_row(0, _text_height(heading, 130) + 4)
    amount = product.amount if product is not None else total(a.amount for a in activities)
    row = 1
    key = formats(bold=True)
    if product is not None:
        sheet.write_string(row, 0, label("unit", lang), key)
        sheet.write_string(row, 1, product.product.unit)
        row += 1
        target = product_target(result, product)
        if target is not None:
            sheet.write_string(row, 0, label("target", lang), key)
            sheet.write_number(row, 1, number(target),
                               formats(num_format=quantity_format(target), align="left"))
            row += 1
    sheet.write_string(row, 0, f"{label('amount', lang)} ({info.currency})", key)
    sheet.write_number(row, 1, money(amount), formats(num_format=DECIMAL2, align="left",
                                                      bold=True))
    row += 2
    for activity in activities:
        row = _activity_block(sheet, formats, result, activity, lang, row)
        row += 2


def _activity_block(sheet: Worksheet, formats: Formats, result: CostResult,
                    activity: ActivityResult, lang: str, row: int) -> int:
    last = len(PRODUCT_WIDTHS) - 1
    r = activity_row(activity, lang)
    title = formats(bold=True, font_size=11, bg_color=PRODUCT_FILL, text_wrap=True)
    sheet.merge_range(row, 0, row, last, r.text, title)
    row += 1
    sub = formats.subheader()
    cell = {"border": 1, "border_color": "#BFBFBF"}
    heads = ["method", "unit", "target", "frequency", "unit_cost", "amount"]
    for col, key in enumerate(heads):
        sheet.write_string(row, col, label(key, lang), sub)
    row += 1
    sheet.write_string(row, 0, r.method, formats(**cell, text_wrap=True))
    sheet.write_string(row, 1, r.unit, formats(**cell, text_wrap=True))
    if r.target is not None:
        sheet.write_number(row, 2, number(r.target),
                           formats(**cell, num_format=quantity_format(r.target)))
    sheet.write_number(row, 3, number(activity.frequency),
                       formats(**cell, num_format=frequency_format(
                           activity.frequency, activity.activity.frequency_unit or "")))
    cost_cell = dict(cell, num_format=UNIT_COST)
    if r.declared:
        cost_cell["bg_color"] = DECLARED_FILL
    sheet.write_number(row, 4, number(activity.unit_cost), formats(**cost_cell))
    sheet.write_number(row, 5, money(activity.amount), formats(**cell, num_format=DECIMAL2,
                                                               bold=True))
    row += 1
    note = formats(italic=True, font_color="#595959")
    if activity.declared:
        sheet.write_string(row, 0, label("declared_mark", lang), note)
        row += 1
    elif activity.result_mode:
        sheet.write_string(row, 0, label("result_mode", lang), note)
        row += 1
    row += 1
    row = _inputs_table(sheet, formats, activity, lang, row)
    if has_segments(activity):
        row += 1
        row = _segments_table(sheet, formats, result, activity, lang, row)
    return row


def _inputs_table(sheet: Worksheet, formats: Formats, activity: ActivityResult, lang: str,
                  row: int) -> int:
    sheet.write_string(row, 0, label("inputs", lang), formats(bold=True, font_size=11))
    row += 1
    sub = formats.subheader()
    for col, key in enumerate(["input", "kind", "classifier", "input_unit_cost", "share"]):
        sheet.write_string(row, col, label(key, lang), sub)
    row += 1
    cell = {"border": 1, "border_color": "#BFBFBF"}
    base = inputs_total(activity)
    for share in activity.inputs:
        name = input_name(activity, share)
        sheet.write_string(row, 0, name, formats(**cell, text_wrap=True))
        kind = kind_label(share.kind, lang)
        if share.declared and share.kind != "declared":
            kind += f" ({label('declared', lang)})"
        sheet.write_string(row, 1, kind, formats(**cell))
        sheet.write_string(row, 2, share.classifier, formats(**cell))
        cost = dict(cell, num_format=INPUT_COST)
        if share.declared:
            cost["bg_color"] = DECLARED_FILL
        sheet.write_number(row, 3, number(share.unit_cost), formats(**cost))
        part = div(share.unit_cost, base) if base else Decimal(0)
        sheet.write_number(row, 4, number(part), formats(**cell, num_format=PERCENT))
        row += 1
    strong = {"bold": True, "top": 1, "bottom": 6}
    sheet.write_string(row, 0, label("base_unit_cost", lang), formats(**strong))
    sheet.write_blank(row, 1, None, formats(**strong))
    sheet.write_blank(row, 2, None, formats(**strong))
    sheet.write_number(row, 3, number(base), formats(**strong, num_format=INPUT_COST))
    sheet.write_number(row, 4, 1.0 if base else 0.0, formats(**strong, num_format=PERCENT))
    row += 1
    if round_to(base, 6) != round_to(activity.unit_cost, 6):
        sheet.write_string(row, 0, label("unit_cost_per_base", lang),
                           formats(italic=True, font_color="#595959"))
        row += 1
    return row


def _segments_table(sheet: Worksheet, formats: Formats, result: CostResult,
                    activity: ActivityResult, lang: str, row: int) -> int:
    sheet.write_string(row, 0, label("segments", lang), formats(bold=True, font_size=11))
    row += 1
    sub = formats.subheader()
    displayed = shows_displayed(activity)
    published = shows_published(activity)
    heads = [dimension_name(result, d) for d in activity.dimensions]
    heads.append(label("target", lang))
    heads.append(label(implied_header(activity), lang))
    if displayed:
        heads.append(label("displayed_unit_cost", lang))
    heads.append(label("amount", lang))
    if published:
        heads.append(label("published_amount", lang))
    for col, text in enumerate(heads):
        sheet.write_string(row, col, text, sub)
    sheet.set_row(row, 30)
    row += 1
    cell = {"border": 1, "border_color": "#BFBFBF"}
    for seg in activity.cells:
        col = 0
        for value in cell_values(result, seg):
            sheet.write_string(row, col, value, formats(**cell))
            col += 1
        sheet.write_number(row, col, number(seg.target),
                           formats(**cell, num_format=quantity_format(seg.target)))
        col += 1
        sheet.write_number(row, col, number(seg.unit_cost), formats(**cell, num_format=IMPLIED))
        col += 1
        if displayed:
            if seg.displayed_unit_cost is not None:
                sheet.write_number(row, col, number(seg.displayed_unit_cost),
                                   formats(**cell, num_format=UNIT_COST))
            else:
                sheet.write_blank(row, col, None, formats(**cell))
            col += 1
        sheet.write_number(row, col, money(seg.amount), formats(**cell, num_format=DECIMAL2))
        col += 1
        if published:
            if seg.published_amount is not None:
                sheet.write_number(row, col, number(seg.published_amount),
                                   formats(**cell, num_format=DECIMAL2))
            else:
                sheet.write_blank(row, col, None, formats(**cell))
        row += 1
    strong = {"bold": True, "top": 1, "bottom": 6}
    dims = len(activity.dimensions)
    sheet.write_string(row, 0, label("total", lang), formats(**strong))
    for col in range(1, dims):
        sheet.write_blank(row, col, None, formats(**strong))
    col = dims
    sheet.write_number(row, col, number(activity.target),
                       formats(**strong, num_format=quantity_format(activity.target)))
    col += 1
    production = activity.target * activity.frequency
    implied = div(activity.amount, production) if production else Decimal(0)
    sheet.write_number(row, col, number(implied), formats(**strong, num_format=IMPLIED))
    col += 1
    if displayed:
        sheet.write_blank(row, col, None, formats(**strong))
        col += 1
    sheet.write_number(row, col, money(activity.amount), formats(**strong, num_format=DECIMAL2))
    col += 1
    if published:
        amounts = [c.published_amount for c in activity.cells]
        if all(a is not None for a in amounts):
            sheet.write_number(row, col, number(total(a for a in amounts if a is not None)),
                               formats(**strong, num_format=DECIMAL2))
        else:
            sheet.write_blank(row, col, None, formats(**strong))
    row += 1
    note = formats(italic=True, font_color="#595959")
    if activity.frequency != 1:
        sheet.write_string(row, 0, label("note_segments_frequency", lang,
                                         frequency=_plain(activity.frequency),
                                         unit=activity.activity.frequency_unit or ""), note)
        row += 1
    if displayed:
        sheet.write_string(row, 0, label("note_segments", lang), note)
        row += 1
    return row


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() \
        else format(value, "f")


# -- Diagnósticos -------------------------------------------------------------------------

def _diagnostics_sheet(sheet: Worksheet, formats: Formats, result: CostResult,
                       lang: str) -> None:
    info = result.program.program
    _print_setup(sheet, f"{info.code} {info.name} — {info.fiscal_year}")
    widths = [30, 10, 44, 80, 60]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    header = formats.header()
    for col, key in enumerate(["code", "severity", "location", "message", "hint"]):
        sheet.write_string(0, col, label(key, lang), header)
    sheet.freeze_panes(1, 0)
    found = diagnostics(result)
    cell = formats(border=1, border_color="#BFBFBF", text_wrap=True)
    severity_fill = {"error": "#F8CBAD", "warning": "#FFE699", "info": "#DDEBF7"}
    row = 1
    for diagnostic in found:
        severity = diagnostic.severity.value
        message = diagnostic.message(lang)
        sheet.write_string(row, 0, diagnostic.code, cell)
        sheet.write_string(row, 1, severity_label(severity, lang),
                           formats(border=1, border_color="#BFBFBF",
                                   bg_color=severity_fill.get(severity, "#FFFFFF")))
        sheet.write_string(row, 2, str(diagnostic.location) if diagnostic.location else "-",
                           cell)
        sheet.write_string(row, 3, message, cell)
        sheet.write_string(row, 4, diagnostic.hint(lang), cell)
        sheet.set_row(row, max(_text_height(message, 85),
                               _text_height(diagnostic.hint(lang), 62)))
        row += 1
    if not found:
        sheet.write_string(row, 0, label("no_diagnostics", lang), formats(italic=True))
    else:
        sheet.autofilter(0, 0, row - 1, len(widths) - 1)
