"""Which part of the plan a heading of a Word plan opens (importer/sections.py), for the
headings real plans and our own documents write."""

from __future__ import annotations

import pytest

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
