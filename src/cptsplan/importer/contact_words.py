"""The words of a contact table: the columns a directory has (« Nom », « Portable »,
« Courriel »...), the usage each phone column gives its numbers, and the words that make
a name an organisation's (« Pharmacie du Pont », « SAMU 59 »)."""

from __future__ import annotations

import re

WANTED: dict[str, tuple[str, ...]] = {
    "mssante": ("mssante", "mss", "messagerie securisee"),
    "email": ("mail", "courriel", "electronique"),
    "prenom": ("prenom",),
    "nom": ("nom", "identite", "interlocuteur", "contact", "personne", "referent"),
    "fonction": ("fonction", "role", "qualite", "mission"),
    "profession": ("profession", "metier", "specialite"),
    "structure": (
        "structure",
        "organisme",
        "etablissement",
        "service",
        "organisation",
        "partenaire",
        "acteur",
    ),
    "mobile": ("portable", "mobile", "gsm"),
    "astreinte": ("astreinte", "24h", "24 h"),
    "fixe": ("fixe", "standard", "bureau"),
    "telephone": ("tel", "telephone", "numero", "coordonnees", "joindre"),
    "fax": ("fax",),  # after « Tél. » : a « Tél. / Fax » column holds both, each labelled
    "commune": ("commune", "ville", "localite"),
    "adresse": ("adresse",),
    "verifie": ("verifie",),
}
PHONE_FIELDS = {
    "mobile": "mobile",
    "astreinte": "astreinte",
    "fixe": "standard",
    "telephone": None,
    "fax": "fax",
}
# A « Coordonnées » or « Téléphones, courriel et MSSanté » column mixes numbers and addresses:
# numbers are read in the address columns too (no usage can be told from their header).
MIXED_FIELDS = {"email": None, "mssante": None}
SERVICES = frozenset({"samu", "sdis", "ars", "prefecture", "cpam"})
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
ORGANISATION = re.compile(
    r"\b(ars|samu|smur|sdis|cpam|cpts|mairie|ccas|prefecture|centre|hopital|ch|chu|clinique|"
    r"ehpad|msp|pharmacie|laboratoire|association|croix|service|conseil|departement|"
    r"delegation|cump|ordre|urps|dac|ssiad|had|maison|cabinet|officine|ministere|agence|"
    r"caisse|ligne|cellule|sidpc|gendarmerie|police|ecole|college|lycee|institut|residence|"
    # « Groupe hospitalier Yvette-Orge » was a person: every word has its capital.
    # Not « Foyer », « Commune », « Pôle »: surnames too, and a person taken for an
    # organisation would keep their address in the shareable edition.
    r"groupe|groupement|hospitalier|hospitaliere|ght|fondation|federation|reseau|plateforme|"
    r"syndicat|communaute|etablissement|mutuelle|entreprise)\b"
)
