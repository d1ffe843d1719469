"""Dates and version numbers as documents write them (« 5 octobre 2026 », « 05/10/2026 »,
ISO; « Version 2.1 », « V2,1 »)."""

from __future__ import annotations

import re
from datetime import date

from cptsplan.importer.sections import plain

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:er)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_VERSION = re.compile(r"\b(?:version|v)\s*(?:n°\s*)?:?\s*(\d+(?:[.,]\d+)*)\b", re.IGNORECASE)


def parse_date(text: str) -> date | None:
    """The first date written in `text` (« 5 octobre 2026 », « 05/10/2026 », ISO)."""
    lowered = plain(text)
    candidates: list[tuple[int, date | None]] = []
    for match in _DAY_MONTH.finditer(lowered):
        candidates.append(
            (match.start(), _safe(match.group(3), MONTHS[match.group(2)], match.group(1)))
        )
    for match in _NUMERIC.finditer(lowered):
        year = match.group(3)
        year = year if len(year) == 4 else "20" + year
        candidates.append((match.start(), _safe(year, int(match.group(2)), match.group(1))))
    for match in _ISO.finditer(lowered):
        candidates.append(
            (match.start(), _safe(match.group(1), int(match.group(2)), match.group(3)))
        )
    valid = sorted((position, day) for position, day in candidates if day is not None)
    return valid[0][1] if valid else None


def _safe(year: str, month: int, day: str) -> date | None:
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def version_in(text: str) -> str | None:
    match = _VERSION.search(text)
    return match.group(1).replace(",", ".") if match else None


def dates_in(text: str) -> list[tuple[tuple[int, int], date]]:
    """Every date written in `text`, with where it is (« le 5 octobre 2026 », « 05/10/2026 »)."""
    # One character for one character, so that positions are those of `text`.
    lowered = "".join((plain(c) or c)[:1] for c in text)
    found: list[tuple[tuple[int, int], date]] = []
    for match in _DAY_MONTH.finditer(lowered):
        day = _safe(match.group(3), MONTHS[match.group(2)], match.group(1))
        if day is not None:
            found.append((match.span(), day))
    for match in _NUMERIC.finditer(lowered):
        year = match.group(3) if len(match.group(3)) == 4 else "20" + match.group(3)
        day = _safe(year, int(match.group(2)), match.group(1))
        if day is not None:
            found.append((match.span(), day))
    for match in _ISO.finditer(lowered):
        day = _safe(match.group(1), int(match.group(2)), match.group(3))
        if day is not None:
            found.append((match.span(), day))
    return sorted(found)
