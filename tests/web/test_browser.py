"""Browser journeys: Playwright driving Debian chromium (headless) against a live
``costeo serve --demo`` on a temporary SQLite store.

Each role logs in and does its part: the formulator imports a program and edits a price
(the total changes on screen), a second editor with a stale page gets the conflict message,
the formulator submits, the reviewer comments, approves and publishes, the reader reads,
and an anonymous visitor sees the published budget with its treemap. Screenshots go to
``tests/web/artifacts/`` (not committed). Chromium missing is a failure, not a skip, unless
``COSTEO_NO_BROWSER=1``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import EXAMPLES
from tests.web.live import LiveServer

CHROMIUM = Path(os.environ.get("COSTEO_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PASSWORD = "costeo-demo"

if os.environ.get("COSTEO_NO_BROWSER") == "1":
    pytest.skip("COSTEO_NO_BROWSER=1: browser tests skipped", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("browser")
    live = LiveServer(f"sqlite:///{folder / 'store.db'}", folder / "serve.log").start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: run scripts/ensure_browser.sh (or set COSTEO_NO_BROWSER=1)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def new_page(browser: Browser) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-PE").new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.errors = errors  # type: ignore[attr-defined]
    return page


def log_in(page: Page, server: LiveServer, username: str) -> None:
    page.goto(server.base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#current-user")).to_have_attribute("data-username", username)


def show_grid(page: Page, kind: str) -> None:
    """Open one grid of the editor and wait until Tabulator has built it: the grid drawn before
    it (inputs, loaded with the page) holds rows with the same names and is destroyed."""
    page.click(f"#grid-{kind}")
    expect(page.locator("#editor")).to_have_attribute("data-grid", kind)


def edit_cell(page: Page, row_text: str, value: str) -> None:
    row = page.locator(".tabulator-row", has_text=row_text).first
    cell = row.locator('.tabulator-cell[tabulator-field="value"]')
    cell.click()
    editor = cell.locator("input")
    expect(editor).to_be_visible()
    editor.fill(value)
    editor.press("Enter")


def test_journeys_of_every_role(server: LiveServer, browser: Browser,
                                tmp_path: Path) -> None:
    # --- formulator: import a program (a bundled example under a new code) ----------------
    formulator = new_page(browser)
    log_in(formulator, server, "formulador")
    shot(formulator, "01-formulator-programs")
    source = (EXAMPLES / "transferencias-juntos-2014.yaml").read_text("utf-8")
    copy = tmp_path / "juntos-copia.yaml"
    copy.write_text(re.sub(r'code: "?0049"?', 'code: "0949"', source, count=1), "utf-8")
    formulator.set_input_files("#import-file", str(copy))
    formulator.fill("#import-entity", "MIDIS")
    formulator.click("#import-submit")
    expect(formulator.locator("#version-state")).to_have_text("borrador")
    expect(formulator.locator("h1")).to_contain_text("0949")
    version_url = formulator.url
    total_before = formulator.locator("#version-total").inner_text()
    shot(formulator, "02-formulator-imported-tree")

    # --- formulator: edit an input price, see the total change -----------------------------
    formulator.click("#tab-edit")
    show_grid(formulator, "prices")
    expect(formulator.locator(".tabulator-row", has_text="subsidio_regular")).to_be_visible()
    edit_cell(formulator, "subsidio_regular", "210.00")
    expect(formulator.locator("#editor-status")).to_have_class(re.compile("ok"))
    expect(formulator.locator("#editor-total")).not_to_have_text(total_before)
    total_after = formulator.locator("#editor-total").inner_text()
    assert total_after.startswith("S/ ")
    changed = formulator.locator("#changed-figures li").first
    expect(changed).to_have_text(re.compile(  # a labelled figure in soles, before → after
        r"^Presupuesto del programa · 0949 .*JUNTOS: S/ 1,053,723,229\.57 → "
        + re.escape(total_after) + "$"))
    expect(formulator.locator(".tabulator-row", has_text="subsidio_regular").first
           .locator('[tabulator-field="field_label"]')).to_have_text("Valor")
    shot(formulator, "03-formulator-price-edited")

    # --- an invalid value is refused, its diagnostic shown beside the cell ------------------
    edit_cell(formulator, "subsidio_regular", "doscientos")
    expect(formulator.locator("#editor-status")).to_have_class(re.compile("error"))
    row = formulator.locator(".tabulator-row", has_text="subsidio_regular").first
    expect(row.locator('[tabulator-field="diagnostic"]')).not_to_be_empty()
    expect(row.locator('[tabulator-field="value"]')).to_have_text("210.00")
    expect(formulator.locator("#editor-diagnostics")).to_contain_text("juntos-copia.yaml:")
    expect(formulator.locator("#editor-total")).to_have_text(total_after)
    shot(formulator, "03b-invalid-value-refused")

    # --- a second, stale editor gets the conflict message ----------------------------------
    stale = new_page(browser)
    log_in(stale, server, "formulador")
    stale.goto(version_url + "/edit")
    show_grid(stale, "prices")
    expect(stale.locator(".tabulator-row", has_text="subsidio_regular")).to_be_visible()
    edit_cell(formulator, "subsidio_regular", "220.00")  # saved first, the lock moves on
    expect(formulator.locator("#editor-total")).not_to_have_text(total_after)
    total_after = formulator.locator("#editor-total").inner_text()
    edit_cell(stale, "subsidio_regular", "190.00")
    status = stale.locator("#editor-status")
    expect(status).to_have_class(re.compile("conflict"))
    expect(status).to_contain_text("recargue la página")
    shot(stale, "04-conflict-message")

    # --- formulator: submit ------------------------------------------------------------------
    formulator.goto(version_url)
    expect(formulator.locator("#version-total")).to_have_text(total_after)
    formulator.click("#action-submit")
    expect(formulator.locator("#version-state")).to_have_text("enviado")
    expect(formulator.locator("#action-submit")).to_have_count(0)
    shot(formulator, "05-formulator-submitted")

    # --- reviewer: lineage, comment, approve, publish --------------------------------------
    reviewer = new_page(browser)
    log_in(reviewer, server, "revisor")
    reviewer.goto(version_url)
    reviewer.locator("a.fig", has_text=total_after.split(" ")[-1]).first.click()
    expect(reviewer.locator("#lineage-tree")).to_contain_text("Presupuesto del programa")
    shot(reviewer, "06-reviewer-lineage")
    reviewer.fill("#comment-figure", "total")
    reviewer.fill("#comment-text", "Revisado: el incentivo de S/ 220 tiene sustento.")
    reviewer.click("#comment-submit")
    expect(reviewer.locator("#comment-list")).to_contain_text("Revisado: el incentivo")
    shot(reviewer, "06-reviewer-comment")
    reviewer.click("#tab-review")
    expect(reviewer.locator("#review-findings")).to_contain_text("Acciones comunes altas")
    shot(reviewer, "06c-reviewer-findings")
    reviewer.click("#tab-tree")
    assert reviewer.locator("#action-submit").count() == 0
    reviewer.click("#action-approve")
    expect(reviewer.locator("#version-state")).to_have_text("aprobado")
    reviewer.click("#action-publish")
    expect(reviewer.locator("#version-state")).to_have_text("publicado")
    reviewer.click("#tab-formulation")
    expect(reviewer.locator("#formulation")).to_contain_text("Total")
    shot(reviewer, "07-reviewer-formulation")
    reviewer.click("#tab-audit")
    expect(reviewer.locator("#audit")).to_contain_text("publish")
    shot(reviewer, "08-reviewer-audit")

    # --- reader: reads, cannot act -------------------------------------------------------------
    reader = new_page(browser)
    log_in(reader, server, "lector")
    reader.goto(version_url)
    expect(reader.locator("#tree")).to_be_visible()
    assert reader.locator(".workflow-form").count() == 0
    assert reader.locator("#comment-submit").count() == 0
    reader.click("#lang-switch")
    expect(reader.locator("#tab-edit")).to_have_text("Edit costs")
    shot(reader, "09-reader-english")

    # --- administrator: reformulate the published budget as a new draft ---------------------
    admin = new_page(browser)
    log_in(admin, server, "admin")
    admin.goto(version_url)
    admin.click("#new-version")
    expect(admin.locator("#version-state")).to_have_text("borrador")
    expect(admin.locator("#version-total")).to_have_text(total_after)
    assert admin.url != version_url
    admin.click("#tab-compare")
    expect(admin.locator("#compare-difference")).to_have_text("0.00")
    shot(admin, "10-admin-new-version-compare")

    # --- anonymous: the public page with its treemap and download ---------------------------
    public = new_page(browser)
    public.goto(server.base + "/public")
    public.locator("a.public-link", has_text="JUNTOS").first.click()
    expect(public.locator("#public-total")).to_have_text(total_after)
    expect(public.locator("#treemap svg")).to_be_visible()
    with public.expect_download() as download:
        public.click("#public-download")
    assert download.value.suggested_filename.endswith(".xlsx")
    shot(public, "11-public-treemap")
    public.goto(version_url)
    expect(public.locator("#login-submit")).to_be_visible()  # drafts and tabs need a login

    # the refused saves (409 stale lock, 422 invalid value), logged by the browser
    refused = {stale: "409 (Conflict)", formulator: "422 (Unprocessable"}
    for page in (formulator, stale, reviewer, reader, admin, public):
        errors = [e for e in page.errors  # type: ignore[attr-defined]
                  if not (page in refused and refused[page] in e)]
        assert not errors, errors
