"""Documentation cannot fall behind: commands, sections, methods and kinds are documented."""

from __future__ import annotations

import typing

import pytest

from costeo.cli.main import app
from costeo.model.inputs import INPUT_KINDS
from costeo.model.methods import METHODS
from costeo.model.program import Program
from tests.conftest import ROOT

CLI_DOC = (ROOT / "docs/reference/cli.md").read_text(encoding="utf-8")
FORMAT_DOC = (ROOT / "docs/reference/format.md").read_text(encoding="utf-8")
METHODS_DOC = (ROOT / "docs/concepts/methods.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [c.name or c.callback.__name__  # type: ignore[union-attr]
                                     for c in app.registered_commands])
def test_every_command_is_documented(command: str) -> None:
    assert f"`costeo {command}" in CLI_DOC


@pytest.mark.parametrize("group", list(app.registered_groups), ids=lambda g: g.name)
def test_every_sub_command_is_documented(group: typing.Any) -> None:
    for command in group.typer_instance.registered_commands:
        name = command.name or command.callback.__name__
        assert f"`costeo {group.name} {name}" in CLI_DOC


@pytest.mark.parametrize("section", [f.alias or n for n, f in Program.model_fields.items()])
def test_every_top_level_section_is_documented(section: str) -> None:
    assert f"`{section}`" in FORMAT_DOC


@pytest.mark.parametrize("name", [*METHODS, *INPUT_KINDS])
def test_every_method_and_input_kind_is_documented(name: str) -> None:
    assert f"`{name}`" in METHODS_DOC and f"`{name}`" in FORMAT_DOC


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:]
                if line.strip()]
    assert commands == ["make demo", "make test"]
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_type_hints_resolve() -> None:
    assert typing.get_type_hints(Program)
