"""`cptsplan import` on Word and LibreOffice features that real plans hold and pandoc does not
read: text in grouped shapes (an alert-chain diagram drawn with boxes), shapes and text boxes
of an ODT, LibreOffice content controls (a date picker); a document without any text. Each
document is written here by hand (python-docx and raw XML), small and fast to read."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml

from cptsplan.importer.build import import_document
from cptsplan.importer.read import read_blocks

from .conftest import run_cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_GROUP = (
    f'<w:p xmlns:w="{W}"><w:r><mc:AlternateContent'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice Requires="wpg"><w:drawing><wp:inline'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<wp:extent cx="5400000" cy="1800000"/><wp:docPr id="77" name="Groupe 77"/>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData'
    ' uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
    '<wpg:wgp xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    "<wpg:grpSpPr/>{boxes}</wpg:wgp></a:graphicData></a:graphic></wp:inline></w:drawing>"
    '</mc:Choice><mc:Fallback><w:pict><v:group xmlns:v="urn:schemas-microsoft-com:vml">'
    "{fallback}</v:group></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
)


def _box(paragraphs: str) -> str:
    box = f"<wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx>"
    return f"<wps:wsp><wps:spPr/>{box}</wps:wsp>"


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _alert_chain_plan(path: Path) -> Path:
    """A plan whose alert chain is a diagram: three boxes grouped in one drawing (with the
    VML fallback Word writes beside it), one box holding a deleted tracked change."""
    word = Document()
    word.add_paragraph("CPTS du Val de Sambre")
    word.add_heading("Chaîne d'alerte", level=1)
    word.add_paragraph("L'alerte suit le schéma ci-dessous.")
    deleted = (
        '<w:p><w:del w:id="5" w:author="ARS" w:date="2026-10-01T00:00:00Z"><w:r><w:delText>'
        "Préfecture du Nord</w:delText></w:r></w:del></w:p>"
    )
    boxes = [
        _p("ARS Hauts-de-France – point focal régional"),
        _p("Référente SSE de la CPTS") + _p("06 12 34 10 01"),
        _p("Professionnels adhérents (SMS)") + deleted,
    ]
    group = _GROUP.format(
        boxes="".join(_box(b) for b in boxes),
        fallback="".join(
            f"<v:rect><v:textbox><w:txbxContent>{b}</w:txbxContent></v:textbox></v:rect>"
            for b in boxes
        ),
    )
    word.element.body.sectPr.addprevious(parse_xml(group))
    word.add_heading("Cellule de crise", level=1)
    word.add_paragraph("La cellule se réunit à la MSP du Val de Sambre.")
    word.save(str(path))
    return path


def test_text_in_a_grouped_diagram_is_kept_where_it_stands(tmp_path: Path) -> None:
    """pandoc drops the text of grouped shapes (an alert chain drawn with boxes and
    arrows): the import reads it from the document and keeps it under the heading the
    diagram is under, once (not again from the VML fallback), without the deleted text."""
    imported = import_document(_alert_chain_plan(tmp_path / "schema.docx"))
    text = imported.plan["plan/texte-importe.yaml"]
    for line in ("ARS Hauts-de-France – point focal régional", "Référente SSE de la CPTS",
                 "Professionnels adhérents (SMS)"):  # fmt: skip
        assert text.count(line) == 1, line
    assert "Préfecture du Nord" not in "\n".join(imported.plan.values())
    before, after = text.split("Cellule de crise", 1)[0], text.split("Cellule de crise", 1)[-1]
    assert "point focal régional" in before and "point focal régional" not in after
    assert text.index("schéma ci-dessous") < text.index("point focal régional")


ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    ' xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"'
    ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
    ' xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"'
    ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
    ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/"'
    ' manifest:media-type="application/vnd.oasis.opendocument.text"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)

STYLES = (
    f'<office:document-styles {ODT_NS} office:version="1.3"><office:styles/>'
    "<office:automatic-styles/><office:master-styles/></office:document-styles>"
)


def odt(path: Path, body: str, styles: str = STYLES) -> Path:
    """An ODT of `body` (content.xml's text), with `styles` (page headers live there)."""
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


def test_odt_shapes_and_content_controls_are_read(tmp_path: Path) -> None:
    """A Word plan saved by LibreOffice: its cover text box becomes a custom shape and its
    date picker a content control, both of which pandoc drops; the import keeps them, the
    cover's version read as the plan's version, the date as the next review."""
    cover = (
        '<text:p><draw:custom-shape draw:name="Shape1" text:anchor-type="as-char"'
        ' svg:width="15cm" svg:height="2.5cm"><text:p>CPTS du Val de Sambre</text:p>'
        "<text:p>Version : 2.1</text:p></draw:custom-shape></text:p>"
    )
    frame = (
        '<text:p><draw:frame draw:name="Cadre1" text:anchor-type="paragraph" svg:width="8cm">'
        "<draw:text-box><text:p>Astreinte ARS : 03 53 01 10 90</text:p></draw:text-box>"
        "</draw:frame></text:p>"
    )
    review = (
        '<text:p>Prochaine revue : <loext:content-control loext:date="true"'
        ' loext:current-date="2027-09-01T00:00:00Z">01/09/2027</loext:content-control></text:p>'
    )
    body = cover + '<text:h text:outline-level="1">Piloter</text:h>' + frame + review
    imported = import_document(odt(tmp_path / "plan.odt", body))
    text = "\n".join(imported.plan.values())
    assert "CPTS du Val de Sambre" in text and "03 53 01 10 90" in text
    document = imported.draft.data["document"]
    assert str(document["version"]) == "2.1"
    assert "01/09/2027" in text or str(document.get("prochaine_revue")) == "2027-09-01"


def test_a_document_without_text_is_refused_and_nothing_written(tmp_path: Path) -> None:
    """A valid Word document with no text at all (empty, or a scanned plan pasted as
    pictures): refused, exit 2, nothing written; not an empty draft said « 100 % rangé »."""
    for name, fill in (("vide.docx", []), ("blancs.docx", ["", "   ", "\t"])):
        word = Document()
        for text in fill:
            word.add_paragraph(text)
        path = tmp_path / name
        word.save(str(path))
        out = tmp_path / f"plan-{name}"
        result = run_cli("import", path, "-o", out)
        assert result.exit_code == 2, result.stdout + result.stderr
        assert "aucun texte" in result.stderr and "Traceback" not in result.stderr
        assert not out.exists()


_DIAGRAM = (
    '<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>'
    '<dgm:pt modelId="{{0}}" type="doc"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:p>'
    "<a:endParaRPr/></a:p></dgm:t></dgm:pt>{points}</dgm:ptLst></dgm:dataModel>"
)


def _smartart_plan(path: Path, names: list[str]) -> Path:
    """A crisis-cell organisation chart drawn as a SmartArt: its text is in a part of its
    own (word/diagrams/data1.xml), which pandoc does not read."""
    word = Document()
    word.add_paragraph("CPTS du Val de Sambre")
    word.add_heading("Cellule de crise", level=1)
    word.add_paragraph("Organisation de la cellule :")
    rid = word.part.relate_to(
        "diagrams/data1.xml",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData",
        is_external=True,  # a plain target: python-docx writes the relationship as given
    )
    drawing = (
        f'<w:p xmlns:w="{W}"><w:r><w:drawing><wp:inline'
        ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        '<wp:extent cx="5400000" cy="3000000"/><wp:docPr id="3" name="Diagramme 3"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
        '<dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
        f' r:dm="{rid}" r:lo="" r:qs="" r:cs=""/></a:graphicData></a:graphic></wp:inline>'
        "</w:drawing></w:r></w:p>"
    )
    word.element.body.sectPr.addprevious(parse_xml(drawing))
    word.add_heading("Annuaire", level=1)
    word.save(str(path))
    points = "".join(
        f'<dgm:pt modelId="{{{n}}}"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:p><a:r>'
        f"<a:t>{name}</a:t></a:r></a:p></dgm:t></dgm:pt>"
        for n, name in enumerate(names, start=1)
    )
    _add_member(path, "word/diagrams/data1.xml", _DIAGRAM.format(points=points))
    return path


def _add_member(path: Path, name: str, text: str) -> None:
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(name, text)
    with zipfile.ZipFile(path) as archive:  # the relationship as Word writes it: internal
        members = {n: archive.read(n) for n in archive.namelist()}
    rels = "word/_rels/document.xml.rels"
    members[rels] = members[rels].replace(b' TargetMode="External"', b"")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)


