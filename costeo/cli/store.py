"""`costeo store init|import|export|user`: the database of the web app from the command line.

The store is a SQLite file (``./costeo.db``) unless ``--url`` or ``$COSTEO_DATABASE_URL``
names another database (``postgresql+psycopg://user@host/db``). Commands run as a trusted
administrator (audit entries name ``costeo``) unless ``--user`` names a stored account.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from sqlalchemy import select
from sqlalchemy.exc import ArgumentError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from costeo.cli.common import (
    INPUT_ERRORS,
    NOT_FOUND,
    JsonOption,
    Lang,
    LangOption,
    err,
    out,
    print_diagnostics,
    print_json,
)
from costeo.io.atomic import replace_atomically
from costeo.store import Store, StoreError, open_store
from costeo.store.errors import InvalidInput, NotFound
from costeo.store.models import ROLES, Entity, Formulation, Grant, Program, User, Version
from costeo.store.policy import system_actor

store_app = typer.Typer(help="Base de datos de la aplicación web (SQLite o PostgreSQL).",
                        no_args_is_help=True, rich_markup_mode=None)
user_app = typer.Typer(help="Cuentas de usuario de la aplicación web.", no_args_is_help=True,
                       rich_markup_mode=None)
store_app.add_typer(user_app, name="user")

UrlOption = Annotated[str | None, typer.Option(
    "--url", envvar="COSTEO_DATABASE_URL",
    help="URL de la base (por defecto sqlite:///./costeo.db o $COSTEO_DATABASE_URL).")]
UserOption = Annotated[str | None, typer.Option(
    "--user", help="Actuar como este usuario (por defecto, como administrador del sistema).")]


def _actor(session: Session, username: str | None) -> User:
    if username is None:
        return system_actor()
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound("user", username)
    return user


def _fail(error: StoreError, lang: Lang, json: bool) -> NoReturn:
    if json:
        print_json({"error": error.to_dict(lang.value)})
    else:
        err.print(error.message(lang.value), style="bold red", markup=False)
        if isinstance(error, InvalidInput):
            print_diagnostics(error.diagnostics, lang.value, err)
    raise typer.Exit(NOT_FOUND if isinstance(error, NotFound) else INPUT_ERRORS)


@contextmanager
def _opened(url: str | None, lang: Lang, json: bool) -> Iterator[Store]:
    """The store, closed at the end; its errors and an unreachable database become a clear
    message and an exit code instead of a traceback."""
    try:
        store = open_store(url)
    except ArgumentError as exc:
        _fail_db(url or "", exc, lang, json)
    try:
        yield store
    except StoreError as error:
        _fail(error, lang, json)
    except (OperationalError, InterfaceError) as exc:
        _fail_db(store.engine.url.render_as_string(hide_password=True), exc, lang, json)
    finally:
        store.dispose()


def _fail_db(url: str, exc: Exception, lang: Lang, json: bool) -> NoReturn:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    message = (f"Cannot open the database {url}: {reason}" if lang is Lang.en
               else f"No se puede abrir la base de datos {url}: {reason}")
    if json:
        print_json({"error": {"code": "database-unavailable", "message": message}})
    else:
        err.print(message, style="bold red", markup=False)
    raise typer.Exit(INPUT_ERRORS)


@store_app.command("init")
def init(
    url: UrlOption = None,
    demo: Annotated[bool, typer.Option(
        "--demo", help="Cargar los ejemplos y las cuentas de demostración (si está vacía).")
    ] = False,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Crea la base o la migra a la última versión del esquema (Alembic); con --demo la
    llena con los ejemplos, cuatro usuarios y el presupuesto de alimentación escolar
    publicado."""
    from costeo.store.seed import DEMO_PASSWORD, seed_demo

    with _opened(url, lang, json) as store:
        store.upgrade()
        seeded = seed_demo(store) if demo else False
        where = store.engine.url.render_as_string(hide_password=True)
    if json:
        print_json({"url": where, "demo": seeded})
        return
    es = lang is Lang.es
    out.print(f"{where}: " + ("esquema al día" if es else "schema up to date"), markup=False)
    if seeded:
        out.print(("Demo cargada; contraseña de las cuentas: " if es else
                   "Demo loaded; accounts' password: ") + DEMO_PASSWORD, markup=False)


