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
    identifier,
    parse_attributes,
    parse_inlines,
    plain_text,
)
from cptsplan.render.pdf.nodes import Attributes, Inline
from cptsplan.render.pdf.pipe_tables import Table as Table  # re-exported: a block kind
from cptsplan.render.pdf.pipe_tables import is_table, read_table


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


class Quote:
    """`> text`: a block quote, holding blocks."""

    __slots__ = ("blocks",)

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks


class CodeBlock:
    """A fenced code block (```` ``` ```` or `~~~`): printed as typed, monospaced."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Rule:
    """A horizontal rule (`---`, `***` or `___` alone on a line)."""

    __slots__ = ()


Block = Heading | Paragraph | ListBlock | Table | Terms | Div | Quote | CodeBlock | Rule

_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t]*$")
_HEADING_ATTRIBUTES = re.compile(r"(?<=[ \t])(?<!\\)\{([^{}]*)\}$")
_FENCE = re.compile(r":{3,}[ \t]*(?:\{([^{}]*)\}|([\w-]+))?[ \t]*:*[ \t]*$")
_BULLET = re.compile(r"[-*+][ \t]+(.*)$")
_ORDERED = re.compile(r"(\d{1,9})\.[ \t]+(.*)$")
_DEFINITION = re.compile(r"[:~][ \t]+(.*)$")
_CODE_FENCE = re.compile(r"(`{3,}|~{3,})[^`]*$")
_RULE = re.compile(r"(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}")
_NOTE_DEFINITION = re.compile(r"\[\^([^\s\]^]+)\]:[ \t]?(.*)$")


class Document:
    """The parsed blocks and the identifiers of every heading and div (for links)."""

    def __init__(self, markdown: str) -> None:
        self.lines = markdown.replace("\x00", "").replace("\r\n", "\n").split("\n")
        self.identifiers: set[str] = set()
        self.notes: dict[str, list[Block]] = {}
        """Footnotes written `[^name]: text`, by name (their lines are taken out first)."""
        self._items = 0  # depth of list items being read: a list may follow a line there
        self._take_notes()
        self.blocks, _ = self._blocks(0, nested=False)

    def _take_notes(self) -> None:
        lines = self.lines
        index = 0
        while index < len(lines):
            found = _NOTE_DEFINITION.match(lines[index])
            if found is None:
                index += 1
                continue
            body = [found.group(2)]
            lines[index] = ""
            index += 1
            # The note goes on over indented lines, and lazy ones before a blank line.
            while index < len(lines) and (
                lines[index].startswith(("    ", "\t"))
                or (lines[index].strip() and body[-1].strip())
            ):
                body.append(lines[index][4:] if lines[index].startswith("    ") else lines[index])
                lines[index] = ""
                index += 1
            self.notes.setdefault(found.group(1), self._parse_lines(body))

    def _parse_lines(self, lines: list[str]) -> list[Block]:
        """The blocks of some lines of their own (a list item, a quote, a note)."""
        saved = self.lines
        self.lines = lines
        try:
            blocks, _ = self._blocks(0, nested=False)
        finally:
            self.lines = saved
        return blocks

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
            if line.startswith(">"):
                quoted, index = self._quote(index)
                blocks.append(Quote(quoted))
                continue
            if line.startswith(("```", "~~~")) and _CODE_FENCE.match(line):
                code, index = self._code(index)
                blocks.append(code)
                continue
            if _RULE.fullmatch(stripped) and not line[0].isspace():
                blocks.append(Rule())
                index += 1
                continue
            heading = _HEADING.match(line) if line.startswith("#") else None
            if heading is not None:
                blocks.append(self._heading(len(heading.group(1)), heading.group(2)))
                index += 1
                continue
            if line.startswith("|") and is_table(lines, index):
                table, index = read_table(lines, index)
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
        if self._items and (_BULLET.match(line) or _ORDERED.match(line)):
            return True  # in a list item, a sub-list may follow its first line directly
        return nested and line.startswith(":::") and line.strip(": \t") == ""

    def _quote(self, index: int) -> tuple[list[Block], int]:
        lines = self.lines
        inner: list[str] = []
        while index < len(lines) and lines[index].strip():
            line = lines[index]
            if line.startswith(">"):
                line = line[2:] if line.startswith("> ") else line[1:]
            inner.append(line)  # a line without `>` is a lazy continuation
            index += 1
        return self._parse_lines(inner), index

    def _code(self, index: int) -> tuple[CodeBlock, int]:
        lines = self.lines
        fence = lines[index].strip()
        mark = fence[0] * (len(fence) - len(fence.lstrip(fence[0])))
        end = index + 1
        while end < len(lines) and not (
            lines[end].strip().startswith(mark) and not lines[end].strip().strip(mark[0])
        ):
            end += 1
        return CodeBlock("\n".join(lines[index + 1 : end])), min(end + 1, len(lines))

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
        """A list; an item holds the lines indented under its text (sub-lists, paragraphs)
        and lazy continuation lines, read as blocks of their own."""
        lines = self.lines
        first = _ORDERED.match(lines[index])
        ordered = first is not None
        marker = _ORDERED if ordered else _BULLET
        start = int(first.group(1)) if first is not None else 1
        items: list[list[str]] = []
        tight = True
        indent = 0
        while index < len(lines):
            line = lines[index]
            item = marker.match(line)
            if item is not None:
                group = item.lastindex or 1
                indent = item.start(group)
                items.append([item.group(group)])
                index += 1
                continue
            if not line.strip():
                following = index + 1
                while following < len(lines) and not lines[following].strip():
                    following += 1
                if following < len(lines) and (
                    marker.match(lines[following]) or _indent(lines[following]) >= indent
                ):
                    tight = False
                    items[-1].extend([""] * (following - index))
                    index = following
                    continue
                break
            if _indent(line) >= indent:
                items[-1].append(line[indent:])
                index += 1
                continue
            if self._ends_paragraph(line, nested) or _BULLET.match(line) or _ORDERED.match(line):
                break
            items[-1].append(line.strip())  # a lazy continuation of the item's text
            index += 1
        self._items += 1
        try:
            blocks = [self._parse_lines(item) for item in items]
        finally:
            self._items -= 1
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


def _indent(line: str) -> int:
    """Columns of leading spaces (a tab counts as four, as in pandoc)."""
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))
