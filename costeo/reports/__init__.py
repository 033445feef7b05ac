"""Reports of a costed program: the XLSX workbook and the self-contained HTML page.

* :func:`costeo.reports.xlsx.write_xlsx` — ``write_xlsx(result, path, lang="es") -> Path``
* :func:`costeo.reports.html.write_html` — ``write_html(result, path, lang="es") -> Path``

Both read the same rows (:mod:`costeo.reports.common`) so they always agree; report-only
labels are in :mod:`costeo.reports.labels`, charts in :mod:`costeo.reports.charts`.
"""
