"""The paragraphs of an ODT's content.xml, as rescue.py compares them with what pandoc read
(rescue.py walks a Word document's XML itself), and the titles in a style of the document's
own named « Titre 1 » (a Word template saved as ODT by LibreOffice: a plain paragraph in
the « Titre 1 » style, not an outlined heading, which pandoc reads as a paragraph)."""

from __future__ import annotations

from xml.etree import ElementTree

from cptsplan.importer.outline import is_sized_title, named_level, ranked
from cptsplan.importer.xmlparts import OFFICE, STYLE, TEXT

Paragraph = tuple[str, bool]
_SHOWING_PLACEHOLDER = (
    "{urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0}showing-place-holder"
)
_NOT_TEXT = {
    f"{TEXT}tracked-changes", f"{OFFICE}annotation", f"{OFFICE}annotation-end",
    f"{TEXT}note", f"{TEXT}table-of-content", f"{TEXT}alphabetical-index",
    f"{TEXT}illustration-index", f"{TEXT}table-index", f"{TEXT}object-index",
    f"{TEXT}user-index", f"{TEXT}bibliography", f"{TEXT}number",
}  # fmt: skip
"""What a reader does not see as the text of the document: stored deleted text, comments,
notes (pandoc reads them inside their paragraph), indexes, list numbers."""


Tables = dict[str, list[list[str]]]
"""A table pandoc does not read, as the rescue compares it (one line per cell) -> its rows."""
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_LOEXT = "{urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0}"
# LibreOffice writes a table inside a shape in its own namespace (loext:table).
_TABLES = {f"{_TABLE}table", f"{_LOEXT}table"}
_ROWS = {f"{_TABLE}table-row", f"{_LOEXT}table-row"}
_CELLS = {f"{_TABLE}table-cell", f"{_LOEXT}table-cell"}


def odt_walk(
    node: ElementTree.Element,
    out: list[Paragraph],
    toc: list[Paragraph],
    tables: Tables | None = None,
    inside: bool = False,
) -> None:
    """`inside`: in a table's cell or in a shape, where pandoc does not read a table (a
    form's référents table nested in a layout table, a table in a text box)."""
    for child in node:
        if child.tag == f"{TEXT}table-of-content":
            odt_walk(child, toc, toc)
        elif child.tag in _NOT_TEXT:
            continue
        elif child.tag in _TABLES and inside and tables is not None:
            rows = _rows(child, toc)
            text = "\n".join(cell for row in rows for cell in row if cell)
            if text:
                tables[text] = rows
                out.append((text, True))
        elif child.tag in (f"{TEXT}p", f"{TEXT}h"):
            boxes: list[Paragraph] = []
            text = _paragraph(child, boxes, toc, tables)
            if text.strip():
                out.append((text, False))
            out.extend((text, True) for text, _ in boxes)
        else:
            odt_walk(child, out, toc, tables, inside or child.tag in _CELLS)


def _rows(table: ElementTree.Element, toc: list[Paragraph]) -> list[list[str]]:
    rows = []
    for row in _own_rows(table):
        cells: list[str] = []
        for cell in (node for node in row if node.tag in _CELLS):
            lines = [_paragraph(p, [], toc) for p in cell.iter(f"{TEXT}p")]
            text = "\n".join(" ".join(line.split()) for line in lines if line.strip())
            span = cell.get(f"{_TABLE}number-columns-spanned", "1")
            cells += [text] * (min(int(span), 64) if span.isdigit() else 1)
        rows.append(cells)
    return rows


def _own_rows(node: ElementTree.Element) -> list[ElementTree.Element]:
    """The table's rows, through its header and row groups, not those of a table nested in
    one of its cells (read with that cell's text)."""
    rows = []
    for child in node:
        if child.tag in _ROWS:
            rows.append(child)
        elif child.tag not in _TABLES and child.tag not in _CELLS:
            rows += _own_rows(child)
    return rows


