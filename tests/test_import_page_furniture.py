"""`cptsplan import` on what Word and LibreOffice put around a plan's text, and on files as
coordinators have them, which the corpus did not hold: a text box, a watermark or Word's
gallery tab in the page header, a title drawn as an old WordArt, a header edited with
tracked changes in LibreOffice, picture descriptions Word wrote itself; a plan saved by
Word in a browser or as Strict Open XML, a document renamed to the other kind, a
spreadsheet, a plan over the size limit. Each document is written here by hand."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml

from cptsplan.importer.build import import_document

from .conftest import run_cli
from .test_import_word_features import MANIFEST, ODT_NS, odt

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
    return odt(path, body, styles)


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
