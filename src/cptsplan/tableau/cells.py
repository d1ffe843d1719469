"""The reviewer's table as plain values: what tableau.py builds and the writers (CSV there,
XLSX in tableau_xlsx.py) print. Apart so that the XLSX writer does not import tableau.py,
which imports it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

Cell = str | int | float | date | None


@dataclass(frozen=True)
class Column:
    title: str
    width: int
    """In characters, for XLSX (CSV has no widths)."""
    kind: str = "text"
    """`text`, `int`, `percent` or `date`: how XLSX stores and shows the value."""
    source: str = ""
    """For a grid item: who asks for it (ACI, indicateur CNAM, guide régional...), listed
    beside the table so that the reviewer knows which « non » is an obligation."""


def folded(text: str) -> str:
    """`text` without case nor accents (« Cœur » as « coeur »): how a reader compares and
    orders names."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "Oe"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()
