"""What the plan written in an ARS regional template (tests/import_corpus/doc_ars_template.py)
showed the import did not read, each on a small hand-written document: « Fiche action n° X »
tables, the crisis cell in one sentence, the update date given only by the version table, a
landline typed in a « Portable » column, the SAMU listed under « Établissements de santé »,
and a communes table's zone and town hall."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document

from cptsplan.importer.build import import_document
from cptsplan.importer.coverage import Fields, covered

from .conftest import run_cli

Word = Any


def _table(word: Word, rows: list[list[str]]) -> Any:
    table = word.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def _directory(word: Word) -> None:
    word.add_heading("Annuaire de crise", 1)
    _table(
        word,
        [
            ["Nom", "Prénom", "Fonction", "Portable", "Courriel"],
            ["LACROIX", "Jérôme", "Président", "06 12 34 00 31", "j.lacroix@cpts.example"],
            ["FAURE", "Sandrine", "Coordinatrice", "06 12 34 00 33", "s.faure@cpts.example"],
            ["LEMAIRE", "Émilie", "Kinésithérapeute", "07 81 00 00 35", "e.lemaire@cpts.example"],
        ],
    )


def _imported(tmp_path: Path, write: Callable[[Word], None]) -> dict[str, Any]:
    word = Document()
    word.add_paragraph("Plan de préparation aux situations sanitaires exceptionnelles", "Title")
    word.add_paragraph("CPTS du Val de Test")
    write(word)
    path = tmp_path / "plan.docx"
    word.save(str(path))
    data: dict[str, Any] = import_document(path).draft.data
    return data


def _kept(plan: dict[str, Any]) -> str:
    return "\n".join(group["texte"] for group in plan.get("texte_importe", []))


def _fiche(word: Word, title: str, rows: list[list[str]]) -> None:
    header = ["Objectif", "Pilote", "Acteurs", "Modalités", "Échéance"]
    table = _table(word, [[""] * 5, header, *rows])
    merged = table.cell(0, 0).merge(table.cell(0, 4))
    merged.text = title


def test_a_titled_fiche_action_table_is_a_response_to_its_typology(tmp_path: Path) -> None:
    """The fiche's rows were kept as text (actions 0/15 on the corpus plan): each row is an
    action, its phase left to complete (the template has none), its pilot and actors who,
    its deadline the delay, its modalities after the action."""

    def write(word: Word) -> None:
        word.add_heading("Fiches actions", 1)
        _fiche(
            word,
            "Fiche action n° 2 – Épidémie saisonnière et évènements climatiques",
            [
                ["Appeler les patients fragiles.", "Coordinatrice", "IDEL", "Téléphone", "J+1"],
                ["Ouvrir des créneaux.", "Dr Jérôme Lacroix", "", "", "Sous 24 h"],
            ],
        )
        _fiche(word, "Fiche action n° 6 – Communication", [["Informer.", "Bureau", "", "", ""]])

    plan = _imported(tmp_path, write)
    [response] = plan["adapter"]["reponses"]
    assert response["titre"] == "Fiche action n° 2 – Épidémie saisonnière et évènements climatiques"
    assert response["typologies"] == ["T2"]
    assert response["actions"] == [
        {
            "phase": "A_COMPLETER",
            "action": "Appeler les patients fragiles. (modalités : Téléphone)",
            "qui": "Coordinatrice ; acteurs : IDEL",
            "delai": "J+1",
        },
        {
            "phase": "A_COMPLETER",
            "action": "Ouvrir des créneaux.",
            "qui": "Dr Jérôme Lacroix",
            "delai": "Sous 24 h",
        },
    ]
    # A fiche whose title names no typology is no response: its row is kept, to be placed.
    assert "Informer. | Bureau" in _kept(plan)


def test_the_crisis_cell_written_as_one_sentence(tmp_path: Path) -> None:
    """« La cellule de crise est composée du président, Dr X, de la coordinatrice, Y… »: a
    function for each member of the directory; a name the directory lacks is not added, and
    the sentence stays in the imported text, to be checked."""
    sentence = (
        "La cellule de crise est composée du président, Dr Jérôme Lacroix, de la "
        "coordinatrice, Sandrine Faure, du trésorier, Paul Inconnu, et de la chargée de "
        "communication, Émilie Lemaire."
    )

    def write(word: Word) -> None:
        _directory(word)
        word.add_heading("Cellule de crise", 1)
        word.add_paragraph(sentence)

    plan = _imported(tmp_path, write)
    functions = plan["piloter"]["cellule_de_crise"]["fonctions"]
    assert [(f["fonction"], f["libelle"], f["titulaire"]) for f in functions] == [
        ("decision", "Président", "jerome-lacroix"),
        ("pilotage", "Coordinatrice", "sandrine-faure"),
        ("communication", "Chargée de communication", "emilie-lemaire"),
    ]
    assert not [e for e in plan["annuaire"] if "Inconnu" in str(e.get("nom"))]
    assert sentence in _kept(plan)


def _versions(word: Word, *lines: str) -> None:
    for line in lines:
        word.add_paragraph(line)
    word.add_heading("Suivi du document", 1)
    _table(
        word,
        [
            ["Version", "Date", "Objet", "Auteur"],
            ["V2", "06/02/2024", "Fiches T4 et T5", "Sandrine Faure"],
            ["V3", "12/03/2025", "Annuaire", "Sandrine Faure"],
        ],
    )


def test_the_current_version_row_dates_the_update(tmp_path: Path) -> None:
    """« Version 3 – mars 2025 » and the row « V3 | 12/03/2025 »: the plan was updated on
    12 March 2025 (it was left to complete); a date the document states wins."""
    plan = _imported(tmp_path, lambda word: _versions(word, "Version 3 – mars 2025"))
    assert plan["document"]["version"] == "3"
    assert str(plan["document"]["date_mise_a_jour"]) == "2025-03-12"
    (tmp_path / "other").mkdir()
    plan = _imported(
        tmp_path / "other",
        lambda word: _versions(word, "Version 3", "Dernière mise à jour : 20/03/2025"),
    )
    assert str(plan["document"]["date_mise_a_jour"]) == "2025-03-20"


def test_a_landline_in_a_portable_column_is_not_called_a_mobile(tmp_path: Path) -> None:
    def write(word: Word) -> None:
        word.add_heading("Annuaire de crise", 1)
        _table(
            word,
            [
                ["Nom", "Prénom", "Portable", "Courriel"],
                ["LACROIX", "Jérôme", "06.12.34.00.31 / 0465710032", "j.lacroix@cpts.example"],
            ],
        )

    plan = _imported(tmp_path, write)
    [entry] = [e for e in plan["annuaire"] if e.get("prenom") == "Jérôme"]
    assert entry["telephones"] == [
        {"numero": "06 12 34 00 31", "usage": "mobile"},
        {"numero": "04 65 71 00 32"},
    ]
    # The row went into the entry whole: « 06.12.34 » is no date to look for.
    assert "LACROIX" not in _kept(plan)


def test_a_crisis_service_keeps_its_category_under_a_broader_heading(tmp_path: Path) -> None:
    """The SAMU listed under « Établissements de santé » was an establishment, and the plan
    was told it had no SAMU entry; the hospital under it stays an establishment."""

    def write(word: Word) -> None:
        word.add_heading("Annuaire de crise", 1)
        word.add_heading("Établissements de santé", 2)
        _table(
            word,
            [
                ["Établissement", "Rôle", "Téléphone", "Courriel"],
                ["SAMU 01 – Centre 15", "Régulation", "04 65 71 00 44", "samu01@chu.example"],
                ["Centre hospitalier de Trévoux", "Urgences", "04 65 71 00 45", "ch@ch.example"],
            ],
        )

    plan = _imported(tmp_path, write)
    categories = {e["nom"]: e.get("categorie") for e in plan["annuaire"]}
    assert categories["SAMU 01 – Centre 15"] == "samu"
    assert categories["Centre hospitalier de Trévoux"] == "etablissement_sante"


def test_a_date_in_a_phone_number_or_after_du_is_placed_as_it_is() -> None:
    """« 06.12.34.00.31 » was read as the date 6 December 2034 (numeric, two-digit year),
    and a directory row holding it was then kept as text: a number printed with dots or
    dashes holds no date; « du » before a date is the date's."""
    from cptsplan.importer.dates import dates_in

    assert dates_in("06.12.34.00.31 / 03-53-01-02-55") == []
    assert [day.isoformat() for _span, day in dates_in("le 05.10.26 (tél 06.12.34.00.31)")] == [
        "2026-10-05"
    ]
    fields = Fields(["06 12 34 00 31", "04 65 71 00 32", "True", "2024-02-05"], {})
    assert covered("06.12.34.00.31 / 0465710032", fields)
    assert covered("oui, du 5 février 2024", fields)
    assert not covered("oui, du 6 février 2024", fields)


