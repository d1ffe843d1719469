"""Phone numbers in free text, read by `phonenumbers` (Google's libphonenumber) rather than
by hand-written patterns: "06/39/98/00/15", "(+33) 6 39 98 00 15" and "+33 (0)6 39 98 00 15"
are the same number, compared in E.164 ("+33639980015"). Texts are searched in their
visible form (normalise.py), so spaces of any kind, dashes, line breaks and invisible
characters between the digits change nothing."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from cptsplan.privacy.normalise import Span
from cptsplan.privacy.spacing import spaced

if TYPE_CHECKING:
    import phonenumbers
else:

    class _OnFirstUse:
        """`phonenumbers` imported at its first use: 50 ms that `validate` spent on every
        run through the rules, although most plans write their numbers in the national
        form read below without it."""

        def __getattr__(self, name: str) -> Any:
            module = importlib.import_module("phonenumbers")
            globals()["phonenumbers"] = module
            return getattr(module, name)

    phonenumbers = _OnFirstUse()

REGION = "FR"
"""Numbers without a country code are French."""
# Both patterns start with a character class, so that the engine skips to the digits: `\+?\d+`
# written `[+\d]` and what follows it, the boundary before a date checked after its first
# digit, `(?<![\d.]\d)`. A pattern that starts with an optional part or a lookbehind is tried
# at every position of every text (tests/test_speed_paths.py compares them with the plain
# forms, `\+?\d+(?:...)*` and `(?<![\d.])\d{1,2}...`).
_RUN = re.compile(r"[+\d](?:(?<=\+)\d+|(?<=\d)\d*)(?:[ .\-/()]{0,4}\+?\d+)*")
"""Digits with what may separate them inside one number: candidates for parsing."""
_DATE = re.compile(r"\d(?<![\d.]\d)\d?([/.-])\d{1,2}\1(?:1[89]|2[01])\d\d(?!\d)")
_TOKEN = re.compile(r"\+?\d+")
_MAX_TOKENS = 12
_MAX_DIGITS = 15  # E.164
_MIN_DIGITS = 8
"""No possible number of France or a neighbouring country has fewer digits, with its
country code or its leading 0."""
_MATCHER_CHARS = 40
_CODE_DIGITS = 5
"""A French postal code or INSEE code: five digits."""
_CODE_FIRST = r"0(?:\d{4}|\d{8})(?!\d)"
"""A run that starts with a postal code or a FINESS/SIREN number (see `_codes`)."""
_IDENTIFIER_DIGITS = 9
"""A FINESS or SIREN number: nine digits, from 06 or 07 in the Alpes-Maritimes and the
Ardèche; a digit after it (a count, a day in the next cell) made ten, read as a mobile."""
_HALVES_GAP = re.compile(r"[ .\-/]*")
"""What may stand between the two halves of a mobile (« 06123 45678 », « 06123.45678 »)."""
_TYPED_NUMBER = r"[+(]*\d[\d \u00a0\u202f.\-/()]*"
"""What a phone field holds when it is only a number: digits, separators, a leading +."""
_NATIONAL_REGIONS = frozenset({"FR", "RE", "YT", "GP", "BL", "MF", "GF", "MQ"})
"""Numbers dialled from France with a 0, overseas departments included (0262 ..., 0590 ...)."""
NO_BREAK_SPACE = "\u00a0"


def printed_number(typed: str) -> str:
    """A phone number as the documents print it: French numbers in national form
    ('0639981101', '+33 (0)6 39 98 11 01' -> '06 39 98 11 01'), others in international form
    ('0032 2 123 45 67' -> '+32 2 123 45 67'), with no-break spaces so that a line never
    splits a number. What is not only a number ('03 20 12 34 56 poste 12', '15') is printed
    as typed: nothing the coordinator wrote is lost."""
    if not _compiled(_TYPED_NUMBER).fullmatch(typed.strip()):
        return typed
    parsed = parse_number(typed)
    if parsed is None:
        return typed
    digits = str(parsed.national_number)
    if isinstance(parsed, FrenchNumber) and digits[0] != "8":
        # libphonenumber's national format of these French numbers (not 08: « 0 800 … »),
        # without importing it; the tests compare both on random numbers.
        pairs = [digits[index : index + 2] for index in range(1, 9, 2)]
        return NO_BREAK_SPACE.join(["0" + digits[0], *pairs])
    number = full(parsed)
    region = phonenumbers.region_code_for_number(number)
    national = number.country_code == 33 or region in _NATIONAL_REGIONS
    style = phonenumbers.PhoneNumberFormat
    formatted = phonenumbers.format_number(
        number, style.NATIONAL if national else style.INTERNATIONAL
    )
    return formatted.replace(" ", NO_BREAK_SPACE)


FRANCE = 33
FrenchNumber = NamedTuple(  # noqa: UP014 - the call form on purpose (below)
    "FrenchNumber", [("national_number", int), ("country_code", int)]
)
"""A French number written in national form (0 and nine digits), read without libphonenumber:
most numbers of a plan, and the only ones `validate` meets in most plans, so that it does not
import phonenumbers at all. Same fields as phonenumbers' own. The call form, not a class
body: under `from __future__ import annotations` a class body's field types are texts, which
NamedTuple compiles, and a process's first `compile` costs about 1 ms (issue 20)."""


