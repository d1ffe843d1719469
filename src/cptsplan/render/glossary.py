"""The glossary annex: the acronyms the document actually uses, and the plan's own entries.

A built-in dictionary covers the words of the domain (DOMAIN.md, section 6, and the ORSAN
volets); an acronym is listed only when it appears in the rendered text. Entries of the plan's
`glossaire` are always listed and win over the built-in definition of the same acronym.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

ACRONYMS: dict[str, str] = {
    "ACI": "Accord conventionnel interprofessionnel (contrat des CPTS avec l'Assurance maladie)",
    "AFGSU": "Attestation de formation aux gestes et soins d'urgence",
    "AMAVI": "Accueil massif de victimes non contaminées (volet de l'ORSAN)",
    "ARS": "Agence régionale de santé",
    "ARS DD": "Délégation départementale de l'agence régionale de santé",
    "CCAS": "Centre communal d'action sociale",
    "CDS": "Centre de santé",
    "CESU": "Centre d'enseignement des soins d'urgence",
    "COD": "Centre opérationnel départemental (préfecture)",
    "CPAM": "Caisse primaire d'assurance maladie",
    "CPTS": "Communauté professionnelle territoriale de santé",
    "CRRA": "Centre de réception et de régulation des appels (SAMU - Centre 15)",
    "CUMP": "Cellule d'urgence médico-psychologique",
    "DAC": "Dispositif d'appui à la coordination",
    "DGS": "Direction générale de la santé",
    "DGS-Urgent": "Messages d'alerte de la Direction générale de la santé aux professionnels",
    "DMP": "Dossier médical partagé (Mon espace santé)",
    "EHPAD": "Établissement d'hébergement pour personnes âgées dépendantes",
    "EPI-CLIM": "Épidémies saisonnières et événements climatiques (volet de l'ORSAN)",
    "ESMS": "Établissements et services médico-sociaux",
    "ESP": "Équipe de soins primaires",
    "FINESS": "Fichier national des établissements sanitaires et sociaux",
    "HAD": "Hospitalisation à domicile",
    "IDEL": "Infirmier diplômé d'État libéral",
    "MEDICO-PSY": "Prise en charge médico-psychologique (volet de l'ORSAN)",
    "MSP": "Maison de santé pluriprofessionnelle",
    "MSSanté": "Messageries sécurisées de santé",
    "NOVI": "Nombreuses victimes (dispositions spécifiques du dispositif ORSEC)",
    "NRBC": "Nucléaire, radiologique, biologique et chimique",
    "NRC": "Risques nucléaire, radiologique et chimique (volet de l'ORSAN)",
    "ORSAN": "Organisation de la réponse du système de santé en situations sanitaires "
    "exceptionnelles (plan régional de l'ARS)",
    "ORSEC": "Organisation de la réponse de sécurité civile (dispositif du préfet)",
    "PCA": "Plan de continuité d'activité",
    "PCS": "Plan communal de sauvegarde (établi par le maire)",
    "PDSA": "Permanence des soins ambulatoires",
    "PGTHSSE": "Plan de gestion des tensions hospitalières et des situations sanitaires "
    "exceptionnelles (plan blanc)",
    "PPI": "Plan particulier d'intervention (autour d'un site industriel à risque)",
    "REB": "Risque épidémique et biologique (volet de l'ORSAN)",
    "RETEX": "Retour d'expérience",
    "ROR": "Répertoire opérationnel des ressources",
    "RPPS": "Répertoire partagé des professionnels de santé",
    "SAMU": "Service d'aide médicale urgente (Centre 15)",
    "SAS": "Service d'accès aux soins",
    "SDIS": "Service départemental d'incendie et de secours",
    "SIDPC": "Service interministériel de défense et de protection civiles (préfecture)",
    "SI-VIC": "Système d'information pour le suivi des victimes",
    "SMUR": "Structure mobile d'urgence et de réanimation",
    "SNP": "Soins non programmés",
    "SSE": "Situation sanitaire exceptionnelle",
    "SSIAD": "Service de soins infirmiers à domicile",
    "URPS": "Union régionale des professionnels de santé",
}

_ESCAPE = re.compile(r"\\(?=[^\w\s])")
# One pass over the text: longest acronyms first so that "ARS DD" wins over "ARS". The
# pattern starts with the acronyms' first letters, so the engine skips to them; the word
# boundary before an acronym is checked by `_acronyms` (a lookbehind first would make the
# engine try every position of the document: 7 ms on the example).
_FINDER = re.compile(
    "(" + "|".join(re.escape(a) for a in sorted(ACRONYMS, key=len, reverse=True)) + r")(?!\w)"
)


def _acronyms(text: str) -> Iterator[str]:
    """What `(?<![\\w-])` + _FINDER finds: a match right after a word character or a
    hyphen is not one, and the search goes on from the next character, as the regular
    expression engine would."""
    position = 0
    while match := _FINDER.search(text, position):
        start = match.start()
        before = text[start - 1] if start else " "
        if before.isalnum() or before in "_-":  # `\w` is a letter, a digit or "_"
            position = start + 1
            continue
        yield match.group(1)
        position = match.end()


def used_acronyms(text: str) -> dict[str, str]:
    """The built-in entries whose acronym appears as a word of `text` (Markdown)."""
    plain = _ESCAPE.sub("", text)
    found = set(_acronyms(plain))
    # "ARS DD" hides "ARS" at the same place; the plain acronym is listed when used alone.
    return {acronym: ACRONYMS[acronym] for acronym in ACRONYMS if acronym in found}


def glossary(text: str, plan_entries: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(acronym, definition) pairs in French alphabetical order."""
    entries = used_acronyms(text)
    for entry in plan_entries:
        entries[str(entry["sigle"])] = str(entry["definition"])
    return sorted(entries.items(), key=lambda item: _sort_key(item[0]))


def _sort_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
