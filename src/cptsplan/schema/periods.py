"""Dates known only approximately: a month, a quarter, a semester or a year.

Real plans write « depuis mai 2023 », « fin 2024 », « 2e semestre 2025 ». Such a value sits
between a full date and `A_COMPLETER`: something is known (the period), not the day. Fields of
past events, transmissions and deadlines accept it (`date_ou_periode` in the schema); the model
turns it into a `Period`, which knows its first and last day and how to say itself in French.

A `Period` is not a `date`: rules that compare dates with `isinstance(value, date)` skip it
unless they say how to read it (rules/helpers.py `earliest`/`latest`), and it has no order of
its own, so that no comparison can silently pick a day inside it.

Forms (the YAML text): AAAA-MM (a month), AAAA-S1 / AAAA-S2 (a semester), AAAA-T1 to AAAA-T4
(a quarter), AAAA (a year).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from cptsplan.findings.records import record

PERIOD_PATTERN = r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2])|-S[12]|-T[1-4])?$"
"""The schema's pattern for a period (ECMA 262 and Python read it alike)."""
PERIOD_COMMENT = "cptsplan : date ou période"
"""`$comment` of the schema definition that accepts a date or a period (the model and the
messages find it by this mark)."""
PERIOD_FORMS = (
    "AAAA-MM-JJ (une date : 2026-02-15), AAAA-MM (un mois : 2023-05 pour mai 2023), "
    "AAAA-S1 ou AAAA-S2 (un semestre), AAAA-T1 à AAAA-T4 (un trimestre), AAAA (une année)"
)
"""What such a field accepts, for the messages."""

_FORM = re.compile(r"([1-9][0-9]{3})(?:-(?:(0[1-9]|1[0-2])|S([12])|T([1-4])))?", re.ASCII)
MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_SPAN = {"mois": 1, "trimestre": 3, "semestre": 6}


@record(frozen=True)
class Period:
    """A month (`kind` « mois », `number` 1-12), a quarter (« trimestre », 1-4), a semester
    (« semestre », 1-2) or a year (« annee », number 0)."""

    __slots__ = ("kind", "number", "year")

    def __init__(self, kind: str, year: int, number: int = 0) -> None:
        self.kind: Final = kind
        self.year: Final = year
        self.number: Final = number

    @property
    def first(self) -> date:
        if self.kind == "annee":
            return date(self.year, 1, 1)
        return date(self.year, (self.number - 1) * _SPAN[self.kind] + 1, 1)

    @property
    def last(self) -> date:
        if self.kind == "annee":
            return date(self.year, 12, 31)
        month = self.number * _SPAN[self.kind]
        import calendar  # (with the locale module it needs) only for a period's last day

        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def label(self) -> str:
        """« mai 2023 », « 2e semestre 2025 », « 1er trimestre 2024 », « 2024 »."""
        if self.kind == "mois":
            return f"{MONTHS_FR[self.number - 1]} {self.year}"
        if self.kind == "annee":
            return str(self.year)
        rank = "1er" if self.number == 1 else f"{self.number}e"
        return f"{rank} {self.kind} {self.year}"

    @property
    def during(self) -> str:
        """The label after its preposition: « en mai 2023 », « au 2e semestre 2025 »."""
        return f"en {self.label}" if self.kind in ("mois", "annee") else f"au {self.label}"

    @property
    def text(self) -> str:
        """The form written in the YAML file: « 2023-05 », « 2025-S2 », « 2024 »."""
        if self.kind == "mois":
            return f"{self.year:04d}-{self.number:02d}"
        if self.kind == "annee":
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.kind[0].upper()}{self.number}"

    def __str__(self) -> str:
        return self.label


def parse_period(text: str) -> Period | None:
    """'2023-05' -> Period('mois', 2023, 5); None when `text` is not a period's form."""
    match = _FORM.fullmatch(text)
    if match is None:
        return None
    year = int(match.group(1))
    month, semester, quarter = match.group(2, 3, 4)
    if month:
        return Period("mois", year, int(month))
    if semester:
        return Period("semestre", year, int(semester))
    if quarter:
        return Period("trimestre", year, int(quarter))
    return Period("annee", year)


def date_or_period(text: str) -> date | Period:
    """A value the schema accepted in a `date_ou_periode` field."""
    return parse_period(text) or date.fromisoformat(text)