def full(number: phonenumbers.PhoneNumber | FrenchNumber) -> phonenumbers.PhoneNumber:
    """libphonenumber's own object, for its formats (imports phonenumbers)."""
    if isinstance(number, FrenchNumber):
        return phonenumbers.PhoneNumber(
            country_code=number.country_code, national_number=number.national_number
        )
    return number


def e164(number: phonenumbers.PhoneNumber | FrenchNumber) -> str:
    if isinstance(number, FrenchNumber):
        return f"+{number.country_code}{number.national_number}"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_NATIONAL_FORM = re.compile(r"0[1-9](?:[ .-]?[0-9]{2}){4}")
"""A French number as most plans write it (0 and nine digits, in pairs or not): read here
as libphonenumber reads it, country code 33 and the nine digits after the 0."""


def parse_number(text: str) -> phonenumbers.PhoneNumber | FrenchNumber | None:
    """A possible phone number, read as French when it has no country code."""
    if _NATIONAL_FORM.fullmatch(text.strip()):
        return FrenchNumber(int(re.sub(r"[^0-9]", "", text)), FRANCE)
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


OVERSEAS = frozenset({262, 590, 594, 596})
"""Country codes of the overseas departments dialled from France with a 0 and the same nine
digits: +262 692 12 34 56 (La Réunion) is 0692 12 34 56, a mobile."""


def _significant(number: phonenumbers.PhoneNumber | FrenchNumber) -> str:
    """The national significant number (« 692123456 »), whoever read it."""
    if isinstance(number, FrenchNumber):
        return str(number.national_number)
    return phonenumbers.national_significant_number(number)


def dialled(number: phonenumbers.PhoneNumber | FrenchNumber) -> str:
    """The number as France dials it, in E.164: `e164`, with an overseas department's
    country code read as +33 (+262 262 12 34 56 and 0262 12 34 56 are one line), so that a
    number written in either form is found as the other."""
    significant = _significant(number)
    if number.country_code in OVERSEAS and len(significant) == 9:
        return f"+33{significant}"
    return e164(number)


def is_mobile(number: phonenumbers.PhoneNumber | FrenchNumber) -> bool:
    """A French mobile (`is_french_mobile`), or a foreign number that libphonenumber knows
    as a mobile or a personal number (« +32 470 12 34 56 », a Belgian GSM of a professional
    across the border): as personal as a 06. Only foreign numbers are typed so (the
    metadata is loaded for them alone, which plans seldom hold)."""
    if is_french_mobile(number):
        return True
    if isinstance(number, FrenchNumber) or number.country_code in (FRANCE, *OVERSEAS):
        return False
    kind = phonenumbers.number_type(number)
    return kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.PERSONAL_NUMBER,
    )


def is_french_mobile(number: phonenumbers.PhoneNumber | FrenchNumber) -> bool:
    """06 and 07 numbers, overseas ones too in their international form (+262 692...). Not
    `number_type() == MOBILE`: that needs an allocated range, and a mobile of a reserved or
    newly opened range is still somebody's personal number."""
    significant = _significant(number)
    french = number.country_code == 33 or number.country_code in OVERSEAS
    return french and len(significant) == 9 and significant[0] in "67"


_WIDE_RUN = r"[+\d](?:(?<=\+)\d+|(?<=\d)\d*)(?:[ .\-/()]{0,8}\+?\d+)*"
"""`_RUN` with wider gaps (« 06     39 », and the odd punctuation `spaced` made spaces)."""
_ENOUGH_DIGITS = rf"(?:\d\D*){{{_MIN_DIGITS}}}"
_BARE_CODES = ("33", *(str(code) for code in sorted(OVERSEAS)))


@cache
def _compiled(source: str) -> re.Pattern[str]:
    """A pattern of the lenient reading (the diffusable edition) or of a rare form, compiled
    when first needed: a `validate` uses none of them and need not pay their compilation
    (about 0.6 ms of the start, issue 20)."""
    return re.compile(source)


