"""The diffusable edition: the same plan without the directory's phone numbers, e-mails and
addresses, and without any mobile number.

The plan is redacted once, on the data model, before any template, running header or
document property sees it (`for_edition`). Contact fields are removed from every directory
entry; in every other text (prose, names, titles, glossary, tables, history...) a directory
number or e-mail address, or the postal address of a person of the directory, is replaced
wherever it appears and however it is written, and so is every French mobile number (06, 07):
a mobile is somebody's personal number, its place is the internal edition's directory.
Short public numbers (15, 112, 3237) are not personal data and are left alone.

Texts are compared in a normalised view (normalise.py): Unicode NFKC, invisible characters (zero
width space, soft hyphen, word joiner, BOM...) dropped, every space or line break a space.
Phone numbers are read by `phonenumbers` (Google's libphonenumber) and compared in E.164, so
"06/39/98/00/15", "(+33) 6 39...", "+33 (0)6 39..." are one number; e-mails are also found
written with "[at]", "(at)", " at ", "[dot]", in capitals.

Used by the documents (render/) and by `cptsplan diff --edition diffusable`: it sits beside
them, not inside render/, so that diff/ and render/ do not import each other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from cptsplan.findings.records import fields_of
from cptsplan.model import Plan, directory_of
from cptsplan.privacy import REPLACEMENT
from cptsplan.privacy.bidi import OVERRIDE, reversed_spans
from cptsplan.privacy.forms import (
    addresses_in,
    addresses_in_entries,
    street_key,
    street_regex,
    street_words,
    unaccented,
    written_in_entries,
)
from cptsplan.privacy.identifiers import NOT_REDACTED, masked_ids
from cptsplan.privacy.near_numbers import NearNumbers, near_number_spans, odd_length
from cptsplan.privacy.normalise import Span, merge, replaced, visible
from cptsplan.privacy.patient import (
    named_nir_spans,
    visible_identity_spans,
    visible_nir_spans,
)
from cptsplan.privacy.personal import hide_unread_directory_lines, personal_spans
from cptsplan.privacy.phones import (
    FrenchNumber,
    dialled,
    is_mobile,
    parse_number,
    phone_numbers,
)
from cptsplan.privacy.spacing import spaced
from cptsplan.privacy.typos import mistyped_mobiles
from cptsplan.schema.placeholders import ToComplete

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

CONTACT_FIELDS = ("telephones", "email", "mssante", "adresse")
"""A directory entry's coordinates: a postal address is one too (often a home address)."""
MIN_DIGITS = 6
MIN_ADDRESS = 8
_SEPARATOR = r"[ .\-/()]{0,3}"
_DIGIT = re.compile(r"\d")


class RedactedPlan(Plan):
    """A plan whose data is already redacted (redacting it again changes nothing). `finder`
    found the directory's contacts, gone from its data: the finished document is searched
    with it too (finished.py), for a custom template's own words."""

    __slots__ = ("finder",)
    finder: ContactFinder


def for_edition(plan: Plan, edition: str) -> Plan:
    """The plan as the edition may show it: itself for the internal edition, a redacted copy
    for the diffusable one (its directory rebuilt from the redacted entries)."""
    if edition == "interne" or isinstance(plan, RedactedPlan):
        return plan
    finder = contact_finder(plan.data)
    data = redact(plan.data, finder)
    redacted = RedactedPlan(**{**fields_of(plan), "data": data, "directory": directory_of(data)})
    redacted.finder = finder
    return redacted


def contact_finder(data: dict[str, Any]) -> ContactFinder:
    """What finds the contacts of `data`'s directory, and every mobile, in a text."""
    written_numbers, written_emails = written_in_entries(data, CONTACT_FIELDS)
    return ContactFinder(
        directory_numbers(data) | written_numbers,
        directory_emails(data) | written_emails,
        directory_addresses(data) | addresses_in_entries(data, CONTACT_FIELDS),
    )


