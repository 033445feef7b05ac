"""A program can be a folder: program.yaml plus other YAML files, merged with locations."""

from __future__ import annotations

import re
from pathlib import Path

from costeo import load_program
from tests.conftest import HEALTH


def split_sections(text: str) -> dict[str, str]:
    """Top-level sections of a YAML file, keyed by name (each with its own text)."""
    sections: dict[str, str] = {}
    current = "_head"
    for line in text.splitlines(keepends=True):
        match = re.match(r"^([a-z_]+):", line)
        if match:
            current = match.group(1)
        sections[current] = sections.get(current, "") + line
    return sections


def make_folder(tmp_path: Path) -> Path:
    sections = split_sections(HEALTH.read_text(encoding="utf-8"))
    folder = tmp_path / "salud"
    (folder / "productos").mkdir(parents=True)
    elsewhere = {"parameters", "staff", "cost_centres", "products", "common_actions"}
    (folder / "program.yaml").write_text(
        "".join(text for name, text in sections.items() if name not in elsewhere),
        encoding="utf-8")
    (folder / "parametros.yaml").write_text(sections["parameters"], encoding="utf-8")
    (folder / "centros.yaml").write_text(sections["staff"] + sections["cost_centres"],
                                         encoding="utf-8")
    products = sections["products"].split("\n  - code:")
    (folder / "productos" / "01.yaml").write_text(products[0] + "\n  - code:" + products[1],
                                                  encoding="utf-8")
    (folder / "productos" / "02.yaml").write_text(
        "products:\n  - code:" + "\n  - code:".join(products[2:]) + sections["common_actions"],
        encoding="utf-8")
    return folder


def test_folder_costs_like_the_single_file(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    single = load_program(HEALTH)
    split = load_program(folder)
    assert split.result is not None and single.result is not None, split.diagnostics
    assert split.result.total == single.result.total
    assert [p.code for p in split.result.products] == [p.code for p in single.result.products]
    # lineage points into the file each value was written in
    figure = split.result.find("5000103/vacuna")
    assert figure is not None
    files = {leaf.kind: Path(leaf.loc.file).name for leaf in figure.leaves() if leaf.loc}
    assert files == {"parameter": "parametros.yaml", "given": "02.yaml"}


def test_a_name_defined_in_two_files_is_reported(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "zz-otros.yaml").write_text(
        "parameters:\n  precio_pentavalente:\n    unit: USD\n    source: x\n"
        "    values: [{from: 2025-01-01, value: 2}]\n", encoding="utf-8")
    loaded = load_program(folder)
    (dup,) = [d for d in loaded.diagnostics if d.code == "duplicate-key"]
    assert dup.location is not None
    assert dup.location.file.endswith("zz-otros.yaml") and dup.location.line == 2
    assert "parametros.yaml" in dup.message("es") + dup.hint("es")
