"""A DOCX or ODT document as a flat list of blocks: headings, paragraphs, list items, tables.

Why pandoc's JSON tree: pandoc (bundled with cptsplan for rendering, so no new dependency)
reads both DOCX and ODT into one tree, keeps Word's heading styles as headings, reads
numbered and bulleted lists, tables with merged cells (row and column spans), footnotes and
text boxes; python-docx reads DOCX only and would need a second reader for ODT, with its own
table model. pandoc runs only after importer/safety.py has checked the zip, in its sandbox,
with a heap limit (files/pandoc.py). pandoc drops running headers and footers:
importer/margins.py reads them from the document itself.

Each block keeps where it comes from (the heading above it, the table and row number), so
that every imported value can say « repris de « 3.2 Cellule de crise », tableau 4, ligne 3 ».
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cptsplan.errors import RenderingError, UsageError
from cptsplan.importer.links import image_words, link_target
from cptsplan.importer.pandoc_input import pandoc_input


@dataclass
class Block:
    kind: str
    """`heading`, `para`, `item` (a list item) or `table`."""
    text: str = ""
    level: int = 0
    """Heading level (1 = chapter); for a list item, its nesting depth."""
    strong: bool = False
    """The whole paragraph is bold or underlined (a heading typed by hand, perhaps)."""
    rows: list[list[str]] = field(default_factory=list)
    table: int = 0
    """Number of the table in the document (1-based), for `table` blocks."""
    ordered: bool = False
    index: int = 0
    """Position of the block in the document (0-based), its identity for placing."""


_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007]+")
# Characters that only steer line breaking (word joiner, zero-width space and no-break
# space, soft hyphen): invisible to a reader, they would split « 02/09/2026 » for a parser.
_INVISIBLE = re.compile("[\u2060\u200b\ufeff\u00ad]")


_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
"""Word's non-breaking hyphen (pandoc reads it as U+2011), typed in phone numbers so that
they are never cut at a line's end: a plain hyphen for a reader and for the phone parser."""


_SYMBOL_FONT = re.compile("[\uf020-\uf0ff]")
_SYMBOLS = str.maketrans(dict(zip(
    "\uf0b7\uf0a7\uf0d8\uf0fc\uf0fe\uf0fd\uf0fb\uf0a8\uf06f\uf071", "•▪➢✔🗹🗷🗶◻□❑", strict=True
)))  # fmt: skip
"""A bullet or a check box of the Symbol or Wingdings font kept as its code (a list pasted
as text, a Word check-list saved by LibreOffice): a character that prints as an empty box.
The usual ones become what they show (as pandoc reads Word's own symbols)."""


def clean(text: str) -> str:
    """Spaces as a reader sees them: no-break spaces become plain ones, runs are one space,
    characters that only steer line breaking are dropped, non-breaking hyphens are plain,
    a bullet or a box of a symbol font is what it shows."""
    text = _INVISIBLE.sub("", text)
    if _SYMBOL_FONT.search(text):
        text = text.translate(_SYMBOLS)
    if "\u2010" in text or "\u2011" in text:  # translate looks up every character: rare
        text = text.translate(_HYPHENS)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


_NOT_KEY = re.compile(r"[\W_]+")
"""What `key` drops: a regex word character is exactly str.isalnum() plus « _ » (one regex
pass instead of a Python test per character: the import computes a key for every line)."""


@functools.lru_cache(maxsize=65_536)  # the same lines are keyed for pandoc's blocks and the XML's
def key(text: str) -> str:
    """Letters and digits only, case folded: how the blocks pandoc read are matched with the
    document's own paragraphs (its quotes, dashes and spaces aside)."""
    return _NOT_KEY.sub("", unicodedata.normalize("NFKC", text).casefold())


def read_blocks(path: Path) -> list[Block]:
    """Check the document, read it with pandoc, and flatten its tree."""
    kind, data = checked_document(path)
    return pandoc_blocks(path, kind, data)


def checked_document(path: Path) -> tuple[str, bytes]:
    """The document's kind and what pandoc is given of it, once importer/safety.py has
    checked it (it refuses what must not be read)."""
    from cptsplan.importer.safety import check_document

    kind = check_document(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path} ne peut pas être lu ({error.strerror or error})") from None
    return kind, pandoc_input(data, kind)


def pandoc_blocks(path: Path, kind: str, data: bytes) -> list[Block]:
    """The blocks of a checked document (`checked_document`), as pandoc reads it."""
    from cptsplan.files.pandoc import read_document

    try:
        tree = json.loads(read_document(data, kind))
    except RenderingError as error:  # a damaged document: the user's file, not the tool
        raise UsageError(
            f"{path.name} ne peut pas être lu : document endommagé ou incomplet",
            "ouvrez-le dans Word ou LibreOffice et enregistrez-le à nouveau au format .docx "
            f"({error.message})",
        ) from None
    return flatten(tree)


