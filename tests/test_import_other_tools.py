"""`cptsplan import` on plans made with other tools and habits (tests/import_corpus,
`build_other_tools`): an ARS form filled in Word and a plan pasted from a PDF. « Nothing
lost » at 100 % on each, nothing invented, and the recall per kind as measured (the figures
are in docs/import.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from cptsplan.importer.build import Imported, import_document
from cptsplan.importer.outline import unfilled
from cptsplan.importer.placing import squeeze, strings
from cptsplan.importer.read import Block
from cptsplan.importer.reflow import reflow

from .conftest import run_cli
from .import_corpus import CorpusDocument, build_other_tools
from .import_corpus.doc_form import UNTICKED
from .import_corpus.recall import missing_paragraphs, recall
from .import_recall import field_titles, person_names


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CorpusDocument]:
    folder = tmp_path_factory.mktemp("other-tools")
    return {document.name: document for document in build_other_tools(folder)}


@pytest.fixture(scope="module")
def imports(documents: dict[str, CorpusDocument]) -> dict[str, Imported]:
    return {name: import_document(document.path) for name, document in documents.items()}


def _scores(document: CorpusDocument, imported: Imported) -> dict[str, tuple[int, int]]:
    return {
        kind: (score.found, score.total)
        for kind, score in recall(document.expected, imported.draft.data).items()
        if score.total
    }


def test_the_ars_form_is_read_whole(
    documents: dict[str, CorpusDocument], imports: dict[str, Imported]
) -> None:
    """Titles in the template's « Titre 1 » style (no outline level), a legacy check box's
    state, the référents' table nested in a frame, the crisis cell drawn in a text box, the
    « Version du plan : » line under the Title, the references listed under « Glossaire et
    documents de référence »: every kind of item found (before this work: référents 0/2,
    actions 0/15, version 0/1, date 0/1, références 0/5)."""
    scores = _scores(documents["formulaire-ars"], imports["formulaire-ars"])
    assert {kind: found for kind, (found, _total) in scores.items()} == {
        kind: total for kind, (_found, total) in scores.items()
    }
    assert set(scores) >= {"referents", "cellule", "actions", "version", "references"}


def test_a_google_docs_plan_with_titles_made_by_font_size_is_read_whole(
    documents: dict[str, CorpusDocument], imports: dict[str, Imported]
) -> None:
    """Google Docs titles that lost their style keep only their size (20 pt, 16 pt, not
    bold): they are titles, and each typology's numbered items its actions (before: référents
    0/2, actions 0/15, exercises 0/2, the plan read as one section)."""
    scores = _scores(documents["google-docs"], imports["google-docs"])
    assert {kind: found for kind, (found, _total) in scores.items()} == {
        kind: total for kind, (_found, total) in scores.items()
    }
    assert set(scores) >= {"referents", "cellule", "actions", "exercices", "contacts"}


def test_only_the_ticked_lines_of_a_form_s_check_list_are_actions(
    imports: dict[str, Imported],
) -> None:
    """« Actions retenues (cocher) » with ☒ and ☐ lines (content controls and legacy check
    boxes): the unticked action is not one of the plan's actions and is kept with its box;
    the legacy check box's ☒, which only the field's data holds, is not lost."""
    data = imports["formulaire-ars"].draft.data
    actions = [a["action"] for r in data["adapter"]["reponses"] for a in r["actions"]]
    assert len(actions) == 15 and UNTICKED not in actions
    kept = "\n".join(group["texte"] for group in data["texte_importe"])
    assert f"☐ {UNTICKED}" in kept


def test_a_table_in_a_text_box_and_a_nested_table_are_tables(imports: dict[str, Imported]) -> None:
    data = imports["formulaire-ars"].draft.data
    piloter = data["piloter"]
    holders = [person_names(data, f["titulaire"]) for f in piloter["cellule_de_crise"]["fonctions"]]
    assert len(holders) == 3 and all(h.strip() for h in holders)
    kept = "\n".join(group["texte"] for group in data.get("texte_importe", []))
    assert "Antoine Picard" not in kept  # the box's cells are not added again as paragraphs
    assert len(piloter["referents_sse"]) == 2


def test_a_plan_pasted_from_a_pdf_is_joined_back(
    documents: dict[str, CorpusDocument], imports: dict[str, Imported]
) -> None:
    """One paragraph per printed line: the actions printed over two lines, the référents
    named in a sentence cut by a page, the directory's rows pasted as lines are all found
    (before: actions 0/10, référents 0/2, contacts 0/4)."""
    scores = _scores(documents["copie-pdf"], imports["copie-pdf"])
    assert {kind: found for kind, (found, _total) in scores.items()} == {
        kind: total for kind, (_found, total) in scores.items()
    }
    assert set(scores) >= {"referents", "contacts", "telephones", "actions", "version"}


def test_page_numbers_pasted_with_the_text_are_left_out_and_the_header_kept_once(
    documents: dict[str, CorpusDocument], imports: dict[str, Imported]
) -> None:
    from .import_corpus.doc_pdf_paste import RUNNING

    imported = imports["copie-pdf"]
    text = "\n".join(imported.plan.values())
    assert "Page 2 / 4" not in text and text.count(RUNNING) == 1
    kept = "\n".join(g["texte"] for g in imported.draft.data["texte_importe"])
    assert "Nom Fonction Téléphone Courriel" in kept  # the pasted header row is no entry
    # The sentence cut by the page (and by « coordina- ») is read whole.
    assert "assurent la coordination de la réponse" in text
    assert "réunissent la cellule de crise à la MSP" in text


def test_nothing_is_lost_nor_invented(
    documents: dict[str, CorpusDocument], imports: dict[str, Imported]
) -> None:
    from .test_import_corpus_recall import _items

    for name, document in documents.items():
        data = imports[name].draft.data
        values = strings(data) + _items(data)
        values += [  # an entry read from a pasted line is printed « Prénom NOM fonction »
            " ".join(str(e.get(k) or "") for k in ("prenom", "nom", "fonction")).strip()
            for e in data.get("annuaire", [])
        ]
        fields = "|".join(squeeze(s) for s in values)
        rest = [p for p in document.expected["paragraphs"] if squeeze(p) not in fields]
        assert missing_paragraphs(rest, "\n".join(values), field_titles()) == [], name
        people = [e for e in data.get("annuaire", []) if e.get("type") == "personne"]
        contacts = document.expected["contacts"]
        known = {c["nom"].casefold() for c in contacts}
        known |= {f"{c['prenom']} {c['nom']}".casefold() for c in contacts if c["prenom"]}
        names = [" ".join(str(e.get(k) or "") for k in ("prenom", "nom")).strip() for e in people]
        assert [n for n in names if n.casefold() not in known] == [], name


def test_each_document_validates_and_renders_every_paragraph(
    documents: dict[str, CorpusDocument], tmp_path: Path
) -> None:
    for name, document in documents.items():
        repository = tmp_path / name
        result = run_cli("import", document.path, "-o", repository)
        assert result.exit_code == 0, result.stderr
        result = run_cli("validate", repository / "plan", "--date", "2026-11-01")
        assert result.exit_code in (0, 1) and "Traceback" not in result.stderr, result.stderr
        assert "[schema-" not in result.stdout and "[yaml-" not in result.stdout, result.stdout
        out = tmp_path / f"{name}-brouillon"
        result = run_cli("render", repository / "plan", "-f", "docx", "-e", "interne", "-o", out)
        assert result.exit_code in (0, 1), result.stderr
        word = Document(str(out.with_suffix(".docx")))
        texts = [p.text for p in word.paragraphs]
        texts += [c.text for t in word.tables for r in t.rows for c in r.cells]
        lost = missing_paragraphs(document.expected["paragraphs"], "\n".join(texts), field_titles())
        assert lost == [], name


def _para(text: str, kind: str = "para", strong: bool = False) -> Block:
    return Block(kind, text, strong=strong)


def test_lines_are_joined_only_inside_a_sentence() -> None:
    blocks = [
        _para("Ils assurent la coordina-"),
        _para("tion de la réponse avec le"),
        _para("SAMU et la préfecture."),
        _para("ensuite une phrase qui suit un point."),
        _para("Recenser les cabinets fermés", "item"),
        _para("(neige, inondation)."),
        _para("Lieu de repli"),
        _para("Mairie de Noirétable"),
        _para("Titre", strong=True),
        _para("suite en minuscules"),
    ]
    for index, block in enumerate(blocks):
        block.index = index
    texts = [block.text for block in reflow(blocks)]
    assert texts == [
        "Ils assurent la coordination de la réponse avec le SAMU et la préfecture.",
        "ensuite une phrase qui suit un point.",
        "Recenser les cabinets fermés (neige, inondation).",
        "Lieu de repli",
        "Mairie de Noirétable",
        "Titre",
        "suite en minuscules",
    ]
    assert [block.index for block in reflow(blocks)] == list(range(7))


def test_unfilled_example_texts_go_the_same_way_whatever_the_set_order() -> None:
    """One example text inside another: the longer one is taken out first, always (the
    set's order used to decide, and could leave « du référent SSE » behind)."""
    short, long = "Saisissez le nom", "Saisissez le nom du référent SSE"
    block = Block("para", f"Référent : {long}")
    results = {
        unfilled([block], placeholders)[0].text for placeholders in ([short, long], [long, short])
    }
    assert results == {"Référent :"}


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize("shape", ["vml", "group"])
def test_a_table_in_an_old_text_box_or_a_group_is_read_as_a_table(
    shape: str, tmp_path: Path
) -> None:
    """A table in a Word 2003 text box (VML only, as old ARS templates have) or in a group
    of shapes: pandoc reads neither; its cells came back one paragraph each, and a name
    already rescued from one row was dropped from the next (« Pilotage » lost its holder)."""
    from docx.oxml import parse_xml

    from .import_corpus.writer import _GROUP, W_NS, Writer

    rows = [
        ["Fonction", "Titulaire", "Suppléant"],
        ["Décision", "Claire Morel", "Julien Faure"],
        ["Pilotage", "Julien Faure", "Claire Morel"],
    ]
    table = (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
        + '<w:gridCol w:w="2400"/>' * 3
        + "</w:tblGrid>"
        + "".join(
            "<w:tr>" + "".join(f"<w:tc><w:p>{_run(c)}</w:p></w:tc>" for c in row) + "</w:tr>"
            for row in rows
        )
        + "</w:tbl>"
    )
    content = f"<w:txbxContent><w:p>{_run('Composition')}</w:p>{table}<w:p/></w:txbxContent>"
    if shape == "vml":
        xml = (
            f'<w:pict xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml">'
            f'<v:shape id="t1" type="#_x0000_t202"><v:textbox>{content}</v:textbox>'
            "</v:shape></w:pict>"
        )
    else:
        box = f"<wps:wsp><wps:spPr/><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>"
        xml = _GROUP.format(shapes=box, fallback="")
    w = Writer()
    w.doc.add_heading("Cellule de crise", 1)
    w.doc.add_paragraph("La cellule se réunit à la MSP. ").add_run()._r.append(parse_xml(xml))
    w.doc.add_paragraph("Fin de la section.")
    path = tmp_path / f"{shape}.docx"
    w.doc.save(str(path))
    data = import_document(path).draft.data
    functions = data["piloter"]["cellule_de_crise"]["fonctions"]
    pairs = [
        (f["libelle"], person_names(data, f["titulaire"]), person_names(data, f["suppleant"]))
        for f in functions
    ]
    assert [(label, holder.strip(), backup.strip()) for label, holder, backup in pairs] == [
        ("Décision", "Claire Morel", "Julien Faure"),
        ("Pilotage", "Julien Faure", "Claire Morel"),
    ]
    kept = "\n".join(g["texte"] for g in data["texte_importe"])
    assert "Composition" in kept and "La cellule se réunit à la MSP." in kept
    assert "\n\nDécision\n\n" not in kept  # not again as paragraphs


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("formulaire-ars", "odt"),
        ("formulaire-ars", "docx:MS Word 2007 XML"),
        ("google-docs", "odt"),
        ("google-docs", "docx:MS Word 2007 XML"),
    ],
)
def test_the_same_plans_saved_by_libreoffice_are_read_whole(
    documents: dict[str, CorpusDocument],
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    target: str,
) -> None:
    """The coordinator opens the form or the Google Docs export in LibreOffice and saves it
    (.odt, or .docx « Enregistrer au format Word »). In the ODT the form's text fields
    became input fields whose text pandoc drops (the directory came back empty), the legacy
    check boxes field marks, the référents' nested table and the text box's table were not
    read by pandoc, « Titre 1 » was a plain paragraph style, the big titles automatic
    styles, and Word's example text « Cliquez ou appuyez ici pour entrer du texte. », no
    longer marked, became the fallback place's name. Each kind now found as in the Word
    document, nothing lost."""
    import os
    import shutil
    import tempfile

    from .import_corpus.doc_odt import _content_key, convert
    from .test_import_corpus_recall import _items

    document = documents[name]
    suffix = target.split(":")[0]
    cache = tmp_path_factory.getbasetemp().parent / "cptsplan-corpus-odt"
    cached = cache / f"{name}-{_content_key(document.path)}-lo.{suffix}"
    if not cached.is_file():
        with tempfile.TemporaryDirectory(prefix="cptsplan-lo-") as work:
            converted = convert(document.path, target, Path(work))
            cache.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.partiel")
            shutil.copyfile(converted, partial)
            os.replace(partial, cached)
    data = import_document(cached).draft.data
    scores = {k: (s.found, s.total) for k, s in recall(document.expected, data).items() if s.total}
    assert {k: found for k, (found, _t) in scores.items()} == {
        k: t for k, (_f, t) in scores.items()
    }
    values = strings(data) + _items(data)
    fields = "|".join(squeeze(s) for s in values)
    rest = [p for p in document.expected["paragraphs"] if squeeze(p) not in fields]
    assert missing_paragraphs(rest, "\n".join(values), field_titles()) == []
    assert "Cliquez ou appuyez ici" not in "\n".join(values)


