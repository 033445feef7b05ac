"""Downloads of a version: the formulation workbook (the XLSX report), a PDF of the HTML
report printed by headless chromium, and the program's YAML document.

PDF: WeasyPrint would add a Python dependency and its Pango/fonts stack; Debian chromium is
already required for the browser tests and prints the existing self-contained HTML report
(inline CSS and SVG, no scripts) in about a second. See docs/concepts/web.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from fastapi.responses import Response

from costeo.formulation.result import CostResult
from costeo.reports.html import render_html
from costeo.reports.xlsx import write_xlsx
from costeo.store.models import Version
from costeo.web.errors import WebError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TIMEOUT_S = 120
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--no-pdf-header-footer")


def file_stem(version: Version) -> str:
    return f"{version.program.code}-{version.fiscal_year}-v{version.number}"


def _attachment(content: bytes, media_type: str, name: str) -> Response:
    return Response(content, media_type=media_type,
                    headers={"content-disposition": f'attachment; filename="{name}"'})


def xlsx(version: Version, result: CostResult, lang: str) -> Response:
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(result, Path(folder) / "formulation.xlsx", lang)
        data = path.read_bytes()
    return _attachment(data, XLSX, f"{file_stem(version)}.xlsx")


def chromium() -> str | None:
    return os.environ.get("COSTEO_CHROMIUM") or shutil.which("chromium") \
        or shutil.which("chromium-browser")


def html_to_pdf(html: str) -> bytes:
    """Print an HTML document to PDF with headless chromium (raises WebError 503 if absent)."""
    browser = chromium()
    if browser is None:
        raise WebError(503, "pdf-unavailable", "server_error")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.html"
        target = Path(folder) / "report.pdf"
        source.write_text(html, encoding="utf-8")
        subprocess.run([browser, *CHROMIUM_FLAGS, f"--user-data-dir={folder}/profile",
                        f"--print-to-pdf={target}", source.as_uri()],
                       check=False, capture_output=True, timeout=PDF_TIMEOUT_S)
        if not target.exists() or target.stat().st_size == 0:
            raise WebError(500, "pdf-failed", "server_error")
        return target.read_bytes()


def pdf(version: Version, result: CostResult, lang: str) -> Response:
    return _attachment(html_to_pdf(render_html(result, lang)), "application/pdf",
                       f"{file_stem(version)}.pdf")


def yaml(version: Version) -> Response:
    from costeo.store.services import export_yaml

    return _attachment(export_yaml(version).encode("utf-8"), "application/yaml; charset=utf-8",
                       f"{file_stem(version)}.yaml")
