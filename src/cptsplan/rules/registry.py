"""The rule catalogue: importing this module imports every rule family, in catalogue order."""

from __future__ import annotations

from cptsplan.rules import (  # noqa: F401  (imported for their @rule registrations)
    alerte,
    annuaire,
    articulation,
    cellule,
    couverture,
    document,
    donnees,
    evaluation,
    fiches,
    figures,
    formats,
    partenaires,
    rappels,
    redaction,
    referents,
    silences,
    suivi,
)
from cptsplan.rules.base import REGISTRY, Rule

FAMILIES: dict[str, str] = {
    "couverture": "Couverture de la trame nationale",
    "referents": "Déclenchement et référents SSE",
    "cellule": "Cellule de crise",
    "alerte": "Alerte, communication et remontée d'informations",
    "articulation": "Articulation avec les autres plans",
    "evaluation": "Formations, exercices et RETEX",
    "fiches": "Fiches réflexes",
    "document": "Maîtrise du document, mises à jour et transmissions",
    "suivi": "Communication du plan, avis de l'ARS et indicateurs de crise",
    "rappels": "Rappels avant les échéances",
    "partenaires": "Rédaction avec les partenaires",
    "annuaire": "Annuaire de crise",
    "figures": "Figures (cartes, affiches)",
    "formats": "Formats des coordonnées",
    "donnees": "Données personnelles",
    "redaction": "Ce qui reste à écrire",
    "silences": "Silences",
}
"""Family (module) -> French title, in the order of the catalogue."""


def all_rules() -> list[Rule]:
    order = list(FAMILIES)
    return sorted(REGISTRY.values(), key=lambda r: order.index(r.family))


def rule_ids() -> frozenset[str]:
    return frozenset(REGISTRY)


def get_rule(rule_id: str) -> Rule | None:
    return REGISTRY.get(rule_id)
