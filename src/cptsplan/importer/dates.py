"""Dates and version numbers as documents write them (« 5 octobre 2026 », « 05/10/2026 »,
ISO; « Version 2.1 », « V2,1 »), and the periods of fields that take one (« mai 2023 »,
« 2e semestre 2025 », « 3e trimestre 2024 », « fin 2024 »)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from cptsplan.importer.sections import plain
from cptsplan.schema.periods import PERIOD_COMMENT, Period

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
_PHONE_SHAPE = re.compile(r"(?<!\d)0\d([.-])\d\d(?:\1\d\d){3}(?!\d)")
"""A French number printed with dots or dashes (« 06.12.34.00.31 », « 03-53-01-02-55 »)."""
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_RANK = r"(1|2|3|4|premier|second|deuxieme|troisieme|quatrieme)\s*(?:er|ere|e|eme|nd|nde)?"
_RANKS = {"premier": 1, "second": 2, "deuxieme": 2, "troisieme": 3, "quatrieme": 4}
_YEAR = r"([1-9]\d{3})"  # the plan's periods start at year 1000
_SEMESTER = re.compile(rf"\b{_RANK}\s+semestre\s+(?:de\s+|d')?{_YEAR}\b")
_QUARTER = re.compile(rf"\b{_RANK}\s+trimestre\s+(?:de\s+|d')?{_YEAR}\b")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + rf")\s+{_YEAR}\b")
_NUMERIC_MONTH = re.compile(rf"(?<![\d/.-])(\d{{1,2}})[/.]{_YEAR}\b")
_YEAR_ONLY = re.compile(
    r"(?:(?:en|fin|debut|courant|mi|annee|depuis)\s+)*(?:de\s+|d')?((?:19|20)\d{2})\s*\.?"
)
_VERSION = re.compile(
    r"\b(?:version|v)(?:\s+du\s+(?:plan|document))?\s*(?:n°\s*)?:?\s*(\d+(?:[.,]\d+)*)\b",
    re.IGNORECASE,
)
"""« Version 2.1 », « V4 », « version n° 3 », and a form's « Version du plan : 1.2 »."""


def parse_date(text: str) -> date | None:
    """The first date written in `text` (« 5 octobre 2026 », « 05/10/2026 », ISO)."""
    valid = sorted((span[0], day) for span, day in _dated(plain(text)))
    return valid[0][1] if valid else None


def takes_a_date(field: dict[str, Any]) -> bool:
    """A (resolved) schema field that takes a date, or a date or a period."""
    return field.get("format") == "date" or field.get("$comment") == PERIOD_COMMENT


def parse_when(text: str, field: dict[str, Any]) -> date | str | None:
    """What a document wrote in a date field: the first full date; where the field also
    takes a period and no day is written, the period (« mai 2023 » -> "2023-05", « 2e
    semestre 2025 » -> "2025-S2", « fin 2024 » -> "2024": the year, since « fin » says no
    more precise period). Nothing is guessed: a text with neither gives None."""
    day = parse_date(text)
    if day is not None or field.get("$comment") != PERIOD_COMMENT:
        return day
    return parse_period_text(text)


def parse_period_text(text: str) -> str | None:
    """The period written in `text`, in the plan's form (« 2023-05 », « 2025-S2 »)."""
    lowered = " ".join(plain(text).split())
    for pattern, kind, top in ((_SEMESTER, "semestre", 2), (_QUARTER, "trimestre", 4)):
        match = pattern.search(lowered)
        if match:
            rank = _RANKS.get(match.group(1)) or int(match.group(1))
            if rank <= top:
                return Period(kind, int(match.group(2)), rank).text
    match = _MONTH_YEAR.search(lowered)
    if match:
        return Period("mois", int(match.group(2)), MONTHS[match.group(1)]).text
    match = _NUMERIC_MONTH.search(lowered)
    if match and 1 <= int(match.group(1)) <= 12:
        return Period("mois", int(match.group(2)), int(match.group(1))).text
    match = _YEAR_ONLY.fullmatch(lowered)
    return Period("annee", int(match.group(1))).text if match else None


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
    return sorted(_dated(lowered))


def _dated(lowered: str) -> Iterator[tuple[tuple[int, int], date]]:
    """Every valid date written in the lowered text `lowered` (day-month-year, numeric with
    a two-digit year read as 20xx, ISO), with its span, in no particular order."""
    for match in _DAY_MONTH.finditer(lowered):
        day = _safe(match.group(3), MONTHS[match.group(2)], match.group(1))
        if day is not None:
            yield match.span(), day
    phones: list[tuple[int, int]] | None = None
    for match in _NUMERIC.finditer(lowered):
        if phones is None:  # « 06.12.34.00.31 » holds no date 06.12.34: found once, if needed
            phones = [m.span() for m in _PHONE_SHAPE.finditer(lowered)]
        if any(start < match.end() and match.start() < end for start, end in phones):
            continue
        year = match.group(3) if len(match.group(3)) == 4 else "20" + match.group(3)
        day = _safe(year, int(match.group(2)), match.group(1))
        if day is not None:
            yield match.span(), day
    for match in _ISO.finditer(lowered):
        day = _safe(match.group(1), int(match.group(2)), match.group(3))
        if day is not None:
            yield match.span(), day
