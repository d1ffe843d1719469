"""French mobile numbers typed with one digit missing or one too many (« 06 39 98 10 0 »,
« 06 39 98 10 011 », « 6 39 98 10 01 », « +33 6 39 98 10 0 »): no number to libphonenumber
(phones.py), yet a reader of the diffusable edition has somebody's personal number but for
one digit, which a few calls find. The diffusable edition hides them too.

A group of digits is taken for such a number only when it is written as a mobile is, both
its start and its rhythm, because a count, a code or a date must never be hidden (the
document would then be wrong):

- its start: « 06 » or « 07 », or « 6 » or « 7 » after +33, 0033, (+33) or +33 (0);
- its rhythm: five groups (after the country code, if any) written with one and the same
  separator, spaces, a dot or a dash (« 06 39 98 10 0 », « 06.39.98.10.0 »,
  « 06-39-98-10-0 »); the first the start above, the others pairs but exactly one of one
  or three digits, where the digit is missing or extra;
- or « 6 » or « 7 » then four pairs, the 0 forgotten (« 6 39 98 10 01 »).

So nothing is read in a run of digits without separators (« 063998100 »: a FINESS or SIREN
number of the Alpes-Maritimes or the Ardèche has nine digits from 06 or 07), in groups of
three, four or five (« 060 780 491 », « SIRET 062 123 456 00012 », postal codes « 06000
06100 », populations « 73 438 », dates « 06 07 2026 »), in a list (commas, semicolons,
table cells, which are not a number's separators), nor with one separator in one place and
another elsewhere. Nor after the name of an identifier (« FINESS 06 07 80 49 1 »,
« version 06.07.12.34.5 »), glued to a word (« vol AF06 39 98 10 0 »), nor before a month
or a unit (« les 6 13 20 27 30 juin », « 7 10 15 20 30 min »). What remains is no code
France uses, and the price is only a list of pairs of a 06/07 shape with nothing to say
what it is (« relèves 06 30 14 30 2 »), which nobody writes.

Left printed, because two slips in one number make anything look like one: a mistyped
number glued to other digits with the same separator (« 12 06 39 98 10 0 »), written with
odd separators (« 06,39,98,10,0 ») or with a letter O, or missing a whole pair
(« 06 39 98 10 »)."""

from __future__ import annotations

import re

from cptsplan.privacy.normalise import Span

_RUN = re.compile(r"\d(?<!\d\d)\d*(?:(?: {1,3}| ?[.-] ?)\d+)+")
"""Groups of digits with what separates a number's groups between them (a visible text: every
space is a plain space). It starts with a digit class, so that the engine skips to digits."""
_GROUP = re.compile(r"\d+")
_GROUPS = 5
_STARTS = ("06", "07")
_LOST_ZERO = ("6", "7")
_ONE_OFF = ([1, 2, 2, 2], [2, 2, 2, 3])
"""The sorted sizes of the four groups after the start: one digit missing, one extra."""
_COUNTRY = re.compile(r"(?:(?:\+|00) ?33|\(\+33\)|\+\(33\)) ?(?:\(0\) ?)?$")
"""+33, 0033, (+33), with an optional (0), right before the « 6 » of a number."""
_PLUS_BEFORE = re.compile(r"(?:\+ ?|\(\+)$")
IDENTIFIER = re.compile(
    r"\b(?:FINESS|SIRE[NT]|INSEE|RPPS|ADELI|UAI|NAF|APE|code(?:\s+postal)?|CP|version)\b"
    r"(?:\s*(?:n°|no|num[ée]ro|:))?\W{0,4}$",
    re.IGNORECASE,
)
"""The name of an identifier right before the digits: « FINESS 06 07 80 49 1 »."""
_UNIT = re.compile(
    r"\s*(?:(?:janv(?:ier)?|f[ée]v(?:rier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t"
    r"|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?|h|heures?|min(?:utes?)?"
    r"|euros?|ans?|jours?|lits?|places?|hab|habitants?|patients?|personnes?|pers|km|kg|mg"
    r"|ml|m|[ée]l[èe]ves?|enfants?|r[ée]sidents?)\b|%|€|m²)",
    re.IGNORECASE,
)
"""A month or a unit right after the digits: « les 6 13 20 27 30 juin »."""
_BEFORE = 24


def mistyped_mobiles(text: str) -> list[Span]:
    """Spans of `text` (a visible text: normalise.visible) that are French mobile numbers
    with one digit missing or extra, by the rule of the module's docstring; unsorted, may
    overlap."""
    found: list[Span] = []
    for run in _RUN.finditer(text):
        groups = [match.span() for match in _GROUP.finditer(text, run.start(), run.end())]
        if len(groups) < _GROUPS:
            continue
        for first in range(len(groups)):
            span = _number_at(text, groups, first)
            if span is not None:
                found.append(span)
    return found


def _number_at(text: str, groups: list[Span], first: int) -> Span | None:
    """The span of a mistyped mobile whose first group (or country code: « 33 », « 0033 »)
    is `groups[first]`, if it is one."""
    start = groups[first][0]
    before = text[max(0, start - _BEFORE) : start]
    head = text[slice(*groups[first])]
    country = _COUNTRY.search(before)
    plus = _PLUS_BEFORE.search(before)
    if head == "0033" or (head == "33" and plus):
        # The country code in the run (« +33 6 39 98 10 0 »): the number starts at its +.
        start -= len(plus.group(0)) if plus else 0
        first += 1
        international = True
    elif country and head in _LOST_ZERO:  # « +33 (0)6 39 98 10 0 », « (+33) 6 39 … »
        start -= len(country.group(0))
        international = True
    else:
        international = False
    last = first + _GROUPS
    if last > len(groups):
        return None
    window = [text[a:b] for a, b in groups[first:last]]
    gaps = {text[groups[index][1] : groups[index + 1][0]] for index in range(first, last - 1)}
    if len(gaps) != 1:
        return None  # « 06.07 12 34 5 »: not one number's separator throughout
    # Nothing glued before or after with the same separator: the five groups are the whole
    # number (« 12 06 39 98 10 0 » is some list of digits).
    gap = gaps.pop()
    if first > 0 and not international and text[groups[first - 1][1] : start] == gap:
        return None
    if last < len(groups) and text[groups[last - 1][1] : groups[last][0]] == gap:
        return None
    sizes = sorted(len(group) for group in window[1:])
    if international:
        shaped = window[0] in _LOST_ZERO and sizes in _ONE_OFF
    else:
        shaped = (window[0] in _STARTS and sizes in _ONE_OFF) or (
            window[0] in _LOST_ZERO and sizes == [2, 2, 2, 2]
        )
    end = groups[last - 1][1]
    if not shaped or glued(text, start, end):
        return None
    if after_identifier(text, start) or _UNIT.match(text, end):
        return None
    return start, end


def glued(text: str, start: int, end: int) -> bool:
    """Whether a word is written against the number (« AF06 39 98 10 0 », « 6 39 98 10 01h »),
    which makes it a reference of some kind."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or before == "_" or after.isalnum() or after == "_"


def after_identifier(text: str, start: int) -> bool:
    """Whether the name of an identifier is written right before `start` (« FINESS »)."""
    return IDENTIFIER.search(text[max(0, start - _BEFORE) : start]) is not None