def phone_numbers(
    text: str, lenient: bool = False
) -> list[tuple[Span, phonenumbers.PhoneNumber | FrenchNumber]]:
    """Every phone number written in `text` (a visible text: see normalise.visible), with
    its span, in the order of the text. The same number may come with two overlapping
    spans (found both ways): callers merge what they hide.

    Only groups of digits are read (a regular expression finds them, at C speed), and each
    is read by libphonenumber's matcher when short enough to be one number, then by a walk
    over its groups of digits, which also finds a number glued to other digits ("Valeur-101
    06 39 ..." or "n° 12 06 39 ..."), where the matcher gives up. The cost stays linear in
    the text: a bounded number of parses per group of digits.

    `lenient` (the diffusable edition, where a number missed is a leak) also reads the odd
    separators and wide gaps of `spaced`, a country code written without its + (« wa.me/
    33639...»), and a number that starts inside one already read (« 0.5 06 39 98 ... »)."""
    found: dict[Span, phonenumbers.PhoneNumber | FrenchNumber] = {}
    # "du 06/07/2026 07/07/2026": two dates are not a mobile number. A date with a
    # four-digit year is blanked out (same length: spans do not move) before the search.
    text = _DATE.sub(lambda match: "x" * len(match.group(0)), text)
    written = text  # before `spaced`: a colon there is no separator (`_codes`)
    if lenient:
        if not _compiled(_ENOUGH_DIGITS).search(text):
            return []  # most texts: no number fits in them
        text = spaced(text)
    for run in (_compiled(_WIDE_RUN) if lenient else _RUN).finditer(text):
        start, end = run.span()
        if end - start < _MIN_DIGITS:
            continue
        walked = dict(_in_run(text, run, lenient, written))
        found.update(walked)
        if (
            not walked
            and text[start] in "0+"
            and end - start <= _MATCHER_CHARS
            and not _compiled(_CODE_FIRST).match(text, start)
        ):
            # A form the walk could not read: libphonenumber's own matcher has the last word
            # (only then: it costs a hundred times a parse). Not after a postal code or a
            # FINESS number, which the walk refused (`_codes`) and the matcher would read
            # with the next digits.
            left = max(0, start - 1)
            matcher = phonenumbers.PhoneNumberMatcher(
                text[left:end], REGION, leniency=phonenumbers.Leniency.POSSIBLE
            )
            for match in matcher:
                found[left + match.start, left + match.end] = match.number
    return sorted(found.items())


def _in_run(
    text: str, run: re.Match[str], lenient: bool = False, written: str = ""
) -> Iterator[tuple[Span, phonenumbers.PhoneNumber | FrenchNumber]]:
    tokens = [match.span() for match in _TOKEN.finditer(text, run.start(), run.end())]
    digits = [end - start - (text[start] == "+") for start, end in tokens]
    start = 0
    while start < len(tokens):
        # National numbers start with 0, international ones with + or 00: a bare group of
        # digits (a SIRET, a FINESS number, a count) is never taken for a phone number.
        found = (
            _longest(text, tokens, digits, start, written or text)
            if text[tokens[start][0]] in "0+"
            else None
        )
        if found is None and lenient:
            found = _bare_country_code(text, tokens, digits, start)
        if found is None:
            start += 1
            continue
        end, number = found
        first, last = tokens[start][0], tokens[end - 1][1]
        if first > 0 and text[first - 1] == "(" and ")" in text[first:last]:
            first -= 1  # "(+33) 6 39 ...": the parenthesis belongs to the number
        elif lenient and text[first] != "+":
            plus = text.rfind("+", max(0, first - 3), first)
            if plus >= 0 and not text[plus + 1 : first].strip():
                first = plus  # "+ 33 6 39 ...": the + belongs to it
        if lenient and text.count("(", first, last) > text.count(")", first, last):
            last += text.startswith(")", last)  # « 06 12 (34 56 78) »: its bracket too
        yield (first, last), number
        # Leniently, the next number may start inside this one: « 0.5 06 39 98 00 15 » reads
        # « 0 5 06 39 98 » first, then the mobile.
        start = start + 1 if lenient else end


def _bare_country_code(
    text: str, tokens: list[Span], digits: list[int], start: int
) -> tuple[int, FrenchNumber] | None:
    """(end token, number) of « 33 6 39 98 00 15 », « 33639980015 », « 262692123456 »: a
    French or overseas country code without its + and nine digits (a 14-digit SIRET that
    starts with 33 is not one: its first group has more digits)."""
    head = text[tokens[start][0] : tokens[start][1]]
    code = next((code for code in _BARE_CODES if head.startswith(code)), None)
    if code is None:
        return None
    count = 0
    for end in range(start + 1, min(len(tokens), start + _MAX_TOKENS) + 1):
        count += digits[end - 1]
        if count == len(code) + 9:
            written = re.sub(r"\D", "", text[tokens[start][0] : tokens[end - 1][1]])
            national = int(written[len(code) :])
            if len(str(national)) == 9:
                return end, FrenchNumber(national, int(code))
            return None
        if count > len(code) + 9:
            return None
    return None


