"""Phone numbers in free text, read by `phonenumbers` (Google's libphonenumber) rather than
by hand-written patterns: "06/39/98/00/15", "(+33) 6 39 98 00 15" and "+33 (0)6 39 98 00 15"
are the same number, compared in E.164 ("+33639980015"). Texts are searched in their
visible form (normalise.py), so spaces of any kind, dashes, line breaks and invisible
characters between the digits change nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from .normalise import Span

REGION = "FR"
"""Numbers without a country code are French."""
_RUN = re.compile(r"\+?\d+(?:[ .\-/()]{0,4}\+?\d+)*")
"""Digits with what may separate them inside one number: candidates for parsing."""
_MAX_TOKENS = 12
_MAX_DIGITS = 15  # E.164


def e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_number(text: str) -> phonenumbers.PhoneNumber | None:
    """A possible phone number, read as French when it has no country code."""
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def is_french_mobile(number: phonenumbers.PhoneNumber) -> bool:
    """06 and 07 numbers. Not `number_type() == MOBILE`: that needs an allocated range, and
    a mobile of a reserved or newly opened range is still somebody's personal number."""
    significant = phonenumbers.national_significant_number(number)
    return number.country_code == 33 and len(significant) == 9 and significant[0] in "67"


def phone_numbers(text: str) -> list[tuple[Span, phonenumbers.PhoneNumber]]:
    """Every phone number written in `text` (a visible text: see normalise.visible), with
    its span, in the order of the text. The same number may come with two overlapping
    spans (found both ways): callers merge what they hide."""
    if not any(character.isdigit() for character in text):
        return []
    found: dict[Span, phonenumbers.PhoneNumber] = {}
    matcher = phonenumbers.PhoneNumberMatcher(text, REGION, leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        found[match.start, match.end] = match.number
    # libphonenumber's matcher gives up on a number glued to other digits ("Valeur-101 06 39
    # ..." or "n° 12 06 39 ..."): a walk over the groups of digits finds those.
    for run in _RUN.finditer(text):
        found.update(_in_run(text, run))
    return sorted(found.items())


def _in_run(text: str, run: re.Match[str]) -> Iterator[tuple[Span, phonenumbers.PhoneNumber]]:
    tokens = [
        (match.start() + run.start(), match.end() + run.start())
        for match in re.finditer(r"\+?\d+", run.group(0))
    ]
    start = 0
    while start < len(tokens):
        # National numbers start with 0, international ones with + or 00: a bare group of
        # digits (a SIRET, a FINESS number, a count) is never taken for a phone number.
        found = _longest(text, tokens, start) if text[tokens[start][0]] in "0+" else None
        if found is None:
            start += 1
            continue
        end, number = found
        yield (tokens[start][0], tokens[end - 1][1]), number
        start = end


def _longest(
    text: str, tokens: list[Span], start: int
) -> tuple[int, phonenumbers.PhoneNumber] | None:
    """(end token, number) of the longest number starting at token `start`."""
    for end in range(min(len(tokens), start + _MAX_TOKENS), start, -1):
        candidate = text[tokens[start][0] : tokens[end - 1][1]]
        if sum(character.isdigit() for character in candidate) > _MAX_DIGITS:
            continue
        number = parse_number(candidate)
        if number is not None:
            return end, number
    return None
