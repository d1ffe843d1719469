"""Block Markdown of the templates, read into a small tree (no pandoc).

The blocks the templates write, read as pandoc's Markdown reader reads them: ATX headings
with attributes (`## Titre {#id .unnumbered .unlisted}`), paragraphs, tight or loose bullet
and numbered lists, pipe tables (column widths relative to the separator's dashes, as pandoc
gives them when a line is longer than 72 characters), fenced divs `::: {.classe clé=valeur}`
(nested). A heading, a list, a table or a div starts only where a block starts (after a blank
line, a heading or a fence), as with pandoc's `blank_before_header`; any other line is
paragraph text. Plan values cannot start a block: filters.escape_inline escapes their
punctuation and collapses their line breaks.
"""

from __future__ import annotations

import re

# Plain classes with slots rather than dataclasses: they are created at every start of the
# command, and a dataclass costs a millisecond or more to build.
from cptsplan.render.pdf.inlines import (
    Attributes,
    Inline,
    identifier,
    parse_attributes,
    parse_inlines,
    plain_text,
)


class Heading:
    __slots__ = ("classes", "content", "identifier", "level")

    def __init__(
        self, level: int, content: list[Inline], identifier: str, classes: list[str]
    ) -> None:
        self.level = level
        self.content = content
        self.identifier = identifier
        self.classes = classes


class Paragraph:
    __slots__ = ("content",)

    def __init__(self, content: list[Inline]) -> None:
        self.content = content


class ListBlock:
    __slots__ = ("items", "ordered", "start", "tight")

    def __init__(self, ordered: bool, start: int, tight: bool, items: list[list[Block]]) -> None:
        self.ordered = ordered
        self.start = start
        self.tight = tight
        self.items = items


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


class Terms:
    """A definition list: each term with its definitions."""

    __slots__ = ("items",)

    def __init__(self, items: list[tuple[list[Inline], list[list[Inline]]]]) -> None:
        self.items = items


class Div:
    __slots__ = ("attributes", "blocks")

    def __init__(self, attributes: Attributes, blocks: list[Block] | None = None) -> None:
        self.attributes = attributes
        self.blocks = blocks if blocks is not None else []


Block = Heading | Paragraph | ListBlock | Table | Terms | Div

_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*$")
_HEADING_ATTRIBUTES = re.compile(r"(?<=[ \t])(?<!\\)\{([^{}]*)\}$")
_FENCE = re.compile(r":{3,}[ \t]*(?:\{([^{}]*)\}|([\w-]+))?[ \t]*:*[ \t]*$")
_BULLET = re.compile(r"[-*+][ \t]+(.*)$")
_ORDERED = re.compile(r"(\d{1,9})\.[ \t]+(.*)$")
_DEFINITION = re.compile(r"[:~][ \t]+(.*)$")
_SEPARATOR_CELL = re.compile(r"[ \t]*:?-+:?[ \t]*")
PANDOC_COLUMNS = 72
"""A pipe table with a line longer than this keeps the separator's relative widths."""