def test_a_communes_table_gives_each_commune_its_zone_and_town_hall(tmp_path: Path) -> None:
    """The zone column makes the zones (the plan had none) and links each commune to its
    own; « (mairie : Mairie de X) » names the directory's entry and becomes `mairie`, while
    « (mairie : 04 … ) » names none and stays in the name as the document wrote it."""

    def write(word: Word) -> None:
        word.add_heading("Annuaire de crise", 1)
        _table(
            word,
            [
                ["Structure", "Téléphone", "Courriel"],
                ["Mairie de Reyrieux-le-Haut", "04 65 71 90 03", "mairie@reyrieux.example"],
            ],
        )
        word.add_heading("Territoire", 1)
        _table(
            word,
            [
                ["Commune", "Population", "Zone"],
                ["Reyrieux-le-Haut (mairie : Mairie de Reyrieux-le-Haut)", "4 900", "Val"],
                ["Trévoux (mairie : 04 65 71 90 01)", "7 100", "Val"],
                ["Villars-en-Dombes", "4 700", "Dombes"],
            ],
        )

    plan = _imported(tmp_path, write)
    territory = plan["territoire"]
    zones = {zone["nom"]: zone["id"] for zone in territory["zones"]}
    assert set(zones) == {"Val", "Dombes"}
    communes = {c["nom"]: (c.get("mairie"), c.get("zone")) for c in territory["communes"]}
    mairie = next(e["id"] for e in plan["annuaire"] if e["nom"] == "Mairie de Reyrieux-le-Haut")
    assert communes == {
        "Reyrieux-le-Haut": (mairie, zones["Val"]),
        "Trévoux (mairie : 04 65 71 90 01)": (None, zones["Val"]),
        "Villars-en-Dombes": (None, zones["Dombes"]),
    }
    kept = _kept(plan)
    assert "Villars-en-Dombes" not in kept and "Reyrieux-le-Haut (mairie" not in kept


