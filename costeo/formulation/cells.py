"""The cells of an activity: one per combination of dimension values, with its own target
and, optionally, its own amount, unit cost, input prices and published figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from costeo.costing.context import CostingContext
from costeo.diagnostics import Location
from costeo.formulation.registers import RegisterTable, parse_count, row_location
from costeo.formulation.result import CellKey
from costeo.lineage import Figure, derived
from costeo.messages import Localized, did_you_mean
from costeo.model.methods import BottomUp, Declared, TopDown
from costeo.model.program import Activity, RegisterTarget
from costeo.model.values import Ref
from costeo.money import mul, total

CHECK_COLUMNS = ("displayed_unit_cost", "published_amount")
PRICE_PREFIX = "price."


@dataclass
class CellInput:
    key: CellKey
    target: Figure
    columns: dict[str, Figure] = field(default_factory=dict)
    loc: Location | None = None
    displayed_places: int | None = None

    def prices(self) -> dict[str, Figure]:
        return {k[len(PRICE_PREFIX):]: v for k, v in self.columns.items()
                if k.startswith(PRICE_PREFIX)}


def allowed_columns(activity: Activity) -> set[str]:
    allowed = {"target", *CHECK_COLUMNS}
    method = activity.cost
    if isinstance(method, TopDown):
        allowed.add("amount")
    if isinstance(method, Declared):
        allowed.add("unit_cost")
    if isinstance(method, BottomUp):
        allowed |= {PRICE_PREFIX + i.id for i in method.inputs}
    return allowed


def build_cells(ctx: CostingContext, activity: Activity,
                registers: dict[str, RegisterTable]) -> list[CellInput] | None:
    """The activity's cells as written, then as a frame year or scenario adjusts them."""
    cells = written_cells(ctx, activity, registers)
    if cells is None:
        return None
    adjust = ctx.adjust
    replaced = adjust.targets.get(activity.code)
    if replaced is not None:  # one annual target replaces the cells, keeping the prices
        return [CellInput((), replaced, loc=activity.loc)]
    factor = adjust.target_factors.get(activity.code)
    for cell in cells:
        if factor is not None:
            cell.target = derived("target", mul(cell.target.value, factor.value), "target_factor",
                                  [cell.target, factor], cell.target.subject, cell.target.unit)
        for name in list(cell.columns):
            if name.startswith(PRICE_PREFIX) and (
                    activity.code, name[len(PRICE_PREFIX):]) in adjust.fixed_prices:
                del cell.columns[name]
            elif name.startswith(PRICE_PREFIX) or name in ("unit_cost", "amount"):
                cell.columns[name] = ctx.indexed(cell.columns[name])
    return cells


def written_cells(ctx: CostingContext, activity: Activity,
                  registers: dict[str, RegisterTable]) -> list[CellInput] | None:
    subject = activity.name
    if isinstance(activity.target, RegisterTarget):
        if activity.cells is not None:
            ctx.diagnostics.add("target-conflict", activity.field_loc("target"),
                                activity=activity.code)
            return None
        return register_cells(ctx, activity, activity.target, registers)
    if activity.cells is None:
        if activity.target is None:
            ctx.diagnostics.add("missing-target", activity.loc, activity=activity.code)
            return None
        target = ctx.value(activity.target, "target", subject, activity.unit)
        return [CellInput((), target, loc=activity.loc)] if target else None
    return table_cells(ctx, activity)