def test_bullets_pasted_as_characters_are_list_items() -> None:
    """« ● » (Google Docs), « ◦ », « ➤ », « → » left in front of a pasted list item."""
    from cptsplan.importer.read import flatten

    texts = [
        "● Alerter le référent",
        "◦ Prévenir la cellule",
        "➤ Informer l'ARS",
        "→ Tenir la main courante",
    ]
    tree = {
        "blocks": [{"t": "Para", "c": [{"t": "Str", "c": text}]} for text in texts],
        "meta": {},
    }
    blocks = flatten(tree)
    assert [(b.kind, b.text) for b in blocks] == [("item", t[2:]) for t in texts]


def test_chapters_in_word_s_title_style_are_headings(tmp_path: Path) -> None:
    """« Titre », the first style of Word's gallery, used for every chapter: pandoc keeps the
    first as the document's title and read the others as plain paragraphs (the plan was one
    section). From two chapters after the cover's title, they are headings; one alone (the
    contents' « Sommaire ») is not."""
    from docx import Document as NewDocument

    from cptsplan.importer.read import read_blocks
    from cptsplan.importer.rescue import restore_missed

    def kinds(chapters: list[str]) -> list[tuple[str, str]]:
        word = NewDocument()
        word.add_paragraph("Plan SSE de la CPTS du Val", style="Title")
        word.add_paragraph("Texte de présentation.")
        for chapter in chapters:
            word.add_paragraph(chapter, style="Title")
            word.add_paragraph(f"Le texte de « {chapter} ».")
        path = tmp_path / f"titres-{len(chapters)}.docx"
        word.save(str(path))
        blocks = restore_missed(read_blocks(path), path, "docx")
        return [(b.kind, b.text) for b in blocks if b.text in chapters]

    assert kinds(["Cellule de crise", "Annuaire"]) == [
        ("heading", "Cellule de crise"),
        ("heading", "Annuaire"),
    ]
    assert kinds(["Sommaire"]) == [("para", "Sommaire")]


def test_title_style_names_in_the_template_s_language_give_their_level() -> None:
    from cptsplan.importer.outline import named_level

    names = ["Titre 1", "Titre1", "titre 2", "Heading3", "Überschrift 1", "Titolo 4"]
    assert [named_level(name) for name in names] == [1, 1, 2, 3, 1, 4]
    assert [named_level(name) for name in ("Titre", "Titre 10", "Titre Chapitre")] == [None] * 3
