"""Every value of every enumeration of the schema has a French label: documents and messages
never show a raw code such as `exercice_coordonne`."""

from __future__ import annotations

import pytest

from cptsplan.messages import vocabulary
from cptsplan.messages.schema_errors import schema_at

# schema path of an enumeration (None = any list item) -> the labels that must cover it
ENUMERATIONS = {
    ("adapter", "reponses", 0, "actions", 0, "phase"): vocabulary.PHASES,
    ("adapter", "reponses", 0, "typologies", 0): vocabulary.TYPOLOGIES,
    ("piloter", "cellule_de_crise", "fonctions", 0, "fonction"): vocabulary.CELL_FUNCTIONS,
    ("piloter", "declenchement", "autorites", 0): vocabulary.AUTHORITIES,
    ("piloter", "articulation_plans", 0, "plan"): vocabulary.LINKED_PLANS,
    ("anticiper", "diagnostic_risques", 0, "categorie"): vocabulary.RISK_CATEGORIES,
    ("anticiper", "diagnostic_risques", 0, "niveau"): vocabulary.RISK_LEVELS,
    ("anticiper", "exercices", 0, "type"): vocabulary.EXERCISE_TYPES,
    ("evaluer", "retex", 0, "actions_correctives", 0, "statut"): vocabulary.ACTION_STATUSES,
    ("evaluer", "retex", 0, "origine"): vocabulary.RETEX_ORIGINS,
    ("annuaire", 0, "categorie"): vocabulary.DIRECTORY_CATEGORIES,
    ("annuaire", 0, "telephones", 0, "usage"): vocabulary.PHONE_USAGES,
    ("territoire", "etablissements", 0, "type"): vocabulary.ESTABLISHMENT_TYPES,
    ("anticiper", "ressources", "outils_information", 0, "type"): vocabulary.TOOL_TYPES,
    ("piloter", "referents_sse", 0, "role"): vocabulary.REFERENT_ROLES,
    ("document", "references", 0, "type"): vocabulary.REFERENCE_TYPES,
    ("evaluer", "feuille_de_route", "taches", 0, "statut"): vocabulary.ROADMAP_STATUSES,
    ("piloter", "articulation_plans", 0, "niveau"): vocabulary.PLAN_LEVELS,
    ("piloter", "communication", "modeles_messages", 0, "origine"): vocabulary.MESSAGE_ORIGINS,
    ("figures", 0, "section"): vocabulary.FIGURE_SECTIONS,
    ("anticiper", "vulnerabilites", 0, "type"): vocabulary.VULNERABILITY_TYPES,
    ("adapter", "fiches_reflexes", 0, "fonction"): vocabulary.CELL_FUNCTIONS,
    ("adapter", "fiches_reflexes", 0, "etapes_par_temps", 0, "temps"): vocabulary.FICHE_TIMES,
}


@pytest.mark.parametrize("path", list(ENUMERATIONS), ids=lambda p: ".".join(map(str, p)))
def test_every_value_has_a_label(path: tuple[str | int, ...]) -> None:
    schema = schema_at(path)
    assert schema is not None and "enum" in schema, path
    assert set(schema["enum"]) - set(ENUMERATIONS[path]) == set()


def test_volets_have_labels_and_aliases_map_to_current_names() -> None:
    allowed = set(schema_at(("adapter", "reponses", 0, "volets", 0))["enum"])
    assert allowed == set(vocabulary.VOLETS) | set(vocabulary.VOLET_ALIASES)
    assert vocabulary.normalize_volets(["CLIM", "EPI-VAC", "NRBC", "REB"]) == [
        "EPI-CLIM",
        "REB",
        "NRC",
    ]
