"""What a Word plan wrote by hand that the document prints by itself: the import keeps it
once. Before (seen on the draft of an imported plan): « Fiche réflexe 1 : Fiche action n°1 –
Responsable de la cellule » (the title is kept as written, and printed as the whole heading),
steps « 2. 1. Prendre la fonction », and under the heading « Alerte » the action « Alerte :
Relayer l'alerte du SAMU »."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cptsplan.importer.responses import without_phase

from .conftest import run_cli
from .import_corpus import CorpusDocument, session_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[CorpusDocument]:
    return session_corpus(tmp_path_factory)


def _imported(corpus: list[CorpusDocument], name: str, folder: Path) -> dict[str, Any]:
    document = next(item for item in corpus if item.name == name)
    result = run_cli("import", document.path, "-o", folder)
    assert result.exit_code == 0, result.stderr
    return yaml.safe_load((folder / "plan" / "adapter.yaml").read_text("utf-8"))["adapter"]


def test_boxed_fiches_lose_their_hand_numbering_not_their_words(
    corpus: list[CorpusDocument], tmp_path: Path
) -> None:
    adapter = _imported(corpus, "guide-regional-fiches", tmp_path / "depot")
    fiches = adapter["fiches_reflexes"]
    assert len(fiches) == 8
    assert fiches[0]["titre"] == "Fiche action n°1 – Responsable de la cellule"  # its words
    steps = [step for fiche in fiches for step in fiche.get("etapes", [])]
    steps += [step["etape"] for fiche in fiches for step in fiche.get("etapes_par_temps", [])]
    assert "Prendre la fonction « Responsable de la cellule » dès la convocation." in steps
    assert not [step for step in steps if re.match(r"\d+[.)] ", step)]
    drafted = run_cli(
        "render", tmp_path / "depot", "-f", "md", "-o", tmp_path / "plan.md", "--brouillon"
    )
    assert drafted.exit_code == 0, drafted.stderr
    markdown = (tmp_path / "plan.md").read_text("utf-8")
    assert "## Fiche action n°1 – Responsable de la cellule" in markdown
    assert "Fiche réflexe 1 : Fiche action" not in markdown
    assert not re.search(r"^\s*\d+\.\s+\d+\.\s", markdown, re.M)


def test_actions_lose_the_phase_they_are_filed_under(
    corpus: list[CorpusDocument], tmp_path: Path
) -> None:
    adapter = _imported(corpus, "desordonne", tmp_path / "depot")
    actions = [action for response in adapter["reponses"] for action in response["actions"]]
    first = actions[0]
    assert first["phase"] == "alerte"
    assert first["action"].startswith("Relayer l'alerte du SAMU")
    prefixes = re.compile(r"(?i)^(veille|alerte|montée en puissance|conduite de crise|sortie)")
    assert not [a["action"] for a in actions if prefixes.match(a["action"])]


def test_only_a_phase_is_taken_off_an_action() -> None:
    assert without_phase("Veille – Repérer les fragiles") == "Repérer les fragiles"
    assert without_phase("Phase d'alerte : Relayer") == "Relayer"
    # Not a phase: the text is the action, whole.
    assert without_phase("Pharmacies : ouvrir le dimanche") == "Pharmacies : ouvrir le dimanche"
    assert without_phase("Alerte :") == "Alerte :"
    assert without_phase("Gestion des déchets : trier") == "Gestion des déchets : trier"
