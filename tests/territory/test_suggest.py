"""Suggestions for invalid codes: lost leading zeros, formats, near codes, years, names."""

from __future__ import annotations

import dataclasses

import pytest

from costeo.territory import Territory, suggest, territory

T = territory()


def codes(raw: str | int, year: int | None = None, table: Territory = T) -> list[tuple[str, str]]:
    return [(s.code, s.reason) for s in suggest(raw, year, table)]


@pytest.mark.parametrize(("raw", "expected"), [
    ("10101", [("010101", "leading-zero")]),
    (10101, [("010101", "leading-zero")]),       # read from a spreadsheet as a number
    ("101", [("010100", "leading-zero")]),       # province of Chachapoyas
    ("7", [("070000", "leading-zero")]),          # Callao
    ("15-01-01", [("150101", "format")]),
    ("15 01 01", [("150101", "format")]),
    ("150101.0", [("150101", "format")]),
    ("'010101", [("010101", "format")]),
    (150101, [("150101", "format")]),
    ("10101.0", [("010101", "leading-zero")]),
])
def test_repairable_codes(raw: str | int, expected: list[tuple[str, str]]) -> None:
    assert codes(raw) == expected


def test_valid_codes_get_no_suggestion() -> None:
    assert suggest("150101") == [] and suggest(" 010101 ") == [] and suggest("15") == []


def test_similar_codes_prefer_the_same_province() -> None:
    found = codes("150199")
    assert found and all(reason == "similar-code" for _, reason in found)
    assert [c for c, _ in found] == ["150109", "150119", "150129", "150139"]
    assert codes("159901") == [("150901", "similar-code")]  # two digits swapped
    # same department first, then code order
    assert [c for c, _ in codes("011010")] == ["010110", "021010", "051010"]


def test_parent_when_nothing_is_close() -> None:
    found = suggest("160899")  # Putumayo has 160801-160804
    assert [(s.code, s.reason) for s in found] == [("160800", "parent")]
    assert "160801" in found[0].message() and "160804" in found[0].message()
    assert codes("169900") == [("160000", "parent")]
    assert codes("999999") == []


def test_not_valid_in_year() -> None:
    # A table where the Putumayo districts carry a creation year (the bundled one has none).
    dated = Territory([dataclasses.replace(p, valid_from=2014) if p.province_code == "1608"
                       and p.level == "district" else p for p in T],
                      attributes=T.attributes)
    assert dated.is_valid("160802", 2014) and not dated.is_valid("160802", 2013)
    assert dated.is_valid("160802") and T.is_valid("160802", 2013)
    found = suggest("160802", 2013, dated)
    assert [(s.code, s.reason) for s in found] == [("160802", "not-valid-in-year"),
                                                   ("160800", "parent")]
    assert found[0].message() == ("160802, Rosa Panduro (Putumayo, Loreto), es válido desde "
                                  "2014; en 2013 aún no existía")
    assert codes(160802, 2013, dated)[0] == ("160802", "not-valid-in-year")
    assert codes("60802", 2013, dated) == [("060802", "leading-zero")]  # another district
    assert codes("16-08-02", 2013, dated)[0] == ("160802", "not-valid-in-year")


def test_by_name() -> None:
    assert codes("lima") == [("150000", "name"), ("150100", "name"), ("150101", "name")]
    assert codes("CUZCO")[0] == ("080000", "name")
    assert ("010101", "name") in codes("Chachapollas")
    assert codes("xyz") == [] and codes("  ") == []


def test_messages_in_both_languages() -> None:
    [hint] = suggest("10101")
    assert hint.message() == ("¿quiso decir 010101, Chachapoyas (Chachapoyas, Amazonas)? el "
                              "código perdió el cero inicial (¿se leyó como número?); "
                              "escríbalo como texto de 6 dígitos")
    assert hint.message("en").startswith("did you mean 010101, Chachapoyas")
    for raw in ("15-01-01", "150199", "160899", "lima"):
        for s in suggest(raw):
            assert s.message("es") and s.message("en")


def test_territory_wrapper() -> None:
    assert T.suggest("10101") == suggest("10101")