def _senders_document(word: Word) -> None:
    word.add_heading("Annuaire de crise", 1)
    _table(
        word,
        [
            ["Structure", "Téléphone", "Courriel"],
            ["ARS Auvergne-Rhône-Alpes – point focal", "04 65 71 00 40", "ars@ars.example"],
            ["SAMU 01 – Centre 15", "04 65 71 00 44", "samu01@chu.example"],
            ["Préfecture de l'Ain – SIDPC", "04 65 71 00 42", "sidpc@pref.example"],
        ],
    )
    word.add_heading("Chaîne d'alerte", 1)
    _table(
        word,
        [
            ["Émetteur de l'alerte", "Coordonnées"],
            ["ARS / SAMU / Préfecture", "04 65 71 00 40 / 04 65 71 00 44 / 04 65 71 00 42"],
            ["ARS / Gendarmerie", "Par téléphone"],
        ],
    )


def test_a_sender_cell_naming_three_organisations_gives_three_senders(tmp_path: Path) -> None:
    """« ARS / SAMU / Préfecture » is three senders when each is in the directory; with a
    name the directory lacks (« Gendarmerie »), the row stays as text and no entry is made
    (before: one organisation named « ARS / SAMU / Préfecture », or the ARS alone)."""
    plan = _imported(tmp_path, _senders_document)
    names = {e["id"]: e["nom"] for e in plan["annuaire"]}
    senders = [names[s] for s in plan["piloter"]["chaine_alerte"]["emetteurs"]]
    assert senders == [
        "ARS Auvergne-Rhône-Alpes – point focal",
        "SAMU 01 – Centre 15",
        "Préfecture de l'Ain – SIDPC",
    ]
    assert len(names) == 3
    kept = _kept(plan)
    assert "ARS / Gendarmerie" in kept and "ARS / SAMU / Préfecture" not in kept


