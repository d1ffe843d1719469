"""Dates as French readers write them, and the reference date given on the command line.
No locale is used: the result must not depend on the machine."""

from __future__ import annotations

import re
import unicodedata
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


# As text, compiled by `re` when a date is written wrongly (a valid plan needs none of them).
_NUMERIC = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})"
_ISO_LOOSE = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}[:h]\d{2}(?::\d{2})?)?"
_WORDS = r"(?:\w+\s+)?(\d{1,2})(?:er)?\s+(\w+)\s+(\d{4})"
_TIME = r"\s*,?\s+(?:à\s+)?\d{1,2}\s*(?:h|:)\s*(?:\d{2})?(?::\d{2})?$"
"""« 14h », « à 14 h 30 », « 14:30 » after a date: an hour the field does not take."""


def meant_date(text: str) -> str | None:
    """The AAAA-MM-JJ date a French writer meant (« 15/03/2026 », « 5 octobre 2026 »,
    « 2026-3-5 », « 2026-10-05 14:00 »), when it is clear and exists; else None. Day first
    in « 05/10/2026 », as in France."""
    words = re.sub(_TIME, "", " ".join(text.split()).lower())
    year = month = day = None
    if match := re.fullmatch(_NUMERIC, words):
        day, month, year = (int(part) for part in match.groups())
        year += 2000 if year < 100 else 0  # « 31/05/28 »: this century, as a French writer means
    elif match := re.fullmatch(_ISO_LOOSE, words):
        year, month, day = (int(part) for part in match.groups())
    elif (match := re.fullmatch(_WORDS, words)) and match.group(2) in _MONTH_NUMBERS:
        day, month, year = int(match.group(1)), _MONTH_NUMBERS[match.group(2)], int(match.group(3))
    if year is None or month is None or day is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# « fevrier », « aout », « decembre » typed without accents are as clear.
_MONTH_NUMBERS = {
    **{name: number for number, name in enumerate(MONTHS_FR, start=1)},
    **{
        unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode(): number
        for number, name in enumerate(MONTHS_FR, start=1)
    },
}