def test_the_text_of_a_smartart_is_kept_under_its_heading(tmp_path: Path) -> None:
    names = ["Décision : Hélène Dubrulle", "Communication : Julien Wattiez"]
    imported = import_document(_smartart_plan(tmp_path / "organigramme.docx", names))
    text = imported.plan["plan/texte-importe.yaml"]
    cell = text.split("Cellule de crise", 1)[1].split("Annuaire", 1)[0]
    assert all(name in cell for name in names), text


def test_an_embedded_spreadsheet_is_said_in_the_report(tmp_path: Path) -> None:
    """A directory pasted as an Excel object: its cells are not in the Word document (only
    a picture of them is), the import cannot read them; the report says so first."""
    word = Document()
    word.add_heading("Annuaire de crise", level=1)
    word.add_paragraph("Voir le tableau ci-dessous (double-cliquer pour l'ouvrir).")
    word.element.body.sectPr.addprevious(
        parse_xml(
            f'<w:p xmlns:w="{W}"><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:'
            'office:office" Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025"'
            ' DrawAspect="Content" ObjectID="_1700000000"/></w:object></w:r></w:p>'
        )
    )
    path = tmp_path / "annuaire-excel.docx"
    word.save(str(path))
    report = import_document(path).report
    checks = report.split("## À vérifier d'abord", 1)[1]
    assert "1. Le document contient 1 objet incorporé" in checks
    assert "Excel" in checks
    assert "Rien n'a été perdu ni inventé, sauf le contenu de l'objet incorporé" in report


