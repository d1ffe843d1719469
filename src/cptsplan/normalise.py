"""Text as a reader sees it, for finding personal data however it is typed.

`visible(text)` is the text in Unicode NFKC (fullwidth digits, no-break, thin and figure
spaces become plain), without invisible characters (zero-width space and joiners, soft
hyphen, word joiner, BOM, direction marks), every space or line break a plain space and every
dash a hyphen. It keeps, for each of its characters, the position of the original character,
so that what is found in the view can be shown, located or hidden in the original.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

Span = tuple[int, int]

_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u3164\uffa0")
"""Invisible characters that are not of the Unicode "format" (Cf) category."""


def is_invisible(character: str) -> bool:
    return unicodedata.category(character) == "Cf" or character in _INVISIBLE_EXTRA


@dataclass(frozen=True)
class Visible:
    text: str
    positions: tuple[int, ...]
    """Index in the original text of each character of `text`."""

    def original(self, span: Span) -> Span:
        """The original span that `span` of the view comes from (invisible characters
        inside it included)."""
        start, end = span
        if start >= end:
            position = self.positions[start] if start < len(self.positions) else self.size
            return position, position
        return self.positions[start], self.positions[end - 1] + 1

    @property
    def size(self) -> int:
        return self.positions[-1] + 1 if self.positions else 0


def visible(text: str) -> Visible:
    characters: list[str] = []
    positions: list[int] = []
    for index, character in enumerate(text):
        if is_invisible(character):
            continue
        for normal in unicodedata.normalize("NFKC", character):
            if normal.isspace():
                normal = " "
            elif normal == "\u2212" or unicodedata.category(normal) == "Pd":
                normal = "-"
            characters.append(normal)
            positions.append(index)
    return Visible("".join(characters), tuple(positions))


def merge(spans: list[Span]) -> list[Span]:
    """Sorted, disjoint spans covering the same characters."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
