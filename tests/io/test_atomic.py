"""A write that fails leaves the previous file as it was, and no temporary file behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from costeo.io.atomic import replace_atomically


def test_failed_write_keeps_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "informe.html"
    target.write_text("versión anterior", encoding="utf-8")

    def half_then_fail(path: Path) -> None:
        path.write_text("<html>a medias", encoding="utf-8")
        raise RuntimeError("disco lleno")

    with pytest.raises(RuntimeError):
        replace_atomically(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "versión anterior"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["informe.html"]


def test_successful_write_replaces(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "libro.yaml"
    replace_atomically(target, lambda path: path.write_text("nuevo", encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == "nuevo"
    assert [p.name for p in target.parent.iterdir()] == ["libro.yaml"]
