"""Identifiers: which collections hold ids, uniqueness, and the ids known while validating.

References are declared in the JSON Schema with the `x-cptsplan-ref: <kind>` keyword, so the
schema stays the one description of the format; this module says where each kind of id lives.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from cptsplan.findings.problems import JsonPath

ID_COLLECTIONS: dict[str, JsonPath] = {
    "annuaire": ("annuaire",),
    "zone": ("territoire", "zones"),
    "risque": ("anticiper", "diagnostic_risques"),
    "vulnerabilite": ("anticiper", "vulnerabilites"),
    "lieu": ("anticiper", "ressources", "lieux"),
    "exercice": ("anticiper", "exercices"),
    "reponse": ("adapter", "reponses"),
    "fiche": ("adapter", "fiches_reflexes"),
    "modele": ("piloter", "communication", "modeles_messages"),
    "retex": ("evaluer", "retex"),
    "reference": ("document", "references"),
    "groupe": ("document", "gouvernance", "groupes_travail"),
    "tache": ("evaluer", "feuille_de_route", "taches"),
    "figure": ("figures",),
    "activation": ("evaluer", "activations"),
}
"""Kind of id -> path of the list whose items carry an `id`."""

KIND_LABELS: dict[str, str] = {
    "annuaire": "entrée de l'annuaire",
    "zone": "zone du territoire",
    "risque": "risque du diagnostic",
    "vulnerabilite": "vulnérabilité du territoire",
    "lieu": "lieu mobilisable",
    "exercice": "exercice",
    "reponse": "réponse",
    "fiche": "fiche réflexe",
    "modele": "modèle de message",
    "retex": "RETEX",
    "reference": "document de référence",
    "groupe": "groupe de travail",
    "tache": "tâche de la feuille de route",
    "figure": "figure",
    "activation": "activation du plan",
}

MASCULINE_KINDS = frozenset(
    {"risque", "lieu", "exercice", "modele", "retex", "reference", "groupe"}
)
"""Kinds whose label is a masculine noun: « aucun risque du diagnostic », not « aucune »."""


def kind_with(kind: str, feminine: str, masculine: str) -> str:
    """The label of `kind` after the determiner that agrees with it: `kind_with("risque",
    "une autre", "un autre")` -> « un autre risque du diagnostic »."""
    determiner = masculine if kind in MASCULINE_KINDS else feminine
    return f"{determiner} {KIND_LABELS.get(kind, kind)}"


known_ids: ContextVar[dict[str, set[str]]] = ContextVar("known_ids")
"""Set by the validator around one plan's validation; read by the `x-cptsplan-ref` keyword."""


def get_at(data: Any, path: JsonPath) -> Any:
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data[part] if isinstance(part, int) else data.get(part)
    return data


def iter_ids(data: dict[str, Any], kind: str) -> Iterator[tuple[str, JsonPath]]:
    """(id, path of the id) for every well-formed item of one collection."""
    collection_path = ID_COLLECTIONS[kind]
    items = get_at(data, collection_path)
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            yield item["id"], (*collection_path, index, "id")


def collect_ids(data: dict[str, Any]) -> dict[str, set[str]]:
    return {kind: {identifier for identifier, _ in iter_ids(data, kind)} for kind in ID_COLLECTIONS}


def duplicate_ids(data: dict[str, Any]) -> Iterator[tuple[str, str, JsonPath, JsonPath]]:
    """(kind, id, path of the first use, path of the repeat) for every repeated id."""
    for kind in ID_COLLECTIONS:
        seen: dict[str, JsonPath] = {}
        for identifier, path in iter_ids(data, kind):
            if identifier in seen:
                yield kind, identifier, seen[identifier], path
            else:
                seen[identifier] = path