def test_hidden_text_is_kept_and_said_and_custom_xml_is_not_lost(tmp_path: Path) -> None:
    """Text formatted « Masqué » is read like the rest (nothing lost) and the report says the
    document holds some, to check it belongs in the plan; a number wrapped in an old
    custom XML tag (which pandoc drops) is kept in its paragraph."""
    word = Document()
    word.add_heading("Cellule de crise", level=1)
    for xml in (
        '<w:r><w:t xml:space="preserve">Salle de repli : gymnase municipal</w:t></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> (clé en mairie)</w:t></w:r>',
        '<w:r><w:t xml:space="preserve">Astreinte : Hélène Dubrulle</w:t></w:r><w:customXml'
        ' w:element="tel"><w:r><w:t xml:space="preserve"> – 06 12 34 10 01</w:t></w:r>'
        "</w:customXml>",
    ):
        word.element.body.sectPr.addprevious(parse_xml(f'<w:p xmlns:w="{W}">{xml}</w:p>'))
    path = tmp_path / "masque.docx"
    word.save(str(path))
    imported = import_document(path)
    text = "\n".join(imported.plan.values())
    assert "gymnase municipal (clé en mairie)" in text
    assert "Astreinte : Hélène Dubrulle – 06 12 34 10 01" in text
    checks = imported.report.split("## À vérifier d'abord", 1)[1]
    assert "1. Le document contient du texte masqué" in checks


def test_a_moved_paragraph_is_taken_at_its_new_place_and_counted(tmp_path: Path) -> None:
    """A paragraph moved with tracked changes (Word's « déplacement »): read at its new
    place only, and counted among the changes the report asks to check."""
    word = Document()
    word.add_heading("Cellule de crise", level=1)
    mark = 'w:author="ARS" w:date="2026-10-01T00:00:00Z"'
    for xml in (
        f'<w:moveFrom w:id="1" {mark}><w:r><w:delText>Le secrétariat tient la main courante.'
        "</w:delText></w:r></w:moveFrom>",
        '<w:r><w:t xml:space="preserve">Lieu principal : salle du conseil</w:t></w:r>',
        f'<w:moveTo w:id="2" {mark}><w:r><w:t>Le secrétariat tient la main courante.</w:t>'
        "</w:r></w:moveTo>",
    ):
        word.element.body.sectPr.addprevious(parse_xml(f'<w:p xmlns:w="{W}">{xml}</w:p>'))
    path = tmp_path / "deplacement.docx"
    word.save(str(path))
    imported = import_document(path)
    text = "\n".join(imported.plan.values())
    assert text.count("Le secrétariat tient la main courante.") == 1
    assert text.index("salle du conseil") < text.index("Le secrétariat tient")
    checks = imported.report.split("## À vérifier d'abord", 1)[1]
    assert "1. Le document contient 1 modification suivie non acceptée (0 ajout, " in checks
    assert "0 suppression, 1 déplacement)" in checks


