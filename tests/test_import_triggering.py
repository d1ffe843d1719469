"""Who triggers the plan and within what limits, read from the sentences a Word plan writes
for them (importer/triggering.py): the reviewer's grid said « les autorités qui déclenchent
le plan ne sont pas citées » (an error) on a plan whose document names them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document

from cptsplan.importer.build import import_document


def _imported(tmp_path: Path, *paragraphs: str) -> dict[str, Any]:
    document = Document()
    document.add_heading("CPTS des Essais – Plan SSE", 1)
    document.add_heading("Déclenchement", 2)
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    data: dict[str, Any] = import_document(path).draft.data
    return data.get("piloter", {}).get("declenchement", {})


@pytest.mark.parametrize(
    ("sentence", "authorities"),
    [
        (
            "Le plan est déclenché par le directeur général de l'ARS, le préfet ou le ministre.",
            ["directeur_general_ars", "prefet", "ministre"],
        ),
        (
            "Déclenchement : sur décision de la directrice générale de l’ARS.",
            ["directeur_general_ars"],
        ),
        ("Le préfet peut déclencher le plan ORSEC, qui mobilise la CPTS.", ["prefet"]),
    ],
)
def test_the_authorities_a_triggering_sentence_names(
    tmp_path: Path, sentence: str, authorities: list[str]
) -> None:
    assert _imported(tmp_path, sentence).get("autorites") == authorities


def test_an_authority_named_elsewhere_is_not_a_trigger(tmp_path: Path) -> None:
    """« Le préfet préside la réunion annuelle » says nothing of who triggers the plan."""
    found = _imported(tmp_path, "Le préfet préside la réunion annuelle des acteurs de santé.")
    assert "autorites" not in found


def test_the_limit_of_the_cptss_means_is_its_own_sentence(tmp_path: Path) -> None:
    found = _imported(
        tmp_path,
        "La CPTS intervient en appui. Elle agit dans la limite de ses moyens humains et "
        "techniques ; elle ne remplace ni l'hôpital ni le SAMU.",
    )
    assert found.get("limites_moyens") == (
        "Elle agit dans la limite de ses moyens humains et techniques ; elle ne remplace ni "
        "l'hôpital ni le SAMU."
    )