def test_a_plan_s_version_in_a_dated_bracket_and_its_type_cell(tmp_path: Path) -> None:
    """« (Dispositions générales de 2023, PPI de 2022) » after the title is the version (a
    bracket dated by a year), « (PPRI 2019) », a sigle and its year, stays in the title; the
    row « Dispositif ORSEC (préfecture), niveau départemental | … » is then placed whole."""

    def write(word: Word) -> None:
        word.add_heading("Articulation avec les autres plans", 1)
        _table(
            word,
            [
                ["Plan", "Intitulé et version", "Articulation"],
                [
                    "Dispositif ORSEC (préfecture), niveau départemental",
                    "ORSEC de l'Ain (dispositions NOVI) (Dispositions générales de 2023, PPI "
                    "de 2022)",
                    "La CPTS relaie les consignes du préfet.",
                ],
                ["Autre plan", "Plan de prévention (PPRI 2019)", "Zones inondables."],
            ],
        )

    plan = _imported(tmp_path, write)
    links = plan["piloter"]["articulation_plans"]
    assert [(link["intitule"], link.get("version")) for link in links] == [
        ("ORSEC de l'Ain (dispositions NOVI)", "Dispositions générales de 2023, PPI de 2022"),
        ("Plan de prévention (PPRI 2019)", None),
    ]
    assert (links[0]["plan"], links[0]["niveau"]) == ("orsec", "departemental")
    assert "ORSEC" not in _kept(plan)


HONEST = {
    # What the ARS-template plan does not say: `validate` may say it, nothing else.
    "champ-a-completer", "contact-non-verifie", "alerte-cascade", "alerte-emetteurs",
    "alerte-point-entree", "annuaire-ars", "cellule-activation", "cellule-fonction-suppleant",
    "cellule-joignable-h24", "cellule-lieu-repli", "communication-externe",
    "communication-interne", "continuite-soins-besoins", "continuite-soins-reperage",
    "declenchement-autorites", "declenchement-limites-moyens", "formations",
    "redaction-collectivite", "redaction-etablissement", "remontee-informations",
    "typologie-sans-scenario",
}  # fmt: skip
LEFT_TO_COMPLETE = re.compile(
    r"^(?:adapter\.reponses\[\d+\]\.actions\[\d+\]\.phase|territoire\.communes\[\d+\]\.code_insee"
    r"|anticiper\.exercices\[\d+\]\.type|evaluer\.retex\[\d+\]\.enseignements\[\d+\]"
    r"|piloter\.cellule_de_crise\.lieu_principal\.(?:nom|adresse)"
    r"|piloter\.articulation_plans\[0\]\.(?:plan|articulation)"
    r"|document\.classification|cpts\.taille_aci|adapter\.continuite_des_soins\.principes)$"
)


def test_the_ars_template_plan_validates_with_only_honest_findings(tmp_path: Path) -> None:
    """The corpus's ARS-template plan imported and checked: no traceback, exit 1 for what
    it does not say (the phases of its actions, the communes' INSEE codes, the cell's
    place…), and nothing the document does say is asked again (its update date, its
    responses' typologies, the functions of its cell)."""
    from .import_corpus import doc_ars_template
    from .test_import_round_trip import findings

    document = doc_ars_template.build(tmp_path / "corpus")
    repository = tmp_path / "depot"
    result = run_cli("import", document.path, "-o", repository)
    assert result.exit_code == 0, result.stderr
    result = run_cli("validate", repository, "--date", "2025-04-01")
    assert result.exit_code == 1 and "Traceback" not in result.stderr, result.stderr
    found = findings(result.stdout)
    assert {rule for rule, _path in found} <= HONEST
    asked = [path for rule, path in found if rule == "champ-a-completer"]
    assert asked and [path for path in asked if not LEFT_TO_COMPLETE.match(path)] == []


