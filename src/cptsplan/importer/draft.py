"""The plan being built from a document: its data, where each value came from, and which
blocks (or table rows) have been placed, so that nothing is lost (placing.py)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from cptsplan.importer.read import Block
from cptsplan.importer.sections import Context

MISSING = "A_COMPLETER"
Path = tuple[str | int, ...]


def slug(text: str, limit: int = 60) -> str:
    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:limit].strip("-") or "element"


@dataclass
class Draft:
    blocks: list[Block]
    contexts: list[Context]
    headings: set[int]
    data: dict[str, Any] = field(default_factory=dict)
    origins: dict[Path, str] = field(default_factory=dict)
    """YAML path of an item -> « repris de ... » comment."""
    taken: set[tuple[int, int]] = field(default_factory=set)
    """(block index, row) placed in a field; row -1 for a paragraph or a whole table."""
    found: dict[str, list[str]] = field(default_factory=dict)
    """Report: per kind of item, where each was found."""
    ids: set[str] = field(default_factory=set)

    def new_id(self, base: str) -> str:
        candidate = slug(base)
        number = 2
        while candidate in self.ids:
            candidate = f"{slug(base)}-{number}"
            number += 1
        self.ids.add(candidate)
        return candidate

    def where(self, block: Block, row: int | None = None) -> str:
        """« « 3.2 Cellule de crise », tableau 4, ligne 3 » (rows counted from 1, headers
        included, as a reader counts them in Word)."""
        context = self.contexts[block.index]
        if block.kind == "table":
            place = f"tableau {block.table}"
            if row is not None and row >= 0:
                place += f", ligne {row + 1}"
        else:
            start = context.heading_index + 1
            number = sum(
                1 for b in self.blocks[start : block.index + 1] if b.index not in self.headings
            )
            place = f"paragraphe {number}"
        return f"« {context.title} », {place}"

    values: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    """What of a placed paragraph or row is content, when not all of it: « Fréquence :
    quotidienne » is the value « quotidienne » in the field titled « Fréquence » (the
    label is the field's, not content to keep); a label alone over a list, nothing."""

    def take(self, block: Block, row: int = -1, values: list[str] | None = None) -> None:
        self.taken.add((block.index, row))
        if values is not None:
            self.values[block.index, row] = values

    header_rows: dict[int, int] = field(default_factory=dict)
    """Table (block index) -> its header row, when not its first (a fiche action's title
    row comes first): that row names columns, it is not counted (placing.headers)."""

    started: list[Path] = field(default_factory=list)
    """Items a heading started, in order (scopes.drop_unfilled removes the empty ones)."""
    placed: dict[tuple[int, int], list[Path]] = field(default_factory=dict)
    """(block index, row) -> the items or fields read from it (coverage is checked there)."""

    def record(self, kind: str, path: Path, block: Block, row: int | None = None) -> None:
        self.placed.setdefault((block.index, -1 if row is None else row), []).append(path)
        where = self.where(block, row)
        self.origins[path] = f"repris de {where}"
        self.found.setdefault(kind, []).append(where)

    def section(self, *keys: str) -> dict[str, Any]:
        node = self.data
        for key in keys:
            node = node.setdefault(key, {})
        return node

    def in_section(self, *names: str | None) -> list[Block]:
        return [b for b in self.blocks if self.contexts[b.index].section in names]
