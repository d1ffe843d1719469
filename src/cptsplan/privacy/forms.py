"""How a contact may also be written, for the diffusable edition (redact.py): letters without
their accents, a person's street without its town, and the contacts that a directory entry
holds in its free text (remarks) rather than in its contact fields."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from cptsplan.privacy.emails import ADDRESS, address_of, may_hold_address
from cptsplan.privacy.normalise import visible
from cptsplan.privacy.phones import phone_numbers
from cptsplan.schema.placeholders import ToComplete

_ACCENTS: dict[int, str] = {
    code: base
    for code in range(0xC0, 0x250)
    if len(decomposed := unicodedata.normalize("NFD", chr(code))) > 1
    and (base := decomposed[0]).isascii()
    and all(unicodedata.combining(mark) for mark in decomposed[1:])
}
"""Latin letters with diacritics -> their ASCII letter, one character for one."""
_ACCENTED = re.compile("[" + "".join(map(chr, _ACCENTS)) + "]")


def unaccented(text: str) -> str:
    """`text` with its accented Latin letters plain (« Bérénice » -> « Berenice »), character
    for character so that spans do not move: addresses are often written in capitals without
    accents (La Poste's own style), e-mails are typed without them."""
    if text.isascii():
        return text
    # A few accented letters in a long text: replaced one by one (`str.translate` would go
    # through a dictionary for every character).
    return _ACCENTED.sub(lambda match: _ACCENTS[ord(match.group(0))], text)


_POSTCODE = re.compile(r"(?<!\d)\d{5}(?!\d)")
_STREET = re.compile(
    r"(?<![\w])(\d{1,4})(?:\s*(bis|ter|quater|[a-ps-z])\b)?[\s,]*([^\W\d_]+)\.?\s+([^,;\n]+)",
    re.IGNORECASE,
)
"""House number, its suffix, the kind of street (rue, impasse, quai...), the street's name.
The suffix is never R or Q: « 12 R des Lilas » is a rue (« 12 R » on a street « des »
made « 12 rue des Lilas » a street of nobody's)."""
MIN_NAME = 4


Street = tuple[str, list[str], str]
"""(house number with its suffix, words of the street's name, its kind as written)."""


def street_words(address: str) -> Street | None:
    """The street of an address (« Résidence Les Saules, 14 bis impasse des Quenouilles,
    59660 Merville » -> « 14 bis », [des, Quenouilles], « impasse »); None when the address
    has no numbered street."""
    before_town = _POSTCODE.split(address, maxsplit=1)[0]
    match = _STREET.search(before_town)
    if match is None:
        return None
    number = " ".join(part for part in match.group(1, 2) if part)
    name = re.findall(r"\w+", match.group(4))
    if not name or len("".join(name)) < MIN_NAME:
        return None
    return number, name, match.group(3)


_LINKS = frozenset({"d", "de", "des", "du", "l", "la", "le", "les", "au", "aux", "en"})
"""Small words of a street's name that a hurried writer drops (« 14 Quenouilles »)."""


def street_key(street: Street) -> str:
    """The words every writing of the street holds: its number and the main words of its
    name (a text without one of them cannot hold the street)."""
    number, name, _kind = street
    return " ".join([number, *(word for word in name if word.lower() not in _LINKS)])


_KINDS = frozenset({
    "rue", "r", "avenue", "av", "ave", "boulevard", "bd", "bld", "blvd", "impasse", "imp",
    "place", "pl", "chemin", "ch", "chem", "route", "rte", "allee", "all", "quai", "q",
    "cours", "crs", "square", "sq", "residence", "res", "lotissement", "lot", "voie",
    "sentier", "sente", "passage", "cite", "hameau", "rond-point", "esplanade", "faubourg",
    "fbg", "fg", "parvis", "promenade", "prom", "ruelle", "venelle", "dreve", "mail", "clos",
    "chaussee", "montee", "traverse", "cour", "parc", "domaine", "villa", "rampe", "digue",
    "lieu-dit", "ld", "bvd", "boul", "bvld", "ham", "pass", "esp", "rdpt", "carrefour",
    "terrasse", "galerie",
})  # fmt: skip
"""Kinds of French streets and their abbreviations (unaccented: texts are compared so)."""


def street_regex(street: Street) -> str:
    """The house number, then a kind of street (any of `_KINDS`, or the address's own) or
    none, then the street's name, its small words optional. Any word in the kind's place hid
    sentences that share a person's street words: « le 3 à Lille » for « 3 rue de Lille »,
    « Zone 2 : l'Église » for « 2 place de l'Église »."""
    number, name, kind = street
    kinds = "|".join(map(re.escape, sorted({*_KINDS, kind.lower()}, key=len, reverse=True)))
    house = r"[\W_]{0,2}".join(map(re.escape, number.split()))
    words = [
        rf"(?:{re.escape(word)}[\W_]{{1,4}})?"
        if word.lower() in _LINKS and index < len(name) - 1
        else re.escape(word) + ("" if index == len(name) - 1 else r"[\W_]{1,4}")
        for index, word in enumerate(name)
    ]
    kind_slot = rf"(?:(?:{kinds})\.?[\W_]{{1,4}})?"
    name_pattern = "".join(words)
    # « rue des Lilas n° 12 »: the number after the street, its kind then written.
    after = (
        rf"(?:{kinds})\.?[\W_]{{1,4}}{name_pattern}[\s,]{{1,4}}"
        rf"(?:(?:n°|no\.?|num[ée]ro)\s*)?{house}(?!\s?\d)"
    )
    return rf"(?<!\w)(?:{house}[\s,]{{1,4}}{kind_slot}{name_pattern}|{after})(?!\w)"


def addresses_in(field: str) -> set[str]:
    """The addresses a directory e-mail field holds, in lower case: itself, and each address
    in it when it holds more (« x@y.fr (perso) », two addresses, « mailto:x@y.fr »). Taken
    whole, it was one address that no text holds: the schema refuses such a field, but the
    diffusable `diff` compares a plan as written, and the address copied elsewhere showed."""
    view = visible(field).text
    whole = view.strip().rstrip(".,;").lower()  # no address ends so: a sentence's end
    return {whole, *(address_of(match) for match in ADDRESS.finditer(view))}


_MIN_DIGITS = 8


def written_in_entries(
    data: dict[str, Any], contact_fields: tuple[str, ...]
) -> tuple[set[str], set[str]]:
    """(phone numbers, e-mail addresses) written in the free text of the directory's entries
    (« perso : zk@gmail.example, domicile 03 53 01 99 99 » in `remarques`): contacts of the
    directory too, hidden in the entry and wherever else they are copied."""
    numbers: set[str] = set()
    emails: set[str] = set()
    entries = data.get("annuaire")
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        for name, value in entry.items():
            if name in contact_fields or name == "id":
                continue
            for text in _strings(value):
                view = visible(text).text
                for (start, end), _number in phone_numbers(view, lenient=True):
                    if len(re.sub(r"\D", "", view[start:end])) >= _MIN_DIGITS:
                        numbers.add(view[start:end])
                if may_hold_address(view):
                    emails.update(address_of(match) for match in ADDRESS.finditer(view))
    return numbers, emails


@functools.cache
def written_street() -> re.Pattern[str]:
    """A numbered street in a sentence (a kind of street from `_KINDS` after the number, so
    that « 3 lits de réanimation » is none), its name up to a comma, a bracket, « à » or a
    figure, then the postcode and town if they follow."""
    kinds = "|".join(map(re.escape, sorted(_KINDS, key=len, reverse=True)))
    return re.compile(
        rf"(?<!\w)\d{{1,4}}(?:\s*(?:bis|ter|quater)\b)?[\s,]{{1,3}}(?:{kinds})\.?\s+"
        r"[^\W\d_][^,;()\[\]\n\d.]*?(?=\s+a\s|\s*[,;()\[\]\n\d.]|$)"
        r"(?:,?\s*\d{5}\s+[^\W\d_][\w'-]*(?:[ -][^\W\d_][\w'-]*)*)?",
        re.IGNORECASE,
    )


def addresses_in_entries(data: dict[str, Any], contact_fields: tuple[str, ...]) -> set[str]:
    """Streets written in the free text of the directory's people (« Domicile : 12 rue des
    Lilas, 59000 Lille » in `remarques`, the `adresse` left empty): a person's address like
    the one of the field, hidden there and wherever it is copied. Not an organisation's:
    where it receives the public is public."""
    found: set[str] = set()
    entries = data.get("annuaire")
    pattern: re.Pattern[str] | None = None
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or entry.get("type") == "organisme":
            continue
        for name, value in entry.items():
            if name in contact_fields or name == "id":
                continue
            for text in _strings(value):
                if not any(character.isdigit() for character in text):
                    continue
                view = visible(text).text
                pattern = pattern or written_street()
                # Texts are compared without accents (« allée » is « allee » of `_KINDS`).
                found.update(view[m.start() : m.end()] for m in pattern.finditer(unaccented(view)))
    # A street with a name (« 2 rue du » cut before « 8 Mai 1945 » is none: it would hide
    # the start of every « 2 rue du ... »).
    return {address for address in found if street_words(address) is not None}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, ToComplete):
        yield from (value.written, value.hint)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
