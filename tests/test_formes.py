"""Shapes of real plans (tests/fixtures/formes): the fixture validates, every value reaches the
DOCX and the PDF of both editions, and undated planned exercises are not past exercises."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from .conftest import run_cli
from .test_render_support import REFERENCE_DATE, docx_texts, pdf_pages, unbreak
from .test_rules import complete_data, findings

FIXTURE = Path(__file__).parent / "fixtures" / "formes" / "plan-formes.yaml"
EDITIONS = ("interne", "diffusable")

# Shape -> what a reader must find in the document (values of the fixture, as printed).
EXPECTED = {
    "documents de référence": [
        "Documents de référence",
        "Trame nationale du plan de préparation des CPTS aux SSE",
        "Trame nationale",
        "Ministère chargé de la santé (DGOS)",
        "décembre 2022",
        "Guide méthodologique régional Quartz-Vèze",
        "Guide régional",
        "ARS Auvergne-Rhône-Alpes (exemple Quartz)",
        "14 juin 2023",
        "https://ars.example/guide-quartz-veze",
        "Check-lists reprises pour les fiches Topaze.",
        "Plan ORSAN Saphir",
        "v2 en cours de rédaction Saphir",
        "Modèle de plan Émeraude",
        "Modèle de l'ARS",
        "Autre référence Onyx",
        "Autre document",
    ],
    "gouvernance": [
        "Gouvernance de la rédaction",
        "Comité de pilotage : Élise Faure ; Mairie de Vèze-la-Rivière ; Deux infirmiers Grenat",
        "Le comité Opale arbitre les choix et valide le plan.",
        "Une réunion Turquoise par trimestre",
        "Groupe Améthyste communication",
        "Communication Corail interne et externe",
        "Léa Martin",
        "Paul Bruneau",
        "Pharmacien Jaspe",
        "Fiche Agate",
        "Annuaire Béryl",
    ],
    "début de la mission": ["Début de la mission SSE", "3 avril 2025"],
    "zones": [
        "Zone Lapis du nord",
        "Population : 13 100 habitants ; professionnels de santé : 47.",
        "Zone Obsidienne du sud",
        "professionnels de santé : 29.",
    ],
    "analyse SWOT": [
        "Forces, faiblesses, opportunités et menaces",
        "Force Malachite",
        "Faiblesse Cornaline",
        "Opportunité Tourmaline",
        "Menace Citrine",
    ],
    "exercices prévus": [
        "Escape game Péridot sur la canicule",
        "printemps Spinelle 2027",
        "tous les deux ans Zircon",
        "Jeu sérieux",
        "Canicule avec coupures d'électricité et de téléphone, scénario Ambre.",
        "Réunion Chrysoprase d'acculturation",
        "Réunion d'acculturation",
        "date à fixer",
        "Exercice Cyanite",
        "9 mars 2027",
    ],
    "niveau des plans liés": [
        "niveau régional",
        "niveau départemental",
        "niveau local",
        "niveau national",
        "Plan national Labradorite",
    ],
    "projets de santé": [
        "Liens avec les projets de santé",
        "Maison de santé Morganite de Vèze",
        "Projet de santé Sodalite",
        "La MSP repère les patients fragiles Sodalite.",
        "Centre de santé Howlite",
        "Le centre relaie les messages Howlite.",
    ],
    "origine des messages": [
        "Conseils Variscite en cas de canicule",
        "Message de la CPTS",
        "Message relayé (source : Préfecture du Cantal – SIDPC)",
        "Consignes Kunzite de la préfecture",
    ],
    "procédure de RETEX": [
        "Procédure de retour d'expérience",
        "Après chaque crise Moldavite et chaque exercice.",
        "Dans le mois Rhodonite",
        "Cellule de crise Prasiolite et partenaires",
        "RETEX à chaud Hématite",
        "J+1 Pyrite",
        "Tour de table Pyrite.",
        "RETEX à froid Galène",
        "Analyse Galène des écarts.",
        "Plan d'action Fluorine",
    ],
    "feuille de route": [
        "Feuille de route de la préparation",
        "Écrire les fiches Aventurine",
        "groupe de travail « Groupe Améthyste communication »",
        "15 février 2027",
        "En cours",
        "Trois fiches Aventurine sur cinq.",
        "Former les adhérents Calcédoine",
        "courant 2027 Calcédoine",
        "À faire",
        "Annuaire Dioptase partagé",
        "Bureau Dioptase de la CPTS",
        "Faite",
        "Application Épidote",
        "Abandonnée",
        "Convention Iolite",
        "Reportée",
        "Bilan 2025-2026 Larimar",
        "Actions menées",
        "Action menée Larimar",
        "Perspectives",
        "Perspective Larimar",
    ],
}


def normalized(text: str) -> str:
    """Read-back text compared with plain values: typographic apostrophes and French spaces."""
    text = text.replace("\u2019", "'").replace("\u202f", " ").replace("\u00a0", " ")
    return " ".join(text.split())


def test_fixture_validates_without_errors() -> None:
    result = run_cli("validate", FIXTURE, "--date", "2026-11-01")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 erreur" in result.stdout or "valide" in result.stdout


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    """(edition, format) -> the document's text; each edition rendered once (DOCX and PDF)."""
    folder = tmp_path_factory.mktemp("formes")
    found = {}
    for edition in EDITIONS:
        result = run_cli(
            "render", FIXTURE, "-f", "docx", "-f", "pdf", "--edition", edition,
            "--output", folder / edition, "--date", REFERENCE_DATE,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        found[edition, "docx"] = normalized(" ".join(docx_texts(folder / f"{edition}.docx")))
        pdf = unbreak("\n".join(pdf_pages(folder / f"{edition}.pdf")))
        found[edition, "pdf"] = normalized(pdf)
    return found


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("shape", list(EXPECTED))
def test_every_value_of_the_shape_is_in_the_document(
    texts: dict[tuple[str, str], str], shape: str, fmt: str, edition: str
) -> None:
    text = texts[edition, fmt]
    # A PDF line may end inside a link (no hyphen there): compare links without the spaces.
    links = text.replace(" ", "")
    missing = [
        value
        for value in EXPECTED[shape]
        if normalized(value) not in text and not (value.startswith("http") and value in links)
    ]
    assert missing == [], f"{shape} ({edition}, {fmt}) : absent du document"


def test_undated_planned_exercises_are_not_past_exercises() -> None:
    """An exercise planned for "spring 2027" neither counts as this year's exercise nor
    needs a RETEX; an undated exercise without status does not count either."""
    data = complete_data()
    for exercise in data["anticiper"]["exercices"]:
        exercise.pop("date", None)
        exercise.pop("retex", None)
        exercise.update(statut="prevu", periode="printemps 2027")
    assert findings("exercice-annuel", data)
    assert findings("exercice-sans-retex", data) == []
    for exercise in data["anticiper"]["exercices"]:
        exercise.pop("statut")
    assert findings("exercice-annuel", data)
    assert findings("exercice-sans-retex", data) == []
    # One dated exercise of the year is enough again.
    data["anticiper"]["exercices"][0]["date"] = date(2026, 3, 17)
    assert findings("exercice-annuel", data) == []
