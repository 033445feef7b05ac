"""The program model as an Excel workbook: :func:`export_program` and :func:`import_program`.

The layout (sheets, columns, dropdowns) is in :mod:`costeo.io.xlsx.layout`; writing in
:mod:`costeo.io.xlsx.writer`, reading back with located diagnostics in
:mod:`costeo.io.xlsx.reader`.
"""

from costeo.io.xlsx import UnsupportedField, export_program, import_program

__all__ = ["UnsupportedField", "export_program", "import_program"]
