"""`cptsplan import` reads values written « Libellé : valeur », labelled lists and two-column
tables against the plan format (importer/scopes.py, labelled.py, entries.py), in a Word
document written by hand as coordinators write them; a row whose values went into fields
is counted as placed and not copied again as imported text (importer/coverage.py)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from cptsplan.importer.build import Imported, import_document


def _document(path: Path) -> Path:
    word = Document()
    word.add_heading("CPTS des Trois Rivières : plan SSE", level=0)
    word.add_heading("La CPTS", level=1)
    table = word.add_table(rows=3, cols=2)
    for row, (label, value) in enumerate(
        [("Rubrique", "Information"), ("Population couverte", "19 400 habitants"),
         ("Département", "Nord (59)")]
    ):  # fmt: skip
        table.cell(row, 0).text, table.cell(row, 1).text = label, value
    word.add_heading("Transmissions à l'ARS", level=2)
    sent = word.add_table(rows=2, cols=3)
    for column, text in enumerate(["Destinataire", "Version", "Envoyé le"]):
        sent.cell(0, column).text = text
    for column, text in enumerate(["ARS Hauts-de-France", "1.0", "05/10/2026"]):
        sent.cell(1, column).text = text
    word.add_heading("Piloter", level=1)
    word.add_heading("Cellule de crise", level=2)
    word.add_paragraph("Lieu principal : Salle du conseil, 1 place de la Mairie, 59000 Lille.")
    word.add_paragraph("Lieu de repli : non renseigné.")
    word.add_paragraph("Points de situation : chaque jour à 9 h.")
    word.add_heading("Remontée d'informations aux autorités", level=2)
    word.add_paragraph("Indicateurs transmis :")
    word.add_paragraph("Nombre de professionnels mobilisés", style="List Bullet")
    word.add_paragraph("Nombre de patients vus", style="List Bullet")
    word.add_paragraph("Fréquence : quotidienne pendant la crise")
    word.add_paragraph("Humeur : excellente")  # no field has this title: kept as text
    word.add_heading("Le territoire", level=1)
    word.add_heading("Zones et référents de zone", level=2)
    word.add_paragraph("Centre : trois communes autour du bourg.")  # a zone, named so
    word.add_heading("Anticiper", level=1)
    word.add_heading("Lieux mobilisables", level=2)
    places = word.add_table(rows=2, cols=3)
    for column, text in enumerate(["Lieu", "Adresse", "Capacité"]):
        places.cell(0, column).text = text
    for column, text in enumerate(["Gymnase", "1 rue du Stade, 59000 Lille", "300 personnes"]):
        places.cell(1, column).text = text
    word.add_paragraph("Remarque générale : les clés sont en mairie.")  # no new place
    word.add_heading("Lieux du centre-bourg", level=3)  # a group of places, not one: dropped
    word.add_heading("Évaluer", level=1)
    word.add_heading("Feuille de route de la préparation", level=2)
    word.add_heading("Bilan 2025-2026", level=3)
    word.add_paragraph("Actions menées :")
    word.add_paragraph("Premier exercice de la chaîne d'alerte.", style="List Bullet")
    document = path / "plan.docx"
    word.save(str(document))
    return document


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    return import_document(_document(tmp_path_factory.mktemp("labelled")))


def _kept(data: dict[str, Any]) -> str:
    return "\n".join(group["texte"] for group in data.get("texte_importe", []))


def test_labelled_values_go_to_the_fields_their_labels_name(imported: Imported) -> None:
    data = imported.draft.data
    assert data["cpts"]["population"] == 19400
    assert data["cpts"]["departement"] == "Nord (59)"
    cell = data["piloter"]["cellule_de_crise"]
    assert cell["lieu_principal"] == {
        "nom": "Salle du conseil",
        "adresse": "1 place de la Mairie, 59000 Lille",
    }
    assert cell["points_de_situation"] == "chaque jour à 9 h."
    assert "lieu_repli" not in cell  # « non renseigné » is no place: nothing invented
    remontee = data["piloter"]["remontee_informations"]
    assert remontee["indicateurs"] == [
        "Nombre de professionnels mobilisés",
        "Nombre de patients vus",
    ]
    assert remontee["frequence"] == "quotidienne pendant la crise"
    assert data["evaluer"]["feuille_de_route"]["bilans"] == [
        {"periode": "2025-2026", "actions_menees": ["Premier exercice de la chaîne d'alerte."]}
    ]


def test_an_item_is_started_only_by_what_names_one(imported: Imported) -> None:
    data = imported.draft.data
    places = data["anticiper"]["ressources"]["lieux"]
    assert [place["nom"] for place in places] == ["Gymnase"]
    zones = data["territoire"]["zones"]
    assert [(z["nom"], z["description"]) for z in zones] == [
        ("Centre", "trois communes autour du bourg.")
    ]
    assert "Remarque générale : les clés sont en mairie." in _kept(data)


def test_what_no_field_names_is_kept_as_text(imported: Imported) -> None:
    kept = _kept(imported.draft.data)
    assert "Humeur : excellente" in kept and "Lieu de repli : non renseigné." in kept
    assert "Fréquence" not in kept and "Salle du conseil" not in kept


def test_a_row_whose_date_went_into_a_field_is_placed_and_not_copied(imported: Imported) -> None:
    sent = imported.draft.data["document"]["transmissions"]
    assert sent[0]["date"] == datetime.date(2026, 10, 5)
    assert "05/10/2026" not in _kept(imported.draft.data)
    summary = imported.summary
    # Left: the header of the two-column table (no field), « Lieu de repli : non renseigné. »,
    # « Humeur : excellente » and « Remarque générale : … »; the headers of the tables read
    # into lists are not counted (they name columns).
    assert summary.leftover == 4, _kept(imported.draft.data)
    assert summary.placed_share > 0.75


def test_a_function_name_printed_before_its_label_is_not_kept_twice(tmp_path: Path) -> None:
    """« Décision : présidente de la CPTS » in a Fonction | Titulaire table: the plan keeps
    the function (decision) and the label « présidente de la CPTS », so the draft prints
    « Décision : présidente de la CPTS » and not « Décision : Décision : … »."""
    word = Document()
    word.add_heading("Cellule de crise", level=1)
    table = word.add_table(rows=3, cols=2)
    rows = [
        ("Fonction", "Titulaire"),
        ("Décision : présidente de la CPTS", "Claire Vandamme"),
        ("Communication", "Hélène Dewaele"),
    ]
    for row, (function, holder) in enumerate(rows):
        table.cell(row, 0).text, table.cell(row, 1).text = function, holder
    path = tmp_path / "cellule.docx"
    word.save(str(path))
    imported = import_document(path)
    functions = imported.draft.data["piloter"]["cellule_de_crise"]["fonctions"]
    assert [(f["fonction"], f["libelle"]) for f in functions] == [
        ("decision", "présidente de la CPTS"),
        ("communication", "Communication"),
    ]


def test_tracked_changes_and_comments_are_taken_as_accepted_and_said(tmp_path: Path) -> None:
    """A plan still under review: its tracked insertion is kept, its tracked deletion left out
    (the text as it would be once everything is accepted), its comment not carried; the
    report says so, with the counts, first among what to check."""
    from docx.oxml import parse_xml

    word = Document()
    word.add_heading("Cellule de crise", level=1)
    paragraph = word.add_paragraph("Lieu principal : salle du conseil")
    names = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    changes = (
        f'<w:ins {names} w:id="1" w:author="ARS" w:date="2026-10-01T00:00:00Z"><w:r>'
        '<w:t xml:space="preserve"> de la mairie</w:t></w:r></w:ins>',
        f'<w:del {names} w:id="2" w:author="ARS" w:date="2026-10-01T00:00:00Z"><w:r>'
        '<w:delText xml:space="preserve"> ou gymnase</w:delText></w:r></w:del>',
    )
    for change in changes:
        paragraph._p.append(parse_xml(change))
    word.add_comment(paragraph.runs[0], text="À confirmer avec le maire", author="ARS")
    path = tmp_path / "relu.docx"
    word.save(str(path))

    imported = import_document(path)
    plan_text = "\n".join(imported.plan.values())
    assert "salle du conseil de la mairie" in plan_text
    assert "gymnase" not in plan_text and "À confirmer avec le maire" not in plan_text
    checks = imported.report.split("## À vérifier d'abord", 1)[1]
    assert "1. Le document contient 2 modifications suivies non acceptées (1 ajout, " in checks
    assert "1 suppression)" in checks
    assert "2. Le document contient 1 commentaire de relecture" in checks


def test_odt_changes_and_annotations_are_counted_across_chunks(tmp_path: Path) -> None:
    """Counted in small chunks (bounded memory): a mark in the last bytes of a chunk, or cut
    by a chunk's end, is counted once."""
    import zipfile

    from cptsplan.importer import revisions

    chunk = revisions.CHUNK
    annotation = "<office:annotation>"  # ends 2 bytes before the first chunk's end
    change = "<text:changed-region text:id='c1'/>"  # starts 10 bytes before the second's
    body = " " * (chunk - 2 - len(annotation)) + annotation + "</office:annotation>"
    body += " " * (2 * chunk - 10 - len(body)) + change
    path = tmp_path / "relu.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", body)
    assert revisions.revision_counts(path, "odt") == {"changes": 1, "comments": 1, "objects": 0}
    assert revisions.revision_counts(tmp_path / "absent.odt", "odt") == {}
