"""Sections recognised by their wording, whatever their layout.

A heading is a Word heading style, or a Normal paragraph written as one by hand: all in bold
or underlined and short, or opening with a manual number (« 1) », « I. », « A. », « 3.2 »).
Each heading is matched against the usual wordings of the national template's four themes,
of a regional guide and of the five ACI typologies (T1-T5); the deepest match wins, and a
heading that matches nothing keeps the theme of the heading above it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cptsplan.importer.read import Block

_NUMBERED = re.compile(
    r"^(?:(?:\d+(?:\.\d+)*)[.)]?|[IVX]+[.)]|[A-H][.)]|(?:fiche|annexe|partie|chapitre)\s+\S+)"
    r"\s+\S",
    re.IGNORECASE,
)
MAX_HEADING = 140


@lru_cache(maxsize=65_536)  # the same cells and headings are compared many times
def plain(text: str) -> str:
    """Lower case, no accents, typographic apostrophes straightened (for matching)."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("œ", "oe"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def is_pseudo_heading(block: Block) -> bool:
    """A Normal paragraph that a non-engineer wrote as a heading; or a bold item of a Word
    numbered list named like a part of the plan (« 1. Anticiper », « 1.1 Référents SSE »
    numbered by Word, not typed: pandoc reads them as a list), not a bold numbered step."""
    if len(block.text) > MAX_HEADING or "\n" in block.text:
        return False
    if block.kind == "item":
        return (
            block.ordered
            and block.strong
            and (section_of(block.text) is not None or typology_of(block.text) is not None)
        )
    if block.kind != "para":
        return False
    if block.text.rstrip().endswith((".", ";", ",")) and not block.strong:
        return False
    if block.strong:
        return True
    named = section_of(block.text) is not None or typology_of(block.text) is not None
    if _TYPOLOGY_LINE.match(block.text) and named and len(block.text.split()) <= 16:
        return True  # « T2 – Épidémie saisonnière... », a line pasted from a PDF
    return (
        bool(_NUMBERED.match(block.text))
        and len(block.text.split()) <= 8
        and (named or _capitals(block.text))
    )


_TYPOLOGY_LINE = re.compile(r"^T[1-5]\s*[–—:-]\s+\S")