def _longest(
    text: str, tokens: list[Span], digits: list[int], start: int, written: str
) -> tuple[int, phonenumbers.PhoneNumber | FrenchNumber] | None:
    """(end token, number) of the longest number starting at token `start`; `written`: the
    text before `spaced` made its odd separators spaces."""
    ends = []
    count = 0
    for end in range(start + 1, min(len(tokens), start + _MAX_TOKENS) + 1):
        count += digits[end - 1]
        if count > _MAX_DIGITS:
            break
        if count >= _MIN_DIGITS:
            ends.append(end)
    first = text[tokens[start][0] : tokens[start][1]]
    for end in reversed(ends):
        if first[0] == "0" and first[1:2] != "0":
            # A French number in national form has ten digits, a 0 and nine: read it
            # without parsing (most numbers of a plan, and the cost of a digit soup).
            if digits_between(digits, start, end) != 10:
                continue
            if _codes(written, tokens, start, end):
                return None
            written = re.sub(r"\D", "", text[tokens[start][0] : tokens[end - 1][1]])
            return end, FrenchNumber(int(written), FRANCE)
        number = parse_number(text[tokens[start][0] : tokens[end - 1][1]])
        if number is not None:
            return end, number
    return None


def _codes(text: str, tokens: list[Span], start: int, end: int) -> bool:
    """Whether tokens `start` to `end` are postal or INSEE codes of the departments 01 to 09
    beside other digits (« 07100, 07200 », « INSEE 07010 ; 16 500 habitants »), masked as
    mobiles for 06 and 07: a group of five digits from 0, then other groups, but not one
    other group of five not from 0 (« 06123 45678 », a mobile written in two halves); and
    whatever follows a code with something else than a number's separator after it
    (« Antibes (06004) : 73438 habitants », « | 06004 | 73438 | », « CP 06000 | 2 400 »):
    nobody writes a mobile's first five digits so, while a code in brackets, a count after a
    colon or in the next cell is how communes are listed. `text` is as written (its odd
    separators are not yet spaces)."""
    first, *rest = (text[a:b] for a, b in tokens[start:end])
    if len(first) == _IDENTIFIER_DIGITS and [len(group) for group in rest] == [1]:
        return True  # « FINESS 060780491 | 5 octobre » (nobody types a mobile 9 + 1)
    if len(first) != _CODE_DIGITS or not rest:
        return False
    if _HALVES_GAP.fullmatch(text[tokens[start][1] : tokens[start + 1][0]]) is None:
        return True  # « CP 06000 | 2 400 », « (06004) : 73438 »: a code, then other digits
    if len(rest) == 1:  # another code (« 07100, 07200 »), not the half of a mobile
        return len(rest[0]) == _CODE_DIGITS and rest[0][0] == "0"
    # A population in thousands (« 16 500 »); any other grouping (« 06123 456 78 ») is a
    # mobile's, which reading every such shape as codes printed.
    return [len(group) for group in rest] == [2, 3]


def digits_between(digits: list[int], start: int, end: int) -> int:
    return sum(digits[start:end])


# The format of a number the plan may hold (rule `telephone-mal-forme`, and the import's
# short numbers): phone facts, kept with the rest of them; the rule keeps its wording.
SHORT_NUMBERS = frozenset({"15", "17", "18", "112", "114", "115", "119", "191", "196", "197"})
"""Emergency numbers; 4-digit service numbers (3237, 3919...) and 116 xxx are checked apart."""

SEPARATORS = re.compile(r"[\s.\-/\u00a0\u202f]")
_NATIONAL = re.compile(r"0[1-9]\d{8}")
# The rarer forms as text: compiled by `re` (and cached) for the first number not written
# nationally, not at every start (issue 20: validate's start-up).
_INTERNATIONAL = r"\+(?!33)[1-9]\d{6,14}"
_FRANCE = r"(?:\+33|0033)(?:\(0\))?([1-9]\d{8})"
_SERVICE = r"(?:[13]\d{3}|116\d{3})"


def phone_ok(number: str) -> bool:
    """French formats: 10 digits from 0, +33 / 0033 with 9 digits (optional "(0)"), short
    emergency and service numbers, and foreign numbers in international form."""
    compact = SEPARATORS.sub("", number.strip())
    if compact in SHORT_NUMBERS or _NATIONAL.fullmatch(compact):
        return True
    return any(re.fullmatch(pattern, compact) for pattern in (_FRANCE, _SERVICE, _INTERNATIONAL))