def flatten(tree: dict[str, Any]) -> list[Block]:
    blocks: list[Block] = []
    counter = {"table": 0}
    meta = tree.get("meta", {})
    for key in ("title", "subtitle"):  # Word's Title and Subtitle styles land in the metadata
        if meta.get(key, {}).get("t") == "MetaInlines":
            text = clean(inline_text(meta[key]["c"]))
            if text:
                blocks.append(Block("para", text, strong=True))
    _blocks(tree.get("blocks", []), blocks, counter, 0, False)
    for index, block in enumerate(blocks):
        block.index = index
        bullet = TYPED_BULLET.match(block.text)
        if block.kind == "para" and bullet and len(block.text) > bullet.end():
            # « - Assurer... », « – Coordination : ... », « ☐ Vérifier » typed by hand.
            block.kind, block.level, block.text = "item", 1, block.text[bullet.end() :]
    return blocks


TYPED_BULLET = re.compile(r"^[-–—•·*▪►➢➤→●○◦■✓✔o]\s+")
"""A bullet typed by hand, or left as a character when a list is pasted as plain text (● ○ ■
from Google Docs, ◦ ➤ → from a PDF). Check boxes (☐, ☒) are read by
importer/outline.checklists: in a form's check-list only the ticked lines are the plan's."""


def _blocks(
    items: list[Any], out: list[Block], counter: dict[str, int], depth: int, ordered: bool
) -> None:
    for item in items:
        kind, content = item.get("t"), item.get("c")
        if kind == "Header":
            level, attr, inlines = content
            if "TOC-Heading" in attr[1]:
                continue
            text = clean(inline_text(inlines))
            if text:
                out.append(Block("heading", text, level=level))
        elif kind in ("Para", "Plain"):
            if _is_toc_line(content):
                continue
            text = clean(inline_text(content))
            if text:
                kind_out = "item" if depth else "para"
                out.append(
                    Block(kind_out, text, level=depth, strong=_all_strong(content), ordered=ordered)
                )
        elif kind == "LineBlock":
            text = clean("\n".join(inline_text(line) for line in content))
            if text:
                out.append(Block("item" if depth else "para", text, level=depth))
        elif kind in ("BulletList", "OrderedList"):
            entries = content if kind == "BulletList" else content[1]
            for entry in entries:
                _list_entry(entry, out, counter, depth + 1, kind == "OrderedList")
        elif kind == "DefinitionList":
            for term, definitions in content:
                text = clean(inline_text(term))
                for definition in definitions:
                    text += " : " + clean(" ".join(block_text(b) for b in definition))
                if text.strip(" :"):
                    out.append(Block("item", text, level=depth + 1))
        elif kind == "Table":
            counter["table"] += 1
            lifted: list[Any] | None = [] if _is_frame(content) else None
            rows = table_rows(content, lifted)
            if any(any(cell for cell in row) for row in rows):
                out.append(Block("table", rows=rows, table=counter["table"]))
            _blocks(lifted or [], out, counter, depth, ordered)
        elif kind in ("Div", "BlockQuote"):
            _blocks(content[1] if kind == "Div" else content, out, counter, depth, ordered)
        elif kind == "Figure":  # an image and its caption (« Figure 1 : carte des zones »)
            _blocks(content[2], out, counter, depth, ordered)
            _blocks(content[1][1], out, counter, depth, ordered)
        elif kind == "CodeBlock":
            text = clean(content[1])
            if text:
                out.append(Block("para", text))


def _list_entry(
    entry: list[Any], out: list[Block], counter: dict[str, int], depth: int, ordered: bool
) -> None:
    """A list item: its first paragraphs make one item; nested lists and tables follow."""
    texts: list[str] = []
    rest: list[Any] = []
    for block in entry:
        if block.get("t") in ("Para", "Plain", "LineBlock") and not rest:
            texts.append(block_text(block))
        else:
            rest.append(block)
    text = clean("\n".join(texts))
    first = entry[0] if entry else {}
    strong = len(texts) == 1 and first.get("t") in ("Para", "Plain") and _all_strong(first["c"])
    if text:
        out.append(Block("item", text, level=depth, strong=strong, ordered=ordered))
    _blocks(rest, out, counter, depth, ordered)


def _is_toc_line(inlines: list[Any]) -> bool:
    """A table-of-contents line: one internal link (Word's TOC fields, as pandoc reads them)."""
    meaningful = [i for i in inlines if i.get("t") not in ("Space", "SoftBreak")]
    return (
        len(meaningful) == 1
        and meaningful[0].get("t") == "Link"
        and str(meaningful[0]["c"][2][0]).startswith("#")
    )