def _capitals(text: str) -> bool:
    """« 1. ORGANISATION DE LA CPTS »: a numbered line in capitals, a title whose style a PDF
    copy lost."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


def pseudo_level(text: str) -> int:
    """The level a manual number implies: « I. » 1, « A. » or « 1) » 2, « 3.2 » 2..."""
    first = text.split()[0] if text.split() else ""
    if re.fullmatch(r"[IVX]+[.)]", first):
        return 1
    if re.fullmatch(r"\d+(\.\d+)+[.)]?", first):
        return first.rstrip(".)").count(".") + 1
    if re.fullmatch(r"\d+[.)]?", first):
        return 1
    return 2


# (section key, wordings): the first that appears in the heading wins, so the specific
# wordings come before the general ones (« exercices » before « anticiper »).
SECTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("annuaire", ("annuaire", "contacts utiles", "coordonnees", "liste des contacts", "contacts")),
    ("glossaire", ("glossaire", "sigles", "abreviations", "acronymes", "lexique")),
    (
        "references",
        (
            "documents de reference",
            "references",
            "bibliographie",
            "textes de ref",
            "autres documents",
            "documents utiles",
        ),
    ),
    (
        "historique",
        ("historique des versions", "suivi des versions", "suivi des modifications", "versions"),
    ),
    ("transmissions", ("transmission", "envoi a l'ars", "diffusion")),
    ("fiches", ("fiche reflexe", "fiches reflexes", "fiche action", "fiches actions", "fiche")),
    ("referents", ("referent",)),
    ("cellule", ("cellule de crise", "cellule", "organisation de crise", "gouvernance de crise")),
    ("alerte", ("chaine d'alerte", "alerte", "declenchement", "activation du plan")),
    ("communication", ("communication", "messages")),
    ("remontee", ("remontee", "reporting", "points de situation")),
    ("articulation", ("articulation", "autres plans", "orsan", "plan blanc")),
    ("exercices", ("exercice", "entrainement", "simulation")),
    ("retex", ("retex", "retour d'experience", "retours d'experience")),
    ("feuille_de_route", ("feuille de route", "plan d'action", "calendrier", "perspectives")),
    ("indicateurs", ("indicateur",)),
    ("revue", ("revue annuelle", "mise a jour du plan", "revision")),
    ("continuite", ("continuite des soins", "continuite", "patients fragiles", "vulnerables")),
    ("formations", ("formation",)),
    ("ressources", ("ressources", "moyens", "materiel", "lieux")),
    ("diagnostic", ("diagnostic", "risques", "cartographie", "vulnerabilit")),
    ("reponses", ("reponses", "typologie", "scenarios", "situations sanitaires")),
    ("territoire", ("territoire", "communes", "offre de soins", "etablissements")),
    ("cpts", ("presentation", "la cpts", "identite", "contexte", "introduction", "objet")),
    ("anticiper", ("anticiper", "anticipation", "preparation")),
    ("adapter", ("adapter", "adaptation", "reponse")),
    ("piloter", ("piloter", "pilotage", "coordination", "organisation")),
    ("evaluer", ("evaluer", "evaluation", "amelioration")),
]

THEME_OF = {
    "annuaire": "annuaire",
    "glossaire": "annexes",
    "references": "document",
    "historique": "document",
    "transmissions": "document",
    "fiches": "adapter",
    "referents": "piloter",
    "cellule": "piloter",
    "alerte": "piloter",
    "communication": "piloter",
    "remontee": "piloter",
    "articulation": "piloter",
    "exercices": "anticiper",
    "retex": "evaluer",
    "feuille_de_route": "evaluer",
    "indicateurs": "evaluer",
    "revue": "evaluer",
    "continuite": "adapter",
    "formations": "anticiper",
    "ressources": "anticiper",
    "diagnostic": "anticiper",
    "reponses": "adapter",
    "territoire": "territoire",
    "cpts": "territoire",
    "anticiper": "anticiper",
    "adapter": "adapter",
    "piloter": "piloter",
    "evaluer": "evaluer",
}

TYPOLOGIES: list[tuple[str, tuple[str, ...]]] = [
    ("T4", ("nucleaire", "radiolog", "chimique", "nrc", "nrbc", "seveso", "industriel")),
    (
        "T3",
        (
            "agent emergent",
            "emergent",
            "vaccination exceptionnelle",
            "reb",
            "pandemi",
            "risque epidemique et biologique",
            "maladie infectieuse emergente",
        ),
    ),
    (
        "T2",
        (
            "epidemie saisonniere",
            "epidemies saisonnieres",
            "canicule",
            "grand froid",
            "pollution",
            "climat",
            "epi-clim",
            "malades",
            "grippe",
            "bronchiolite",
            "chaleur",
        ),
    ),
    (
        "T1",
        (
            "blesses",
            "afflux",
            "amavi",
            "medico-psy",
            "attentat",
            "nombreuses victimes",
            "victimes",
            "accident collectif",
            "psychique",
        ),
    ),
    (
        "T5",
        (
            "perturbation de l'offre",
            "offre de soins",
            "penurie",
            "cyber",
            "transversal",
            "rupture",
            "inondation",
            "crue",
            "coupure",
            "intemperies",
        ),
    ),
]
_EXPLICIT = re.compile(r"\b(?:T|typologie\s*n?°?\s*)([1-5])\b", re.IGNORECASE)


_PHASE_WORDS = (
    "phase",
    "veille",
    "alerte",
    "montee en puissance",
    "conduite",
    "gestion de",
    "sortie",
    "temps ",
    "avant",
    "pendant",
    "apres",
    "retex",
    "retour d'experience",
)


def section_of(text: str) -> str | None:
    lowered = plain(text)
    for key, wordings in SECTIONS:
        if key in OPENING_ONLY:
            if any(_opening(lowered).startswith(wording) for wording in wordings):
                return key
        elif any(wording in lowered for wording in wordings):
            return key
    return None


OPENING_ONLY = frozenset({"fiches"})
"""Sections a heading opens only when it begins with their wording: « Fiche réflexe 2 : … »,
« Annexe D – Fiches réflexes », but not a response's « Partenaires, moyens et fiches
réflexes », whose partners would be read as a fiche's steps."""

