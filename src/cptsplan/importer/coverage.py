"""Whether the content of a paragraph or a table row went into the fields of the plan.

A field does not keep a cell word for word when it holds a value: « 05/10/2026 » is the
date 2026-10-05, « 06 39 98 20 01 (mobile, 24 h/24) » a number with its usage and its
24 h/24 flag, « 19 400 habitants » the number 19400. Comparing letters and digits only
would call such a row not placed, and copy it again as imported text. Here dates are
compared as dates, phone numbers in E.164 (with the usage written after them in brackets),
numbers followed by one word as numbers, and every other piece of the text (cut at its line
breaks, « ; » and « / ») must be found, letters and digits only, inside one field.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache, lru_cache
from typing import Any

from cptsplan.importer.sections import plain

_NOT_WORD = re.compile(r"[\W_]+")
_PIECES = re.compile(r"\n| ; | / | \| ")
_ITEM_PIECES = re.compile(r"\n| ; | / | \| |, | \(|\)")
_COUNT = re.compile(r"(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:\s+[^\W\d]+)?")
_USAGE = re.compile(r"^\s*\(([^()]{1,60})\)")
_DIGIT = re.compile(r"\d")
_TITLE = re.compile(r"^\s*(?:dr|pr|docteure?|professeure?|mme|mlle|madame|monsieur|m)\.?\s+", re.I)
_BEFORE_DATE = re.compile(r"\b(?:le|du|au)\s+$", re.IGNORECASE)
_H24 = re.compile(r"^24\s*h\s*/\s*24$|^h24$|^24/24$")


@lru_cache(maxsize=65_536)  # the same values are squeezed for the plan and for each item
def squeeze(text: str) -> str:
    """Letters and digits only, without accents: « Élevé » is the choice `eleve`."""
    return _NOT_WORD.sub("", plain(text))


class Fields:
    """What the plan's fields (or one item's) hold, in the forms compared. Only the text is
    made at once: most rows are found word for word, and the numbers, dates and choice
    labels are read from the values the first time a row needs them."""

    def __init__(self, values: list[str], data: dict[str, Any]) -> None:
        self.values = values
        squeezed = [squeeze(v) for v in values]
        self.text = "|".join(squeezed)
        """Every value, letters and digits only, `|` between two values."""
        self._whole = set(squeezed)
        self._data = data
        self._phones: dict[str, set[str]] | None = None
        self._dates: set[date] | None = None
        self._labels: set[str] | None = None

    def hold(self, key: str) -> bool:
        """`key` is in `text`: a whole value is found in a set, the rest searched in the
        text (the plan's is some 100 KB, searched to its end for a key it does not hold)."""
        return key in self._whole or key in self.text

    @property
    def phones(self) -> dict[str, set[str]]:
        """E.164 number -> what the directory says of it (its usage, « 24 h/24 »)."""
        if self._phones is None:
            from cptsplan.messages.vocabulary import PHONE_USAGES

            phones: dict[str, set[str]] = {}
            for value in self.values:
                for number in _numbers(value):
                    phones.setdefault(number, set())
            for entry in self._data.get("annuaire", []):
                for phone in entry.get("telephones", []) if isinstance(entry, dict) else []:
                    for number in _numbers(str(phone.get("numero", ""))):
                        notes = phones.setdefault(number, set())
                        notes.add(PHONE_USAGES.get(str(phone.get("usage")), ""))
                        if phone.get("h24") in (True, "oui"):
                            notes.add("24 h/24")
            self._phones = phones
        return self._phones

    @property
    def dates(self) -> set[date]:
        if self._dates is None:
            self._dates = set()
            for value in self.values:
                self._dates.update(_days(value))
        return self._dates

    @property
    def labels(self) -> set[str]:
        """The labels the plan prints for the choices it holds (« Zone isolée », « Plan
        ORSAN (ARS) »), letters and digits only."""
        if self._labels is None:
            printed = _printed()
            self._labels = {label for value in self.values for label in printed.get(value, ())}
        return self._labels


@lru_cache(maxsize=16_384)
def _numbers(text: str) -> tuple[str, ...]:
    """The phone numbers written in a value, in E.164 (a directory entry's numbers are read
    once, however many rows name it)."""
    from cptsplan.privacy.phones import e164, phone_numbers

    if len(_DIGIT.findall(text)) < 8:
        return ()
    return tuple(e164(number) for _span, number in phone_numbers(text))


@lru_cache(maxsize=16_384)
def _days(text: str) -> tuple[date, ...]:
    from cptsplan.importer.dates import dates_in

    return tuple(day for _span, day in dates_in(text)) if _DIGIT.search(text) else ()


@cache
def _printed() -> dict[str, set[str]]:
    """Choice code -> the labels printed for it, letters and digits only."""
    from cptsplan.importer.choices import vocabularies

    printed: dict[str, set[str]] = {"True": {"oui"}, "False": {"non"}}  # a yes-or-no field
    for vocabulary in vocabularies():
        for code, label in vocabulary.items():
            printed.setdefault(code, set()).add(squeeze(label))
    return printed


def covered(text: str, fields: Fields, strict: bool = False) -> bool:
    """Everything `text` says is in the fields (see the module's docstring). `strict`, when
    the fields are the whole plan's: no cutting in pieces (a name found in the directory
    does not make a cell of names placed)."""
    if fields.hold(squeeze(text)):
        return True
    from cptsplan.importer.dates import dates_in
    from cptsplan.importer.phone_labels import labels
    from cptsplan.privacy.phones import e164, phone_numbers

    cuts: list[tuple[int, int]] = []
    if len(_DIGIT.findall(text)) >= 8:
        found = phone_numbers(text)
        heads = labels(text, [span for span, _number in found])
        for ((start, end), number), (head, _own) in zip(found, heads, strict=True):
            notes = fields.phones.get(e164(number))
            if notes is None:
                return False
            if head.strip() and _said(head, notes):
                start -= len(head)  # « Astreinte 24 h/24 : » before it: the directory says so
            usage = _USAGE.match(text[end:])
            if usage and all(
                part.strip() in notes or (_H24.match(part.strip()) and "24 h/24" in notes)
                for part in plain(usage.group(1)).split(",")
            ):
                end += usage.end()  # « (mobile, 24 h/24) »: what the directory says of it
            cuts.append((start, end))
    numbers = list(cuts)
    for (start, end), day in dates_in(text):
        if any(start < after and before < end for before, after in numbers):
            continue  # « 06.12.34.00.31 » is a phone number, not the date 06.12.34
        if day not in fields.dates:
            return False
        # « oui, du 5 février 2024 », « le 12/03/2025 »: the word before a date is the date's.
        before = _BEFORE_DATE.search(text, 0, start)
        cuts.append((before.start() if before else start, end))
    rest = text
    if strict and len(cuts) != 1:
        return False
    for start, end in sorted(cuts, reverse=True):
        rest = rest[:start] + "\n" + rest[end:]
    # Against one item's fields, a cell is read piece by piece, its lists (« T3, T2 ») and
    # brackets (« Claire Vandamme (présidente, Cabinet du Beffroi) ») included.
    for piece in (_PIECES if strict else _ITEM_PIECES).split(rest):
        key = squeeze(piece)
        if not key or fields.hold(key) or key in fields.labels:
            continue
        # « Dr Isabelle Renard »: the directory holds the name, the title is how it is said.
        untitled = squeeze(_TITLE.sub("", piece))
        if untitled != key and len(untitled) >= 4 and untitled.isalpha() and fields.hold(untitled):
            continue
        count = _COUNT.fullmatch(piece.strip(" .,:;()"))
        if count is None or not fields.hold(squeeze(count.group(1))):
            return False
    return True


def _said(label: str, notes: set[str]) -> bool:
    """The label written before a number (« Standard : », « Astreinte 24 h/24 : ») is what
    the directory holds of that number (its usage, its 24 h/24 flag)."""
    from cptsplan.importer.phone_labels import label_usage
    from cptsplan.messages.vocabulary import PHONE_USAGES

    usage, all_day = label_usage(label, "")
    return (
        usage is not None
        and PHONE_USAGES.get(usage) in notes
        and (not all_day or "24 h/24" in notes)
    )
