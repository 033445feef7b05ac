"""Price zones: the most specific rule wins, and a zone map must cover every district."""

from __future__ import annotations

import pytest

from costeo.territory import UbigeoError, ZoneMap, check_zone_map, territory, zone_match, zone_of

T = territory()

# Loreto, Madre de Dios and Ucayali are selva; the province of Lima is "metro" except the
# district of Lurín (150119), which is "sur"; Callao department is "metro" too.
ZONES = ZoneMap.from_zones(
    {"selva": ["16", "17", "25"], "metro": ["1501", "07"], "sur": ["150119"]},
    attribute="macroregion_inei", values={"Oriente": "oriente", "Sur": "sur-andino"},
    default="resto", name="precios 2025")


@pytest.mark.parametrize(("code", "zone", "rule", "key"), [
    ("150119", "sur", "district", "150119"),          # district beats its province
    ("150101", "metro", "province", "150100"),        # province beats the attribute/default
    ("070101", "metro", "department", "070000"),      # department code
    ("160101", "selva", "department", "160000"),      # department beats attribute (Oriente)
    ("010101", "oriente", "attribute", "Oriente"),    # Amazonas: macro-region Oriente
    ("080101", "sur-andino", "attribute", "Sur"),     # Cusco: macro-region Sur
    ("130101", "resto", "default", ""),               # Trujillo: nothing else applies
    ("1501", "metro", "province", "150100"),          # a province code itself
    ("15", "resto", "default", ""),                   # Lima dept: no single zone of its own
])
def test_precedence(code: str, zone: str, rule: str, key: str) -> None:
    match = zone_match(code, ZONES)
    assert match is not None and (match.zone, match.rule, match.key) == (zone, rule, key)
    assert zone_of(code, ZONES) == zone == T.zone_of(code, ZONES)


def test_zone_list_and_no_rule() -> None:
    assert ZONES.zones == ["metro", "oriente", "resto", "selva", "sur", "sur-andino"]
    bare = ZoneMap.from_zones({"selva": ["16"]})
    assert zone_of("160101", bare) == "selva" and zone_of("150101", bare) is None


def test_map_construction_errors() -> None:
    with pytest.raises(ValueError, match="dos zonas"):
        ZoneMap.from_zones({"a": ["15"], "b": ["150000"]})
    with pytest.raises(ValueError, match="mal formado"):
        ZoneMap.from_zones({"a": ["10101"]})
    with pytest.raises(ValueError, match="lista"):
        ZoneMap.from_zones({"a": "15"})
    with pytest.raises(ValueError, match="no canónico"):
        ZoneMap(codes={"15": "a"})
    with pytest.raises(ValueError, match="attribute"):
        ZoneMap(values={"Sur": "a"})
    assert ZoneMap.from_zones({"a": ["15", "150000"]}).codes == {"150000": "a"}


def test_unknown_code_to_place_raises() -> None:
    with pytest.raises(UbigeoError):
        zone_of("10101", ZONES)


def test_full_map_covers_everything() -> None:
    check = check_zone_map(ZONES)
    assert check.ok and not check.uncovered and len(check.assignment) == 1893
    assert check.assignment["150119"] == "sur" and check.unused_values == ()


def test_coverage_gaps_are_listed() -> None:
    # CEPLAN's scheme has no Callao: an attribute-only map misses its 7 districts.
    ceplan = ZoneMap(attribute="macroregion_ceplan",
                     values={v: v for v in ("Norte", "Centro", "Sur", "Nororiente")})
    check = check_zone_map(ceplan)
    assert not check.ok
    assert check.uncovered == tuple(p.ubigeo for p in T.districts(department="07"))


def test_coverage_of_the_districts_a_map_is_applied_to() -> None:
    selva = ZoneMap.from_zones({"selva": ["16", "17"]})
    assert check_zone_map(selva, ["16", "1701", "170201"]).ok
    check = check_zone_map(selva, ["160101", "2501"])
    assert check.uncovered == tuple(p.ubigeo for p in T.districts(province="2501"))
    assert set(check.assignment) == {"160101"}
    with pytest.raises(UbigeoError):
        check_zone_map(selva, ["10101"])


def test_unknown_codes_attribute_and_values_reported() -> None:
    check = check_zone_map(ZoneMap.from_zones({"x": ["99", "150199"]}, default="y"))
    assert check.unknown_codes == ("150199", "990000") and not check.ok
    check = check_zone_map(ZoneMap(attribute="natural_region", values={"selva": "s"}))
    assert check.unknown_attribute == "natural_region" and not check.ok
    with pytest.raises(ValueError, match="natural_region"):
        zone_of("150101", ZoneMap(attribute="natural_region", values={"selva": "s"}))
    check = check_zone_map(ZoneMap(attribute="macroregion_inei",
                                   values={"Orient": "o"}, default="d"))
    assert check.ok and check.unused_values == ("Orient",)  # a typo to warn about