def _paragraph(
    node: ElementTree.Element,
    boxes: list[Paragraph],
    toc: list[Paragraph],
    tables: Tables | None = None,
) -> str:
    pieces = [node.text or ""]
    for child in node:
        tag = child.tag
        if tag == f"{TEXT}s":
            count = child.get(f"{TEXT}c", "1")
            pieces.append(" " * (min(int(count), 100) if count.isdigit() else 1))
        elif tag == f"{TEXT}tab":
            pieces.append("\t")
        elif tag in (f"{TEXT}line-break", f"{TEXT}note"):
            pieces.append("\n")  # a note: pandoc reads it inside the paragraph
        elif tag in _NOT_TEXT or child.get(_SHOWING_PLACEHOLDER) == "true":
            pass  # a form field not filled in: its example text is not the plan's
        elif tag.startswith("{urn:oasis:names:tc:opendocument:xmlns:drawing"):
            odt_walk(child, boxes, toc, tables, True)  # a shape or frame in the paragraph
        else:
            pieces.append(_paragraph(child, boxes, toc, tables))
        pieces.append(child.tail or "")
    return "".join(pieces)


def odt_titles(
    content: ElementTree.Element, styles: ElementTree.Element | None
) -> list[tuple[str, int]]:
    """(text, level) of each plain paragraph in a style named « Titre N » (or based on one,
    as LibreOffice's automatic styles are), in document order."""
    parents: dict[str, str] = {}
    own: dict[str, int] = {}
    for root in (styles, content):
        for style in root.iter(f"{STYLE}style") if root is not None else ():
            name = style.get(f"{STYLE}name", "")
            shown = style.get(f"{STYLE}display-name") or name.replace("_20_", " ")
            level = named_level(shown)
            if level is not None:
                own[name] = level
            parents[name] = style.get(f"{STYLE}parent-style-name", "")
    if not own:
        return []

    def level_of(name: str) -> int | None:
        seen: set[str] = set()
        while name and name not in seen:
            if name in own:
                return own[name]
            seen.add(name)
            name = parents.get(name, "")
        return None

    found = []
    for paragraph in content.iter(f"{TEXT}p"):
        level = level_of(paragraph.get(f"{TEXT}style-name", ""))
        text = " ".join(_paragraph(paragraph, [], []).split())
        if level is not None and text:
            found.append((text, level))
    return found


_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"


def odt_sized(
    content: ElementTree.Element, styles: ElementTree.Element | None
) -> list[tuple[str, int]]:
    """Titles made by enlarging plain text (outline.sized_titles for a Word document): a
    Google Docs plan saved as ODT by LibreOffice keeps the size in automatic styles."""
    sizes: dict[str, float] = {}
    base = 12.0
    for root in (styles, content):
        for node in root.iter() if root is not None else ():
            if node.tag not in (f"{STYLE}style", f"{STYLE}default-style"):
                continue
            props = node.find(f"{STYLE}text-properties")
            size = props.get(f"{_FO}font-size", "") if props is not None else ""
            if not size.endswith("pt"):
                continue
            try:
                points = float(size[:-2])
            except ValueError:
                continue
            if node.tag == f"{STYLE}default-style" and node.get(f"{STYLE}family") == "paragraph":
                base = points
            else:
                sizes[node.get(f"{STYLE}name", "")] = points
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    found: list[tuple[str, float]] = []
    body_text = False
    for paragraph in body.findall(f"{TEXT}p") if body is not None else ():
        own = sizes.get(paragraph.get(f"{TEXT}style-name", ""), base)
        used = {own} if (paragraph.text or "").strip() else set()
        for span in paragraph.iter(f"{TEXT}span"):
            if "".join(span.itertext()).strip():
                used.add(sizes.get(span.get(f"{TEXT}style-name", ""), own))
        text = " ".join(_paragraph(paragraph, [], []).split())
        if body_text and len(used) == 1 and is_sized_title(text, min(used), base):
            found.append((text, min(used)))
        elif text:
            body_text = True
    return ranked(found)
