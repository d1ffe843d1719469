"""cptsplan's XLSX writer until 0.2 (src/cptsplan/tableau/xlsx.py with openpyxl), unchanged:
the comparison of benchmarks/bench_xlsx.py."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cptsplan.tableau.cells import Cell, Column

SHEET_TITLE = "Plans"
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")


def xlsx_bytes(columns: list[Column], rows: list[list[Cell]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = SHEET_TITLE
    for index, column in enumerate(columns, 1):
        cell = sheet.cell(row=1, column=index, value=column.title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for number, row in enumerate(rows, 2):
        for index, (column, value) in enumerate(zip(columns, row, strict=True), 1):
            cell = sheet.cell(row=number, column=index)
            if isinstance(value, str):
                # Set the text and its type directly: openpyxl reads a value starting with
                # « = » as a formula, and a plan's text must never run in a spreadsheet.
                cell.value = value
                cell.data_type = "s"
            elif value is not None:
                cell.value = value
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
            elif column.kind == "percent" and isinstance(value, float):
                cell.number_format = "0 %"
    sheet.freeze_panes = "C2"  # the header row and the plan's folder and name stay in view
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 1)}"
    sheet.row_dimensions[1].height = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
