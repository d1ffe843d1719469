"""The headers of a coordinator's CSV, and the fields of the directory they stand for.

Headers are compared in a normalised form (`key`): lower case, no accents, no spaces or
punctuation, so that « Téléphone portable », « TELEPHONE PORTABLE » and « tél. portable »
meet the same field."""

from __future__ import annotations

import re
import unicodedata

from cptsplan.messages import vocabulary

FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("identifiant", "id"),
    "type": ("type", "typedentree"),
    "categorie": ("categorie", "famille"),
    "nom": ("nom", "nomdefamille", "nomusuel", "raisonsociale", "nomdelorganisme"),
    "prenom": ("prenom",),
    "profession": ("profession", "metier", "specialite"),
    "fonction": ("fonction", "role", "poste", "qualite", "titre"),
    "structure": (
        "structure",
        "organisme",
        "etablissement",
        "cabinet",
        "societe",
        "employeur",
        "service",
    ),
    "commune": ("commune", "ville", "localite"),
    "adresse": ("adresse", "adressepostale"),
    "email": (
        "courriel",
        "email",
        "mail",
        "adressemail",
        "adresseemail",
        "adressecourriel",
        "adresseelectronique",
        "mel",
    ),
    "mssante": ("mssante", "adressemssante", "messageriesecurisee", "messageriemssante"),
    "suppleant": ("suppleant", "suppleante"),
    "verifie_le": ("verifiele", "datedeverification", "verification", "misajourle"),
    "remarques": ("remarques", "remarque", "commentaire", "commentaires", "notes", "observations"),
}
PHONES: dict[str, tuple[str | None, bool]] = {
    # normalised header: (usage, reachable 24 h/24)
    "telephone": (None, False),
    "tel": (None, False),
    "telephonefixe": ("direct", False),
    "fixe": ("direct", False),
    "telfixe": ("direct", False),
    "telephonepro": ("direct", False),
    "telephoneprofessionnel": ("direct", False),
    "lignedirecte": ("direct", False),
    "portable": ("mobile", False),
    "mobile": ("mobile", False),
    "telportable": ("mobile", False),
    "telephoneportable": ("mobile", False),
    "telephonemobile": ("mobile", False),
    "gsm": ("mobile", False),
    "standard": ("standard", False),
    "telephonestandard": ("standard", False),
    "astreinte": ("astreinte", True),
    "telephonedastreinte": ("astreinte", True),
    "telephone24h24": (None, True),
    "numero24h24": (None, True),
    "fax": ("fax", False),
    "telecopie": ("fax", False),
}
USAGES = {key: key for key in vocabulary.PHONE_USAGES} | {
    "lignedirecte": "direct",
    "portable": "mobile",
}
CATEGORIES = {key.replace("_", ""): key for key in vocabulary.DIRECTORY_CATEGORIES} | {
    re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", label).lower()): key
    for key, label in vocabulary.DIRECTORY_CATEGORIES.items()
}


def key(header: str) -> str:
    """'Téléphone portable ' -> 'telephoneportable': case, accents, spaces, punctuation out."""
    decomposed = unicodedata.normalize("NFKD", header.strip().lstrip("\ufeff")).lower()
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))
