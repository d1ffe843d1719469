"""The reviewer's table as an XLSX workbook (XlsxWriter): header row frozen, a filter on
every column, widths set, dates stored as dates and completeness as a percentage, so that
sorting by date or by completeness works as a reviewer expects.

XlsxWriter rather than openpyxl (used until 0.2): a write-only library, kept up to date, that
took half the processor time for 200 plans, import included (benchmarks/bench_xlsx.py), and
writes widths as Excel shows them (openpyxl's 30 showed as 29.3 characters)."""

from __future__ import annotations

import io
from datetime import date

import xlsxwriter

from cptsplan.tableau.cells import Cell, Column

SHEET_TITLE = "Plans"


def xlsx_bytes(columns: list[Column], rows: list[list[Cell]]) -> bytes:
    buffer = io.BytesIO()
    # Text is never a formula, a number or an address: a plan's text must never run.
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    sheet = workbook.add_worksheet(SHEET_TITLE)
    header = workbook.add_format(
        {"bold": True, "bg_color": "#DDE4EE", "pattern": 1, "text_wrap": True, "valign": "top"}
    )
    day = workbook.add_format({"num_format": "DD/MM/YYYY"})
    percent = workbook.add_format({"num_format": "0 %"})
    for index, column in enumerate(columns):
        sheet.write_string(0, index, column.title, header)
        sheet.set_column(index, index, column.width)
    for number, row in enumerate(rows, 1):
        for index, (column, value) in enumerate(zip(columns, row, strict=True)):
            if isinstance(value, str):
                sheet.write_string(number, index, value)
            elif isinstance(value, date):
                sheet.write_datetime(number, index, value, day)
            elif value is None:
                continue
            elif column.kind == "percent" and isinstance(value, float):
                sheet.write_number(number, index, value, percent)
            else:
                sheet.write_number(number, index, value)
    sheet.freeze_panes(1, 2)
    sheet.autofilter(0, 0, max(len(rows), 0), len(columns) - 1)
    sheet.set_row(0, 60)
    workbook.close()
    return buffer.getvalue()
