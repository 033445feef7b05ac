"""Programs in and out of the store: import (YAML, XLSX, a new program from a form) and
export (YAML, XLSX).

A version's ``document`` is the program's YAML text exactly as imported (comments and layout
kept); exporting gives that text back, so export -> import -> export is the identity.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from costeo.io.atomic import replace_atomically
from costeo.io.xlsx_model import export_program
from costeo.io.xlsx_model import import_program as read_workbook
from costeo.io.yaml_writer import dump_program
from costeo.store.audit import record
from costeo.store.costed import costed, digest, load_valid, remember
from costeo.store.errors import Duplicate, InvalidInput, NotFound, PermissionDenied
from costeo.store.lines import write_lines
from costeo.store.models import Entity, Formulation, Program, User, Version, utcnow
from costeo.store.policy import can


def _insert(session: Session, row: object, what: str, key: str) -> None:
    """Insert a row with a unique key; someone else inserting the same key at the same time
    (their transaction commits first) is reported as Duplicate, and this one rolls back."""
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:
        raise Duplicate(what, key) from exc


def _entity(session: Session, actor: User | None, code: str, name: str) -> Entity:
    entity = session.scalar(select(Entity).where(Entity.code == code))
    if entity is not None:
        return entity
    if not can(actor, "admin"):
        raise NotFound("entity", code)
    entity = Entity(code=code, name=name)
    _insert(session, entity, "entity", code)
    record(session, actor, "create_entity", "entity", entity.id, None,
           {"code": code, "name": name})
    return entity


def import_program(session: Session, actor: User | None, text: str, file_name: str,
                   entity_code: str) -> Version:
    """Load and cost ``text``; store it as version 1 (draft) of a new program/fiscal year,
    or as a new draft version when the program already has that year.

    Raises InvalidInput (nothing written) when the program has errors; the entity must exist
    unless the actor is an administrator (then it is created, named after the program's
    ``entity``).
    """
    loaded = load_valid(text, file_name)
    assert loaded.program is not None and loaded.result is not None
    info = loaded.program.program
    program = session.scalar(select(Program).where(Program.code == str(info.code)))
    if program is None:
        entity = _entity(session, actor, entity_code, str(info.entity))
        if not can(actor, "create", entity):
            raise PermissionDenied("create", f"{entity.code}")
        program = Program(code=str(info.code), name=str(info.name), entity=entity)
        _insert(session, program, "program", program.code)
        record(session, actor, "create_program", "program", program.id, None,
               {"code": program.code, "name": program.name, "entity": entity.code})
    elif not can(actor, "create", program):
        raise PermissionDenied("create", program.code)
    year = int(info.fiscal_year)
    formulation = session.scalar(select(Formulation).where(
        Formulation.program_id == program.id, Formulation.fiscal_year == year)
        .with_for_update(of=Formulation))
    if formulation is None:
        formulation = Formulation(program=program, fiscal_year=year)
        _insert(session, formulation, "formulation", f"{program.code} {year}")
    number = next_number(session, formulation.id)
    parent = session.scalar(select(Version).where(
        Version.formulation_id == formulation.id).order_by(Version.number.desc()).limit(1))
    now = utcnow()
    version = Version(formulation=formulation, number=number, state="draft", document=text,
                      file_name=file_name, total=loaded.result.total,
                      created_by_id=actor.id if actor else None,
                      updated_by_id=actor.id if actor else None,
                      created_at=now, updated_at=now, parent_id=parent.id if parent else None)
    session.add(version)
    session.flush()
    write_lines(session, version, loaded)
    record(session, actor, "import", "version", version.id, None,
           {"program": program.code, "fiscal_year": year, "number": number,
            "file_name": file_name, "total": loaded.result.total,
            "document_sha256": digest(text)})
    remember((version.id, version.lock, digest(text)), loaded)
    return version


_NEW_PROGRAM = """\
# {comment}
program:
  code: {code}
  name: {name}
  entity: {entity}
  fiscal_year: {year}
  currency: {currency}
  country: {country}
  result:
    statement: {statement}
    population: {population}
    indicators:
      - code: IND1
        name: {indicator}
        unit: "%"
        target: {{year: {year}, value: 0}}

products:
  - code: "3000001"
    name: {product}
    unit: persona
    activities:
      - code: "5000001"
        name: {activity}
        unit: persona
        target: 1
        cost:
          method: bottom_up
          inputs:
            - {{id: insumo1, name: {item}, unit: unidad, quantity: 1, price: 0,
               classifier: "2.3.1.99.1.99"}}
