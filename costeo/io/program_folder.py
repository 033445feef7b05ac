"""A program as a folder: ``program.yaml`` plus any other ``*.yaml`` files beside or below it.

Each extra file holds top-level sections (``parameters:``, ``products:``...). Lists are
concatenated in file-name order (so ``productos/01-cred.yaml`` and ``productos/02-vacunas.yaml``
can each hold some products), mappings are merged; the same name defined twice is a
``duplicate-key`` diagnostic at its second location. Every value keeps its own file:line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from costeo.diagnostics import Diagnostics, Location
from costeo.io.yaml_source import LDict, LList, parse_file

PROGRAM_FILE = "program.yaml"


def program_files(folder: Path) -> list[Path]:
    main = folder / PROGRAM_FILE
    return [main, *sorted(p for p in folder.rglob("*.yaml") if p != main)]


def read_folder(folder: Path, diagnostics: Diagnostics) -> Any:
    files = program_files(folder)
    root = parse_file(files[0], diagnostics, display=str(files[0]))
    if not isinstance(root, LDict):
        return root
    for path in files[1:]:
        part = parse_file(path, diagnostics, display=str(path))
        if part is None:
            continue
        if not isinstance(part, LDict):
            diagnostics.add("expected-mapping", getattr(part, "loc", Location(str(path), 1, 1)),
                            field=path.name)
            continue
        merge(root, part, diagnostics)
    return root


def merge(root: LDict, part: LDict, diagnostics: Diagnostics) -> None:
    for key, value in part.items():
        key_loc = part.key_locs[key]
        if key not in root:
            root[key] = value
            root.key_locs[key] = key_loc
        elif isinstance(root[key], LList) and isinstance(value, LList):
            root[key].extend(value)
        elif isinstance(root[key], LDict) and isinstance(value, LDict) and key != "program":
            for name, item in value.items():
                if name in root[key]:
                    first = root[key].key_locs[name]
                    diagnostics.add("duplicate-key", value.key_locs[name], key=name,
                                    first_line=f"{first.line} ({first.file})")
                    continue
                root[key][name] = item
                root[key].key_locs[name] = value.key_locs[name]
        else:
            first = root.key_locs[key]
            diagnostics.add("duplicate-key", key_loc, key=key,
                            first_line=f"{first.line} ({first.file})")