_OPENING = re.compile(
    r"^(?:annexe\s+[a-z0-9]{1,3}\b\s*[:.\u2013\u2014-]?\s*"
    r"|[ivx]+[.)]\s*|[a-z][.)]\s+|\d+(?:\.\d+)*[.)]?\s*|(?:les|la|le|des)\s+)*"
)


def _opening(lowered: str) -> str:
    """The heading's words after its number, an « Annexe X : » and an article."""
    return _OPENING.sub("", lowered.strip(), count=1)


@lru_cache(maxsize=16_384)  # each heading and cell, asked by several readers
def typology_of(text: str) -> str | None:
    """T1-T5 from a heading or a cell: an explicit « T2 », else the usual wordings."""
    explicit = _EXPLICIT.search(text)
    if explicit:
        return f"T{explicit.group(1)}"
    lowered = plain(text)
    return next((code for code, pattern in _typology_patterns() if pattern.search(lowered)), None)


@lru_cache(maxsize=1)
def _typology_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [
        (code, re.compile("|".join(r"\b" + re.escape(w) for w in wordings)))
        for code, wordings in TYPOLOGIES
    ]


def typologies_in(text: str) -> list[str]:
    found = {f"T{n}" for n in re.findall(r"\bT([1-5])\b", text)}
    return sorted(found)


@dataclass
class Context:
    """Where a block sits: the heading path above it and the section recognised there."""

    path: tuple[str, ...] = ()
    section: str | None = None
    typology: str | None = None
    heading_index: int = -1
    own: bool = False
    """The section comes from this heading's own words (not from a heading above)."""

    @property
    def title(self) -> str:
        return self.path[-1] if self.path else "début du document"

    @property
    def theme(self) -> str:
        return THEME_OF.get(self.section or "", "document")


def contexts(blocks: list[Block]) -> tuple[list[Context], set[int]]:
    """The context of every block, and the indexes of the blocks that are headings
    (styled or typed by hand)."""
    result: list[Context] = []
    headings: set[int] = set()
    stack: list[tuple[int, str, str | None, str | None]] = []
    current = Context()
    styled = 0
    for block in blocks:
        level = 0
        if block.kind == "heading":
            level = styled = block.level
        elif is_pseudo_heading(block):
            # Typed by hand under a styled heading, it is a sub-heading of it; numbered by
            # Word's lists, its level is the list's.
            own = block.level if block.kind == "item" else pseudo_level(block.text)
            level = max(own, styled + 1 if styled else 0)
        if level:
            headings.add(block.index)
            while stack and stack[-1][0] >= level:
                stack.pop()
            section = section_of(block.text)
            typology = typology_of(block.text)
            parent_section = next((s for _l, _t, s, _y in reversed(stack) if s), None)
            in_response = any(y for _l, _t, _s, y in stack)
            phase_like = any(w in plain(block.text) for w in _PHASE_WORDS)
            if (
                in_response
                and typology is None
                and (section is None or phase_like or section == "ressources")
            ):  # « Phase : Alerte », « Partenaires et moyens » under « T3 »: the response
                section = "reponses"
            if section is None or (
                section in ("anticiper", "adapter", "piloter", "evaluer", "reponses")
                and parent_section is not None
                and typology is not None
            ):
                section = section or parent_section
            if typology and parent_section in ("adapter", "reponses") and section != "fiches":
                section = "reponses"  # « 2.5 Perturbation de l'offre de soins » under Adapter
            if (
                typology
                and section in (None, "adapter", "reponses", "continuite")
                and parent_section in (None, "adapter", "reponses", "continuite")
            ):  # not a message template « Canicule – message aux patients fragiles »
                section = "reponses"
            if typology and section not in ("reponses", "fiches"):
                typology = None
            stack.append((level, block.text, section, typology))
            current = Context(
                tuple(t for _l, t, _s, _y in stack),
                section,
                next((y for _l, _t, _s, y in reversed(stack) if y), None),
                block.index,
                section is not None and section == section_of(block.text),
            )
        result.append(current)
    return result, headings
