"""Formats des coordonnées : numéros de téléphone français (fixe, mobile, +33, numéros
courts d'urgence et de service), courriels, adresses MSSanté (domaine en mssante.fr)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cptsplan.findings.problems import Severity
from cptsplan.model import Plan
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import is_placeholder, items

SHORT_NUMBERS = frozenset({"15", "17", "18", "112", "114", "115", "119", "191", "196", "197"})
"""Emergency numbers; 4-digit service numbers (3237, 3919...) and 116 xxx are checked apart."""

_SEPARATORS = re.compile(r"[\s.\-/\u00a0\u202f]")
_NATIONAL = re.compile(r"0[1-9]\d{8}")
# The rarer forms as text, compiled by `re` for the first number not written nationally.
_INTERNATIONAL = r"\+(?!33)[1-9]\d{6,14}"
_FRANCE = r"(?:\+33|0033)(?:\(0\))?([1-9]\d{8})"
_SERVICE = r"(?:[13]\d{3}|116\d{3})"
EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$"
)


def phone_ok(number: str) -> bool:
    """French formats: 10 digits from 0, +33 / 0033 with 9 digits (optional "(0)"), short
    emergency and service numbers, and foreign numbers in international form."""
    compact = _SEPARATORS.sub("", number.strip())
    if compact in SHORT_NUMBERS:
        return True
    if _NATIONAL.fullmatch(compact):
        return True
    return any(re.fullmatch(pattern, compact) for pattern in (_FRANCE, _SERVICE, _INTERNATIONAL))


@rule(
    "telephone-mal-forme",
    Severity.ERROR,
    Source.COHERENCE,
    "Les numéros de téléphone sont bien formés (format français, +33, numéros courts).",
)
def bad_phone(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Un numéro faux en pleine crise coûte des minutes. Formats acceptés : « 03 20 12 34 56 »
    (espaces, points ou tirets permis), « +33 6 12 34 56 78 », « +33 (0)6 12 34 56 78 »,
    les numéros d'urgence (15, 17, 18, 112, 114, 115, 119...), les numéros de service à
    4 chiffres (3237) ou 116 xxx, et les numéros étrangers en « +32 ... ».

    Exemple d'erreur : « 03 20 12 34 5 » (9 chiffres) ou « 06-12-34-56-78-9 ».
    """
    for path, entry in items(plan, ("annuaire",)):
        for index, phone in enumerate(entry.get("telephones", [])):
            number = str(phone.get("numero", ""))
            if not is_placeholder(number) and not phone_ok(number):
                yield Finding(
                    (*path, "telephones", index, "numero"),
                    f"numéro de téléphone mal formé : « {number} »{_what_is_wrong(number)}",
                    "formes attendues : « 03 20 12 34 56 », « +33 6 12 34 56 78 », ou un "
                    "numéro court (15, 112, 3237...)",
                )


def _what_is_wrong(number: str) -> str:
    """What a reader misses at a glance: a letter O for a zero, a digit too few or too many
    in a national number (« 06 12 34 56 7 »)."""
    compact = _SEPARATORS.sub("", number.strip())
    letters = [c for c in compact if c.isalpha()]
    if letters:
        shown = ", ".join(f"« {c} »" for c in dict.fromkeys(letters))
        zero = " (la lettre O à la place d'un zéro ?)" if set(letters) <= {"O", "o"} else ""
        return f" : il contient {shown}{zero}"
    if compact.isdigit() and compact.startswith("0") and len(compact) not in (4, 10):
        return f" : {len(compact)} chiffres au lieu de 10"
    return ""


def email_ok(address: str) -> bool:
    return bool(EMAIL.match(address)) and len(address) <= 254


@rule(
    "courriel-mal-forme",
    Severity.ERROR,
    Source.COHERENCE,
    "Les adresses électroniques sont bien formées.",
)
def bad_email(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Une adresse électronique a la forme « nom@domaine.fr » : pas d'espace, pas d'accent
    dans le domaine, une extension d'au moins deux lettres.

    Exemple d'erreur : « coordination@cpts-valdelys » ou « jean dupont@exemple.fr ».
    """
    for path, entry in items(plan, ("annuaire",)):
        address = entry.get("email")
        if isinstance(address, str) and not is_placeholder(address) and not email_ok(address):
            yield Finding(
                (*path, "email"),
                f"adresse électronique mal formée : « {address} »",
                "forme attendue : nom@domaine.fr",
            )


@rule(
    "mssante-mal-formee",
    Severity.ERROR,
    Source.COHERENCE,
    "Les adresses MSSanté sont bien formées et se terminent par mssante.fr.",
)
def bad_mssante(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Une adresse de messagerie sécurisée de santé appartient à un domaine MSSanté, qui se
    termine par « mssante.fr » (par exemple « prenom.nom@medecin.mssante.fr » ou
    « sse@cpts-valdelys.mssante.fr »). Une adresse ordinaire n'est pas sécurisée.

    Exemple d'erreur : « mssante: dr.roux@gmail.com ».
    """
    for path, entry in items(plan, ("annuaire",)):
        address = entry.get("mssante")
        if not isinstance(address, str) or is_placeholder(address):
            continue
        domain = address.rsplit("@", 1)[-1].lower()
        if not email_ok(address) or not (domain == "mssante.fr" or domain.endswith(".mssante.fr")):
            yield Finding(
                (*path, "mssante"),
                f"adresse MSSanté non valide : « {address} » (le domaine doit se terminer par "
                "mssante.fr)",
                "mettez ici l'adresse de messagerie sécurisée ; une adresse ordinaire va dans "
                "« email »",
            )