"""
_PLACEHOLDERS = {
    "es": {"comment": "Programa creado en costeo: complete resultado, productos, actividades, "
                      "metas e insumos.",
           "statement": "Resultado específico (por completar)",
           "population": "Población objetivo (por completar)",
           "indicator": "Indicador de resultado (por completar)",
           "product": "Producto (por completar)", "activity": "Actividad (por completar)",
           "item": "Insumo (por completar)"},
    "en": {"comment": "Program created in costeo: fill in the result, products, activities, "
                      "targets and inputs.",
           "statement": "Specific result (to be completed)",
           "population": "Target population (to be completed)",
           "indicator": "Result indicator (to be completed)",
           "product": "Product (to be completed)", "activity": "Activity (to be completed)",
           "item": "Input (to be completed)"},
}


def new_program_text(code: str, name: str, entity_name: str, fiscal_year: int | str,
                     currency: str = "PEN", country: str = "PE", lang: str = "es") -> str:
    """The YAML of a new program: one result, product, activity and input to complete."""
    from costeo.io.yaml_writer import Scalar, token

    def quoted(value: object) -> str:
        return json.dumps(str(value), ensure_ascii=False)

    words = {k: token(Scalar(v), flow=True)
             for k, v in _PLACEHOLDERS["en" if lang == "en" else "es"].items()}
    words["comment"] = _PLACEHOLDERS["en" if lang == "en" else "es"]["comment"]
    return _NEW_PROGRAM.format(code=quoted(code), name=quoted(name), entity=quoted(entity_name),
                               year=_year_token(fiscal_year), currency=quoted(currency),
                               country=quoted(country), **words)


def _year_token(value: int | str) -> str:
    text = str(value).strip()
    return text if text.isdigit() else json.dumps(text, ensure_ascii=False)


def create_program(session: Session, actor: User | None, entity_code: str, code: str,
                   name: str, fiscal_year: int | str, currency: str = "PEN",
                   country: str = "PE", lang: str = "es") -> Version:
    """A new program from a form: its draft version 1 holds a skeleton to complete (one
    product, activity and input). Errors (a bad year, a code in use...) as in imports."""
    entity = session.scalar(select(Entity).where(Entity.code == entity_code))
    if entity is None:
        raise NotFound("entity", entity_code)
    if session.scalar(select(Program).where(Program.code == code.strip())) is not None:
        raise Duplicate("program", code.strip())
    text = new_program_text(code.strip(), name.strip(), entity.name, fiscal_year, currency,
                            country, lang)
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in code.strip()) or "programa"
    return import_program(session, actor, text, f"{safe}.yaml", entity_code)


def next_number(session: Session, formulation_id: int) -> int:
    """The next version number of a formulation. The caller holds the formulation's row lock
    (``FOR UPDATE``; SQLite's write transactions are serial), so two sessions cannot both
    take the same number."""
    return (session.scalar(select(func.max(Version.number)).where(
        Version.formulation_id == formulation_id)) or 0) + 1


def lock_formulation(session: Session, formulation_id: int) -> None:
    session.execute(select(Formulation.id).where(Formulation.id == formulation_id)
                    .with_for_update())


def import_xlsx(session: Session, actor: User | None, path: str | Path, entity_code: str,
                lang: str = "es", display: str | None = None) -> Version:
    """Import a workbook written by ``costeo export xlsx`` (or :func:`export_xlsx`): it is
    read with located diagnostics (book!sheet!cell), turned into the YAML text and imported."""
    name = display or Path(path).name
    program, diagnostics = read_workbook(path, lang, display=name)
    if program is None or diagnostics.has_errors:
        raise InvalidInput(diagnostics.sorted())
    header = (f"Imported from {name} by costeo" if lang == "en"
              else f"Importado de {name} por costeo")
    text = dump_program(program, header)
    return import_program(session, actor, text, str(Path(name).with_suffix(".yaml")),
                          entity_code)


def export_yaml(version: Version) -> str:
    return version.document


def export_xlsx(version: Version, path: str | Path, lang: str = "es") -> None:
    """Write the version as the editable workbook (through a temporary file)."""
    loaded = costed(version)
    assert loaded.program is not None
    program = loaded.program
    replace_atomically(Path(path), lambda tmp: export_program(program, tmp, lang))


def export_xlsx_bytes(version: Version, lang: str = "es") -> bytes:
    """The workbook as bytes (for a download)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "program.xlsx"
        export_xlsx(version, target, lang)
        return target.read_bytes()
