"""The `costeo` command."""

from __future__ import annotations

import typer

from costeo.cli.cost import cost
from costeo.cli.demo import demo
from costeo.cli.explain import explain
from costeo.cli.export_xlsx import register_xlsx
from costeo.cli.formulate import formulate
from costeo.cli.report import report
from costeo.cli.review import review_cmd
from costeo.cli.scenario import app as scenario_app
from costeo.cli.schema import schema
from costeo.cli.serve import serve
from costeo.cli.store import store_app
from costeo.cli.validate import validate

app = typer.Typer(
    name="costeo",
    help="costeo: costeo, formulación y trazabilidad de programas presupuestales (PpR).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
app.command()(validate)
app.command()(cost)
app.command()(explain)
app.command()(report)
app.command()(demo)
app.command()(schema)
app.command()(formulate)
app.command()(serve)
app.command(name="review")(review_cmd)
app.add_typer(scenario_app, name="scenario")
app.add_typer(store_app, name="store")
register_xlsx(app)
