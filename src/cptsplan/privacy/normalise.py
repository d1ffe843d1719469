"""Text as a reader sees it, for finding personal data however it is typed.

`visible(text)` is the text in Unicode NFKC (fullwidth digits, no-break, thin and figure
spaces become plain), without invisible characters (zero-width space and joiners, soft
hyphen, word joiner, BOM, direction marks), every space or line break a plain space and every
dash a hyphen. It keeps, for each of its characters, the position of the original character,
so that what is found in the view can be shown, located or hidden in the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

Span = tuple[int, int]

_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u3164\uffa0")
"""Invisible characters that are not of the Unicode "format" (Cf) category."""


_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f\u034f\u115f\u1160\u3164\uffa0]"
)
"""The same characters as `is_invisible`, for a quick search (Unicode 15's Cf list)."""
_ONE_FOR_ONE = str.maketrans(
    dict.fromkeys("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029", " ")
    | dict.fromkeys("\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
    | dict.fromkeys("\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\U00010ead", "-")
)


def is_invisible(character: str) -> bool:
    return unicodedata.category(character) == "Cf" or character in _INVISIBLE_EXTRA


@dataclass(frozen=True)
class Visible:
    text: str
    positions: tuple[int, ...] | None
    """Index in the original text of each character of `text`; None: the same index (the
    usual case, a text that normalisation changes only character for character)."""

    def original(self, span: Span) -> Span:
        """The original span that `span` of the view comes from (invisible characters
        inside it included)."""
        if self.positions is None:
            return span
        start, end = span
        if start >= end:
            position = self.positions[start] if start < len(self.positions) else self.size
            return position, position
        return self.positions[start], self.positions[end - 1] + 1

    @property
    def size(self) -> int:
        if self.positions is None:
            return len(self.text)
        return self.positions[-1] + 1 if self.positions else 0


def visible(text: str) -> Visible:
    if unicodedata.is_normalized("NFKC", text) and not _INVISIBLE.search(text):
        # Nothing to drop or expand: spaces and dashes are mapped one for one, in C.
        return Visible(text.translate(_ONE_FOR_ONE), None)
    return character_view(text)


def character_view(text: str) -> Visible:
    """`visible`, character by character (any text; `visible` takes a short cut when it can)."""
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
