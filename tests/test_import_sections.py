"""Which part of the plan a heading of a Word plan opens (importer/sections.py), for the
headings real plans and our own documents write; and which texts, where a person is
expected, are names (importer/person_names.py)."""

from __future__ import annotations

import pytest

from cptsplan.importer.person_names import looks_like_a_name
from cptsplan.importer.sections import section_of


@pytest.mark.parametrize(
    "heading",
    [
        "Fiche réflexe 1 : Réception d’une alerte",
        "Annexe D : fiches réflexes",
        "Annexe 3 – Fiches réflexes",
        "4. Fiches réflexes",
        "IV. Fiches actions",
        "Les fiches réflexes",
        "FICHES REFLEXES",
        "7.2 Fiches réflexes par typologie",
    ],
)
def test_a_heading_that_begins_with_fiches_opens_the_fiches(heading: str) -> None:
    assert section_of(heading) == "fiches"


def test_a_heading_that_only_mentions_fiches_does_not() -> None:
    """A response's « Partenaires, moyens et fiches réflexes » lists its partners: read as
    a fiche, they became six fiches réflexes named after that heading."""
    assert section_of("Partenaires, moyens et fiches réflexes") != "fiches"
    assert section_of("3.2.4 Partenaires, moyens et fiches réflexes") != "fiches"


@pytest.mark.parametrize(
    "text",
    ["Claire Vandamme", "VANDAMME Claire", "Dr Claire VANDAMME (médecin)", "Anne d’Alembert",
     "Jan van der Berg", "J.-P. Martin", "Marie-Claire Dupont", "Mme Hélène Dewaele"],
)  # fmt: skip
def test_a_name_is_a_name(text: str) -> None:
    assert looks_like_a_name(text)


@pytest.mark.parametrize(
    "text",
    ["Médecin généraliste", "Pharmacienne titulaire", "la présidente de la CPTS", "Le président",
     "à désigner"],
)  # fmt: skip
def test_a_role_is_not_made_a_person(text: str) -> None:
    """Written where a référent's name is expected, a role would have become a directory
    person of that name (« Médecin généraliste »)."""
    assert not looks_like_a_name(text)