def test_a_referent_row_with_a_title_and_a_role_is_placed_whole(tmp_path: Path) -> None:
    """« Référent SSE | Dr Jérôme Lacroix | Président »: the role is the référent's, « Dr »
    how the name is said; the row went into the plan, and was kept again as text."""

    def write(word: Word) -> None:
        _directory(word)
        word.add_heading("Référents SSE", 1)
        _table(
            word,
            [
                ["Rôle", "Nom", "Fonction"],
                ["Référent SSE", "Dr Jérôme Lacroix", "Président"],
                ["Suppléant", "Mme Sandrine Faure", "Coordinatrice"],
            ],
        )

    plan = _imported(tmp_path, write)
    assert plan["piloter"]["referents_sse"] == [
        {"personne": "jerome-lacroix", "role": "titulaire"},
        {"personne": "sandrine-faure", "role": "suppleant"},
    ]
    assert "Lacroix" not in _kept(plan) and "Faure" not in _kept(plan)


def test_a_fallback_place_written_after_the_main_one_is_the_fallback(tmp_path: Path) -> None:
    """« Lieu : MSP des Forges, 3 rue du Viaduc – repli : mairie de Revin-le-Bas » (the
    messy corpus plan): the whole line went into the main place, and the grid said « Lieu
    de repli : non » for a plan that names one."""

    def write(word: Word) -> None:
        word.add_heading("Cellule de crise", 1)
        word.add_paragraph("Lieu : MSP des Forges, 3 rue du Viaduc – repli : mairie de Revin")

    cellule = _imported(tmp_path, write)["piloter"]["cellule_de_crise"]
    assert cellule["lieu_principal"] == {"nom": "MSP des Forges", "adresse": "3 rue du Viaduc"}
    assert cellule["lieu_repli"]["nom"] == "mairie de Revin"

    def bracketed(word: Word) -> None:
        word.add_heading("Cellule de crise", 1)
        word.add_paragraph("Lieu de réunion : salle du conseil (repli : cabinet du Dr Roux)")

    cellule = _imported(tmp_path, bracketed)["piloter"]["cellule_de_crise"]
    assert cellule["lieu_principal"]["nom"] == "salle du conseil"
    assert cellule["lieu_repli"]["nom"] == "cabinet du Dr Roux"


def test_the_cell_s_meeting_place_written_as_a_sentence(tmp_path: Path) -> None:
    """« Elle se réunit à la MSP de la Dombes, salle de réunion du 1er étage, ou en
    visioconférence… » (the ARS-template plan): the meeting place was not read, and the grid
    said « Lieu principal de la cellule : non »."""

    def write(word: Word) -> None:
        word.add_heading("Cellule de crise", 1)
        word.add_paragraph(
            "Elle se réunit à la MSP de la Dombes, salle de réunion du 1er étage, ou en "
            "visioconférence si les routes sont coupées."
        )

    plan = _imported(tmp_path, write)
    place = plan["piloter"]["cellule_de_crise"]["lieu_principal"]
    assert place["nom"].startswith("la MSP de la Dombes")
    assert "visioconférence" not in place["nom"]
    assert "se réunit" in _kept(plan)  # the sentence stays to check, as written

    def remote(word: Word) -> None:
        word.add_heading("Cellule de crise", 1)
        word.add_paragraph("La cellule se réunit en visioconférence.")

    # Remote working is no place: the main place stays to complete.
    cellule = _imported(tmp_path, remote)["piloter"]["cellule_de_crise"]
    assert cellule["lieu_principal"]["nom"].startswith("A_COMPLETER")
