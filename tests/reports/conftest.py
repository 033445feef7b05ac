"""Reports written once per example and language, shared by the report tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from costeo import load_program
from costeo.formulation.result import CostResult
from costeo.reports.html import write_html
from costeo.reports.xlsx import write_xlsx
from tests.conftest import CASH_TRANSFERS, HEALTH, SCHOOL_MEALS

EXAMPLES = {"school_meals": SCHOOL_MEALS, "cash_transfers": CASH_TRANSFERS, "health": HEALTH}


class Reports:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.results: dict[str, CostResult] = {}
        self.written: dict[tuple[str, str, str], Path] = {}

    def result(self, name: str) -> CostResult:
        if name not in self.results:
            loaded = load_program(EXAMPLES[name])
            assert loaded.result is not None, [d.format() for d in loaded.diagnostics]
            self.results[name] = loaded.result
        return self.results[name]

    def path(self, name: str, lang: str, kind: str) -> Path:
        key = (name, lang, kind)
        if key not in self.written:
            writer: Callable[[CostResult, Path, str], Path] = \
                write_xlsx if kind == "xlsx" else write_html
            target = self.folder / f"{name}.{lang}.{kind}"
            returned = writer(self.result(name), target, lang)
            assert returned == target
            self.written[key] = target
        return self.written[key]

    def workbook(self, name: str, lang: str = "es") -> Workbook:
        return openpyxl.load_workbook(self.path(name, lang, "xlsx"))

    def html(self, name: str, lang: str = "es") -> str:
        return self.path(name, lang, "html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Reports:
    return Reports(tmp_path_factory.mktemp("reports"))
