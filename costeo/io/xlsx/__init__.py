"""The program as an Excel workbook: export for analysts, import back with located errors."""

from costeo.io.xlsx.reader import import_program
from costeo.io.xlsx.writer import UnsupportedField, export_program

__all__ = ["UnsupportedField", "export_program", "import_program"]
