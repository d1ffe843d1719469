"""Section numbers and cross-references read from the Markdown, and phone numbers as the
documents print them (fast: no rendering)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cptsplan.privacy.phones import printed_number
from cptsplan.render.filters import escape_inline
from cptsplan.render.sections import DIRECTORY_ELSEWHERE, headings, reference, references

MARKDOWN = f"""# Présentation {{ #presentation }}

## La CPTS [*(modifié)*]{{.marque-modification}} {{ #la-cpts }}

### Communes

#### Détail

# Piloter {{ #piloter }}

## Cellule de crise {{ #cellule-de-crise }}

### Fonctions {{ #fonctions-cellule }}

## {escape_inline("Réponse {#piloter} [x](#y) *z*")} {{ #reponse-1 }}

# Annexe A : annuaire de crise {{ #annuaire .unnumbered }}

### Famille {{.unnumbered .unlisted}}

# Annexe B : historique {{-}}
"""


def test_headings_are_numbered_as_the_lua_filter_and_typst_number_them() -> None:
    found = [(h.number, h.title, h.identifier) for h in headings(MARKDOWN)]
    assert found == [
        ("1", "Présentation", "presentation"),
        ("1.1", "La CPTS", "la-cpts"),  # the « (modifié) » mark is not part of the title
        ("1.1.1", "Communes", ""),
        (None, "Détail", ""),  # level 4: no number
        ("2", "Piloter", "piloter"),
        ("2.1", "Cellule de crise", "cellule-de-crise"),
        ("2.1.1", "Fonctions", "fonctions-cellule"),
        ("2.2", "Réponse {#piloter} [x](#y) *z*", "reponse-1"),  # plan text stays text
        (None, "Annexe A : annuaire de crise", "annuaire"),
        (None, "Famille", ""),
        (None, "Annexe B : historique", ""),
    ]


def test_a_reference_names_the_most_precise_section_printed() -> None:
    document = headings(MARKDOWN)
    cell = ("piloter", "cellule_de_crise")
    assert reference((*cell, "fonctions", 2, "titulaire"), document) == (
        "[§ 2\\.1\\.1 Fonctions](#fonctions-cellule){.renvoi}"
    )
    # No « Lieux de réunion » heading in this document: its parent section instead.
    assert reference((*cell, "lieu_principal"), document).startswith("[§ 2\\.1 Cellule")
    assert reference(("annuaire", 3), document).startswith("[Annexe A")
    assert reference(("adapter", "reponses", 0), document).startswith("[§ 2\\.2 Réponse \\{")
    assert reference(("evaluer", "retex"), document) == ""  # nothing prints it here
    assert reference(None, document) == ""


def test_the_directory_of_an_edition_that_leaves_it_out_is_not_linked() -> None:
    without = headings(MARKDOWN.replace("{ #annuaire .unnumbered }", "{.unnumbered}"))
    assert reference(("annuaire", 0), without) == escape_inline(DIRECTORY_ELSEWHERE)


@dataclass
class Line:
    covered: bool
    path: tuple[str | int, ...] | None


def test_the_template_helper_reads_what_was_rendered_before_it() -> None:
    rendered: list[str] = []
    renvoi = references(rendered)
    line = Line(True, ("piloter", "cellule_de_crise"))
    assert renvoi(line) == ""
    rendered.append(MARKDOWN)
    assert renvoi(line) == "[§ 2\\.1 Cellule de crise](#cellule-de-crise){.renvoi}"
    assert renvoi(Line(False, ("piloter",))) == ""  # an item not covered points nowhere


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("0639981101", "06 39 98 11 01"),
        ("+33 (0)6 39 98 11 01", "06 39 98 11 01"),
        ("(+33) 6 39 98 11 01", "06 39 98 11 01"),
        ("0033 3.53.01.00.10", "03 53 01 00 10"),
        ("06-39-98-11-01", "06 39 98 11 01"),
        ("0800123456", "0 800 12 34 56"),
        ("+262 262 12 34 56", "0262 12 34 56"),  # La Réunion: dialled with a 0 from France
        ("0032 2 123 45 67", "+32 2 123 45 67"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
    ],
)
def test_numbers_are_printed_in_one_form_that_never_breaks(typed: str, printed: str) -> None:
    assert printed_number(typed) == printed.replace(" ", "\u00a0")


@pytest.mark.parametrize(
    "typed", ["15", "112", "3237", "03 20 12 34 56 poste 12", "standard", "06 39", ""]
)
def test_what_is_not_only_a_number_is_printed_as_typed(typed: str) -> None:
    assert printed_number(typed) == typed
