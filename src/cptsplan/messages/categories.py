"""The directory category an organisation's own name states: « ARS Grand Est – point focal »
is the ARS, « SAMU 59 – Centre 15 » the SAMU, « Centre hospitalier de Lens » a health
establishment. An import may write that category without inventing anything (the name says
it), and a rule that finds no entry of a category can point at the entry whose category is
simply not written, instead of asking for an entry the plan already has."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from typing import Any

# The services a crisis plan must reach are named by acronyms and words that mean nothing
# else in a directory: found anywhere in the name, and they win over the generic kinds
# below (« SAMU 59 (CHU de Lille) » is the SAMU, not an establishment).
_ANYWHERE: tuple[tuple[str, str], ...] = (
    ("samu", r"samu|centre 15"),
    ("sdis", r"sdis|codis|cta[ -]codis|sapeurs[ -]pompiers"),
    ("ars", r"ars|agence regionale de sante"),
    ("prefecture", r"prefecture|sous[ -]prefecture|sidpc|prefet"),
    ("cpam", r"cpam|caisse primaire d.assurance maladie"),
    ("dac", r"dac|dispositif d.appui a la coordination"),
)
# Generic kinds only where the name starts with them: « Pharmacie du Centre », not « Cellule
# de crise de la pharmacie ».
_AT_START: tuple[tuple[str, str], ...] = (
    ("cpts", r"cpts|communaute professionnelle territoriale de sante"),
    (
        "etablissement_sante",
        r"centre hospitalier|chu|chr|chi|ch|hopital|hopitaux|clinique|polyclinique|ght|had"
        r"|hospitalisation a domicile",
    ),
    (
        "etablissement_medico_social",
        r"ehpad|ssiad|esms|ime|mas|fam|residence autonomie|foyer d.accueil medicalise",
    ),
    (
        "collectivite",
        r"mairie|commune|ville|ccas|communaute de communes|communaute d.agglomeration"
        r"|communaute urbaine|metropole|conseil departemental|departement|conseil regional",
    ),
    ("pharmacie", r"pharmacie|officine"),
    ("laboratoire", r"laboratoire|lbm"),
    ("exercice_coordonne", r"msp|maison de sante|centre de sante|pole de sante"),
    ("association", r"association|croix[ -]rouge|protection civile"),
)


@cache
def _patterns() -> tuple[list[tuple[str, re.Pattern[str]]], list[tuple[str, re.Pattern[str]]]]:
    """(found anywhere, found at the start), compiled the first time a name is looked at: a
    plan whose entries all write their category never needs them (1 to 2 ms to compile)."""
    anywhere = [(key, re.compile(rf"\b(?:{words})\b")) for key, words in _ANYWHERE]
    at_start = [(key, re.compile(rf"(?:{words})\b")) for key, words in _AT_START]
    return anywhere, at_start


def _plain(text: str) -> str:
    """Lower case, accents and typographic apostrophes removed, blanks collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(bare.split())


def category_named_by(name: str) -> str | None:
    """The category (a key of `vocabulary.DIRECTORY_CATEGORIES`) that an organisation's name
    states, or None when it states none or two different crisis services (« SDIS – SAMU
    plate-forme commune »: the coordinator decides)."""
    plain = _plain(name)
    found_anywhere, found_at_start = _patterns()
    services = {key for key, pattern in found_anywhere if pattern.search(plain)}
    if len(services) == 1:
        return services.pop()
    if services:
        return None
    return next((key for key, pattern in found_at_start if pattern.match(plain)), None)


def unwritten_category(entry: Mapping[str, Any]) -> str | None:
    """The category a directory entry does not write but its organisation's name states
    (« CPAM des Flandres » without « categorie: »); None for a person or a written one."""
    name = entry.get("nom")
    if entry.get("type") == "personne" or entry.get("categorie") or not isinstance(name, str):
        return None
    return category_named_by(name)


def category_of(entry: Mapping[str, Any]) -> str | None:
    """The category a directory entry has for the rules that ask « was the plan sent to the
    ARS, to the CPAM? »: the one it writes, else the one its organisation's name states (a
    transmission to « ARS Occitanie – DD31 » is one to the ARS, whether or not the
    coordinator wrote « categorie: ars »; the annuaire-* rules ask them to)."""
    written = entry.get("categorie")
    return written if isinstance(written, str) and written else unwritten_category(entry)
