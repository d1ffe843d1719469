"""Import defects found by reading plans imported from the corpus (tests/import_corpus) once
rendered: what a coordinator would see wrong in the draft, each on the corpus document
where it was seen."""

from __future__ import annotations

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
    """Two lines in capitals are one title only when neither is numbered on its own and the
    first is long enough to have been cut by the page's width."""
    from cptsplan.importer.read import Block
    from cptsplan.importer.reflow import reflow

    lines = [
        "PLAN DE CONTINUITÉ DES SOINS EN SITUATIONS",
        "SANITAIRES",
        "3. ANNUAIRE DES ACTEURS DU TERRITOIRE",
    ]
    lines += ["SAMU", "T1 – AFFLUX DE BLESSÉS ET DE VICTIMES", "ARS PACA", "PLAN SSE", "VERSION 2"]
    blocks = [Block("para", text, index=i) for i, text in enumerate(lines)]
    assert [b.text for b in reflow(blocks)] == [
        "PLAN DE CONTINUITÉ DES SOINS EN SITUATIONS SANITAIRES",
        *lines[2:],
    ]


def test_an_exercise_s_title_does_not_repeat_its_date_and_retex(
    corpus: dict[str, dict[str, Any]], other_tools: dict[str, dict[str, Any]]
) -> None:
    """desordonne, google-docs: the date and the RETEX read from « Exercice « Meuse en crue »
    le 12/03/2026 – RETEX le 26/03/2026 » are in their fields, so the title is the
    exercise's name (before: each row of the exercises' table printed them twice); what the
    RETEX part says besides its date (« à chaud ») names the RETEX."""
    messy = corpus["desordonne"]
    titles = {e["intitule"]: e for e in messy["anticiper"]["exercices"]}
    assert set(titles) == {"Exercice « Meuse en crue »", "Exercice de cellule de crise à distance"}
    assert str(titles["Exercice « Meuse en crue »"]["date"]) == "2026-03-12"
    retex = {r["id"]: r for r in messy["evaluer"]["retex"]}
    linked = {retex[e["retex"]]["intitule"] for e in titles.values()}
    assert linked == {
        "RETEX : Exercice « Meuse en crue »",
        "RETEX à chaud : Exercice de cellule de crise à distance",
    }
    google = [e["intitule"] for e in other_tools["google-docs"]["anticiper"]["exercices"]]
    assert google == [
        "Exercice de cellule de crise sur table « Aure en crue »",
        "Test d'alerte par SMS des adhérents",
    ]


def test_a_title_made_only_of_its_date_stays_whole() -> None:
    from cptsplan.importer.exercises import _bare_title

    assert _bare_title("Le 14/11/2024", "Le 14/11/2024", "")[0] == "Le 14/11/2024"
    title = "Le 14/11/2024, exercice sur table"
    assert _bare_title(title, title, "")[0] == "Exercice sur table"


def test_the_times_of_a_boxed_fiche_are_not_steps(corpus: dict[str, dict[str, Any]]) -> None:
    """guide-regional-fiches: « Temps 1 – Mise en place », « Temps 2 – Conduite »... in a
    boxed fiche give the time of the steps under them (`etapes_par_temps`, printed under
    « Étapes – Mise en place »); they are no steps of their own (before: stored and
    numbered as steps)."""
    fiches = corpus["guide-regional-fiches"]["adapter"]["fiches_reflexes"]
    first = fiches[0]
    assert "etapes" not in first
    assert first["etapes_par_temps"] == [
        {
            "temps": "mise_en_place",
            "etape": "Prendre la fonction « Responsable de la cellule » dès la convocation.",
        },
        {"temps": "mise_en_place", "etape": "Émarger sur la main courante."},
        {"temps": "conduite", "etape": "Tenir les points de situation toutes les quatre heures."},
        {"temps": "sortie", "etape": "Transmettre ses notes au secrétariat pour le RETEX."},
    ]
    steps = [s for f in fiches for s in f.get("etapes", [])]
    steps += [s["etape"] for f in fiches for s in f.get("etapes_par_temps", [])]
    assert not [s for s in steps if s.casefold().startswith("temps ")]


def test_steps_before_the_first_time_stay_in_order() -> None:
    from cptsplan.importer.responses import _steps_by_time

    lines = ["1. Lire la fiche.", "Temps 2 : Conduite", "2. Tenir la main courante.", "Sortie"]
    assert _steps_by_time(lines) == (
        ["Lire la fiche."],
        [{"temps": "conduite", "etape": "Tenir la main courante."}],
    )