def _all_strong(inlines: list[Any]) -> bool:
    meaningful = [i for i in inlines if i.get("t") not in ("Space", "SoftBreak", "LineBreak")]
    return bool(meaningful) and all(i.get("t") in ("Strong", "Underline") for i in meaningful)


_STYLED = ("Emph", "Underline", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps")


def inline_text(inlines: list[Any]) -> str:
    parts: list[str] = []
    for inline in inlines:
        kind = inline.get("t")
        if kind == "Str":  # most inlines are words and spaces: no other test for them
            parts.append(inline.get("c"))
            continue
        if kind == "Space" or kind == "SoftBreak":
            parts.append(" ")
            continue
        content = inline.get("c")
        if kind == "LineBreak":
            parts.append("\n")
        elif kind in _STYLED:
            parts.append(inline_text(content))
        elif kind == "Quoted":
            opening, closing = ("« ", " »") if content[0]["t"] == "DoubleQuote" else ("‘", "’")
            parts.append(opening + inline_text(content[1]) + closing)
        elif kind in ("Cite",):
            parts.append(inline_text(content[1]))
        elif kind in ("Code", "Math", "RawInline"):
            parts.append(content[1])
        elif kind == "Link":
            parts.append(words := inline_text(content[1]))
            parts.append(link_target(content[2][0], words))
        elif kind == "Image":
            parts.append(image_words(inline_text(content[1])))
        elif kind == "Span":
            parts.append(inline_text(content[1]))
        elif kind == "Note":
            parts.append(" (note : " + " ".join(block_text(b) for b in content) + ")")
    return "".join(parts)


def block_text(block: dict[str, Any]) -> str:
    """Any block as plain text (cells, list items, notes): paragraphs on their own lines."""
    kind, content = block.get("t"), block.get("c", [])
    if kind in ("Para", "Plain"):
        return inline_text(content)
    if kind == "Header":
        return inline_text(content[2])
    if kind == "LineBlock":
        return "\n".join(inline_text(line) for line in content)
    if kind == "BulletList":
        return "\n".join(" ".join(block_text(b) for b in entry) for entry in content)
    if kind == "OrderedList":
        return "\n".join(" ".join(block_text(b) for b in entry) for entry in content[1])
    if kind in ("Div",):
        return "\n".join(block_text(b) for b in content[1])
    if kind == "BlockQuote":
        return "\n".join(block_text(b) for b in content)
    if kind == "Table":
        return "\n".join(" | ".join(row) for row in table_rows(content))
    if kind == "CodeBlock":
        return str(content[1])
    if kind == "Figure":
        return "\n".join(block_text(b) for b in content[2])
    return ""


FRAME_ROWS = 2
"""A table of at most this many rows that holds another table is a frame (a form's layout:
a label in one cell, the référents' table in the next), not data."""


def _raw_rows(content: list[Any]) -> list[list[Any]]:
    _attr, _caption, _specs, head, bodies, foot = content
    raw: list[list[Any]] = list(head[1])
    for body in bodies:
        raw.extend(body[2])
        raw.extend(body[3])
    raw.extend(foot[1])
    return raw


def _is_frame(content: list[Any]) -> bool:
    raw = _raw_rows(content)
    return len(raw) <= FRAME_ROWS and any(
        block.get("t") == "Table" for row in raw for cell in row[1] for block in cell[4]
    )


def table_rows(content: list[Any], lifted: list[Any] | None = None) -> list[list[str]]:
    """Rows of cell texts, header rows first. A cell merged over several columns is repeated
    in each (so columns keep their header); a cell merged down is carried to the rows below.
    With `lifted`, the tables nested in cells are taken out of the cells' text and added to
    it, to be read as tables of their own (the table is a frame); otherwise a nested table
    is its cells' text (a phone table inside a directory cell stays with its person)."""
    raw = _raw_rows(content)
    rows: list[list[str]] = []
    carried: dict[int, tuple[str, int]] = {}
    for row in raw:
        cells: list[str] = []
        column = 0
        for cell in row[1]:
            column = _carry(cells, carried, column)
            _cattr, _align, rowspan, colspan, blocks = cell
            if lifted is not None:
                lifted.extend(b for b in blocks if b.get("t") == "Table")
                blocks = [b for b in blocks if b.get("t") != "Table"]
            text = clean("\n".join(block_text(b) for b in blocks))
            for _ in range(max(colspan, 1)):
                cells.append(text)
                if rowspan > 1:
                    carried[column] = (text, rowspan - 1)
                column += 1
        _carry(cells, carried, column)
        rows.append(cells)
    return rows


def _carry(cells: list[str], carried: dict[int, tuple[str, int]], column: int) -> int:
    """Repeat into `cells` the texts of cells merged down from rows above that cover the
    columns from `column` on; returns the next free column."""
    while column in carried:
        text, left = carried.pop(column)
        cells.append(text)
        if left > 1:
            carried[column] = (text, left - 1)
        column += 1
    return column