def test_a_phone_typed_with_non_breaking_hyphens_is_read(tmp_path: Path) -> None:
    """« 06‑12‑34‑10‑10 » typed with Word's non-breaking hyphen (Ctrl+Maj+-, so that the
    number is never cut at a line's end; pandoc reads it as U+2011), in the directory."""
    word = Document()
    word.add_heading("Annuaire de crise", level=1)
    table = word.add_table(rows=3, cols=4)
    for row, texts in enumerate(
        (
            ["Nom", "Prénom", "Téléphone", "Courriel"],
            ["LEROY", "Luc", "", "luc.leroy@medecin.example"],
            ["Vasseur", "Anne", "07\u201181\u201100\u201110\u201111", "anne.vasseur@ide.example"],
        )
    ):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    pairs = ("06", "12", "34", "10", "10")
    hyphens = "<w:noBreakHyphen/>".join(f"<w:t>{pair}</w:t>" for pair in pairs)
    table.cell(1, 2).paragraphs[0]._p.append(parse_xml(f'<w:r xmlns:w="{W}">{hyphens}</w:r>'))
    path = tmp_path / "tirets.docx"
    word.save(str(path))
    directory = import_document(path).draft.data["annuaire"]
    numbers = {e["nom"]: [t["numero"] for t in e.get("telephones", [])] for e in directory}
    assert numbers == {"LEROY": ["06 12 34 10 10"], "Vasseur": ["07 81 00 10 11"]}


def test_a_table_of_contents_without_links_is_left_out(tmp_path: Path) -> None:
    """A table of contents made without hyperlinks (Word's « Utiliser des liens hypertexte »
    unchecked): its entries (« Cellule de crise⇥3 ») are the document's furniture, as the
    linked ones pandoc marks, not text to file; a bold paragraph named like an entry, later
    in the body, is kept."""
    word = Document()
    word.add_paragraph("CPTS du Val de Sambre")
    instruction = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        ' TOC \\o "1-3" \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    entries = [("Cellule de crise", 2), ("Annuaire", 3), ("Lieux de repli", 3)]
    for n, (text, page) in enumerate(entries):
        start = instruction if n == 0 else ""
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if n == len(entries) - 1 else ""
        word.element.body.sectPr.addprevious(
            parse_xml(
                f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="TM1"/></w:pPr>{start}<w:r><w:t>'
                f"{text}</w:t><w:tab/><w:t>{page}</w:t></w:r>{end}</w:p>"
            )
        )
    word.add_heading("Cellule de crise", level=1)
    word.add_paragraph("La cellule se réunit à la MSP.")
    word.add_paragraph().add_run("Lieux de repli").bold = True
    word.add_paragraph("Gymnase municipal de Hautmont.")
    path = tmp_path / "sommaire.docx"
    word.save(str(path))
    imported = import_document(path)
    text = imported.plan["plan/texte-importe.yaml"]
    assert "Cellule de crise 2" not in text and "Annuaire 3" not in text
    assert "Lieux de repli" in text and "Gymnase municipal" in text


def test_the_caption_of_a_figure_is_kept(tmp_path: Path) -> None:
    """A map with its caption (« Figure 1 : ... », Word's Légende style): pandoc makes them
    one figure, whose caption the import read nowhere (lost, also in the round trip of the
    complete example's own DOCX)."""
    import base64
    import io

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    word = Document()
    word.add_heading("Territoire", level=1)
    word.add_picture(io.BytesIO(png))
    word.add_paragraph("Figure 1 : les trois zones du territoire et leurs référents", "Caption")
    word.add_paragraph("Le territoire compte douze communes.")
    path = tmp_path / "carte.docx"
    word.save(str(path))
    blocks = [b.text for b in read_blocks(path)]
    assert blocks.count("Figure 1 : les trois zones du territoire et leurs référents") == 1
    assert blocks.index("Figure 1 : les trois zones du territoire et leurs référents") < (
        blocks.index("Le territoire compte douze communes.")
    )


def test_the_cpts_name_only_in_the_page_header_is_read(tmp_path: Path) -> None:
    """A cover that is a logo: the CPTS's name is written only in the running header. It
    is the plan's `cpts.nom` (said to come from the header), not « A_COMPLETER »; a name
    in the body wins over the header's."""
    word = Document()
    word.sections[0].header.paragraphs[0].text = "CPTS du Val de Sambre – Plan de gestion des SSE"
    word.add_heading("Cellule de crise", level=1)
    word.add_paragraph("La cellule se réunit à la MSP.")
    path = tmp_path / "logo.docx"
    word.save(str(path))
    imported = import_document(path)
    assert imported.draft.data["cpts"]["nom"] == "CPTS du Val de Sambre"
    assert "en-tête" in imported.plan["plan/plan.yaml"].split("nom:", 1)[0].rsplit("\n", 2)[-2]
    word.add_paragraph("La CPTS des Rives de Sambre couvre douze communes.")
    word.save(str(path))
    assert import_document(path).draft.data["cpts"]["nom"] == "CPTS des Rives de Sambre"


