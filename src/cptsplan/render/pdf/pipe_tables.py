"""Pipe tables of the templates' Markdown, read as pandoc reads them: cells split on `|` not
escaped by a backslash, rows padded or cut to the header's column count, and column widths
relative to the separator's dashes when a line is longer than 72 characters."""

from __future__ import annotations

import re

from cptsplan.render.pdf.inlines import parse_inlines
from cptsplan.render.pdf.nodes import Inline
from cptsplan.render.tables import PANDOC_COLUMNS

_SEPARATOR_CELL = re.compile(r"[ \t]*:?-+:?[ \t]*")


class Table:
    __slots__ = ("aligns", "header", "rows", "widths")

    def __init__(
        self,
        aligns: list[str],
        widths: list[float] | None,
        header: list[list[Inline]],
        rows: list[list[list[Inline]]],
    ) -> None:
        self.aligns = aligns
        # Relative widths (summing to 1), or None: columns sized on their content.
        self.widths = widths
        self.header = header
        self.rows = rows


def is_table(lines: list[str], index: int) -> bool:
    """Whether a pipe table starts at line `index` (a header, then a separator line)."""
    if index + 1 >= len(lines):
        return False
    separator = lines[index + 1].strip()
    if not separator.startswith("|") or "-" not in separator:
        return False
    return all(_SEPARATOR_CELL.fullmatch(cell) for cell in split_row(separator))


def read_table(lines: list[str], index: int) -> tuple[Table, int]:
    """The pipe table starting at line `index`, and the line after it."""
    header = split_row(lines[index])
    separator = split_row(lines[index + 1].strip())
    aligns = [_alignment(cell.strip()) for cell in separator]
    end = index + 2
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    columns = len(separator)
    rows = [_cells(split_row(line), columns) for line in lines[index + 2 : end]]
    widths = None
    if any(len(line) > PANDOC_COLUMNS for line in lines[index:end]):
        sizes = [len(cell) for cell in separator]
        total = sum(sizes)
        widths = [size / total for size in sizes]
    return Table(aligns, widths, _cells(header, columns), rows), end


def _alignment(cell: str) -> str:
    if cell.startswith(":") and cell.endswith(":"):
        return "center"
    return "right" if cell.endswith(":") else "left"


def _cells(cells: list[str], columns: int) -> list[list[Inline]]:
    """A row's cells, parsed; padded or cut to the table's column count, as pandoc does."""
    cells = (cells + [""] * columns)[:columns]
    return [parse_inlines(cell.strip()) for cell in cells]


_CELL = re.compile(r"((?:\\.?|[^|\\])*)(\||$)")


def split_row(line: str) -> list[str]:
    """The cells of a pipe-table line: split on `|` not escaped by a backslash."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    cells = []
    for match in _CELL.finditer(text):
        cells.append(match.group(1))
        if not match.group(2):
            break
    if cells and not cells[-1].strip():
        cells.pop()
    return cells
