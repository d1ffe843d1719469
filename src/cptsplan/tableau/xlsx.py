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
SOURCES_TITLE = "Sources de la grille"
MAX_WIDTH = 60
"""A column is as wide as its longest value up to this (a folder path was cut at 28)."""
ANSWER_COLOURS = {"non": "#F8D7D3", "à compléter": "#FBF0C8", "oui": "#DCEFDC"}
"""Grid answers coloured by their first word: Excel and LibreOffice filter by colour, and
« non (erreur) » stands out among sixty columns."""


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
        sheet.set_column(index, index, _width(column, [row[index] for row in rows]))
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
    first_grid = next((i for i, c in enumerate(columns) if c.source), len(columns))
    if rows and first_grid < len(columns):
        for answer, colour in ANSWER_COLOURS.items():
            sheet.conditional_format(
                1,
                first_grid,
                len(rows),
                len(columns) - 1,
                {
                    "type": "text",
                    "criteria": "begins with",
                    "value": answer,
                    "format": workbook.add_format({"bg_color": colour}),
                },
            )
    _sources(workbook, columns, header)
    workbook.close()
    return buffer.getvalue()


def _width(column: Column, values: list[Cell]) -> int:
    if column.source:  # a grid answer: sixty such columns must stay narrow
        return column.width
    longest = max(
        (len(line) for value in values if isinstance(value, str) for line in value.split("\n")),
        default=0,
    )
    return min(max(column.width, longest + 1), max(column.width, MAX_WIDTH))


def _sources(workbook: xlsxwriter.Workbook, columns: list[Column], header: object) -> None:
    """Which grid column the ACI, the CNAM indicator or a regional guide asks for."""
    sheet = workbook.add_worksheet(SOURCES_TITLE)
    sheet.write_string(0, 0, "Point de la grille", header)
    sheet.write_string(0, 1, "Demandé par", header)
    sheet.set_column(0, 0, 90)
    sheet.set_column(1, 1, 24)
    listed = [column for column in columns if column.source]
    for number, column in enumerate(listed, 1):
        sheet.write_string(number, 0, column.title)
        sheet.write_string(number, 1, column.source)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(listed), 1)
