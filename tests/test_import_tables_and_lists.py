"""`cptsplan import` on tables and lists as coordinators write them and the corpus did not
hold: a directory with two header rows or a row that starts further right, référents as
cards or as a « Rôle | Nom » table without header, a « tel: » link, fields whose text
pandoc drops (Word and ODT), check-lists of Wingdings boxes or symbol-font codes. Each
document is written here by hand, small and fast."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml

from cptsplan.importer.build import import_document

from .test_import_page_furniture import NS


def _table(rows: list[list[str]]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in row)
        + "</w:tr>"
        for row in rows
    )  # fmt: skip
    return f"<w:tbl {NS}><w:tblPr/><w:tblGrid/>{cells}</w:tbl>"


def test_a_directory_with_two_header_rows_keeps_first_names(tmp_path: Path) -> None:
    """« Identité » over Nom and Prénom, « Coordonnées » over Téléphone and Courriel, then
    the column titles: the first row was taken for the header (« Identité » a name,
    « Coordonnées » a phone column), so each first name went to `remarques` and the
    entries were named « durand », « petit »."""
    word = Document()
    word.add_heading("Annuaire de crise", level=1)
    table = word.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Identité"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Coordonnées"
    rows = [
        ["Nom", "Prénom", "Téléphone", "Courriel"],
        ["DURAND", "Alice", "06 12 00 00 01", "alice.durand@cpts-sambre.fr"],
        ["PETIT", "Bruno", "06 12 00 00 02", "bruno.petit@cpts-sambre.fr"],
    ]
    for index, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            table.cell(index, column).text = value
    path = tmp_path / "annuaire.docx"
    word.save(str(path))

    imported = import_document(path)
    entries = imported.draft.data["annuaire"]

    assert [(e["id"], e["nom"], e.get("prenom")) for e in entries] == [
        ("alice-durand", "DURAND", "Alice"),
        ("bruno-petit", "PETIT", "Bruno"),
    ]
    assert not any("remarques" in e for e in entries)
    assert "Identité | Coordonnées" in imported.plan["plan/texte-importe.yaml"]


def test_a_number_behind_a_tel_link_is_kept(tmp_path: Path) -> None:
    """A directory copied from a web page: « Appeler » links to tel:+33612345678, the number
    only in the link. It was lost; a link that shows its number does not repeat it."""
    word = Document()
    word.add_heading("Annuaire", level=1)
    table = word.add_table(rows=3, cols=3)
    for column, title in enumerate(["Nom", "Fonction", "Téléphone"]):
        table.cell(0, column).text = title
    for row, (name, words, target) in enumerate(
        [
            ("Claire MARTIN", "Appeler", "+33612345678"),
            ("Paul ROUX", "06 98 76 54 32", "+33698765432"),
        ],
        start=1,
    ):
        table.cell(row, 0).text = name
        table.cell(row, 1).text = "Pharmacien"
        cell = table.cell(row, 2)._tc
        cell.remove(cell.p_lst[0])
        rid = word.part.relate_to(f"tel:{target}", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        cell.append(
            parse_xml(f'<w:p {NS}><w:hyperlink r:id="{rid}"><w:r><w:t>{words}</w:t></w:r>'
                      "</w:hyperlink></w:p>")
        )  # fmt: skip
    path = tmp_path / "annuaire.docx"
    word.save(str(path))

    imported = import_document(path)
    plan = "\n".join(imported.plan.values())

    assert "+33612345678" in plan
    assert "+33698765432" not in plan
    roux = next(e for e in imported.draft.data["annuaire"] if e["nom"] == "ROUX")
    assert roux["telephones"] == [{"numero": "06 98 76 54 32"}]


def _checklist_plan(path: Path, boxes: tuple[str, str]) -> Path:
    """A typology of an ARS form with its check-list, boxes as given (ticked, unticked):
    a paragraph of XML each, so that a box may be a Wingdings symbol."""
    ticked, unticked = boxes
    word = Document()
    word.add_heading("T4 – Canicule", level=1)
    word.add_paragraph("Actions retenues (cocher) :")
    for box, action in ((ticked, "Relayer l'alerte canicule aux adhérents"),
                        (unticked, "Organiser une astreinte le week-end"),
                        (ticked, "Repérer les patients isolés")):  # fmt: skip
        word.element.body.sectPr.addprevious(
            parse_xml(f'<w:p {NS}>{box}<w:r><w:t xml:space="preserve"> {action}</w:t></w:r></w:p>')
        )
    word.save(str(path))
    return path


def _symbol(code: str) -> str:
    return f'<w:r><w:sym w:font="Wingdings" w:char="{code}"/></w:r>'


def test_a_check_list_of_wingdings_boxes_gives_the_ticked_actions(tmp_path: Path) -> None:
    """Boxes inserted as Wingdings symbols (« Insertion > Symbole », old templates), which
    pandoc reads as 🗹 and ◻: the check-list was not one, no action was read (the
    response had one « A_COMPLETER » action). Now only the ticked lines are actions; the
    unticked one stays in the text to place, with its box."""
    path = _checklist_plan(tmp_path / "plan.docx", (_symbol("F0FE"), _symbol("F0A8")))

    imported = import_document(path)

    actions = imported.draft.data["adapter"]["reponses"][0]["actions"]
    assert [a["action"] for a in actions] == [
        "Relayer l'alerte canicule aux adhérents",
        "Repérer les patients isolés",
    ]
    assert "◻ Organiser une astreinte le week-end" in imported.plan["plan/texte-importe.yaml"]


def test_actions_under_actions_retenues_have_no_phase_made_up(tmp_path: Path) -> None:
    """« Actions retenues (cocher) : » was read as a phase label (« action » is a word of
    the phase « conduite »): every action of an ARS form's check-lists was « conduite »,
    which the document does not say. The phase is left to complete."""
    typed = ("<w:r><w:t>☒</w:t></w:r>", "<w:r><w:t>☐</w:t></w:r>")
    imported = import_document(_checklist_plan(tmp_path / "plan.docx", typed))

    actions = imported.draft.data["adapter"]["reponses"][0]["actions"]
    assert len(actions) == 2
    assert {a["phase"] for a in actions} == {"A_COMPLETER"}


def test_a_row_that_starts_further_right_keeps_its_columns(tmp_path: Path) -> None:
    """A directory row whose first cell is missing (`w:gridBefore`, as Word leaves a table
    converted from a PDF or edited cell by cell): pandoc read its cells from the first
    column, so the pharmacy's structure was its number, its number was not in
    `telephones` and its address was not its `email`."""

    def row(*texts: str, properties: str = "") -> str:
        cells = "".join(f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>" for text in texts)
        return f"<w:tr>{properties}{cells}</w:tr>"

    skipped = '<w:trPr><w:gridBefore w:val="1"/><w:wBefore w:w="2000" w:type="dxa"/></w:trPr>'
    rows = [
        row("Nom", "Structure", "Téléphone", "Courriel"),
        row("Claire MARTIN", "MSP du Pont", "06 12 34 56 78", "claire.martin@msp-pont.fr"),
        row("Pharmacie du Pont", "03 20 11 22 33", "pharmacie@pont.fr", properties=skipped),
    ]
    word = Document()
    word.add_heading("Annuaire", level=1)
    word.element.body.sectPr.addprevious(
        parse_xml(f"<w:tbl {NS}><w:tblPr/><w:tblGrid>{'<w:gridCol/>' * 4}</w:tblGrid>"
                  f"{''.join(rows)}</w:tbl>")
    )  # fmt: skip
    path = tmp_path / "annuaire.docx"
    word.save(str(path))

    entries = import_document(path).draft.data["annuaire"]

    pharmacy = entries[1]
    assert pharmacy["telephones"] == [{"numero": "03 20 11 22 33"}]
    assert pharmacy["email"] == "pharmacie@pont.fr"
    assert "03 20" not in str(pharmacy.get("structure", ""))
    assert entries[0]["nom"] == "MARTIN" and entries[0]["structure"] == "MSP du Pont"


def test_referents_written_as_cards_are_read_and_no_label_becomes_a_person(
    tmp_path: Path,
) -> None:
    """Référents presented as cards, a two-column table each (« Référent titulaire | Dr
    Claire MARTIN », « Fonction | … », « Téléphone | … », « Courriel | … »): the labels were
    read as a référents table's people, so the directory had entries named « Fonction »,
    « Téléphone » and « Courriel », each a référent titulaire and suppléant, and the
    référents' numbers were nowhere but in the text to place."""
    cards = [
        [("Référent titulaire", "Claire MARTIN"), ("Fonction", "Médecin généraliste"),
         ("Téléphone", "06 12 34 56 78"), ("Courriel", "claire.martin@cpts-sambre.fr")],
        [("Référente suppléante", "Inès ROUX"), ("Fonction", "Infirmière"),
         ("Portable", "06 98 76 54 32"), ("Disponibilité", "du lundi au vendredi")],
    ]  # fmt: skip
    imported = import_document(_referents_in_tables(tmp_path, cards))
    entries = {e["id"]: e for e in imported.draft.data["annuaire"]}
    referents = imported.draft.data["piloter"]["referents_sse"]

    assert sorted(entries) == ["claire-martin", "ines-roux"]
    assert entries["claire-martin"]["telephones"] == [{"numero": "06 12 34 56 78"}]
    assert entries["claire-martin"]["email"] == "claire.martin@cpts-sambre.fr"
    assert entries["ines-roux"]["fonction"] == "Infirmière"
    assert entries["ines-roux"]["telephones"] == [{"numero": "06 98 76 54 32", "usage": "mobile"}]
    assert referents == [
        {"personne": "claire-martin", "role": "titulaire"},
        {"personne": "ines-roux", "role": "suppleant"},
    ]
    text = imported.plan["plan/texte-importe.yaml"]
    assert "Disponibilité | du lundi au vendredi" in text  # no field for it: kept
    assert "06 12 34 56 78" not in text


