"""Lineage of columnar aggregates: any total explained down to the workload's table rows.

The tree follows the factorisation of :mod:`costeo.analytics.engine`::

    district 15 (sum)
      activity 7 · district 15 (line: target x unit cost)
        target (sum_targets) -> monthly targets, each a row of targets.parquet
        unit cost of activity 7 in zone 3 (sum)
          input 1234 (qfp: coefficient x frequency x price)
            coefficient (inputs.parquet row N), frequency 1 (default), price (prices.parquet row M)

Trees are built breadth first. Once ``max_figures`` figures exist, the remaining derived
figures that have an ``id`` keep their value but no inputs: ``Formulation.explain(id)`` expands
them (figures without an id are small structural steps and are always expanded).
Target rows are looked up once per tree (by district or by activity, using Parquet row-group
statistics); where they were not looked up, the target figure is left for ``explain``.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from costeo.diagnostics import Location
from costeo.lineage import DERIVED, GIVEN, Figure, default
from costeo.money import ONE, div

if TYPE_CHECKING:
    from costeo.analytics.engine import Formulation

Expand = Callable[[], list[Figure]]
RowList = list[tuple[int, int, int]]  # (row, month, target)


def _money(value_1e4: Any) -> Decimal:
    return Decimal(int(value_1e4)).scaleb(-4)


def _cents(value: Any) -> Decimal:
    return Decimal(int(value)).scaleb(-2)


def _count(value: Any) -> Decimal:
    return Decimal(int(value))


class Explainer:
    """Builds one lineage tree of a :class:`Formulation` (not thread safe; use one per call)."""

    def __init__(self, formulation: Formulation, max_figures: int = 200_000) -> None:
        self.f = formulation
        self.max_figures = max_figures
        self.count = 0
        self.queue: deque[tuple[Figure, Expand]] = deque()
        self.rows: dict[tuple[int, int], RowList] = {}
        self.activities_fetched: set[int] = set()
        self.districts_fetched: set[int] = set()
        self.unit_costs: dict[tuple[int, int, int | None], Figure] = {}
        wl = formulation.workload
        self.directory = wl.directory
        self._locations: dict[str, tuple[str, bool] | None] = {}
        self._price_columns: dict[int, list[int]] = {}
        f = formulation
        # plain Python lists: scalar access to numpy arrays is slow in tight loops
        self.activity_ids = f.activity.ids.tolist()
        self.region_ids = f.region.ids.tolist()
        self.district_ids = f.district.ids.tolist()
        self.input_ids = f.input.ids.tolist()
        self.classifier_codes = [str(c) for c in f.classifiers.tolist()]
        self.row_act = f.row_act.tolist()
        self.row_input = f.row_input.tolist()
        self.row_coef = f.row_coef.tolist()
        self.row_cls = f.row_cls.tolist()
        order = np.argsort(f.row_act, kind="stable")
        bounds = np.searchsorted(f.row_act[order], np.arange(len(f.activity) + 1))
        self.activity_rows = [order[bounds[a]:bounds[a + 1]].tolist()
                              for a in range(len(f.activity))]

    # -- the breadth-first builder -------------------------------------------------------------

    def node(self, role: str, value: Decimal, formula: str, subject: str,
             figure_id: str | None, expand: Expand | None) -> Figure:
        figure = Figure(role, value, subject, DERIVED, formula, id=figure_id)
        self.count += 1
        if expand is not None:
            self.queue.append((figure, expand))
        return figure

    def leaf(self, role: str, value: Decimal, subject: str, table: str, row: int) -> Figure:
        wl = self.f.workload
        self.count += 1
        return Figure(role, value, subject, GIVEN, loc=self._location(table, row),
                      source=wl.source(table, row))

    def _location(self, table: str, row: int) -> Location | None:
        if table not in self._locations:
            name = self.f.workload.file(table)
            self._locations[table] = None if self.directory is None else (
                str(Path(self.directory) / name), name.endswith(".csv"))
        where = self._locations[table]
        if where is None:
            return None
        # CSV: header on line 1, data row n (1-based) on line n + 1
        return Location(where[0], row + 2, 1) if where[1] else Location(where[0])

    def run(self, root: Figure) -> Figure:
        """Expand breadth first. Past ``max_figures`` only figures without an id (structural
        steps whose children are few and carry ids) are still expanded, so every figure left
        without inputs can be expanded again by its id."""
        while self.queue:
            figure, expand = self.queue.popleft()
            if self.count >= self.max_figures and figure.id is not None:
                continue  # left unexpanded: its id leads to Formulation.explain
            figure.inputs = expand()
        return root

    # -- entry points --------------------------------------------------------------------------

    def build(self, family: str, key: Any = None) -> Figure:
        f = self.f
        if family == "total":
            return self.run(self.total())
        if family == "program":
            return self.run(self.program(f.program.index_of(key)))
        if family == "product":
            return self.run(self.product(f.product.index_of(key)))
        if family == "activity":
            a = f.activity.index_of(key)
            self.fetch_activity(a)
            return self.run(self.activity(a))
        if family == "region":
            return self.run(self.region(f.region.index_of(key)))
        if family == "district":
            d = f.district.index_of(key)
            self.fetch_district(d)
            return self.run(self.district(d))
        if family == "department":
            return self.run(self.department(f.department.index_of(key)))
        if family == "month":
            m = int(key) - f.month_low
            if not 0 <= m < len(f.months):
                raise KeyError(f"unknown month {key}")
            return self.run(self.month(m))
        if family == "classifier":
            return self.run(self.classifier(self._classifier(key)))
        if family == "activity_region":
            a, r = f.activity.index_of(key[0]), f.region.index_of(key[1])
            self.fetch_activity(a)
            return self.run(self.cell_ar(a, r))
        if family == "activity_input":
            a = f.activity.index_of(key[0])
            i = f.input.index_of(key[1])
            rows = [k for k in f.input_rows[i] if f.row_act[k] == a]
            if not rows:
                raise KeyError(f"activity {key[0]} has no input {key[1]}")
            self.fetch_activity(a)
            return self.run(self.activity_input(int(rows[0])))
        if family == "unit_cost":
            a, r = f.activity.index_of(key[0]), f.region.index_of(key[1])
            c = self._classifier(key[2]) if len(key) > 2 else None
            return self.run(self.unit_cost(a, r, c))
        if family == "activity_unit_cost":
            a = f.activity.index_of(key)
            self.fetch_activity(a)
            return self.run(self.activity_unit_cost(a))
        if family == "target":
            return self.run(self.target(dict(key)))
        raise KeyError(f"unknown aggregate {family!r}")

    def by_id(self, figure_id: str) -> Figure:
        family, _, text = figure_id.partition(":")
        key: Any
        if family == "total":
            key = None
        elif family == "classifier":
            key = text
        elif family == "target":
            key = {name: int(value) for name, value in
                   (part.split("=") for part in text.split(","))}
        elif family in ("activity_region", "activity_input", "unit_cost"):
            parts = text.split(",", 2)
            key = (int(parts[0]), int(parts[1]), *parts[2:])
        else:
            key = int(text)
        return self.build(family, key)

    def _classifier(self, code: str) -> int:
        where = np.flatnonzero(self.f.classifiers == code)
        if not len(where):
            raise KeyError(f"unknown classifier {code}")
        return int(where[0])

    # -- target rows ---------------------------------------------------------------------------

    def fetch_activity(self, a: int) -> None:
        if a not in self.activities_fetched:
            self._store(self.f.workload.targets.find(
                "activity_id", [int(self.f.activity.ids[a])]))
            self.activities_fetched.add(a)

    def fetch_district(self, d: int) -> None:
        if d not in self.districts_fetched:
            self._store(self.f.workload.targets.find(
                "district_id", [int(self.f.district.ids[d])]))
            self.districts_fetched.add(d)

    def _store(self, found: Any) -> None:
        if not len(found):
            return
        f = self.f
        acts = f.activity.take(found.activity_id, "targets")
        dists = f.district.take(found.district_id, "targets")
        grouped: dict[tuple[int, int], RowList] = defaultdict(list)
        for row, a, d, m, t in zip(found.row.tolist(), acts.tolist(), dists.tolist(),
                                   found.month.tolist(), found.target.tolist(), strict=True):
            grouped[(a, d)].append((row, m, t))
        for pair, rows in grouped.items():
            if pair not in self.rows:
                self.rows[pair] = sorted(rows)

    def _known(self, a: int, d: int) -> bool:
        return a in self.activities_fetched or d in self.districts_fetched

    # -- names ---------------------------------------------------------------------------------

    def _aid(self, a: int) -> int:
        return self.activity_ids[a]

    def _rid(self, r: int) -> int:
        return self.region_ids[r]

    def _did(self, d: int) -> int:
        return self.district_ids[d]

    # -- aggregates ----------------------------------------------------------------------------

    def total(self) -> Figure:
        f = self.f
        return self.node("total", _money(f.grand_total_1e4), "sum", "todos los programas",
                         "total", lambda: [self.program(p) for p in range(len(f.program))])

    def program(self, p: int) -> Figure:
        f = self.f
        pid = int(f.program.ids[p])
        products = np.flatnonzero(f.product_program == p)
        return self.node("total", _money(f.program_amount[p]), "sum", f"programa {pid}",
                         f"program:{pid}", lambda: [self.product(int(k)) for k in products])

    def product(self, k: int) -> Figure:
        f = self.f
        kid = int(f.product.ids[k])
        acts = np.flatnonzero(f.act_product == k)
        return self.node("product", _money(f.product_amount[k]), "sum", f"producto {kid}",
                         f"product:{kid}", lambda: [self.activity(int(a)) for a in acts])

    def activity(self, a: int) -> Figure:
        f = self.f
        regions = np.flatnonzero(f.T_ar[a] != 0)
        return self.node("activity", _money(f.activity_amount[a]), "sum",
                         f"actividad {self._aid(a)}", f"activity:{self._aid(a)}",
                         lambda: [self.cell_ar(a, int(r)) for r in regions])

    def region(self, r: int) -> Figure:
        f = self.f
        acts = np.flatnonzero(f.T_ar[:, r] != 0)
        return self.node("dimension", _money(f.region_amount[r]), "sum",
                         f"región {self._rid(r)} (zona de precios)", f"region:{self._rid(r)}",
                         lambda: [self.cell_ar(int(a), r) for a in acts])

    def district(self, d: int) -> Figure:
        f = self.f
        acts = np.flatnonzero(f.T_ad[:, d] != 0)
        dept = int(f.department.ids[f.dist_dept[d]])
        subject = (f"distrito {self._did(d)} (región {self._rid(f.dist_region[d])}, "
                   f"departamento {dept})")
        return self.node("dimension", _money(f.district_amount[d]), "sum", subject,
                         f"district:{self._did(d)}",
                         lambda: [self.cell_ad(int(a), d) for a in acts])

    def department(self, k: int) -> Figure:
        f = self.f
        kid = int(f.department.ids[k])
        districts = np.flatnonzero(f.dist_dept == k)
        return self.node("dimension", _money(f.department_amount[k]), "sum", f"departamento {kid}",
                         f"department:{kid}",
                         lambda: [self.district(int(d)) for d in districts])

    def month(self, m: int) -> Figure:
        f = self.f
        month = int(f.months[m])
        acts = np.flatnonzero(f.T_arm[:, :, m].any(axis=1))
        return self.node("dimension", _money(f.month_amount[m]), "sum", f"mes {month}",
                         f"month:{month}", lambda: [self.activity_month(int(a), m) for a in acts])

    def activity_month(self, a: int, m: int) -> Figure:
        f = self.f
        regions = np.flatnonzero(f.T_arm[a, :, m] != 0)
        value = (f.uc[a] * f._t_arm[a, :, m]).sum()
        return self.node("activity", _money(value), "sum",
                         f"actividad {self._aid(a)} · mes {int(f.months[m])}", None,
                         lambda: [self.cell_arm(a, int(r), m) for r in regions])

    def classifier(self, c: int) -> Figure:
        f = self.f
        rows = np.flatnonzero(f.row_cls == c)
        acts = sorted(set(f.row_act[rows].tolist()))
        code = str(f.classifiers[c])
        return self.node("classifier", _money(f.classifier_amount[c]), "sum", code,
                         f"classifier:{code}",
                         lambda: [self.activity_classifier(a, c) for a in acts])

    def activity_classifier(self, a: int, c: int) -> Figure:
        f = self.f
        rows = np.flatnonzero((f.row_act == a) & (f.row_cls == c))
        regions = np.flatnonzero(f.T_ar[a] != 0)
        return self.node("activity", _money(f.row_amount[rows].sum()), "sum",
                         f"actividad {self._aid(a)} · {f.classifiers[c]}", None,
                         lambda: [self.line_arc(a, int(r), c) for r in regions])

    def activity_input(self, row: int) -> Figure:
        f = self.f
        a = int(f.row_act[row])
        regions = np.flatnonzero(f.T_ar[a] != 0)
        iid = int(f.input.ids[f.row_input[row]])
        return self.node("line", _money(f.row_amount[row]), "sum",
                         f"actividad {self._aid(a)} · insumo {iid}",
                         f"activity_input:{self._aid(a)},{iid}",
                         lambda: [self.input_line(row, int(r)) for r in regions])

    def activity_unit_cost(self, a: int) -> Figure:
        f = self.f
        target = int(f.T_a[a])
        value = div(_money(f.activity_amount[a]), Decimal(target)) if target else Decimal(0)
        return self.node("unit_cost", value, "result_unit_cost",
                         f"actividad {self._aid(a)} (monto ÷ meta)",
                         f"activity_unit_cost:{self._aid(a)}",
                         lambda: [self.activity(a), self.target_a(a),
                                  default("frequency", ONE)])

    # -- cells: target x unit cost -------------------------------------------------------------

    def cell_ar(self, a: int, r: int) -> Figure:
        f = self.f
        value = f.uc[a, r] * f._t_ar[a, r]
        return self.node("cell", _money(value), "exact_line",
                         f"actividad {self._aid(a)} · región {self._rid(r)}",
                         f"activity_region:{self._aid(a)},{self._rid(r)}",
                         lambda: [self.target_ar(a, r), self.unit_cost(a, r)])

    def cell_ad(self, a: int, d: int) -> Figure:
        f = self.f
        r = int(f.dist_region[d])
        value = f.uc[a, r] * f._t_ad[a, d]
        return self.node("cell", _money(value), "exact_line",
                         f"actividad {self._aid(a)} · distrito {self._did(d)}", None,
                         lambda: [self.target_ad(a, d), self.unit_cost(a, r)])

    def cell_arm(self, a: int, r: int, m: int) -> Figure:
        f = self.f
        value = f.uc[a, r] * f._t_arm[a, r, m]
        return self.node("cell", _money(value), "exact_line",
                         f"actividad {self._aid(a)} · región {self._rid(r)} · mes "
                         f"{int(f.months[m])}", None,
                         lambda: [self.target_arm(a, r, m), self.unit_cost(a, r)])

    def line_arc(self, a: int, r: int, c: int) -> Figure:
        f = self.f
        unit = self.unit_cost(a, r, c)
        value = unit.value * _count(f.T_ar[a, r])
        return self.node("line", value, "exact_line",
                         f"actividad {self._aid(a)} · región {self._rid(r)} · "
                         f"{f.classifiers[c]}", None,
                         lambda: [self.target_ar(a, r), unit])

    def input_line(self, row: int, r: int) -> Figure:
        f = self.f
        a = int(f.row_act[row])
        value = int(f.row_coef[row]) * int(f.price[f.row_input[row], r]) * int(f.T_ar[a, r])
        return self.node("line", _money(value), "exact_line",
                         f"actividad {self._aid(a)} · región {self._rid(r)} · insumo "
                         f"{int(f.input.ids[f.row_input[row]])}", None,
                         lambda: [self.target_ar(a, r), self.input_cost(row, r)])

    # -- unit costs ----------------------------------------------------------------------------

    def unit_cost(self, a: int, r: int, c: int | None = None) -> Figure:
        cached = self.unit_costs.get((a, r, c))
        if cached is not None:
            return cached
        rows = self.activity_rows[a]
        if c is not None:
            rows = [k for k in rows if self.row_cls[k] == c]
        price = self.prices(r)
        value = sum(self.row_coef[k] * price[self.row_input[k]] for k in rows)
        subject = f"actividad {self._aid(a)} · región {self._rid(r)}"
        figure_id = f"unit_cost:{self._aid(a)},{self._rid(r)}"
        if c is not None:
            subject += f" · {self.classifier_codes[c]}"
            figure_id += f",{self.classifier_codes[c]}"
        figure = self.node("unit_cost", _money(value), "sum", subject, figure_id,
                           lambda: [self.input_cost(k, r) for k in rows])
        self.unit_costs[(a, r, c)] = figure
        return figure

    def prices(self, r: int) -> list[int]:
        column = self._price_columns.get(r)
        if column is None:
            column = self._price_columns[r] = self.f.price[:, r].tolist()
        return column

    def input_cost(self, row: int, r: int) -> Figure:
        i = self.row_input[row]
        coef, price = self.row_coef[row], self.prices(r)[i]
        iid = self.input_ids[i]
        subject = f"insumo {iid} ({self.classifier_codes[self.row_cls[row]]})"

        def expand() -> list[Figure]:
            coefficient = self.leaf("quantity", _cents(coef),
                                    f"actividad {self._aid(self.row_act[row])} · insumo {iid}",
                                    "inputs", row)
            frequency = default("frequency", ONE)
            self.count += 1
            return [coefficient, frequency, self.price(i, r)]

        return self.node("input", _money(coef * price), "qfp", subject, None, expand)

    def price(self, i: int, r: int) -> Figure:
        f = self.f
        subject = f"insumo {int(f.input.ids[i])} · región {self._rid(r)}"
        value = _cents(f.price[i, r])
        row = int(f.price_row[i, r])
        edit = f.edits.get((i, r))
        if edit is None and row >= 0:
            return self.leaf("price", value, subject, "prices", row)
        self.count += 1
        origin = (f"was {_cents(edit[0])} in {f.workload.source('prices', row)}"
                  if edit and row >= 0 else "no price in the workload table")
        return Figure("price", value, subject, GIVEN, source=f"set_price ({origin})")

    # -- targets -------------------------------------------------------------------------------

    def target_a(self, a: int) -> Figure:
        f = self.f
        regions = np.flatnonzero(f.T_ar[a] != 0)
        return self.node("target", _count(f.T_a[a]), "sum_targets",
                         f"actividad {self._aid(a)}", f"target:activity={self._aid(a)}",
                         lambda: [self.target_ar(a, int(r)) for r in regions])

    def target_ar(self, a: int, r: int) -> Figure:
        f = self.f
        districts = f.region_districts[r]
        districts = districts[f.T_ad[a, districts] != 0]
        return self.node("target", _count(f.T_ar[a, r]), "sum_targets",
                         f"actividad {self._aid(a)} · región {self._rid(r)}",
                         f"target:activity={self._aid(a)},region={self._rid(r)}",
                         lambda: [self.target_ad(a, int(d)) for d in districts])

    def target_ad(self, a: int, d: int) -> Figure:
        f = self.f
        expand = (lambda: self.target_rows(a, d, None)) if self._known(a, d) else None
        return self.node("target", _count(f.T_ad[a, d]), "sum_targets",
                         f"actividad {self._aid(a)} · distrito {self._did(d)}",
                         f"target:activity={self._aid(a)},district={self._did(d)}", expand)

    def target_arm(self, a: int, r: int, m: int) -> Figure:
        f = self.f
        month = int(f.months[m])

        def expand() -> list[Figure]:
            leaves: list[Figure] = []
            for d in f.region_districts[r]:
                if f.T_ad[a, d]:
                    leaves.extend(self.target_rows(a, int(d), month))
            return leaves

        return self.node("target", _count(f.T_arm[a, r, m]), "sum_targets",
                         f"actividad {self._aid(a)} · región {self._rid(r)} · mes {month}",
                         f"target:activity={self._aid(a)},region={self._rid(r)},month={month}",
                         expand if a in self.activities_fetched else None)

    def target_rows(self, a: int, d: int, month: int | None) -> list[Figure]:
        subject = f"actividad {self._aid(a)} · distrito {self._did(d)}"
        return [self.leaf("target", _count(t), f"{subject} · mes {m}", "targets", row)
                for row, m, t in self.rows.get((a, d), []) if month is None or m == month]

    def target(self, key: dict[str, int]) -> Figure:
        f = self.f
        a = f.activity.index_of(key["activity"])
        self.fetch_activity(a)
        if "district" in key:
            return self.target_ad(a, f.district.index_of(key["district"]))
        if "region" in key and "month" in key:
            m = int(key["month"]) - f.month_low
            return self.target_arm(a, f.region.index_of(key["region"]), m)
        if "region" in key:
            return self.target_ar(a, f.region.index_of(key["region"]))
        return self.target_a(a)
