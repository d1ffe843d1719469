"""The diffusable edition: the same plan without the directory's phone numbers, e-mails and
addresses.

Contact fields are removed from every directory entry, and any directory number or address
that a writer copied into free text (an on-call number in `joignabilite`, say) is replaced
wherever it appears, whatever the spacing ("06 39 98 00 15", "06.39.98.00.15", "+33 6 39...").
Short public numbers (15, 112, 3237) are not personal data and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

CONTACT_FIELDS = ("telephones", "email", "mssante", "adresse")
"""A directory entry's coordinates: a postal address is one too (often a home address)."""
REPLACEMENT = "[coordonnée réservée à l'édition interne]"
MIN_DIGITS = 6
_SEPARATOR = r"[ .\-\u00a0\u202f]?"


def redact(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of the plan data fit for the diffusable edition (`data` is not changed)."""
    pattern = contact_pattern(directory_numbers(data), directory_emails(data))
    copy = _scrub(data, pattern)
    for entry in copy.get("annuaire", []):
        for name in CONTACT_FIELDS:
            entry.pop(name, None)
    return copy


def directory_numbers(data: dict[str, Any]) -> set[str]:
    """National-format digits ('0639980015') of every directory number long enough to be one."""
    numbers = set()
    for entry in data.get("annuaire", []):
        for phone in entry.get("telephones", []):
            digits = national_digits(str(phone.get("numero", "")))
            if len(digits) >= MIN_DIGITS:
                numbers.add(digits)
    return numbers


def directory_emails(data: dict[str, Any]) -> set[str]:
    return {
        str(entry[name]).strip().lower()
        for entry in data.get("annuaire", [])
        for name in ("email", "mssante")
        if entry.get(name)
    }


def national_digits(number: str) -> str:
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    for prefix in ("0033", "33"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 9:
            return "0" + digits[len(prefix) :]
    return digits


def contact_pattern(numbers: Iterable[str], emails: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = [_number_regex(number) for number in sorted(numbers, key=len, reverse=True)]
    alternatives += [
        r"(?<![\w.+-])" + re.escape(email) + r"(?![\w-])"
        for email in sorted(emails, key=len, reverse=True)
    ]
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _number_regex(digits: str) -> str:
    """Digits with optional separators; a leading 0 may also be written +33 or 0033."""
    body = _SEPARATOR.join(re.escape(digit) for digit in digits[1:])
    if digits.startswith("0"):
        start = rf"(?:0|(?:\+|00)33{_SEPARATOR}(?:\(0\){_SEPARATOR})?)"
    else:
        start = re.escape(digits[0])
    return rf"(?<!\d){start}{_SEPARATOR}{body}(?!\d)"


def _scrub(value: Any, pattern: re.Pattern[str] | None) -> Any:
    if isinstance(value, dict):
        return {key: _scrub(item, pattern) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    if isinstance(value, str) and pattern is not None:
        return pattern.sub(REPLACEMENT, value)
    return value