def test_text_of_fields_written_in_short_stays_in_its_cell(tmp_path: Path) -> None:
    """A field written in short (`w:fldSimple`: a document property, a reference, a link)
    lost its text in pandoc's reading: a directory row whose name is such a field had no
    name, so no entry (the name was put back after the table, alone), and a link so written
    lost its address, its label « Courriel : » kept twice."""

    def field(instruction: str, text: str) -> str:
        quoted = instruction.replace('"', "&quot;")
        return (f'<w:fldSimple w:instr=" {quoted} "><w:r><w:t>{text}</w:t></w:r>'
                "</w:fldSimple>")  # fmt: skip

    def cells(*contents: str) -> str:
        return "<w:tr>" + "".join(f"<w:tc><w:p>{c}</w:p></w:tc>" for c in contents) + "</w:tr>"

    def text(words: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{words}</w:t></w:r>'

    table = (
        f"<w:tbl {NS}><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        + cells(text("Nom"), text("Téléphone"))
        + cells(field("DOCPROPERTY Manager", "Claire MARTIN"), text("06 12 34 56 78"))
        + "</w:tbl>"
    )
    link = field('HYPERLINK "mailto:contact@cpts-sambre.fr"', "écrire à la CPTS")
    word = Document()
    word.add_heading("Annuaire", level=1)
    word.element.body.sectPr.addprevious(parse_xml(table))
    word.element.body.sectPr.addprevious(parse_xml(f"<w:p {NS}>{text('Courriel : ')}{link}</w:p>"))
    path = tmp_path / "annuaire.docx"
    word.save(str(path))

    imported = import_document(path)

    entries = imported.draft.data["annuaire"]
    assert [(e["nom"], e.get("prenom"), e.get("telephones")) for e in entries] == [
        ("MARTIN", "Claire", [{"numero": "06 12 34 56 78"}])
    ]
    text_kept = imported.plan["plan/texte-importe.yaml"]
    assert "Courriel : écrire à la CPTS (contact@cpts-sambre.fr)" in text_kept
    assert text_kept.count("Courriel :") == 1


def test_the_text_of_an_odt_s_fields_stays_in_its_place(tmp_path: Path) -> None:
    """pandoc drops the text of an ODT's fields (a fixed date, a property of the document,
    a variable; each Word field saved by LibreOffice): a directory row whose name was one had
    no entry (the name was put back after the table, alone)."""
    from .test_import_word_features import odt

    def row(*cells: str) -> str:
        return "<table:table-row>" + "".join(
            f"<table:table-cell><text:p>{c}</text:p></table:table-cell>" for c in cells
        ) + "</table:table-row>"  # fmt: skip

    body = (
        '<text:p>Date de mise à jour : <text:date text:date-value="2026-10-05"'
        ' text:fixed="true">05/10/2026</text:date></text:p>'
        '<text:h text:outline-level="1">Annuaire</text:h><table:table>'
        + row("Nom", "Téléphone")
        + row('<text:user-defined text:name="Manager">Claire MARTIN</text:user-defined>',
              "06 12 34 56 78")
        + "</table:table>"
    )  # fmt: skip
    imported = import_document(odt(tmp_path / "plan.odt", body))

    entries = imported.draft.data["annuaire"]
    assert [(e["nom"], e.get("prenom"), e.get("telephones")) for e in entries] == [
        ("MARTIN", "Claire", [{"numero": "06 12 34 56 78"}])
    ]
    assert str(imported.draft.data["document"]["date_mise_a_jour"]) == "2026-10-05"
    assert "Claire MARTIN" not in imported.plan["plan/texte-importe.yaml"]


def test_symbol_font_codes_are_read_as_the_boxes_and_bullets_they_show(tmp_path: Path) -> None:
    """A Word check-list of Wingdings boxes saved by LibreOffice keeps each box as the
    font's code (U+F0FE, U+F0A8), and a list pasted as text its Symbol bullets (U+F0B7):
    characters that print as empty squares, no check-list, no list. They are read as what
    they show: the ticked lines are the typology's actions, the pasted bullets list items."""
    from .test_import_word_features import odt

    body = (
        '<text:h text:outline-level="1">T4 – Canicule</text:h>'
        "<text:p>Actions retenues (cocher) :</text:p>"
        "<text:p>\uf0fe Relayer l'alerte canicule aux adhérents</text:p>"
        "<text:p>\uf0a8 Organiser une astreinte le week-end</text:p>"
        '<text:h text:outline-level="1">T2 – Épidémie saisonnière</text:h>'
        "<text:p>\uf0b7 Relayer les messages de vaccination</text:p>"
        "<text:p>\uf0b7 Recenser les professionnels disponibles</text:p>"
    )
    imported = import_document(odt(tmp_path / "plan.odt", body))

    responses = imported.draft.data["adapter"]["reponses"]
    assert [[a["action"] for a in r["actions"]] for r in responses] == [
        ["Relayer l'alerte canicule aux adhérents"],
        ["Relayer les messages de vaccination", "Recenser les professionnels disponibles"],
    ]
    plan = "\n".join(imported.plan.values())
    assert "◻ Organiser une astreinte le week-end" in plan
    assert not any("\uf020" <= c <= "\uf0ff" for c in plan)


def test_cards_stacked_in_one_table_keep_each_number_with_its_person(tmp_path: Path) -> None:
    """Two référent cards in one table (or two tables LibreOffice joins once nothing stands
    between them): the second référent's number went to the first, with her function, and
    her name to the first one's `remarques`. Each card starts at its name or role label."""
    rows = [("Référent titulaire", "Claire MARTIN"), ("Téléphone", "06 12 34 56 78"),
            ("Fonction", "Médecin généraliste"), ("Référente suppléante", "Inès ROUX"),
            ("Téléphone", "06 98 76 54 32"), ("Fonction", "Infirmière")]  # fmt: skip
    imported = import_document(_referents_in_tables(tmp_path, [rows]))

    entries = [
        (e["id"], e.get("fonction"), e.get("telephones"), e.get("remarques"))
        for e in imported.draft.data["annuaire"]
    ]
    assert entries == [
        ("claire-martin", "Médecin généraliste", [{"numero": "06 12 34 56 78"}], None),
        ("ines-roux", "Infirmière", [{"numero": "06 98 76 54 32"}], None),
    ]
    assert imported.draft.data["piloter"]["referents_sse"] == [
        {"personne": "claire-martin", "role": "titulaire"},
        {"personne": "ines-roux", "role": "suppleant"},
    ]


def test_a_table_of_roles_and_names_without_header_gives_the_referents(tmp_path: Path) -> None:
    """« Référent titulaire | Dr Claire MARTIN », « Référent suppléant | Paul ROUX » with no
    header row: the first row was taken for the header, so the référents were not read and
    the next rows' labels became people (« Astreinte » made référent titulaire). A row that
    names no role (« Astreinte | 06 … ») stays text."""
    rows = [("Référent titulaire", "Dr Claire MARTIN"), ("Référent suppléant", "Paul ROUX"),
            ("Astreinte", "06 12 34 56 78")]  # fmt: skip
    imported = import_document(_referents_in_tables(tmp_path, [rows]))

    assert [e["nom"] for e in imported.draft.data["annuaire"]] == ["Dr Claire MARTIN", "Paul ROUX"]
    assert imported.draft.data["piloter"]["referents_sse"] == [
        {"personne": "dr-claire-martin", "role": "titulaire"},
        {"personne": "paul-roux", "role": "suppleant"},
    ]
    assert "Astreinte | 06 12 34 56 78" in imported.plan["plan/texte-importe.yaml"]


def _referents_in_tables(tmp_path: Path, tables: list[list[tuple[str, str]]]) -> Path:
    """A DOCX « Référents SSE » holding one two-column table (label | value) per item of
    `tables`, an empty paragraph after each."""
    word = Document()
    word.add_heading("Référents SSE", level=1)
    for rows in tables:
        table = word.add_table(rows=len(rows), cols=2)
        for index, (label, value) in enumerate(rows):
            table.cell(index, 0).text, table.cell(index, 1).text = label, value
        word.add_paragraph("")
    path = tmp_path / "plan.docx"
    word.save(str(path))
    return path
