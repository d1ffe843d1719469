"""A directory number typed with one digit missing or one too many (« 03 53 01 30 0 »,
« 03 53 01 30 011 », « 3 53 01 30 01 », « +33 3 53 01 30 0 », « 035301300 »): no number to
libphonenumber, so the redaction (redact.py) did not recognise it, and the diffusable
edition printed a person's home line but for one digit, which a few calls find.

The promise is that no number of the directory is printed, however it is written
(README, « Édition diffusable »): a number a digit short or long is one more way of writing
it. typos.py hides every mobile so typed, by its shape alone; a landline cannot be told
personal by its shape, but when its digits are those of a directory number with one digit
lost or doubled, it is that number. Nothing correct is hidden so: a French number has ten
digits, and a group of nine or eleven is nobody else's line. A number that differs from a
directory number by one digit changed or two swapped is left printed: it is another valid
line, possibly a public one.

Not read as such a number: digits glued to a word (« réf.A03 53 01 30 0 »), after the name
of an identifier (« FINESS 03 53 01 30 0 »), or overlapping a whole number already read
(« 03 53 01 30 01 | 1 »: the number, then a count in the next cell, is hidden as a number
and the count stays). Left printed too, because two slips make anything look like one: such
a number also written with odd separators (« 03_53_01_30_0 », « 03 ★ 53 … », which the
lenient reading of whole numbers takes as spaces) or a letter O for a zero; reading them so
cost 40 ms over the example's texts and document (phones.spaced on every text)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from cptsplan.privacy.normalise import Span, merge
from cptsplan.privacy.typos import after_identifier, glued

_RUN = re.compile(r"[+\d](?:(?<=\+)\d+|(?<=\d)\d*)(?:[ .\-/()]{0,3}\+?\d+)*")
"""Digits with what may separate them inside one number (as phones._RUN)."""
_GROUP = re.compile(r"\+?\d+")
_COUNTRY = re.compile(r"^\(?(?:\+|00)33\)?(?:\(0\))?")
_NATIONAL = 10
_MOST = _NATIONAL + 6
"""The most characters of digits (and a +) a window may hold: « 0033 (0)3 53 01 30 011 »."""
_MAX_GROUPS = 12


class NearNumbers:
    """The national forms (« 0353013001 ») of the directory's French numbers, and every
    form of them with one digit lost."""

    __slots__ = ("numbers", "short")

    def __init__(self, dialled: Iterable[str]) -> None:
        self.numbers = frozenset(
            "0" + number[3:] for number in dialled if number.startswith("+33") and len(number) == 12
        )
        self.short: dict[str, list[str]] = {}
        for number in sorted(self.numbers):  # two numbers may lose a digit into one form
            for index in range(_NATIONAL):
                shorter = self.short.setdefault(number[:index] + number[index + 1 :], [])
                if number not in shorter:  # « 0353010011 » loses either 1 into one form
                    shorter.append(number)

    def __bool__(self) -> bool:
        return bool(self.numbers)

    def is_near(self, written: str) -> bool:
        """Whether `written` (a number's groups and separators) is a directory number with
        one digit lost or doubled."""
        return self.match(written) is not None

    def match(self, written: str) -> tuple[list[str], bool] | None:
        """The directory numbers (national form, « 0353013001 ») that `written` is with one
        digit lost or doubled (two when a doubled digit may be either's: « 03 53 01 04 100 »
        is 03 53 01 04 10 or 03 53 01 04 00), and whether the digit was lost; None if none."""
        for reading in national_readings(written):
            numbers = self._near(reading)
            if numbers:
                return numbers, len(reading) < _NATIONAL
        return None

    def _near(self, digits: str) -> list[str]:
        if len(digits) == _NATIONAL - 1:
            return self.short.get(digits, [])
        if len(digits) == _NATIONAL + 1:
            candidates = (digits[:index] + digits[index + 1 :] for index in range(len(digits)))
            return sorted({number for number in candidates if number in self.numbers})
        return []


def national_readings(written: str) -> list[str]:
    """The national digits `written` stands for: « +33 (0)3 53 01 30 01 » and
    « 0033 3 53 01 30 01 » are 0353013001; « + 33 3 53 01 30 0 », the + apart, may be its
    digits alone or those after the country code (both, in that order)."""
    compact = re.sub(r"[^\d+()]", "", written)
    country = _COUNTRY.match(compact)
    digits = re.sub(r"\D", "", compact[country.end() :] if country else compact)
    if country:
        return ["0" + digits]
    return [digits, *(["0" + digits[2:]] if digits.startswith("33") else [])]


def odd_length(dialled: str) -> bool:
    """A French number a digit short or long, as libphonenumber reads some (« 03 53 01 30 0 »
    is +33 35301300, a possible number to it): not a whole number for `near_number_spans`."""
    return dialled.startswith("+33") and (len(dialled) != len("+33") + 9 or dialled[3] == "0")


def near_number_spans(text: str, near: NearNumbers, whole: list[Span]) -> list[Span]:
    """Spans of `text` (a visible text: normalise.visible) that are a directory number with
    one digit lost or doubled, outside `whole` (the numbers already read in it); unsorted,
    may overlap."""
    found: list[Span] = []
    read = merge(whole)
    starts = [start for start, _ in read]
    for run in _RUN.finditer(text):
        if run.end() - run.start() < _NATIONAL - 1:
            continue  # most runs of a text (a year, a count, a date): too short to be one
        groups = [match.span() for match in _GROUP.finditer(text, run.start(), run.end())]
        for first in range(len(groups)):
            count = 0
            for last in range(first, min(len(groups), first + _MAX_GROUPS)):
                start, end = groups[first][0], groups[last][1]
                count += groups[last][1] - groups[last][0]
                if count > _MOST or _overlaps(read, starts, start, end):
                    break
                if count >= _NATIONAL - 1 and near.is_near(text[start:end]):
                    plus = text.rfind("+", max(0, start - 3), start)
                    if plus >= 0 and not text[plus + 1 : start].strip():
                        start = plus  # « + 33 3 53 … »: the + belongs to it
                    closed = text.count(")", start, end) > text.count("(", start, end)
                    if start > 0 and text[start - 1] == "(" and closed:
                        start -= 1  # « (+33) 3 53 … »: its bracket too
                    if _alone(text, start, end):
                        found.append((start, end))
    return found


def _overlaps(read: list[Span], starts: list[int], start: int, end: int) -> bool:
    """Whether `start`-`end` overlaps one of `read` (sorted, disjoint; `starts` their starts)."""
    before = bisect_left(starts, end) - 1  # the last span read that starts before `end`
    return before >= 0 and read[before][1] > start


def _alone(text: str, start: int, end: int) -> bool:
    """Not glued to a word, nor after the name of an identifier (as a mistyped mobile)."""
    return not glued(text, start, end) and not after_identifier(text, start)
