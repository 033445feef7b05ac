"""Beneficiary registers (padrones) per period: final = initial + entries - exits.

A register is a small table whose first column is the period and the others are counts.
Flow columns (initial, entries, exits, final) are checked; any column can feed an activity's
targets, optionally lagged (e.g. bank charges billed one period in arrears).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from costeo.costing.context import CostingContext
from costeo.diagnostics import Location
from costeo.lineage import Figure, given
from costeo.model.program import Register
from costeo.model.values import LIMIT
from costeo.money import to_decimal

FLOW = ("initial", "entries", "exits", "final")


@dataclass
class RegisterTable:
    code: str
    register: Register
    periods: list[str]
    rows: list[dict[str, Figure]]
    row_locs: list[Location | None]


def read_register(ctx: CostingContext, code: str, register: Register) -> RegisterTable | None:
    width = len(register.columns)
    periods: list[str] = []
    rows: list[dict[str, Figure]] = []
    locs: list[Location | None] = []
    ok = True
    for raw_row in register.rows:
        loc = row_location(raw_row, register.loc)
        if len(raw_row) != width:
            ctx.diagnostics.add("row-length", loc, found=len(raw_row), expected=width,
                                columns=", ".join(register.columns))
            ok = False
            continue
        period = str(raw_row[0])
        values: dict[str, Figure] = {}
        for name, raw in zip(register.columns[1:], raw_row[1:], strict=True):
            figure = parse_count(ctx, raw, name, f"{register.name} · {period} · {name}", loc,
                                 register.source)
            if figure is not None:
                figure.role = "register"
            if figure is None:
                ok = False
            else:
                values[name] = figure
        periods.append(period)
        rows.append(values)
        locs.append(loc)
    if not ok:
        return None
    table = RegisterTable(code, register, periods, rows, locs)
    check_flow(ctx, table)
    return table


def row_location(raw_row: object, fallback: Location | None) -> Location | None:
    """Where a table row starts: validation copies the row list, its values keep their place."""
    loc = getattr(raw_row, "loc", None)
    if loc is None and isinstance(raw_row, list):
        loc = next((v.loc for v in raw_row if getattr(v, "loc", None) is not None), None)
    return loc or fallback


def parse_count(ctx: CostingContext, raw: object, field: str, subject: str,
                loc: Location | None, source: str | None = None) -> Figure | None:
    where = getattr(raw, "loc", None) or loc
    try:
        value = to_decimal(str(raw)) if raw is not None else None
    except ValueError:
        value = None
    if value is None:
        shown = "{…}" if isinstance(raw, dict) else "[…]" if isinstance(raw, list) else str(raw)
        ctx.diagnostics.add("not-a-number", where, field=field, value=shown)
        return None
    if value < 0:
        ctx.diagnostics.add("negative-value", where, field=field, value=str(value))
        return None
    if abs(value) >= LIMIT:
        ctx.diagnostics.add("number-out-of-range", where, field=field, value=str(value))
        return None
    return given(field, value, subject, where, source=source)


def check_flow(ctx: CostingContext, table: RegisterTable) -> None:
    if not all(c in table.register.columns for c in FLOW):
        return
    previous_final: Decimal | None = None
    for period, row, loc in zip(table.periods, table.rows, table.row_locs, strict=True):
        initial, entries, exits, final = (row[c].value for c in FLOW)
        expected = initial + entries - exits
        if final != expected:
            ctx.diagnostics.add("register-flow-mismatch", row["final"].loc or loc,
                                period=period, final=final, expected=expected)
        if previous_final is not None and initial != previous_final:
            ctx.diagnostics.add("register-chain-broken", row["initial"].loc or loc,
                                period=period, initial=initial, previous=previous_final)
        previous_final = final
