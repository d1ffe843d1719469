"""Tables drawn inside a text box or a group of shapes, which pandoc does not read when the
box is a Word 2003 one (VML only, as in an old ARS template) or is part of a group: the
rescue (rescue.py) put their cells back one paragraph per cell, and a name already rescued
from one row was dropped from the next (the crisis cell's « Pilotage » row came back
without its holder). They are read here as tables, rows and cells as Word shows them (a
cell spread over several columns repeated in each, as read.table_rows does)."""

from __future__ import annotations

from collections.abc import Callable
from xml.etree import ElementTree

from cptsplan.importer.read import Block, clean
from cptsplan.importer.xmlparts import W


def shape_table(
    table: ElementTree.Element, paragraph_text: Callable[[ElementTree.Element], str]
) -> list[list[str]]:
    rows = []
    for row in table.findall(f"{W}tr"):
        cells: list[str] = []
        for cell in row.findall(f"{W}tc"):
            text = clean("\n".join(paragraph_text(p) for p in cell.iter(f"{W}p")))
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            width = span.get(f"{W}val", "1") if span is not None else "1"
            cells += [text] * (min(int(width), 64) if width.isdigit() else 1)
        rows.append(cells)
    return rows


def as_text(rows: list[list[str]]) -> str:
    """The table as the rescue compares it with what pandoc read: one line per cell."""
    return "\n".join(cell for row in rows for cell in row if cell)


def numbered(blocks: list[Block]) -> list[Block]:
    """Tables numbered again in document order, once a table read here is among them."""
    number = 0
    for block in blocks:
        if block.kind == "table":
            number += 1
            block.table = number
    return blocks