def test_a_diagram_naming_a_directory_entry_stays_under_its_heading(tmp_path: Path) -> None:
    """The first box of the alert chain names the ARS, which the directory further down
    names too: the whole diagram is kept under « Chaîne d'alerte », not after the
    directory (where the ARS's line made the import think the diagram stood)."""
    word = Document()
    word.add_paragraph("CPTS du Val de Sambre")
    word.add_heading("Chaîne d'alerte", level=1)
    word.add_paragraph("L'alerte suit le schéma ci-dessous.")
    boxes = [_p("ARS Hauts-de-France"), _p("Référente SSE de la CPTS"), _p("Adhérents (SMS)")]
    group = _GROUP.format(boxes="".join(_box(b) for b in boxes), fallback="")
    word.element.body.sectPr.addprevious(parse_xml(group))
    word.add_heading("Annuaire", level=1)
    table = word.add_table(rows=2, cols=3)
    columns = [
        ("Structure", "ARS Hauts-de-France"),
        ("Téléphone", "03 53 01 10 90"),
        ("Courriel", "alerte@ars.example"),
    ]
    for column, (head, value) in enumerate(columns):
        table.cell(0, column).text, table.cell(1, column).text = head, value
    path = tmp_path / "chaine.docx"
    word.save(str(path))
    text = import_document(path).plan["plan/texte-importe.yaml"]
    chain = text.split("schéma ci-dessous", 1)[1].split("section:", 1)[0]
    assert all(box in chain for box in ("ARS Hauts-de-France", "Référente SSE", "Adhérents"))


def test_a_number_s_label_before_it_is_its_own_not_the_previous_one_s(tmp_path: Path) -> None:
    """« Standard : 03… / Astreinte 24 h/24 : 03… »: the switchboard was filed as the 24/7
    line and the 24/7 line without a use (the label after a number was taken as its own);
    « Tél : 03… – Fax : 03… » made the phone the fax. A label before a number is that
    number's; one in brackets after it, too."""
    word = Document()
    word.add_heading("Annuaire de crise", level=1)
    rows = [
        ["Structure", "Fonction", "Téléphone", "Courriel"],
        ["SDIS du Nord", "CTA-CODIS", "Standard : 03 53 01 10 01 / Astreinte 24 h/24 : "
         "03 53 01 10 02", "codis@sdis.example"],
        ["Pharmacie du Centre", "Officine", "Tél : 03 53 01 10 03 – Fax : 03 53 01 10 04",
         "ph@centre.example"],
        ["Mairie de Hautmont", "Accueil", "03 53 01 10 05 (standard) ou 06 12 34 10 06 "
         "(élue d'astreinte)", "mairie@hautmont.example"],
        ["Cabinet infirmier", "Soins", "Port. 06 12 34 10 07\nFixe : 03 53 01 10 08",
         "ide@cabinet.example", "03 53 01 10 09"],
    ]  # fmt: skip
    rows[0].append("Fax")  # a column of its own: each number there is a fax
    table = word.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "usages.docx"
    word.save(str(path))
    directory = import_document(path).draft.data["annuaire"]
    found = {
        p["numero"][-2:]: (p.get("usage"), p.get("h24", False))
        for e in directory for p in e.get("telephones", [])
    }  # fmt: skip
    assert found == {
        "01": ("standard", False), "02": ("astreinte", True),
        "03": (None, False), "04": ("fax", False),
        "05": ("standard", False), "06": ("astreinte", False),
        "07": ("mobile", False), "08": ("standard", False), "09": ("fax", False),
    }  # fmt: skip