class Document:
    """The parsed blocks and the identifiers of every heading and div (for links)."""

    def __init__(self, markdown: str) -> None:
        self.lines = markdown.replace("\x00", "").replace("\r\n", "\n").split("\n")
        self.identifiers: set[str] = set()
        self.blocks, _ = self._blocks(0, nested=False)

    def _unique(self, wanted: str) -> str:
        base = wanted or "section"
        found, count = base, 0
        while found in self.identifiers:
            count += 1
            found = f"{base}-{count}"
        self.identifiers.add(found)
        return found

    def _blocks(self, index: int, nested: bool) -> tuple[list[Block], int]:
        """Blocks from line `index` to the end, or to the fence that closes a div."""
        lines = self.lines
        blocks: list[Block] = []
        while index < len(lines):
            line = lines[index]
            stripped = line.strip()
            if not stripped:
                index += 1
                continue
            fence = _FENCE.match(line) if line.startswith(":::") else None
            if fence is not None:
                attributes_text, name = fence.groups()
                if attributes_text is None and name is None:
                    if nested:
                        return blocks, index + 1
                    blocks.append(Paragraph(parse_inlines(line)))  # a stray fence is text
                    index += 1
                    continue
                attributes = (
                    parse_attributes(attributes_text)
                    if attributes_text is not None
                    else Attributes(classes=[name])
                )
                if attributes is not None:
                    if attributes.identifier:
                        attributes.identifier = self._unique(attributes.identifier)
                    inner, index = self._blocks(index + 1, nested=True)
                    blocks.append(Div(attributes, inner))
                    continue
            heading = _HEADING.match(line) if line.startswith("#") else None
            if heading is not None:
                blocks.append(self._heading(len(heading.group(1)), heading.group(2)))
                index += 1
                continue
            if line.startswith("|") and self._is_table(index):
                table, index = self._table(index)
                blocks.append(table)
                continue
            if _BULLET.match(line) or _ORDERED.match(line):
                listed, index = self._list(index, nested)
                blocks.append(listed)
                continue
            if self._definition_at(index + 1) >= 0:
                terms, index = self._terms(index, nested)
                blocks.append(terms)
                continue
            paragraph, index = self._paragraph(index, nested)
            blocks.append(Paragraph(parse_inlines(paragraph)))
        return blocks, index

    def _ends_paragraph(self, line: str, nested: bool) -> bool:
        if not line.strip():
            return True
        return nested and line.startswith(":::") and line.strip(": \t") == ""

    def _paragraph(self, index: int, nested: bool) -> tuple[str, int]:
        start = index
        while index < len(self.lines) and not self._ends_paragraph(self.lines[index], nested):
            index += 1
        return "\n".join(line.strip() for line in self.lines[start:index]), index

    def _heading(self, level: int, text: str) -> Heading:
        text = re.sub(r"(?<=[ \t])#+$", "", text).rstrip() if text.endswith("#") else text
        attributes = Attributes()
        found = _HEADING_ATTRIBUTES.search(text)
        if found is not None:
            parsed = parse_attributes(found.group(1))
            if parsed is not None:
                attributes, text = parsed, text[: found.start()].rstrip()
        content = parse_inlines(text)
        wanted = attributes.identifier or identifier(plain_text(content))
        return Heading(level, content, self._unique(wanted), attributes.classes)

    def _list(self, index: int, nested: bool) -> tuple[ListBlock, int]:
        lines = self.lines
        first = _ORDERED.match(lines[index])
        ordered = first is not None
        marker = _ORDERED if ordered else _BULLET
        start = int(first.group(1)) if first is not None else 1
        items: list[list[str]] = []
        tight = True
        while index < len(lines):
            line = lines[index]
            item = marker.match(line)
            if item is not None:
                items.append([item.group(item.lastindex or 1)])
                index += 1
                continue
            if not line.strip():
                following = index + 1
                while following < len(lines) and not lines[following].strip():
                    following += 1
                if following < len(lines) and marker.match(lines[following]):
                    tight = False
                    index = following
                    continue
                break
            if self._ends_paragraph(line, nested) or _BULLET.match(line) or _ORDERED.match(line):
                break
            items[-1].append(line.strip())  # a lazy continuation of the item's text
            index += 1
        blocks: list[list[Block]] = [[Paragraph(parse_inlines("\n".join(item)))] for item in items]
        return ListBlock(ordered, start, tight, blocks), index

    def _definition_at(self, index: int) -> int:
        """The line of the first definition of a term whose next line is `index`, or -1
        (a blank line may stand between a term and its definition)."""
        lines = self.lines
        if index < len(lines) and not lines[index].strip():
            index += 1
        if index < len(lines) and _DEFINITION.match(lines[index]):
            return index
        return -1

    def _terms(self, index: int, nested: bool) -> tuple[Terms, int]:
        items: list[tuple[list[Inline], list[list[Inline]]]] = []
        lines = self.lines
        while index < len(lines):
            first = self._definition_at(index + 1)
            if not lines[index].strip() or first < 0:
                break
            term = parse_inlines(lines[index].strip())
            definitions: list[list[Inline]] = []
            index = first
            while index < len(lines):
                match = _DEFINITION.match(lines[index])
                if match is None:
                    break
                text = [match.group(1)]
                index += 1
                while index < len(lines) and not self._ends_paragraph(lines[index], nested):
                    if _DEFINITION.match(lines[index]):
                        break
                    text.append(lines[index].strip())
                    index += 1
                definitions.append(parse_inlines("\n".join(text)))
                following = index
                while following < len(lines) and not lines[following].strip():
                    following += 1
                if following < len(lines) and _DEFINITION.match(lines[following]):
                    index = following
            items.append((term, definitions))
            while index < len(lines) and not lines[index].strip():
                index += 1
        return Terms(items), index

    def _is_table(self, index: int) -> bool:
        if index + 1 >= len(self.lines):
            return False
        separator = self.lines[index + 1].strip()
        if not separator.startswith("|") or "-" not in separator:
            return False
        return all(_SEPARATOR_CELL.fullmatch(cell) for cell in split_row(separator))

    def _table(self, index: int) -> tuple[Table, int]:
        lines = self.lines
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
