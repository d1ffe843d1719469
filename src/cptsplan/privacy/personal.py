"""Contacts that are personal by their very form, wherever they are written and whether or
not the directory holds them (redact.py hides them in the diffusable edition):

- an e-mail address at a consumer mailbox (gmail.com, orange.fr, wanadoo.fr, laposte.net...)
  belongs to a person: an organisation writes from its own domain;
- an MSSanté address in a profession's domain (« prenom.nom@medecin.mssante.fr ») is a
  clinician's own: the professional orders give one to each of their members;
- a phone number written right after « domicile », « perso », « personnel », « privé »
  says itself that it is somebody's home or own number.

A plan imported from a Word document (`cptsplan import`) is where these show up outside the
directory: the contact line pasted from a PDF, the coordinator's notes, a header, that the
importer could not place in the directory and kept as text. Without the directory, the
diffusable edition printed them (organisations' landlines and e-mails stay printed, as
documented: these are the forms that cannot be an organisation's)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Any

from cptsplan.privacy.emails import (
    ADDRESS,
    ADDRESS_LIKE,
    domain_of,
    may_hold_address,
    spelled_addresses,
)
from cptsplan.privacy.forms import unaccented, written_street
from cptsplan.privacy.normalise import Span, merge, replaced, visible
from cptsplan.privacy.phones import phone_numbers

PERSONAL_MAILBOXES = (
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.fr", "live.fr", "live.com",
    "outlook.com", "outlook.fr", "msn.com", "yahoo.com", "yahoo.fr", "ymail.com",
    "icloud.com", "me.com", "mac.com", "aol.com", "aol.fr", "orange.fr", "wanadoo.fr",
    "free.fr", "sfr.fr", "neuf.fr", "club-internet.fr", "laposte.net", "bbox.fr",
    "numericable.fr", "protonmail.com", "proton.me", "gmx.fr", "gmx.com", "gmx.de",
    "voila.fr", "tutanota.com", "noos.fr", "cegetel.net", "aliceadsl.fr", "dbmail.com",
)  # fmt: skip
"""Consumer mailbox providers in France: an address there is a person's."""
CONSUMER_NAMES = frozenset(
    {"gmail", "googlemail", "hotmail", "yahoo", "ymail", "icloud", "protonmail", "wanadoo",
     "outlook", "gmx"}
)  # fmt: skip
"""Names of consumer mailboxes that no organisation has for its own domain, whatever follows
them: « gmail.fr » (mistyped), « yahoo.co.uk », « protonmail.ch », « outlook.be », and
« @gmail » with its end forgotten. Not « orange », « free », « laposte »: orange.com and
laposte.fr are the companies' own staff."""
PROFESSION_MSSANTE = re.compile(
    r"(?:^|\.)(?:medecin|pharmacien|infirmier|masseur-kinesitherapeute|sage-femme|"
    r"chirurgien-dentiste|pedicure-podologue|psychologue)\.mssante\.fr$"
)
"""MSSanté domains of the professions: one mailbox per clinician. Not an order's own
domain (« cdom59@ordre.mssante.fr » is an institution's public address)."""
_OWN = r"(?:perso|personnel(?:le)?|priv[ée]e?)"
_PHONE_WORD = r"(?:t[ée]l[ée]?phone|t[ée]l\.?|num[ée]ro|n°|ligne|fixe|portable|mobile)"
_PRIVATE_WORD = re.compile(
    rf"(?:(?:(?<!\bà )(?<!\ba )(?<!\bau )(?<!\bde )\bdomicile|\bperso|{_PHONE_WORD}\s+{_OWN})\b"
    r"|\bdom\.)[^\w\d]{0,6}$",
    re.IGNORECASE,
)
"""The words right before a number that say it is somebody's own (« domicile : », « tél.
perso », « ligne privée »); not « soins à domicile », « hospitalisation à domicile », nor
« personnel » or « privé » alone (« le personnel de l'EHPAD », « clinique privée »)."""
_PUBLIC_LINE = r"[.;!?]\s+[^\W\d_]|\b(?:standard|accueil|secr[ée]tariat)\b"
_OWN_NUMBER_OF = re.compile(
    rf"\b{_PHONE_WORD}\s+{_OWN}\b(?:(?!{_PUBLIC_LINE})[^\d]){{0,50}}$", re.IGNORECASE
)
"""« Numéro personnel du Dr Lemaire : », « portable privé de la coordinatrice » : the words
that say it further before the number, with whose it is in between (no digit). Not across
a sentence's end nor a public line's name: « Pas de téléphone perso : utiliser le standard
03 … » hid the switchboard."""
_OWN_BEFORE = 80
_PRIVATE_AFTER = re.compile(rf"^\s*[(\[–-]\s*(?:domicile|{_OWN})\b", re.IGNORECASE)
"""The same words right after it, set apart (« 03 27 45 61 06 (domicile) »)."""
_HOME = re.compile(
    r"(?:(?<!\bà )(?<!\ba )(?<!\bau )(?<!\bde )\bdomicile\b|\bdomicile\s+(?:de\b|du\b|d')\s*"
    r"(?-i:[A-Z])|\badresse\s+(?:perso(?:nnelle)?|priv[ée]e)\b|\bperso\b|\bdom\.|\bhabite\b"
    r"|\bdemeurant\b)[^\d.;]{0,30}$",
    re.IGNORECASE,
)
"""The words before a street that say it is somebody's home (« Domicile : », « au domicile
du Dr Roux : », « adresse perso : », « habite au »); not « soins à domicile », « à domicile
de patients », « clinique privée »."""
_HOME_WORDS = re.compile(r"domicile|perso|priv|dom\.|habite|demeurant", re.IGNORECASE)
_A_DIGIT = re.compile(r"\d")
_MIN_DIGITS = 8
_DIGIT_RUN = re.compile(r"\d(?:[ .\-/()]{0,3}\d)*")
_A_DATE = re.compile(r"\d{1,2}([/.-])\d{1,2}\1\d{2,4}")
_BEFORE = 24
"""How far before a number such a word is looked for (« tél. domicile : »)."""