def test_titles_in_a_template_s_own_styles_are_headings(tmp_path: Path) -> None:
    """A template's own title styles (« Titre Chapitre CPTS », outline level 1; « Sous-titre
    CPTS » based on it, level 2), not Word's « Titre 1 »: pandoc reads them as plain
    paragraphs, and the whole plan was one section, its response to T2 unread. Word's
    outline level (what its navigation pane shows) makes them headings."""
    word = Document()
    styles = word.styles.element
    for style_id, name, level, based in (
        ("TitreChapitre", "Titre Chapitre CPTS", 0, None),
        ("SousTitre", "Sous-titre CPTS", None, "TitreChapitre"),
    ):
        outline = f'<w:outlineLvl w:val="{level}"/>' if level is not None else ""
        parent = f'<w:basedOn w:val="{based}"/>' if based else ""
        lower = '<w:pPr><w:outlineLvl w:val="1"/></w:pPr>' if level is None else ""
        styles.append(
            parse_xml(
                f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="{style_id}">'
                f'<w:name w:val="{name}"/>{parent}'
                f"{f'<w:pPr>{outline}</w:pPr>' if outline else lower}</w:style>"
            )
        )
    word.add_paragraph("CPTS du Val de Sambre")
    word.add_paragraph("Adapter", style="Titre Chapitre CPTS")
    word.add_paragraph("T2 – Épidémie ou pandémie", style="Sous-titre CPTS")
    table = word.add_table(rows=2, cols=3)
    for column, (head, value) in enumerate(
        [("Phase", "Alerte"), ("Action", "Informer les adhérents par SMS"), ("Qui", "Coordinateur")]
    ):
        table.cell(0, column).text, table.cell(1, column).text = head, value
    direct = word.add_paragraph("Piloter")  # « Niveau hiérarchique : 1 » set on the paragraph
    direct._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{W}" w:val="0"/>'))
    word.add_paragraph("La cellule se réunit à la MSP.")
    path = tmp_path / "styles-maison.docx"
    word.save(str(path))
    imported = import_document(path)
    [response] = imported.draft.data["adapter"]["reponses"]
    assert response["typologies"] == ["T2"]
    assert [a["action"] for a in response["actions"]] == ["Informer les adhérents par SMS"]
    text = imported.plan["plan/texte-importe.yaml"]
    assert 'section: "Piloter"\n    texte: "La cellule se réunit à la MSP."' in text


PLACEHOLDER = "Cliquez ou appuyez ici pour entrer du texte."


def _control(text: str, placeholder: bool = True) -> str:
    shown = "<w:showingPlcHdr/>" if placeholder else ""
    return (
        f'<w:sdt xmlns:w="{W}"><w:sdtPr><w:placeholder><w:docPart w:val="DefaultPlaceholder"/>'
        f"</w:placeholder>{shown}</w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle"
        f' w:val="PlaceholderText"/></w:rPr><w:t>{text}</w:t></w:r></w:sdtContent></w:sdt>'
    )


def test_the_placeholder_of_an_unfilled_form_field_is_not_a_value(tmp_path: Path) -> None:
    """A plan written in a Word form (an ARS template with content controls): a field not
    filled in shows « Cliquez ou appuyez ici pour entrer du texte. ». That grey text was
    read as the crisis cell's place and kept as text to sort; it is nothing the plan says:
    the field stays « A_COMPLETER ». A filled control is read as any text."""
    word = Document()
    word.add_paragraph("CPTS du Val de Sambre")
    word.add_heading("Cellule de crise", level=1)
    word.add_paragraph("Lieu principal : ")._p.append(parse_xml(_control(PLACEHOLDER)))
    table = word.add_table(rows=3, cols=3)
    for column, text in enumerate(["Fonction", "Titulaire", "Suppléant"]):
        table.cell(0, column).text = text
    table.cell(1, 0).text, table.cell(1, 1).text = "Décision", "Hélène Dubrulle"
    table.cell(1, 2).paragraphs[0]._p.append(parse_xml(_control(PLACEHOLDER)))
    table.cell(2, 0).text = "Communication"
    table.cell(2, 1).paragraphs[0]._p.append(parse_xml(_control("Julien Wattiez", False)))
    word.element.body.sectPr.addprevious(
        parse_xml(_control("Choisissez un élément.").replace("<w:r>", "<w:p><w:r>", 1)
                  .replace("</w:r></w:sdtContent>", "</w:r></w:p></w:sdtContent>"))
    )  # fmt: skip
    path = tmp_path / "formulaire.docx"
    word.save(str(path))
    imported = import_document(path)
    assert not [
        name for name, text in imported.plan.items() if "Cliquez" in text or "Choisis" in text
    ]
    cell = imported.draft.data["piloter"]["cellule_de_crise"]
    assert str(cell["lieu_principal"]["nom"]).startswith("A_COMPLETER")
    holders = [(f["titulaire"], f.get("suppleant")) for f in cell["fonctions"]]
    assert holders == [("helene-dubrulle", None), ("julien-wattiez", None)]


