"""`cptsplan import` on what Word and LibreOffice put around a plan's text and the corpus did
not hold: a text box or a watermark in the page header, a title drawn as an old WordArt, a
header edited with tracked changes in LibreOffice, a directory table with two header rows, a
« tel: » link written « Appeler ». Each document is written here by hand, small and fast."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml

from cptsplan.importer.build import import_document

from .conftest import run_cli
from .test_import_word_features import MANIFEST, ODT_NS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def _text_box(text: str) -> str:
    """A paragraph holding a floating text box as Word writes it: the DrawingML shape, and
    its VML copy for older readers (the same text twice in the part)."""
    content = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return (
        f'<w:p {NS}><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline><wp:extent cx="1800000" cy="360000"/><wp:docPr id="9" name="Zone 9"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        f'wordprocessingShape"><wps:wsp><wps:spPr/><wps:txbx>{content}</wps:txbx>'
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing>"
        f"</mc:Choice><mc:Fallback><w:pict><v:rect><v:textbox>{content}</v:textbox></v:rect>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def _word_art(text: str, shape: str) -> str:
    """Text written along a path, in VML: Word's watermark (« Création > Filigrane »), or
    a title in an old WordArt. The text is only an attribute of the shape."""
    return (
        f'<w:p {NS}><w:r><w:pict><v:shape id="{shape}" type="#_x0000_t136">'
        f'<v:textpath style="font-family:Calibri" string="{text}"/></v:shape></w:pict></w:r></w:p>'
    )


def test_the_page_header_s_text_box_and_watermark_are_kept_once(tmp_path: Path) -> None:
    """A header whose version sits in a text box was read as one garbled line, the box's
    text twice over (« Version 3.2 – janvier 2026Version 3.2 – janvier 2026 », the shape
    and its VML copy), then once more; a watermark « DIFFUSION RESTREINTE » and a cover
    title in an old WordArt were lost, as nothing of the document may be (the title is now
    the plan's)."""
    word = Document()
    word.add_paragraph("CPTS du Val de Sambre")
    word.add_heading("Cellule de crise", level=1)
    word.add_paragraph("La cellule se réunit à la MSP.")
    header = word.sections[0].header
    header.paragraphs[0].text = "Plan de gestion des crises sanitaires"
    header._element.append(parse_xml(_text_box("Version 3.2 – janvier 2026")))
    header._element.append(parse_xml(_word_art("DIFFUSION RESTREINTE", "PowerPlusWaterMark")))
    cover = parse_xml(_word_art("PLAN SSE 2026", "WordArt1"))
    word.element.body.insert(1, cover)
    path = tmp_path / "plan.docx"
    word.save(str(path))

    imported = import_document(path)
    text = imported.plan["plan/texte-importe.yaml"]

    assert text.count("Version 3.2 – janvier 2026") == 1
    assert "DIFFUSION RESTREINTE" in text
    assert imported.draft.data["document"]["titre"] == "PLAN SSE 2026"  # the cover's title


def _odt_with_header(path: Path, header: str, body: str) -> Path:
    styles = (
        f'<office:document-styles {ODT_NS} office:version="1.3"><office:styles/>'
        '<office:automatic-styles/><office:master-styles><style:master-page style:name="Standard"'
        ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">'
        f"<style:header>{header}</style:header></style:master-page></office:master-styles>"
        "</office:document-styles>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", MANIFEST)
        archive.writestr("styles.xml", styles)
        archive.writestr(
            "content.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}'
            f' office:version="1.3"><office:body><office:text>{body}</office:text>'
            "</office:body></office:document-content>",
        )
    return path


def test_text_deleted_from_an_odt_header_is_not_imported(tmp_path: Path) -> None:
    """LibreOffice keeps the text deleted from a header, with tracked changes on, at the
    start of the header itself: it became a line of the imported plan (« Version 2.0 –
    projet », struck out in the document); a comment on the header was read too."""
    deletion = (
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
        '<office:change-info><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">ARS'
        "</dc:creator></office:change-info><text:p>Version 2.0 – projet</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
    )
    header = (
        f'{deletion}<text:p><text:change text:change-id="ct1"/>Version 3.0 – validée'
        "<office:annotation><text:p>À relire par le bureau</text:p></office:annotation>"
        "</text:p>"
    )
    body = '<text:h text:outline-level="1">Cellule de crise</text:h><text:p>La cellule.</text:p>'
    path = _odt_with_header(tmp_path / "plan.odt", header, body)

    plan = "\n".join(import_document(path).plan.values())

    assert "Version 3.0 – validée" in plan
    assert "Version 2.0" not in plan
    assert "À relire par le bureau" not in plan


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


def _saved_in_a_browser(source: Path, target: Path) -> Path:
    """`source` as Word in a browser (Microsoft 365, SharePoint, Teams) saves it: the body
    in word/document2.xml, named by the package's relationships."""
    renamed = {"word/document.xml": "word/document2.xml",
               "word/_rels/document.xml.rels": "word/_rels/document2.xml.rels"}  # fmt: skip
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            if name in ("[Content_Types].xml", "_rels/.rels"):
                data = data.replace(b"word/document.xml", b"word/document2.xml")
            new.writestr(renamed.get(name, name), data)
    return target


def test_a_plan_saved_by_word_in_a_browser_is_read_as_the_same_plan(tmp_path: Path) -> None:
    """Word in a browser names the body word/document2.xml: such a plan was refused as « pas
    un document DOCX (partie principale absente) », though pandoc reads it. It is now the
    same plan as the one saved by Word on a computer, its drawn alert chain, tracked changes
    and comments included (the corpus's messy plan)."""
    from .import_corpus import doc_messy
    from .import_corpus.hostile import many_tables

    (tmp_path / "bureau").mkdir()
    (tmp_path / "navigateur").mkdir()
    original = doc_messy.build(tmp_path / "bureau").path
    online = _saved_in_a_browser(original, tmp_path / "navigateur" / original.name)

    desktop, browser = import_document(original), import_document(online)

    assert browser.plan == desktop.plan
    assert browser.report == desktop.report
    assert "modifications suivies" in browser.report and "commentaire" in browser.report
    # The checks of a hostile body follow it to its new name.
    tables = _saved_in_a_browser(many_tables(tmp_path / "t.docx"), tmp_path / "tableaux.docx")
    result = run_cli("import", tables, "-o", tmp_path / "sortie")
    assert result.exit_code == 2 and "tableaux : refusé" in result.stderr
    assert not (tmp_path / "sortie").exists()


def test_a_header_from_word_s_gallery_is_read_without_its_page_number(tmp_path: Path) -> None:
    """Word's own header designs (« En-tête > Vide (trois colonnes) ») part their columns
    with an absolute tab: the header was read « CPTS des Trois RivièresPage 3 », glued, its
    page number kept, and the plan's CPTS was named « CPTS des Trois RivièresPage »."""
    word = Document()
    word.add_heading("Cellule de crise", level=1)
    word.add_paragraph("La cellule se réunit à la MSP.")
    line = word.sections[0].header.paragraphs[0]._p
    tab = '<w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/>'
    for run in ("<w:t>CPTS des Trois Rivières</w:t>", tab, "<w:t>Page 3</w:t>"):
        line.append(parse_xml(f"<w:r {NS}>{run}</w:r>"))
    path = tmp_path / "plan.docx"
    word.save(str(path))

    imported = import_document(path)

    assert imported.draft.data["cpts"]["nom"] == "CPTS des Trois Rivières"
    assert "Page" not in "\n".join(imported.plan.values())


_STRICT = [
    (b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
     b"http://purl.oclc.org/ooxml/wordprocessingml/main"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
     b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
    (b"http://schemas.openxmlformats.org/drawingml/2006/",
     b"http://purl.oclc.org/ooxml/drawingml/"),
]  # fmt: skip


def test_a_plan_saved_as_strict_open_xml_is_read_as_the_same_plan(tmp_path: Path) -> None:
    """Word's « Enregistrer sous > Document Open XML strict » names its parts' namespaces
    otherwise: pandoc read the body, but the page headers and the alert chain drawn in
    grouped shapes (read by the import itself) were lost in silence."""
    from .import_corpus import doc_messy

    (tmp_path / "transitionnel").mkdir()
    (tmp_path / "strict").mkdir()
    original = doc_messy.build(tmp_path / "transitionnel").path
    strict = tmp_path / "strict" / original.name
    with (
        zipfile.ZipFile(original) as old,
        zipfile.ZipFile(strict, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for name in old.namelist():
            data = old.read(name)
            for usual, strict_name in _STRICT:
                data = data.replace(usual, strict_name)
            new.writestr(name, data)

    assert import_document(strict).plan == import_document(original).plan


def _png() -> bytes:
    """A one-pixel PNG (a scanned page, for the import)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + pixels + chunk(b"IEND", b"")


def test_descriptions_word_wrote_itself_are_not_plan_text(tmp_path: Path) -> None:
    """Word describes each picture pasted in (« Une image contenant texte, lettre
    Description générée automatiquement »): these sentences became the plan's text, and a
    plan scanned and pasted as pictures an imported draft made of them, instead of the
    refusal that says it cannot be read. A description someone wrote is kept."""
    import io

    scanned = Document()
    for page in range(3):
        scanned.add_picture(io.BytesIO(_png()))
        scanned.inline_shapes[page]._inline.docPr.set(
            "descr", "Une image contenant texte, lettre\n\nDescription générée automatiquement"
        )
    path = tmp_path / "plan-numerise.docx"
    scanned.save(str(path))
    out = tmp_path / "plan"
    result = run_cli("import", path, "-o", out)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "aucun texte" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()

    word = Document()
    word.add_heading("Cellule de crise", level=1)
    word.add_paragraph("La cellule est organisée ainsi :")
    word.add_picture(io.BytesIO(_png()))
    word.inline_shapes[0]._inline.docPr.set("descr", "Organigramme : présidente, coordinatrice")
    word.add_picture(io.BytesIO(_png()))
    word.inline_shapes[1]._inline.docPr.set(
        "descr", "Une image contenant logo Description générée automatiquement"
    )
    path = tmp_path / "plan.docx"
    word.save(str(path))
    plan = "\n".join(import_document(path).plan.values())
    assert "Organigramme : présidente, coordinatrice" in plan
    assert "Une image contenant" not in plan


def test_a_document_renamed_to_the_other_kind_is_read_as_what_it_is(tmp_path: Path) -> None:
    """Renaming « plan.odt » to « plan.docx » does not convert it, though many believe it
    does: such a plan was refused as « n'est pas un document DOCX (partie principale
    absente) », and told to be saved as .docx, which it could be read without. Each kind
    is now read by its content, whatever its name."""
    from .test_import_word_features import odt

    word = Document()
    word.add_heading("Annuaire", level=1)
    table = word.add_table(rows=2, cols=3)
    for column, (title, value) in enumerate(
        [("Nom", "Claire MARTIN"), ("Fonction", "Coordinatrice"), ("Téléphone", "06 12 34 56 78")]
    ):
        table.cell(0, column).text, table.cell(1, column).text = title, value
    docx = tmp_path / "plan-word.docx"
    word.save(str(docx))
    body = '<text:h text:outline-level="1">Cellule de crise</text:h><text:p>Lieu : la MSP.</text:p>'
    libre = odt(tmp_path / "plan-libre.odt", body)
    for original, renamed in ((docx, "plan-word.odt"), (libre, "plan-libre.docx")):
        (tmp_path / renamed).write_bytes(original.read_bytes())
        read = import_document(tmp_path / renamed).plan
        # The same plan, but for the file's name (« Plan importé de plan-word.odt »).
        assert {k: v.replace(renamed, original.name) for k, v in read.items()} == (
            import_document(original).plan
        )


def test_a_spreadsheet_named_as_a_document_is_refused_saying_what_it_is(tmp_path: Path) -> None:
    """An Excel or LibreOffice Calc directory picked instead of the plan (or renamed) was
    « not a DOCX (main part missing) » or, as .odt, « damaged » with pandoc's English
    message; it is now said to be a spreadsheet, exit 2, nothing written."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Nom", "Téléphone"])
    book.save(tmp_path / "annuaire.docx")
    calc = tmp_path / "annuaire.odt"
    with zipfile.ZipFile(calc, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", MANIFEST)
        archive.writestr("content.xml", f"<office:document-content {ODT_NS}/>")
        archive.writestr("styles.xml", f"<office:document-styles {ODT_NS}/>")
    for path, what in (
        (tmp_path / "annuaire.docx", "classeur Excel"),
        (calc, "classeur LibreOffice"),
    ):
        out = tmp_path / f"plan-{path.suffix[1:]}"
        result = run_cli("import", path, "-o", out)
        assert result.exit_code == 2, result.stdout + result.stderr
        assert f"est un {what}" in result.stderr and "Traceback" not in result.stderr
        assert not out.exists()


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


def test_a_plan_too_big_is_told_how_to_shrink_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan over the size limit (photos and maps pasted at full resolution) was told to
    be saved as .docx, which it already was: it is told to compress its pictures."""
    from cptsplan.importer import safety

    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 1024 * 1024)
    word = Document()
    word.add_heading("Cellule de crise", level=1)
    path = tmp_path / "plan.docx"
    word.save(str(path))
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/media/carte.jpeg", bytes(range(256)) * 8192, zipfile.ZIP_STORED)

    result = run_cli("import", path, "-o", tmp_path / "plan")

    assert result.exit_code == 2, result.stdout + result.stderr
    assert "dépasse 1 Mo" in result.stderr and "Compresser les images" in result.stderr
    assert "Enregistrer sous » et choisissez le type" not in result.stderr
    assert not (tmp_path / "plan").exists()


def test_referents_written_as_cards_are_read_and_no_label_becomes_a_person(
    tmp_path: Path,
) -> None:
    """Référents presented as cards, a two-column table each (« Référent titulaire | Dr
    Claire MARTIN », « Fonction | … », « Téléphone | … », « Courriel | … »): the labels were
    read as a référents table's people, so the directory had entries named « Fonction »,
    « Téléphone » and « Courriel », each a référent titulaire and suppléant, and the
    référents' numbers were nowhere but in the text to place."""
    word = Document()
    word.add_heading("Référents SSE", level=1)
    cards = [
        [("Référent titulaire", "Claire MARTIN"), ("Fonction", "Médecin généraliste"),
         ("Téléphone", "06 12 34 56 78"), ("Courriel", "claire.martin@cpts-sambre.fr")],
        [("Référente suppléante", "Inès ROUX"), ("Fonction", "Infirmière"),
         ("Portable", "06 98 76 54 32"), ("Disponibilité", "du lundi au vendredi")],
    ]  # fmt: skip
    for rows in cards:
        table = word.add_table(rows=len(rows), cols=2)
        for index, (label, value) in enumerate(rows):
            table.cell(index, 0).text, table.cell(index, 1).text = label, value
        word.add_paragraph("")
    path = tmp_path / "plan.docx"
    word.save(str(path))

    imported = import_document(path)
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
    word = Document()
    word.add_heading("Référents SSE", level=1)
    rows = [("Référent titulaire", "Claire MARTIN"), ("Téléphone", "06 12 34 56 78"),
            ("Fonction", "Médecin généraliste"), ("Référente suppléante", "Inès ROUX"),
            ("Téléphone", "06 98 76 54 32"), ("Fonction", "Infirmière")]  # fmt: skip
    table = word.add_table(rows=len(rows), cols=2)
    for index, (label, value) in enumerate(rows):
        table.cell(index, 0).text, table.cell(index, 1).text = label, value
    path = tmp_path / "plan.docx"
    word.save(str(path))

    imported = import_document(path)

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
    word = Document()
    word.add_heading("Référents SSE", level=1)
    rows = [("Référent titulaire", "Dr Claire MARTIN"), ("Référent suppléant", "Paul ROUX"),
            ("Astreinte", "06 12 34 56 78")]  # fmt: skip
    table = word.add_table(rows=len(rows), cols=2)
    for index, (label, value) in enumerate(rows):
        table.cell(index, 0).text, table.cell(index, 1).text = label, value
    path = tmp_path / "plan.docx"
    word.save(str(path))

    imported = import_document(path)

    assert [e["nom"] for e in imported.draft.data["annuaire"]] == ["Dr Claire MARTIN", "Paul ROUX"]
    assert imported.draft.data["piloter"]["referents_sse"] == [
        {"personne": "dr-claire-martin", "role": "titulaire"},
        {"personne": "paul-roux", "role": "suppleant"},
    ]
    assert "Astreinte | 06 12 34 56 78" in imported.plan["plan/texte-importe.yaml"]
