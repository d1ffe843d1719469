"""Dates as French readers write them, and the reference date given on the command line.
No locale is used: the result must not depend on the machine."""

from __future__ import annotations

from datetime import date

from cptsplan.errors import UsageError

# One list of month names: the plan's periods (« mai 2023 ») say them too.
from cptsplan.schema.periods import MONTHS_FR as MONTHS_FR
from cptsplan.schema.periods import Period


def french_date(value: date) -> str:
    """date(2026, 2, 15) -> '15 février 2026'; the first of the month is '1er'."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS_FR[value.month - 1]} {value.year}"


def when_fr(value: object) -> str | None:
    """When something happened, after a verb: « le 8 octobre 2026 », « en mai 2023 »,
    « au 2e semestre 2025 »; None for a value that is neither a date nor a period."""
    if isinstance(value, date):
        return f"le {french_date(value)}"
    if isinstance(value, Period):
        return value.during
    return None


def of_fr(value: object) -> str:
    """« du 17 mars 2026 », « de mai 2023 », « d'avril 2023 », « du 2e semestre 2025 », « de
    2024 » (« de date inconnue » for a value that is neither a date nor a period)."""
    if isinstance(value, date):
        return f"du {french_date(value)}"
    if not isinstance(value, Period):
        return "de date inconnue"
    if value.kind not in ("mois", "annee"):
        return f"du {value.label}"
    return f"d'{value.label}" if value.label[0] in "aeiouéèâ" else f"de {value.label}"


def dated_fr(value: object) -> str:
    """The date or the period alone: « 8 octobre 2026 », « mai 2023 », « 2e semestre 2025 »."""
    return french_date(value) if isinstance(value, date) else str(value)


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