def test_odt_form_fields_filled_or_not(tmp_path: Path) -> None:
    """A Word form saved by LibreOffice: a filled content control in a table cell is the
    cell's value (pandoc drops the control's text, the cell was empty); one still showing
    its example text is nothing."""
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    control = "<loext:content-control{}>{}</loext:content-control>"
    rows = [
        ("Fonction", "Titulaire"),
        ("Décision", control.format("", "Hélène Dubrulle")),
        ("Communication", control.format(' loext:showing-place-holder="true"', PLACEHOLDER)),
    ]
    table = (
        '<table:table table:name="Cellule"><table:table-column table:number-columns-repeated="2"/>'
        + "".join(
            "<table:table-row>" + "".join(cell.format(c) for c in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
    )
    unfilled = control.format(' loext:showing-place-holder="true"', PLACEHOLDER)
    body = (
        "<text:p>CPTS du Val de Sambre</text:p>"
        '<text:h text:outline-level="1">Cellule de crise</text:h>'
        f"<text:p>Lieu principal : {unfilled}</text:p>" + table
    )
    imported = import_document(odt(tmp_path / "formulaire.odt", body))
    assert not [name for name, text in imported.plan.items() if "Cliquez" in text]
    functions = imported.draft.data["piloter"]["cellule_de_crise"]["fonctions"]
    assert [(f["fonction"], f["titulaire"]) for f in functions] == [
        ("decision", "helene-dubrulle"), ("communication", "A_COMPLETER")
    ]  # fmt: skip


def test_bold_titles_numbered_by_word_s_list_numbering_are_headings(tmp_path: Path) -> None:
    """Titles written as bold paragraphs numbered by Word's automatic numbering (« 1. »,
    « 1.1 » from numbering.xml, not typed): pandoc reads them as list items; the plan was
    one section and its response to T2 unread. A bold numbered item named like a part of the
    plan is a title, at its list level; a bold numbered step of a fiche is not."""
    word = Document()
    numbering = word.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90"><w:multiLevelType'
            ' w:val="multilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt'
            ' w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start'
            ' w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(
        parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )

    def numbered(text: str, level: int) -> None:
        paragraph = word.add_paragraph(style="List Paragraph")
        paragraph.add_run(text).bold = True
        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = level
        numpr.get_or_add_numId().val = 90

    word.add_paragraph("CPTS du Val de Sambre")
    numbered("Adapter", 0)
    numbered("T2 – Épidémie ou pandémie", 1)
    table = word.add_table(rows=2, cols=3)
    for column, (head, value) in enumerate(
        [("Phase", "Alerte"), ("Action", "Informer les adhérents par SMS"), ("Qui", "Coordinateur")]
    ):
        table.cell(0, column).text, table.cell(1, column).text = head, value
    numbered("Piloter", 0)
    numbered("Cellule de crise", 1)
    word.add_paragraph("La cellule se réunit à la MSP.")
    numbered("Prévenir le SAMU et noter l'heure de l'appel", 1)
    path = tmp_path / "titres-numerotes.docx"
    word.save(str(path))
    imported = import_document(path)
    [response] = imported.draft.data["adapter"]["reponses"]
    assert response["typologies"] == ["T2"]
    text = imported.plan["plan/texte-importe.yaml"]
    assert 'section: "Piloter > Cellule de crise"' in text
    titles = text.split("Titres du document d'origine", 1)[1]
    assert "Cellule de crise" in titles and "Prévenir le SAMU" not in titles


def test_a_document_protected_by_a_password_is_refused_saying_so(tmp_path: Path) -> None:
    """A plan saved with a password to open it (its directory is personal data): Word
    makes an encrypted container (the old .doc's format, so it was called a « .doc »), an
    encrypted ODT's parts are not XML (« endommagé »). Refused, exit 2, saying how to
    remove the password; nothing written."""
    name = "EncryptedPackage".encode("utf-16-le")
    docx_path = tmp_path / "protege.docx"
    docx_path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000 + name + b"\0" * 500)
    odt_path = tmp_path / "protege.odt"
    with zipfile.ZipFile(odt_path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "META-INF/manifest.xml",
            MANIFEST.replace(
                'manifest:media-type="text/xml"/>',
                'manifest:media-type="text/xml"><manifest:encryption-data'
                ' manifest:checksum="x"/></manifest:file-entry>',
            ),
        )
        archive.writestr("content.xml", b"\x8f\x02\xff garbage")
        archive.writestr("styles.xml", STYLES)
    for path in (docx_path, odt_path):
        out = tmp_path / f"plan-{path.suffix[1:]}"
        result = run_cli("import", path, "-o", out)
        assert result.exit_code == 2, result.stdout + result.stderr
        assert "mot de passe" in result.stderr and "Traceback" not in result.stderr
        assert ".doc)" not in result.stderr and "endommagé" not in result.stderr
        assert not out.exists()