def table_cells(ctx: CostingContext, activity: Activity) -> list[CellInput] | None:
    table = activity.cells
    assert table is not None
    ok = True
    dims = list(table.dimensions)
    for index, dim in enumerate(dims):
        if dim not in ctx.program.dimensions:
            ctx.diagnostics.add("unknown-dimension", table.item_loc("dimensions", index), name=dim,
                                suggestion=did_you_mean(dim, list(ctx.program.dimensions)))
            ok = False
    allowed = allowed_columns(activity)
    choices = ", ".join(["target", *sorted(allowed - {"target"})])
    for index, column in enumerate(table.columns):
        if column not in allowed:
            ctx.diagnostics.add("unknown-column", table.item_loc("columns", index), name=column,
                                choices=choices)
            ok = False
    if "target" not in table.columns:
        ctx.diagnostics.add("missing-target", table.field_loc("columns"), activity=activity.code)
        ok = False
    elif activity.target is not None:
        ctx.diagnostics.add("target-conflict", activity.field_loc("target"),
                            activity=activity.code)
        ok = False
    if not ok:
        return None
    width = len(dims) + len(table.columns)
    seen: dict[CellKey, Location | None] = {}
    cells: list[CellInput] = []
    for raw_row in table.rows:
        loc = row_location(raw_row, table.loc)
        if len(raw_row) != width:
            ctx.diagnostics.add("row-length", loc, found=len(raw_row), expected=width,
                                columns=", ".join([*dims, *table.columns]))
            ok = False
            continue
        key_values = [str(v) for v in raw_row[: len(dims)]]
        for dim, raw in zip(dims, raw_row[: len(dims)], strict=True):
            dimension = ctx.program.dimensions[dim]
            if dimension.territory is not None:
                if not valid_ubigeo(ctx, dimension.territory, raw, getattr(raw, "loc", loc)):
                    ok = False
                continue
            codes = dimension.codes()
            if str(raw) not in codes:
                ctx.diagnostics.add("unknown-dimension-value", getattr(raw, "loc", loc),
                                    value=str(raw), dimension=dim, choices=", ".join(codes))
                ok = False
        key: CellKey = tuple(zip(dims, key_values, strict=True))
        if key in seen:
            first = seen[key]
            ctx.diagnostics.add("duplicate-cell", loc, cell=", ".join(key_values),
                                first_line=first.line if first else 0)
            ok = False
            continue
        seen[key] = loc
        label = f"{activity.name} [{', '.join(key_values)}]"
        columns: dict[str, Figure] = {}
        places: int | None = None
        for column, raw in zip(table.columns, raw_row[len(dims):], strict=True):
            if isinstance(raw, str) and raw.startswith("$") and column != "target":
                # a price or cost may name a dated parameter, so scenarios and years move it
                figure = ctx.parameter(Ref(raw[1:], getattr(raw, "loc", loc)), column, label)
            else:
                figure = parse_count(ctx, raw, column, label, loc, table.source)
            if figure is None:
                ok = False
                continue
            columns[column] = figure
            if column == "amount":
                figure.role = "envelope"
            if column.startswith(PRICE_PREFIX):
                figure.role = "price"
                figure.subject = f"{column[len(PRICE_PREFIX):]} [{', '.join(key_values)}]"
            if column == "displayed_unit_cost":
                exponent = figure.value.as_tuple().exponent
                places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if "target" in columns:
            target = columns.pop("target")
            target.role = "target"
            target.unit = activity.unit
            cells.append(CellInput(key, target, columns, loc, places))
    return cells if ok else None


LEVEL_NAMES = {"district": ("distrito", "district"), "province": ("provincia", "province"),
               "department": ("departamento", "department")}


def valid_ubigeo(ctx: CostingContext, level: str, raw: object, loc: Location | None) -> bool:
    """A territory cell's code is an INEI ubigeo of the dimension's level, in force that year."""
    from costeo.territory import suggest, territory

    code = str(raw)
    year = ctx.program.program.fiscal_year
    if territory().is_valid(code, year, level):  # type: ignore[arg-type]
        return True
    found = suggest(code, year)
    hint = Localized(
        es="; ".join(s.message("es") for s in found[:3]) or "use el código INEI de 6 dígitos, "
        "entre comillas para conservar el cero inicial (\"010101\")",
        en="; ".join(s.message("en") for s in found[:3]) or "use the 6-digit INEI code, quoted "
        "to keep a leading zero (\"010101\")")
    es, en = LEVEL_NAMES.get(level, (level, level))
    ctx.diagnostics.add("unknown-ubigeo", loc, value=code, level=Localized(es=es, en=en),
                        suggestion=hint)
    return False


def register_cells(ctx: CostingContext, activity: Activity, spec: RegisterTarget,
                   registers: dict[str, RegisterTable]) -> list[CellInput] | None:
    table = registers.get(spec.register_code)
    if table is None:
        if spec.register_code not in ctx.program.registers:
            ctx.diagnostics.add("unknown-register", spec.field_loc("register"),
                                name=spec.register_code,
                                suggestion=did_you_mean(spec.register_code,
                                                        list(ctx.program.registers)))
        return None
    numeric = table.register.columns[1:]
    missing = [(i, c) for i, c in enumerate(spec.columns) if c not in numeric]
    for index, name in missing:
        ctx.diagnostics.add("unknown-register-column", spec.item_loc("columns", index),
                            register=spec.register_code, name=name, choices=", ".join(numeric))
    if missing:
        return None
    opening = ctx.value(spec.opening, "opening", activity.name) if spec.opening else None
    if spec.lag > 0 and opening is None:
        ctx.diagnostics.add("missing-field", spec.loc, field="opening")
        return None
    factor = ctx.value(spec.factor, "factor", activity.name) if spec.factor else None
    dim = table.register.period
    cells: list[CellInput] = []
    for index, period in enumerate(table.periods):
        source = index - spec.lag
        if source < 0:
            assert opening is not None
            parts = [opening]
            formula = "register_lag"
        else:
            parts = [table.rows[source][c] for c in spec.columns]
            formula = "register_lag" if spec.lag else "register_sum"
        target = derived("target", total(p.value for p in parts), formula, parts,
                         f"{activity.name} [{period}]", activity.unit)
        if factor is not None:  # e.g. paid = register × compliance rate
            target = derived("target", mul(target.value, factor.value), "target_factor",
                             [target, factor], target.subject, activity.unit)
        cells.append(CellInput(((dim, period),), target, loc=table.row_locs[index]))
    return cells
