"""Import defects found by reading plans imported from the corpus (tests/import_corpus) once
rendered: what a coordinator would see wrong in the draft, each on the corpus document
where it was seen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cptsplan.importer.build import import_document

from .import_corpus import CorpusDocument, build_other_tools, session_corpus


@pytest.fixture(scope="module")
def other_tools(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("visual-review")
    return {d.name: import_document(d.path).draft.data for d in build_other_tools(folder)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    documents: list[CorpusDocument] = session_corpus(tmp_path_factory)
    return {
        d.name: import_document(d.path).draft.data
        for d in documents
        if d.name in ("desordonne", "guide-regional-fiches")
    }


def test_a_ticked_retex_box_is_a_retex_to_write_not_a_description(
    other_tools: dict[str, dict[str, Any]],
) -> None:
    """formulaire-ars: « RETEX réalisé : ☒ » says a RETEX was made: the exercise links a
    RETEX whose date and lessons are to write; « ☐ » links none. Neither is the exercise's
    description (before: « RETEX réalisé : ☒ » printed under the exercise)."""
    data = other_tools["formulaire-ars"]
    exercises = {e["intitule"]: e for e in data["anticiper"]["exercices"]}
    assert all("description" not in e for e in exercises.values())
    canicule = exercises["Exercice canicule en EHPAD"]
    retex = {r["id"]: r for r in data["evaluer"]["retex"]}
    assert retex[canicule["retex"]]["date"] == "A_COMPLETER"
    assert retex[canicule["retex"]]["origine"] == "exercice"
    assert "retex" not in exercises["Exercice de cellule de crise à distance"]
    assert len(retex) == 1


def test_a_title_in_capitals_over_two_pasted_lines_is_one_title(
    other_tools: dict[str, dict[str, Any]],
) -> None:
    """copie-pdf: « PLAN DE GESTION DES SITUATIONS SANITAIRES » then « EXCEPTIONNELLES »
    is the plan's title (before: its last word went to the imported text)."""
    data = other_tools["copie-pdf"]
    title = "PLAN DE GESTION DES SITUATIONS SANITAIRES EXCEPTIONNELLES"
    assert data["document"]["titre"] == title
    kept = "\n".join(t["texte"] for t in data.get("texte_importe", []))
    assert "EXCEPTIONNELLES" not in kept


def test_only_unnumbered_lines_in_capitals_are_joined() -> None:
    """Two lines in capitals are one title only when neither is numbered on its own."""
    from cptsplan.importer.read import Block
    from cptsplan.importer.reflow import reflow

    lines = ["PLAN BLANC DE LA", "CPTS", "3. ANNUAIRE", "SAMU", "T1 – AFFLUX DE BLESSÉS"]
    lines += ["4. SIGLES", "PLAN SSE", "VERSION 2"]
    blocks = [Block("para", text, index=i) for i, text in enumerate(lines)]
    assert [b.text for b in reflow(blocks)] == [
        "PLAN BLANC DE LA CPTS",
        "3. ANNUAIRE",
        "SAMU",
        "T1 – AFFLUX DE BLESSÉS",
        "4. SIGLES",
        "PLAN SSE VERSION 2",
    ]
