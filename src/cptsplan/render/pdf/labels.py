"""Table columns of short labels, printed without hyphenation in the PDF.

A column whose every cell is a short label (« Trame nationale », « indicateur CNAM »,
« Maîtrise du document », a person's name) was given a width by weight only, narrower than
its longest word, and Typst's line breaking filled each line by cutting the next word:
« Trame natio-nale », « indica-teur CNAM », « Maîtrise du do-cument » read as a table too
small for its text. Such a column gets at least the width of its longest word (the word
goes to the table's `mots-corps`, as phone numbers do) and its cells are never hyphenated:
a label wraps between its words, as in the DOCX.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_LABEL_CHARS = 32
"""A longer cell is a sentence: it keeps hyphenation, the column its share of the page."""
MAX_LABEL_WORDS = 4
MAX_WORD_CHARS = 20
"""A longer word (an address, a compound name) would make the column too wide: left to
hyphenation."""
_PIECE = re.compile(r"[^\s-]+-?")
"""Words, cut after a hyphen where a line may break anyway (« Hauts-| de-| France »)."""


def label_columns(rows: Sequence[Sequence[str]], columns: int) -> list[list[str] | None]:
    """For each column, the pieces of its labels when every cell of it is a short label
    (at least one not empty), else None."""
    found: list[list[str] | None] = []
    for column in range(columns):
        texts = [" ".join(row[column].split()) for row in rows if column < len(row)]
        texts = [text for text in texts if text]
        labels = bool(texts) and all(
            len(text) <= MAX_LABEL_CHARS and len(text.split()) <= MAX_LABEL_WORDS for text in texts
        )
        pieces = [piece for text in texts for piece in _PIECE.findall(text)]
        if labels and all(len(piece) <= MAX_WORD_CHARS for piece in pieces):
            found.append(pieces)
        else:
            found.append(None)
    return found
