"""Formats des coordonnées : numéros de téléphone français (fixe, mobile, +33, numéros
courts d'urgence et de service), courriels, adresses MSSanté (domaine en mssante.fr)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cptsplan.findings.problems import Severity
from cptsplan.model import Plan
from cptsplan.privacy.phones import SEPARATORS as _SEPARATORS
from cptsplan.privacy.phones import phone_ok as phone_ok  # the format's facts live there
from cptsplan.rules.base import Finding, RuleContext, Source, rule
from cptsplan.rules.helpers import is_placeholder, items

EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$"
)


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
                what, hint = _what_is_wrong(number), _phone_hint(number)
                yield Finding(
                    (*path, "telephones", index, "numero"),
                    f"numéro de téléphone mal formé : « {number} »{what}",
                    hint
                    or "formes attendues : « 03 20 12 34 56 », « +33 6 12 34 56 78 », ou un "
                    "numéro court (15, 112, 3237...)",
                )


_QUOTES = "«»“”‘’„‟"


def _quoted(number: str) -> str | None:
    """The number inside French or curly quotes (Word puts them by itself), which YAML
    keeps in the value: `numero: « 06 39 98 00 11 »`."""
    text = number.strip()
    inner = text[1:-1].strip(" \u00a0\u202f") if len(text) > 2 else ""
    quoted = text[:1] in _QUOTES and text[-1:] in _QUOTES
    return inner if quoted and phone_ok(inner) else None


def _phone_hint(number: str) -> str | None:
    """Two numbers on one line, or a word after the number (« (standard) »): each number
    is right; it is the line that holds more than one number."""
    if (inner := _quoted(number)) is not None:
        return f'remplacez ces guillemets par des guillemets droits : « numero: "{inner}" »'
    parts = [p for p in re.split(r"\s*(?:/|;|,|\bou\b|\bet\b)\s*", number.strip()) if p]
    if len(parts) > 1 and all(phone_ok(part) for part in parts):
        return (
            "un seul numéro par ligne « numero: » : ajoutez un second téléphone à l'entrée, "
            f'« - numero: "{parts[1]}" », avec son « usage: »'
        )
    bare = re.sub(r"\s*\(([^()]*)\)\s*$", "", number.strip())
    if bare != number.strip() and phone_ok(bare):
        said = number.strip()[len(bare) :].strip(" ()")
        return (
            f'écrivez seulement « numero: "{bare}" » ; « {said} » va dans « usage: » ou '
            "« remarques: »"
        )
    return None


def _what_is_wrong(number: str) -> str:
    """What a reader misses at a glance: a letter O for a zero, a digit too few or too many
    in a national number (« 06 12 34 56 7 »)."""
    if _quoted(number) is not None:
        return " : il est entouré de guillemets, que YAML garde dans la valeur"
    if _phone_hint(number) is not None:
        parts = len(re.findall(r"/|;|,|\bou\b|\bet\b", number))
        return " : il contient deux numéros" if parts else " : il contient du texte après le numéro"
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


@rule(
    "numero-annuaire-mal-recopie",
    Severity.WARNING,
    Source.COHERENCE,
    "Un numéro de l'annuaire recopié dans un texte l'est sans chiffre perdu ni doublé.",
    why=(
        "un avertissement : le numéro recopié est presque sûrement une faute de frappe, "
        "mais seul le rédacteur sait lequel des deux est le bon"
    ),
)
def near_directory_number(plan: Plan, ctx: RuleContext) -> Iterator[Finding]:
    """Un numéro de l'annuaire recopié dans une fiche réflexe, une action ou un autre texte
    avec un chiffre en moins ou en trop (« 03 53 01 30 0 » pour le 03 53 01 30 01 de la
    mairie) ne répondra pas le jour de la crise. Il est signalé avec le nom de l'entrée dont
    il est si proche ; l'édition diffusable le masque déjà, comme le numéro lui-même. Un
    numéro qui diffère d'un numéro de l'annuaire par un chiffre changé ou deux chiffres
    inversés n'est pas signalé : c'est un autre numéro valide, peut-être public. Un
    portable mal tapé est signalé par « mobile-hors-annuaire ».

    Exemple d'avertissement : « Mairie de Lys : 03 53 01 30 0 » quand l'annuaire donne
    03 53 01 30 01 pour la mairie.
    """
    from cptsplan.rules.near_directory import near_directory_findings  # only when run

    yield from near_directory_findings(plan, ctx)