@store_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="Programa .yaml o libro .xlsx.")],
    entity: Annotated[str, typer.Option("--entity", "-e", help="Código de la entidad.")],
    url: UrlOption = None,
    user: UserOption = None,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Importa un programa (YAML o XLSX) como versión borrador; todo o nada: con errores, o
    si el proceso se interrumpe, la base queda como estaba."""
    from costeo.store.exchange import import_program, import_xlsx

    with _opened(url, lang, json) as store, store.session() as s:
        actor = _actor(s, user)
        if file.suffix.lower() == ".xlsx":
            version = import_xlsx(s, actor, file, entity, lang.value, display=file.name)
        else:
            try:
                text = file.read_text(encoding="utf-8")
            except OSError as exc:
                raise NotFound("file", file) from exc
            version = import_program(s, actor, text, file.name, entity)
        summary = _summary(version)
    if json:
        print_json(summary)
    else:
        out.print(f"{summary['program']} {summary['fiscal_year']} v{summary['number']} "
                  f"({summary['state']}): {summary['total']}  id={summary['id']}", markup=False)


def _summary(version: Version) -> dict[str, Any]:
    return {"id": version.id, "program": version.program.code,
            "fiscal_year": version.fiscal_year, "number": version.number,
            "state": version.state, "total": version.total, "lock": version.lock}


def _find(session: Session, program: str, year: int | None, number: int | None) -> Version:
    found = session.scalar(select(Program).where(Program.code == program))
    if found is None:
        raise NotFound("program", program)
    query = select(Version).join(Formulation).where(Formulation.program_id == found.id)
    if year is not None:
        query = query.where(Formulation.fiscal_year == year)
    if number is not None:
        query = query.where(Version.number == number)
    version = session.scalar(query.order_by(Formulation.fiscal_year.desc(),
                                            Version.number.desc()).limit(1))
    if version is None:
        raise NotFound("version", f"{program} {year or ''} {number or ''}".strip())
    return version


@store_app.command("export")
def export(
    program: Annotated[str, typer.Argument(help="Código del programa.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Archivo a escribir: .yaml o .xlsx.")],
    year: Annotated[int | None, typer.Option(
        "--year", help="Año fiscal (por defecto, el último).")] = None,
    number: Annotated[int | None, typer.Option(
        "--version", help="Número de versión (por defecto, la última).")] = None,
    url: UrlOption = None,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Escribe una versión como programa YAML (el texto tal como se guardó) o libro XLSX."""
    from costeo.store.exchange import export_xlsx, export_yaml

    with _opened(url, lang, json) as store, store.session(readonly=True) as s:
        version = _find(s, program, year, number)
        if output.suffix.lower() == ".xlsx":
            export_xlsx(version, output, lang.value)
        else:
            text = export_yaml(version)
            replace_atomically(output, lambda p: p.write_text(text, encoding="utf-8"))
        summary = _summary(version)
    if json:
        print_json({**summary, "output": str(output)})
    else:
        out.print(f"{output}: {summary['program']} {summary['fiscal_year']} "
                  f"v{summary['number']} ({summary['state']})", markup=False)


def _password(from_stdin: bool, lang: Lang) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    es = lang is Lang.es
    first = getpass.getpass("Contraseña: " if es else "Password: ")
    if first != getpass.getpass("Repítala: " if es else "Repeat it: "):
        err.print("Las contraseñas no coinciden." if es else "Passwords differ.", markup=False)
        raise typer.Exit(INPUT_ERRORS)
    return first


StdinOption = Annotated[bool, typer.Option(
    "--password-stdin", help="Leer la contraseña de la entrada estándar (una línea).")]


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="Nombre de usuario.")],
    role: Annotated[str, typer.Option(
        "--role", help=f"Rol: {', '.join(ROLES)}.")],
    name: Annotated[str, typer.Option("--name", help="Nombre para mostrar.")] = "",
    user_lang: Annotated[str, typer.Option("--user-lang", help="Idioma del usuario: es o en.")
                         ] = "es",
    password_stdin: StdinOption = False,
    url: UrlOption = None,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Crea una cuenta (contraseña con argon2id)."""
    from costeo.store.accounts import create_user

    if role not in ROLES:
        err.print(f"--role: {', '.join(ROLES)}", markup=False)
        raise typer.Exit(INPUT_ERRORS)
    password = _password(password_stdin, lang)
    with _opened(url, lang, json) as store, store.session() as s:
        user = create_user(s, system_actor(), username, password, role, name, user_lang)
        data = {"id": user.id, "username": user.username, "role": user.role}
    if json:
        print_json(data)
    else:
        out.print(f"{username} ({role})", markup=False)


@user_app.command("password")
def user_password(
    username: Annotated[str, typer.Argument(help="Nombre de usuario.")],
    password_stdin: StdinOption = False,
    url: UrlOption = None,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Cambia la contraseña de una cuenta."""
    from costeo.store.accounts import set_password

    password = _password(password_stdin, lang)
    with _opened(url, lang, json) as store, store.session() as s:
        set_password(s, system_actor(), username, password)
    if json:
        print_json({"username": username, "changed": True})
    else:
        out.print(username, markup=False)


@user_app.command("grant")
def user_grant(
    username: Annotated[str, typer.Argument(help="Nombre de usuario (formulador).")],
    entity: Annotated[str | None, typer.Option("--entity", help="Código de entidad.")] = None,
    program: Annotated[str | None, typer.Option("--program", help="Código de programa.")
                       ] = None,
    url: UrlOption = None,
    lang: LangOption = Lang.es,
    json: JsonOption = False,
) -> None:
    """Permite a un formulador editar los programas de una entidad, o un programa."""
    from costeo.store.accounts import grant

    if (entity is None) == (program is None):
        err.print("--entity | --program", markup=False)
        raise typer.Exit(INPUT_ERRORS)
    with _opened(url, lang, json) as store, store.session() as s:
        grant(s, system_actor(), username, entity_code=entity, program_code=program)
    if json:
        print_json({"username": username, "entity": entity, "program": program})
    else:
        out.print(f"{username}: {entity or program}", markup=False)


def _grant_label(session: Session, grant: Grant) -> str:
    if grant.entity_id is not None:
        entity = session.get(Entity, grant.entity_id)
        return f"entity:{entity.code if entity else grant.entity_id}"
    program = session.get(Program, grant.program_id)
    return f"program:{program.code if program else grant.program_id}"


@user_app.command("list")
def user_list(url: UrlOption = None, lang: LangOption = Lang.es, json: JsonOption = False
              ) -> None:
    """Lista las cuentas con su rol y sus permisos de edición."""
    with _opened(url, lang, json) as store, store.session(readonly=True) as s:
        users = list(s.scalars(select(User).order_by(User.username)))
        rows: list[dict[str, Any]] = [
            {"username": u.username, "name": u.display_name, "role": u.role,
             "active": u.active, "grants": [_grant_label(s, g) for g in u.grants]}
            for u in users]
    if json:
        print_json(rows)
        return
    for row in rows:
        grants = ", ".join(str(g) for g in row["grants"])
        out.print(f"{row['username']}\t{row['role']}\t{row['name']}\t{grants}", markup=False)
