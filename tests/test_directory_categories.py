"""An organisation's name that states its category: what the Word import and the CSV import
may write without inventing anything, and what the « no ARS entry » rules point at instead
of asking for an entry the plan already has."""

from __future__ import annotations

import pytest

from cptsplan.messages.categories import category_named_by

from .test_rules import complete_data, findings


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("ARS Hauts-de-France – point focal régional (veille et sécurité sanitaires)", "ars"),
        ("Agence régionale de santé Grand Est", "ars"),
        ("Délégation départementale de l'ARS du Nord", "ars"),
        ("SAMU 59 – Centre 15 (CHU de Lille)", "samu"),
        ("Préfecture du Nord – SIDPC", "prefecture"),
        ("Sous-préfecture de Dunkerque", "prefecture"),
        ("CPAM des Flandres", "cpam"),
        ("Caisse primaire d’assurance maladie des Flandres", "cpam"),
        ("SDIS 59 – CTA-CODIS", "sdis"),
        ("Centre hospitalier de Lens", "etablissement_sante"),
        ("CH d'Hazebrouck", "etablissement_sante"),
        ("Clinique des Flandres", "etablissement_sante"),
        ("EHPAD Les Tilleuls", "etablissement_medico_social"),
        ("Mairie de Saint-Aubert", "collectivite"),
        ("Communauté de communes des Hauts de Flandre", "collectivite"),
        ("Pharmacie du Centre", "pharmacie"),
        ("MSP des Forges", "exercice_coordonne"),
        ("DAC du Nord", "dac"),
        ("CPTS du Val de Lys", "cpts"),
        ("Croix-Rouge française – délégation du Nord", "association"),
    ],
)
def test_a_name_that_says_what_it_is_gives_its_category(name: str, category: str) -> None:
    assert category_named_by(name) == category


@pytest.mark.parametrize(
    "name",
    [
        "Marsactu",  # « ars » inside a word is not the ARS
        "Cellule de crise de la pharmacie",  # a generic kind only counts at the start
        "Villeneuve Services",
        "Plate-forme commune SDIS – SAMU",  # two crisis services: the coordinator decides
        "Cabinet Durand",
    ],
)
def test_a_name_that_says_nothing_sure_gives_no_category(name: str) -> None:
    assert category_named_by(name) is None


def test_an_ars_entry_whose_category_is_not_written_is_pointed_at() -> None:
    data = complete_data()
    ars = [i for i, entry in enumerate(data["annuaire"]) if entry.get("categorie") == "ars"]
    for index in ars:
        del data["annuaire"][index]["categorie"]
    found = findings("annuaire-ars", data)
    assert len(found) == 1
    assert found[0].path == ("annuaire", ars[0])
    assert "ARS Hauts-de-France – point focal régional" in found[0].message
    assert found[0].hint is not None and "« categorie: ars »" in found[0].hint
    assert data["annuaire"][ars[0]]["id"] in found[0].hint


def test_without_such_an_entry_the_rule_still_asks_for_one() -> None:
    data = complete_data()
    data["annuaire"] = [e for e in data["annuaire"] if e.get("categorie") != "cpam"]
    found = findings("annuaire-cpam", data)
    assert [f.path for f in found] == [("annuaire",)]
    assert found[0].message == "l'annuaire n'a pas d'entrée pour la CPAM"