def personal_spans(text: str, numbers: Iterable[tuple[Span, object]] | None = None) -> list[Span]:
    """Spans of `text` (a normalised view: normalise.visible) that are personal contacts by
    their form; unsorted, may overlap. `numbers`: the phone numbers of `text` when the caller
    has already read them (`phone_numbers(text, lenient=True)`)."""
    found: list[Span] = []
    if may_hold_address(text):
        found += [m.span() for m in ADDRESS.finditer(text) if _personal_domain(domain_of(m))]
    # Disguised in words (« jean.dupont arobase gmail point com », « (a) », « chez »).
    spelled = [span for span, domain in spelled_addresses(text) if _personal_domain(domain)]
    found += [span for span in spelled if span not in found]
    if numbers is None:
        numbers = phone_numbers(text, lenient=True) if any(c.isdigit() for c in text) else ()
    if _HOME_WORDS.search(text) and _A_DIGIT.search(text):
        # A street said to be someone's home: the home address of a person the directory
        # may hold without it, written in an action or a note (« Repli au domicile du Dr
        # Roux : 12 rue des Lilas »). Found without accents, as `_KINDS` are written.
        for match in written_street().finditer(unaccented(text)):
            if _HOME.search(text[max(0, match.start() - _OWN_BEFORE) : match.start()]):
                found.append(match.span())
    for span, _number in numbers:
        before, after = text[max(0, span[0] - _BEFORE) : span[0]], text[span[1] : span[1] + 16]
        further = text[max(0, span[0] - _OWN_BEFORE) : span[0]]
        if (
            _PRIVATE_WORD.search(before)
            or _PRIVATE_AFTER.match(after)
            or _OWN_NUMBER_OF.search(further)
        ):
            found.append(span)
    return found


def every_contact_span(text: str) -> list[Span]:
    """Spans of every phone number (not a short public one: 15, 3237) and every e-mail
    address of `text` (normalised): for text that is all contacts, the lines of a directory
    that the importer could not read as entries."""
    found = [match.span() for match in ADDRESS_LIKE.finditer(text)]
    for span, _number in phone_numbers(text, lenient=True):
        if sum(c.isdigit() for c in text[span[0] : span[1]]) >= _MIN_DIGITS:
            found.append(span)
    # A number mistyped there (« 03.20.12.34.567 », a digit too many) is no phone number to
    # read, but still somebody's: any run of eight digits or more that is not a date.
    read = merge(sorted(found))
    starts = [start for start, _ in read]
    for match in _DIGIT_RUN.finditer(text):
        written, (start, end) = match.group(0), match.span()
        if sum(c.isdigit() for c in written) < _MIN_DIGITS or _A_DATE.fullmatch(written):
            continue
        before = bisect.bisect_left(starts, end) - 1  # the last span read starting before
        if before < 0 or read[before][1] <= start:  # not read already
            found.append((start, end))
    return found


def _personal_domain(domain: str) -> bool:
    domain = domain.rstrip(".")
    if domain in PERSONAL_MAILBOXES or PROFESSION_MSSANTE.search(domain):
        return True
    labels = domain.split(".")
    return any(label in CONSUMER_NAMES for label in labels[:-1] or labels)


def hide_unread_directory_lines(data: dict[str, Any], replacement: str) -> None:
    """The directory's lines that `cptsplan import` could not read as entries (a contact
    line pasted from a PDF) are kept as text, imported under the part `annuaire`: every
    number and e-mail there is somebody's contact, and no entry holds it for the redaction
    to recognise. Changes `data` (the redacted copy); the internal edition prints them, to
    be sorted."""
    for block in data.get("texte_importe") or []:
        if isinstance(block, dict) and block.get("partie") == "annuaire":
            text = block.get("texte")
            if isinstance(text, str):
                view = visible(text)
                spans = (view.original(s) for s in merge(every_contact_span(view.text)))
                block["texte"] = replaced(text, spans, replacement)
