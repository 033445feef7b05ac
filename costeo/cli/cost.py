"""`costeo cost FILE`: the formulation table, the budget by classifier, the diagnostics and a
short review (basic tier: methodology and "what to improve and why")."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from costeo.cli.common import (
    JsonOption,
    Lang,
    LangOption,
    load_or_exit,
    out,
    print_diagnostics,
    print_json,
)
from costeo.cli.render import budget_table, classifier_table
from costeo.cli.review import print_short_review
from costeo.io.result_json import result_to_dict
from costeo.review import review_result


def cost(
    file: Annotated[Path, typer.Argument(help="Archivo .yaml o carpeta del programa.")],
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Costea un programa: tabla de formulación y presupuesto por clasificador."""
    loaded, result = load_or_exit(file, lang.value, json)
    checked = review_result(result, lang.value, loaded.file)
    if json:
        data = result_to_dict(result, lang.value)
        data["review"] = checked.to_dict(lang.value)
        print_json(data)
        return
    out.print(budget_table(result, lang.value))
    out.print(classifier_table(result, lang.value))
    print_diagnostics(loaded.diagnostics, lang.value)
    print_short_review(checked, lang.value)
