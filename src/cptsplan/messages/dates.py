"""Dates as French readers write them, and the reference date given on the command line.
No locale is used: the result must not depend on the machine."""

from __future__ import annotations

from datetime import date

from cptsplan.errors import UsageError

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


def french_date(value: date) -> str:
    """date(2026, 2, 15) -> '15 février 2026'; the first of the month is '1er'."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS_FR[value.month - 1]} {value.year}"


def parse_reference_date(text: str | None) -> date | None:
    """`--date` of validate and render: None means today."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"date de référence invalide : {text}",
            "format attendu AAAA-MM-JJ, par exemple 2026-11-23",
        ) from None