def redact(data: dict[str, Any], finder: ContactFinder | None = None) -> dict[str, Any]:
    """A copy of the plan data fit for the diffusable edition (`data` is not changed)."""
    finder = finder or contact_finder(data)
    # The directory's own contact fields are dropped, not scrubbed: scrubbing them made every
    # contact's pattern compile, for text that is thrown away.
    entries = data.get("annuaire")
    if isinstance(entries, list):
        kept = [_without_contacts(entry) for entry in entries]
        data = {**data, "annuaire": kept}
    copy: dict[str, Any] = _scrub(data, finder)
    hide_unread_directory_lines(copy, REPLACEMENT)
    for entry in _entries(copy):
        if isinstance(entry, dict):
            for name in CONTACT_FIELDS:
                entry.pop(name, None)
    return copy


def _without_contacts(entry: Any) -> Any:
    if not isinstance(entry, dict):
        return entry
    return {name: value for name, value in entry.items() if name not in CONTACT_FIELDS}


def directory_numbers(data: dict[str, Any]) -> set[str]:
    """Every directory number long enough to be personal, as written (any form)."""
    return {
        str(phone.get("numero", ""))
        for entry in _entries(data)
        for phone in (entry["telephones"] if isinstance(entry.get("telephones"), list) else [])
        if isinstance(phone, dict)
        and len(re.sub(r"\D", "", str(phone.get("numero", "")))) >= MIN_DIGITS
    }


def directory_emails(data: dict[str, Any]) -> set[str]:
    return {
        address
        for entry in _entries(data)
        for name in ("email", "mssante")
        if isinstance(entry.get(name), str) and entry[name].strip()
        for address in addresses_in(entry[name])
    }


def directory_addresses(data: dict[str, Any]) -> set[str]:
    """Postal addresses of the directory's people (often a home address), long enough not
    to be a mere word. An organisation's address (a town hall, the CPTS's seat, a hospital)
    is public: written in a text (where the crisis cell meets), it stays."""
    return {
        address
        for entry in _entries(data)
        if entry.get("type") != "organisme"
        and isinstance(entry.get("adresse"), str)
        and len(address := " ".join(visible(entry["adresse"]).text.split())) >= MIN_ADDRESS
    }


