"""The crisis directory as vCard 4.0 (RFC 6350), one card per entry, for phones' contacts.

- Text values escape backslash, comma, semicolon and line breaks (RFC 6350 §3.4); the
  components of N, ADR and ORG are escaped one by one and joined by bare semicolons.
- Lines are folded at 75 octets (§3.2), never inside a UTF-8 character, with CRLF line ends.
- Phone numbers are free-form text in international form ("+33 3 53 01 00 10"), the form
  every phone dials and every contacts application shows as it is (a `tel:` URI is shown as
  typed by some importers). TYPE says cell, voice or fax, and work; the number reachable
  24 h/24 comes first, with PREF=1 and the label « 24 h/24 » (an `X-ABLabel` of the same
  group, which Apple and Google contacts show), and is repeated in NOTE.
- The MSSanté address is a second EMAIL labelled « MSSanté »; the deputy, the remarks and
  the date the entry was checked go in NOTE; the check date is also REV.
- UID is derived from the CPTS and the entry's id: importing a new export updates the same
  contacts instead of adding copies.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from cptsplan.annuaire.common import (
    PRIVACY_NOTICE,
    category_label,
    deputy,
    display_name,
    entries,
    international,
    known,
    phones,
    text,
)
from cptsplan.messages.dates import french_date
from cptsplan.model import Plan

LINE_OCTETS = 75
CRLF = "\r\n"
_NAMESPACE = uuid.UUID("6f1c2a8e-2f4b-4e0e-9c55-7b1d0f3a9e21")
"""Fixed namespace of cptsplan's card UIDs (uuid5 of CPTS name and entry id)."""
_PHONE_TYPES = {"mobile": "cell", "fax": "fax"}
_ESCAPES = {"\\": "\\\\", ",": "\\,", ";": "\\;", "\n": "\\n"}
_TO_ESCAPE = re.compile(r"[\\,;\n]")


def escape(value: str) -> str:
    """One text value (or one component of a structured value)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _TO_ESCAPE.sub(lambda match: _ESCAPES[match.group(0)], value)


def structured(*components: str) -> str:
    return ";".join(escape(component) for component in components)


def fold(line: str) -> str:
    """A content line folded at 75 octets: CRLF then one space, never inside a character."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line
    pieces: list[str] = []
    current = ""
    size = 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
            limit = LINE_OCTETS - 1  # continuation lines start with the space
        current += char
        size += width
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def card(plan: Plan, entry: dict[str, Any]) -> list[str]:
    """The content lines of one entry's card (not folded)."""
    organisation = entry.get("type") == "organisme"
    lines = ["BEGIN:VCARD", "VERSION:4.0"]
    lines.append(f"UID:urn:uuid:{uuid.uuid5(_NAMESPACE, plan.name + '/' + entry['id'])}")
    lines.append("KIND:org" if organisation else "KIND:individual")
    lines.append(f"FN:{escape(display_name(entry))}")
    if not organisation:
        lines.append(
            f"N:{structured(text(entry.get('nom')), text(entry.get('prenom')), '', '', '')}"
        )
    org = text(entry.get("nom")) if organisation else text(entry.get("structure"))
    if organisation and text(entry.get("structure")):
        lines.append(f"ORG:{structured(org, text(entry.get('structure')))}")
    elif org:
        lines.append(f"ORG:{structured(org)}")
    title = " – ".join(
        part for part in (text(entry.get("profession")), text(entry.get("fonction"))) if part
    )
    if title:
        lines.append(f"TITLE:{escape(title)}")
    group = 0
    numbers = sorted(phones(entry), key=lambda phone: not phone.h24)  # 24 h/24 first
    for phone in numbers:
        group += 1
        kinds = [_PHONE_TYPES.get(phone.usage, "voice"), "work"]
        preference = ";PREF=1" if phone.h24 and phone is numbers[0] else ""
        lines.append(
            f"item{group}.TEL;TYPE={','.join(kinds)}{preference}:"
            f"{escape(international(phone.number))}"
        )
        if phone.label:
            lines.append(f"item{group}.X-ABLabel:{escape(phone.label)}")
    if known(entry.get("email")):
        lines.append(f"EMAIL;TYPE=work;PREF=1:{escape(text(entry['email']))}")
    if known(entry.get("mssante")):
        group += 1
        lines.append(f"item{group}.EMAIL;TYPE=work:{escape(text(entry['mssante']))}")
        lines.append(f"item{group}.X-ABLabel:MSSanté")
    if known(entry.get("adresse")) or known(entry.get("commune")):
        address = text(entry.get("adresse"))
        commune = text(entry.get("commune"))
        lines.append(f"ADR;TYPE=work:{structured('', '', address, commune, '', '', '')}")
    categories = [plan.name] + ([category_label(entry)] if category_label(entry) else [])
    lines.append("CATEGORIES:" + ",".join(escape(category) for category in categories))
    note = notes(plan, entry, numbers)
    if note:
        lines.append(f"NOTE:{escape(note)}")
    checked = entry.get("verifie_le")
    if isinstance(checked, date):
        lines.append(f"REV:{checked:%Y%m%d}T000000Z")
    lines.append("END:VCARD")
    return lines


def notes(plan: Plan, entry: dict[str, Any], numbers: Iterable[Any]) -> str:
    parts = []
    h24 = [international(phone.number) for phone in numbers if phone.h24]
    if h24:
        parts.append("Joignable 24 h/24 : " + ", ".join(h24))
    if known(entry.get("commune")) and entry.get("type") != "organisme":
        parts.append(f"Commune : {text(entry['commune'])}")
    if deputy(plan, entry):
        parts.append(f"Suppléant : {deputy(plan, entry)}")
    if known(entry.get("remarques")):
        parts.append(f"Remarques : {text(entry['remarques'], keep_lines=True)}")
    checked = entry.get("verifie_le")
    if isinstance(checked, date):
        parts.append(f"Coordonnées vérifiées le {french_date(checked)}")
    parts.append(f"{plan.name}, annuaire de crise du plan SSE. {PRIVACY_NOTICE}.")
    return "\n".join(parts)


def export(plan: Plan) -> bytes:
    """Every entry's card, folded, UTF-8, CRLF line ends."""
    lines = [fold(line) for entry in entries(plan) for line in card(plan, entry)]
    return (CRLF.join(lines) + CRLF).encode("utf-8")