def test_a_document_inserted_as_a_chunk_is_said_in_the_report(tmp_path: Path) -> None:
    """A part inserted whole into the document (« Insertion > Objet > Texte d'un fichier »
    as some tools do it, Word's altChunk): pandoc does not read it; the report says so."""
    word = Document()
    word.add_heading("Annuaire", level=1)
    word.element.body.sectPr.addprevious(
        parse_xml(
            f'<w:altChunk xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships" r:id="rIdChunk1"/>'
        )
    )
    path = tmp_path / "morceau.docx"
    word.save(str(path))
    report = import_document(path).report
    assert "1. Le document contient 1 objet incorporé" in report


def test_the_text_of_a_paragraph_holding_a_floating_text_box_is_kept(tmp_path: Path) -> None:
    """Word anchors a floating text box to a paragraph of the body: pandoc reads the box
    and drops the paragraph's own text (« La chaîne d'alerte commence par l'ARS. » lost)."""
    box = _p("Astreinte ARS : 03 53 01 10 90")
    anchored = (
        f'<w:p xmlns:w="{W}"><w:r><w:t xml:space="preserve">Le schéma suit. </w:t></w:r><w:r>'
        '<w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
        'wordprocessingDrawing" simplePos="0" relativeHeight="1" behindDoc="0" locked="0"'
        ' layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH'
        ' relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV'
        ' relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent'
        ' cx="2000000" cy="800000"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="5"'
        ' name="Zone de texte 5"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/'
        'drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/'
        '2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/'
        'word/2010/wordprocessingShape"><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>'
        f"<w:txbxContent>{box}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r><w:r><w:t>La chaîne"
        " d'alerte commence par l'ARS.</w:t></w:r></w:p>"
    )
    word = Document()
    word.add_heading("Chaîne d'alerte", level=1)
    word.element.body.sectPr.addprevious(parse_xml(anchored))
    word.add_heading("Annuaire", level=1)
    path = tmp_path / "ancre.docx"
    word.save(str(path))
    text = import_document(path).plan["plan/texte-importe.yaml"]
    chain = text.split('section: "Chaîne d\'alerte"', 1)[1].split("section:", 1)[0]
    assert "Le schéma suit. La chaîne d'alerte commence par l'ARS." in chain
    assert chain.count("Astreinte ARS : 03 53 01 10 90") == 1


def test_a_short_emergency_number_in_a_phone_column_is_the_entrys_number(
    tmp_path: Path,
) -> None:
    """« SAMU 59 – Centre 15 | 15 »: the directory's SAMU came in without its number (a
    short number is no full French number), the row kept as text; a directory of crisis
    contacts needs it. Only a whole cell that is a known short number counts."""
    document = Document()
    document.add_heading("Annuaire de crise", 1)
    table = document.add_table(rows=4, cols=3)
    rows = [
        ("Nom", "Fonction", "Tél."),
        ("SAMU 59 – Centre 15", "Régulation médicale", "15"),
        ("Pharmacie de garde", "Officine ouverte la nuit", "3237"),
        ("Cabinet Durand", "Médecin généraliste", "12"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "plan.docx"
    document.save(str(path))
    directory = import_document(path).draft.data["annuaire"]
    numbers = {
        entry["nom"]: [p["numero"] for p in entry.get("telephones", [])] for entry in directory
    }
    assert numbers["SAMU 59 – Centre 15"] == ["15"]
    assert numbers["Pharmacie de garde"] == ["3237"]
    assert numbers.get("Cabinet Durand", []) == []  # « 12 » is no number of any service
