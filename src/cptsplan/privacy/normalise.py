"""Text as a reader sees it, for finding personal data however it is typed.

`visible(text)` is the text in Unicode NFKC (fullwidth digits, no-break, thin and figure
spaces become plain) with every decimal digit of any script an ASCII digit, without
invisible characters (zero-width space and joiners, soft hyphen, word joiner, BOM, direction
marks) nor combining marks left uncomposed (« 0\u0301 »), every space or line break a plain
space and every dash a hyphen. It keeps, for each of its characters, the position of the
original character, so that what is found in the view can be shown, located or hidden in
the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Final

from cptsplan.findings.records import record
from cptsplan.privacy.safetext import ASTRAL

Span = tuple[int, int]

_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u3164\uffa0")
"""Invisible characters that are not of the Unicode "format" (Cf) category."""


_INVISIBLE_IN_BMP = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u034f\u115f\u1160\u3164\uffa0"
)
_INVISIBLE = (
    f"[{_INVISIBLE_IN_BMP}\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
"""The same characters as `is_invisible`, for a quick search (Unicode 15's Cf list); as text,
compiled by `re` for the first text with a character outside the BMP (an emoji)."""
_ZEROS = (
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10, 0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450,
    0x114D0, 0x11650, 0x116C0, 0x116D0, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50, 0x11D50,
    0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE, 0x1D7D8,
    0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0,
)  # fmt: skip
"""The digit zeros of Unicode 14 to 16 (each script's ten digits follow its zero); those
this Python's Unicode does not know are left out below. A test compares the table with
every `Nd` character of the running Python."""
_DIGITS = {
    zero + value: str(value)
    for zero in _ZEROS
    if unicodedata.category(chr(zero)) == "Nd" and unicodedata.decimal(chr(zero)) == 0
    for value in range(10)
}
"""Every decimal digit of Unicode (Arabic-Indic ٠-٩, Persian ۰-۹, Devanagari ०-९...) as its
ASCII digit: NFKC folds fullwidth and mathematical digits, not these, and a mobile written
with them is still a mobile."""
_LOOKALIKES = dict(
    zip(
        "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501\u04bb\u04cf\u051b\u051d"
        "\u0261\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0423\u0406"
        "\u0408\u0405\u03bf\u03b1\u03bd\u03c1\u039f\u0391\u0392\u0395\u0396\u0397\u0399\u039a"
        "\u039c\u039d\u03a1\u03a4\u03a5\u03a7",
        "aeopcyxijsdhlqwgABEKMHOPCTXYIJSoavpOABEZHIKMNPTYX",
        strict=True,
    )
)
"""Cyrillic and Greek letters drawn like Latin ones (« isаbelle.cаtteаu@… » with Cyrillic
« а »): a reader reads the person's address, the search read other letters."""
_ONE_FOR_ONE = str.maketrans(
    dict.fromkeys("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u1680\u2028\u2029", " ")
    | dict.fromkeys("\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
    | dict.fromkeys("\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c\u3030\u30a0\U00010ead", "-")
    | _DIGITS
    | _LOOKALIKES
)


def is_invisible(character: str) -> bool:
    return unicodedata.category(character) == "Cf" or character in _INVISIBLE_EXTRA


_MARKS_IN_BMP = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
"""Combining marks that NFKC leaves alone after a digit (« 0\u0301 », « 3\u0332 », a keycap
« 1\u20e3 ») and variation selectors: a reader still reads the digit, and a number glued
with them (« 061122333\u03322 ») was no number to the search. Dropped from the view, like
the invisible characters; a letter keeps its precomposed accent (NFKC composes it)."""
_MARKS = re.compile(f"[{_MARKS_IN_BMP}]")


def _dropped(character: str) -> bool:
    """Not in the view: an invisible character or a combining mark (`_MARKS_IN_BMP`)."""
    return is_invisible(character) or _MARKS.match(character) is not None


@record(frozen=True)
class Visible:
    """`positions`: index in the original text of each character of `text`; None: the same
    index (the usual case, a text that normalisation changes only character for character)."""

    __slots__ = ("positions", "text")

    def __init__(self, text: str, positions: tuple[int, ...] | None) -> None:
        self.text: Final = text
        self.positions: Final = positions

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


# The regular expression engine tests a character against a class holding astral ranges
# about ten times slower than against BMP ones, and `str.translate` goes through a Python
# dictionary for each character of a non-ASCII text: the quick view below searches with the
# BMP part of each class, and the whole class only in a text with an astral character.
_INVISIBLE_BMP = re.compile(f"[{_INVISIBLE_IN_BMP}{_MARKS_IN_BMP}]")
_MAPPED_BMP = re.compile(
    "["
    + "".join(chr(code) for code in _ONE_FOR_ONE if code < 0x10000 and code not in _DIGITS)
    + "".join(f"{chr(zero)}-{chr(zero + 9)}" for zero in _ZEROS if zero < 0x10000)
    + "]"
)
"""The characters of _ONE_FOR_ONE in the BMP (spaces, dashes, each script's ten digits)."""


def visible(text: str) -> Visible:
    astral = ASTRAL.search(text) is not None
    invisible = _INVISIBLE_BMP.search(text) or (astral and re.search(_INVISIBLE, text))
    if not invisible and unicodedata.is_normalized("NFKC", text):
        # Nothing to drop or expand: spaces and dashes are mapped one for one, in C, in a
        # text that holds one of them.
        if astral or _MAPPED_BMP.search(text):
            return Visible(text.translate(_ONE_FOR_ONE), None)
        return Visible(text, None)
    return _by_table(text) or character_view(text)


def _by_table(text: str) -> Visible | None:
    """`character_view(text)` computed in C when NFKC changes each of its characters into
    one (no-break spaces, « ² », fullwidth digits) and the rest are invisible characters to
    drop (word joiners): the finished document's 160 000 characters took 40 ms character
    by character. None when a character becomes several (« ﬁ », « … »)."""
    changed: dict[str, str] = {}  # each character that the view shows otherwise -> it
    for character in set(text):
        if _dropped(character):
            changed[character] = ""
            continue
        normal = unicodedata.normalize("NFKC", character)
        if len(normal) != 1:
            return None
        if (shown := _mapped(normal)) != character:
            changed[character] = shown
    if not changed:
        return Visible(text, None)
    # A pattern of the few characters present, not `str.translate`: that looks every
    # character of a non-ASCII text up in its table (8 ms for the document).
    found = re.compile("[" + re.escape("".join(changed)) + "]")
    view = found.sub(lambda match: changed[match.group(0)], text)
    if len(view) == len(text):
        return Visible(view, None)
    dropped = re.compile("[" + re.escape("".join(c for c, s in changed.items() if not s)) + "]")
    positions: list[int] = []
    start = 0
    for match in dropped.finditer(text):
        positions.extend(range(start, match.start()))
        start = match.end()
    positions.extend(range(start, len(text)))
    return Visible(view, tuple(positions))


def character_view(text: str) -> Visible:
    """`visible`, character by character (any text; `visible` takes a short cut when it can)."""
    characters: list[str] = []
    positions: list[int] = []
    for index, character in enumerate(text):
        if _dropped(character):
            continue
        for normal in unicodedata.normalize("NFKC", character):
            characters.append(_mapped(normal))
            positions.append(index)
    return Visible("".join(characters), tuple(positions))


def _mapped(normal: str) -> str:
    """A character of NFKC's result as the view shows it: a space, a hyphen, an ASCII digit."""
    if normal.isspace():
        return " "
    if normal == "\u2212" or unicodedata.category(normal) == "Pd":
        return "-"
    return _DIGITS.get(ord(normal)) or _LOOKALIKES.get(normal, normal)


def merge(spans: list[Span]) -> list[Span]:
    """Sorted, disjoint spans covering the same characters."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def replaced(text: str, spans: Iterable[Span], replacement: str | Callable[[str], str]) -> str:
    """`text` with each of `spans` (sorted, disjoint) replaced by `replacement`, or by what it
    gives for the span's text."""
    pieces, last = [], 0
    for start, end in spans:
        piece = replacement if isinstance(replacement, str) else replacement(text[start:end])
        pieces += [text[last:start], piece]
        last = end
    return "".join([*pieces, text[last:]])