def _entries(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    entries = data.get("annuaire")
    return (
        (entry for entry in entries if isinstance(entry, dict))
        if isinstance(entries, list)
        else iter(())
    )


class ContactFinder:
    """Where, in a text, a directory contact or a mobile number is written."""

    def __init__(
        self, numbers: Iterable[str], emails: Iterable[str], addresses: Iterable[str] = ()
    ) -> None:
        self.numbers: set[str] = set()
        unread: set[str] = set()
        for written in numbers:
            text = visible(written).text
            number = parse_number(text)
            if number is not None:
                self.numbers.add(dialled(number))
                continue
            # A field that is more than a number (« 03 53 01 30 01 poste 12 », two lines, its
            # hours) was read as one long run of digits that no text holds: the line copied
            # alone elsewhere was printed. Each number it holds is the directory's.
            inside = [dialled(found) for _, found in phone_numbers(text, lenient=True)]
            self.numbers.update(inside)
            if not inside and (digits := _national_digits(text)):
                unread.add(digits)
        # « 03 53 01 30 0 »: a directory number with a digit lost or doubled (near_numbers.py).
        self.near = NearNumbers(self.numbers)
        # A directory number that phonenumbers cannot read is still found by its digits.
        self.unread = _compiled([_number_regex(d) for d in sorted(unread, key=len, reverse=True)])
        emails = [unaccented(email) for email in emails]
        addresses = [unaccented(address) for address in addresses]
        self.words = [
            (_needle(email), _ascii_words(email), _email_regex(email)) for email in emails
        ]
        self.words += [
            (_needle(text), _ascii_words(text), _address_regex(text)) for text in addresses
        ]
        for address in addresses:
            if (street := street_words(address)) is not None:
                # The street without its town (« 14 impasse des Quenouilles »): still where
                # the person lives. Its kind of street may be abbreviated (« imp. »).
                words = street_key(street)
                self.words.append((_needle(words), _ascii_words(words), street_regex(street)))
        """(a word of the contact, all its words, its pattern): the pattern runs only on a
        text that has the word, so that the cost stays linear in the plan's size, and is
        compiled only then. A text must also hold every word of an ASCII contact (see
        `_folded`): compiling a pattern for each e-mail whose longest word (« coordination »)
        was in some text took a third of `update`."""
        needles = sorted({needle for needle, _, _ in self.words}, key=len, reverse=True)
        self.needles = (
            re.compile("(?=(" + "|".join(map(re.escape, needles)) + "))") if needles else None
        )
        """Finds, in one pass over a text, the longest needle starting at each position."""
        self.prefixes = {
            needle: {other for other in needles if needle.startswith(other)} for needle in needles
        }
        """Each needle -> the needles it starts with: found wherever it is."""

    def spans(self, text: str) -> list[Span]:
        """Spans of `text` (original positions) to hide, sorted and disjoint."""
        view = visible(text)
        numbers = phone_numbers(view.text, lenient=True)
        found = [span for span, number in numbers if self._hidden(number)]
        found += personal_spans(view.text, numbers)
        found += mistyped_mobiles(view.text)  # « 06 39 98 10 0 », a digit short: typos.py
        has_digit = _DIGIT.search(view.text) is not None
        if has_digit:
            # A patient's NIR, birth date or name with an age: an error of the plan
            # (donnees-patient-*), still printed by a draft; never by the shared edition.
            found += visible_nir_spans(view.text) + visible_identity_spans(view.text)
            found += named_nir_spans(view.text)  # « NIR 1 84 12 76 451 089 », its key left out
        if self.unread is not None and has_digit:
            found += [match.span() for match in self.unread.finditer(spaced(view.text))]
        if self.near and has_digit:
            # Read in the text as it is, not `spaced`: that cost 40 ms over the example's
            # texts and document, for a number typed both with a slip and odd separators.
            whole = [span for span, number in numbers if not odd_length(dialled(number))]
            found += near_number_spans(view.text, self.near, whole)
        # Letters without their accents (same length): « QUAI BERENICE » is « quai Bérénice ».
        plain = unaccented(view.text)
        lowered = plain.lower()
        present: set[str] = set()
        if self.needles is not None:
            for match in self.needles.finditer(lowered):
                present |= self.prefixes[match.group(1)]
        folded: str | None = None
        for needle, words, pattern in self.words:
            if needle not in present:  # `needle in lowered`, for all needles at once
                continue
            if words:
                # A text that lacks one of the contact's words cannot hold it.
                folded = folded if folded is not None else _folded(plain)
                if not all(word in folded for word in words):
                    continue
            found += [match.span() for match in _pattern(pattern).finditer(plain)]
        spans = [view.original(span) for span in merge(found)]
        # A number typed backwards behind an override, shown forwards (bidi.py).
        return merge(spans + reversed_spans(text, self.spans)) if OVERRIDE in text else spans

    def _hidden(self, number: PhoneNumber | FrenchNumber) -> bool:
        return is_mobile(number) or dialled(number) in self.numbers

    def scrub(self, text: str) -> str:
        return replaced(text, self.spans(text), REPLACEMENT)


@functools.lru_cache(maxsize=4096)
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


def _compiled(alternatives: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None


_ASCII_LOOKALIKES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
"""The only characters that a case-blind pattern (re.IGNORECASE) matches with an ASCII
letter, besides that letter in either case: « İ », « ı », « ſ » and the Kelvin sign."""


def _folded(text: str) -> str:
    """`text` lowercased so that every character a case-blind ASCII pattern matches with an
    ASCII letter becomes that letter: a contact's pattern can match only a text where each
    word of the (ASCII) contact appears in this form."""
    return text.translate(_ASCII_LOOKALIKES).lower()


def _ascii_words(contact: str) -> tuple[str, ...]:
    """Every word of an ASCII contact, lowercased (none for another: see `spans`)."""
    return tuple(re.findall(r"\w+", contact.lower())) if contact.isascii() else ()


def _needle(contact: str) -> str:
    """The contact's longest word, lowercased: a text without it cannot hold the contact."""
    words: list[str] = re.findall(r"\w+", contact.lower()) or [contact.lower()]
    return max(words, key=len)


def _national_digits(number: str) -> str:
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    for prefix in ("0033", "33"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 9:
            return "0" + digits[len(prefix) :]
    return digits if len(digits) >= MIN_DIGITS else ""


def _number_regex(digits: str) -> str:
    """A directory number's digits with any separators (a number phonenumbers cannot read);
    a leading 0 may also be +33 or 0033. Not part of a longer number: an incomplete one
    (« 03 53 01 ») cut every number that begins with it (« SAMU : [coordonnée…] 00 40 »)."""
    body = _SEPARATOR.join(re.escape(digit) for digit in digits[1:])
    if digits.startswith("0"):
        start = rf"(?:0|(?:\+|00)33{_SEPARATOR}(?:\(0\){_SEPARATOR})?)"
    else:
        start = re.escape(digits[0])
    return rf"(?<!\d)(?<!\d[ .\-/]){start}{_SEPARATOR}{body}(?!{_SEPARATOR}\d)"


_OPEN = "[\\[({<\u00ab\"'\u201c\u2018_-]"
_CLOSE = "[\\])}>\u00bb\"'\u201d\u2019_-]"
_CELL = r"(?:\s*\|)?"
"""A table cell's border in the finished Markdown: « jean.roux | @cpts-lys.example », the
address typed across two fields of a row, which a reader of the table reads whole."""
_AT = (
    rf"(?:{_CELL}\s*(?:\\?@|&#0*64;|&#x0*40;|&commat;)\s*{_CELL}\s*|%40"
    rf"|\s*{_OPEN}\s*(?:at|@|ar?robase|a|chez)\s*{_CLOSE}\s*|\s+(?:at|ar?robase|chez)\s+)"
)
"""@, also escaped (« \\@ »), URL-encoded (« %40 »), an HTML entity (« &#64; »: the
documents print it as typed, a reader decodes it), bracketed or quoted (« (a) », « <at> »,
« « at » », « -at- », « (chez) ») or spelt out, or at a table cell's border."""
_DOT = (
    r"(?:\s*(?:[.\u00b7\u2022\u2219,]|&#0*46;|&#x0*2e;|&period;)\s*"
    r"|\s*[\[({<]\s*(?:dot|point|\.)\s*[\])}>]\s*"
    r"|\s+(?:dot|point)\s+)"
)
"""A dot, also a middle dot or a comma typed for it (« cpts-lys·example »), an HTML entity
(« &#46; »), bracketed or spelt out."""
_HYPHEN = r"\s*-\s*"
"""A hyphen of the address, a line break after it (« cpts-\\nlys », where a line is cut) or
spaces around it (« cpts - lys »)."""


def _email_regex(email: str) -> str:
    """The address, its @ and dots also written [at], (at), " at ", [dot], " point "..."""
    local, _, domain = email.partition("@")

    def dotted(part: str) -> str:
        return _DOT.join(
            _HYPHEN.join(map(re.escape, piece.split("-"))) for piece in part.split(".")
        )

    if not domain:
        return rf"(?<![\w+-]){dotted(local)}(?![\w-])"
    # The same mailbox: its local part quoted (« "jean.roux"@ »), or with a tag that most
    # servers deliver to it (« jean.roux+sse@ »).
    body = rf"\"?{dotted(local)}(?:\+[\w.-]*)?\"?{_AT}{dotted(domain)}"
    return rf"(?<![\w+-]){body}(?![\w-])"


def _address_regex(address: str) -> str:
    """The address's words in order, whatever is written between them (spaces, commas,
    a line break), in any case."""
    return (
        r"(?<!\w)"
        + r"[\W_]{1,4}".join(re.escape(w) for w in re.findall(r"\w+", address))
        + r"(?!\w)"
    )


def _scrub(
    value: Any, finder: ContactFinder, key: str | None = None, ids: dict[str, str] | None = None
) -> Any:
    if ids is None:
        ids = masked_ids(value, finder.scrub, finder.needles, REPLACEMENT)
    if isinstance(value, dict):
        return {name: _scrub(item, finder, name, ids) for name, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, finder, None, ids) for item in value]
    if isinstance(value, str) and value in ids:
        return ids[value]  # the identifier, or a reference to it: both renamed alike
    if isinstance(value, str) and key not in NOT_REDACTED:
        return finder.scrub(value)
    if isinstance(value, ToComplete):
        # « Dr Roux 06 39..., A_COMPLETER »: what was written before the marker is printed.
        # Its own class (a ToComplete, or an Invalid the schema set aside), as `replace` did.
        return type(value)(finder.scrub(value.hint), value.flag, finder.scrub(value.written))
    return value
