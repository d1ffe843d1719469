"""The import corpus checks itself: every document opens, its ground truth (`expected.json`)
says only what a reader finds in it, and all of it; the hostile documents are what their
names say (tests/import_corpus)."""

from __future__ import annotations

import datetime
import json
import zipfile
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from docx import Document

from .import_corpus import (
    CATEGORIES,
    CorpusDocument,
    build_corpus,
    build_hostile,
    odt_cache,
    session_corpus,
)
from .import_corpus.doc_odt import convert
from .import_corpus.hostile import BOMB_MIB, OLE_MAGIC
from .import_corpus.model import Phone, e164, long_date, short_date
from .import_corpus.reading import docx_furniture, docx_paragraphs, paragraphs
from .import_corpus.recall import missing_paragraphs, recall


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[CorpusDocument]:
    return session_corpus(tmp_path_factory)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_hostile(tmp_path_factory.mktemp("hostile"))


def _text(document: CorpusDocument) -> str:
    return "\n".join(paragraphs(document.path))


def test_six_structures_each_with_every_category(corpus: list[CorpusDocument]) -> None:
    assert len({document.structure for document in corpus}) == len(corpus) >= 6
    assert {document.path.suffix for document in corpus} == {".docx", ".odt"}
    for document in corpus:
        expected = document.expected
        assert set(CATEGORIES) <= set(expected), document.name
        assert 8 <= len(expected["contacts"]) <= 20, document.name
        assert all(expected["actions"][t] for t in ("T1", "T2", "T3", "T4", "T5")), document.name
        assert expected["referents"] and expected["cellule"] and expected["exercices"]
        assert expected["versions"][-1]["version"] == expected["version"]
        assert expected["versions"][-1]["date"] == expected["date_mise_a_jour"]
        assert {t["destinataire"] for t in expected["transmissions"]} == {"ARS", "CPAM"}
        assert any(c["mssante"] for c in expected["contacts"]), document.name


def test_expected_json_is_written_beside_each_document(corpus: list[CorpusDocument]) -> None:
    for document in corpus:
        written = json.loads((document.path.parent / "expected.json").read_text("utf-8"))
        assert written == document.expected
        assert document.path.is_file() and document.path.stat().st_size > 0


def test_paragraphs_are_exactly_what_the_document_holds(corpus: list[CorpusDocument]) -> None:
    """« Nothing lost » can be measured: the ground truth lists every paragraph and cell,
    and nothing else (headers, footers and the cached table of contents are `furniture`)."""
    for document in corpus:
        furniture = set(document.expected["furniture"])
        body = [text for text in paragraphs(document.path) if text not in furniture]
        assert sorted(body) == sorted(document.expected["paragraphs"]), document.name
        if document.path.suffix == ".docx":
            assert set(docx_furniture(document.path)) <= furniture


def test_the_messy_document_has_its_header_footer_and_text_box(
    corpus: list[CorpusDocument],
) -> None:
    messy = next(document for document in corpus if document.name == "desordonne")
    furniture = docx_furniture(messy.path)
    assert any("CPTS Cœur d'Ardenne" in text for text in furniture)
    assert any("Document confidentiel" in text for text in furniture)
    xml = zipfile.ZipFile(messy.path).read("word/document.xml").decode()
    # One text box and a group of three, each in DrawingML and in VML.
    assert xml.count("<w:txbxContent>") == 8 and "Version 2.3" in xml
    assert xml.count("<wpg:wgp>") == 1 and "<w:ins " in xml and "<w:del " in xml
    assert "word/comments.xml" in zipfile.ZipFile(messy.path).namelist()
    assert xml.count("<w:vMerge") >= 2 and xml.count("<w:gridSpan") >= 3


def test_the_themes_document_has_heading_styles_and_a_toc_field(
    corpus: list[CorpusDocument],
) -> None:
    themes = next(document for document in corpus if document.name == "themes-titres-word")
    styles = {p.style.name for p in Document(str(themes.path)).paragraphs if p.style}
    assert {"Heading 1", "Heading 2", "Heading 3", "TOC 1"} <= styles
    assert " TOC \\o" in zipfile.ZipFile(themes.path).read("word/document.xml").decode()


def test_every_contact_detail_is_in_the_document(corpus: list[CorpusDocument]) -> None:
    for document in corpus:
        text = _text(document)
        found = {
            phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            for match in phonenumbers.PhoneNumberMatcher(text, "FR")
        }
        for contact in document.expected["contacts"]:
            for address in contact["emails"] + contact["mssante"]:
                assert address in text, (document.name, address)
            for number in contact["telephones"]:
                assert number in found, (document.name, contact["nom"], number)
                assert phonenumbers.is_valid_number(phonenumbers.parse(number)), number
            assert contact["nom"].casefold() in text.casefold(), (document.name, contact["nom"])
            if contact["prenom"]:
                assert contact["prenom"] in text


def _dates(day: str) -> tuple[str, str]:
    parsed = datetime.date.fromisoformat(day)
    return short_date(parsed), long_date(parsed)


def test_people_actions_dates_and_versions_are_in_the_document(
    corpus: list[CorpusDocument],
) -> None:
    for document in corpus:
        text = _text(document)
        expected = document.expected
        names = {f"{c['prenom']} {c['nom']}" for c in expected["contacts"] if c["prenom"]}
        for row in expected["referents"] + expected["cellule"]:
            for person in (row["titulaire"], row["suppleant"]):
                if person is not None:
                    assert person in names and person in text, (document.name, person)
        for typology, actions in expected["actions"].items():
            for action in actions:
                assert action in text, (document.name, typology, action)
        for item in expected["exercices"] + expected["retex"] + expected["transmissions"]:
            assert any(form in text for form in _dates(item["date"])), (document.name, item)
        for item in expected["versions"]:
            assert item["version"] in text
            assert any(form in text for form in _dates(item["date"])), (document.name, item)
        assert any(form in text for form in _dates(expected["date_mise_a_jour"]))
        assert expected["cpts"] in text
        for entry in expected["glossaire"]:
            assert entry["sigle"] in text and entry["definition"] in text
        for reference in expected["references"]:
            assert reference in text


def test_libreoffice_converts_the_odt_back(corpus: list[CorpusDocument], tmp_path: Path) -> None:
    odt = next(document for document in corpus if document.path.suffix == ".odt")
    docx = convert(odt.path, "docx", tmp_path)
    assert sorted(docx_paragraphs(docx)) == sorted(odt.expected["paragraphs"])


def test_printed_numbers_read_as_their_e164_form() -> None:
    for style in ("espaces", "points", "collé", "tirets", "international", "international0"):
        for number in ("+33612340001", "+33465711234", "+33199001234", "+33781001234"):
            assert e164(Phone(number, style).printed) == number, style
    assert Phone("+33612340001", "international0").printed == "+33 (0)6 12 34 00 01"


def test_the_corpus_is_the_same_at_every_build(
    corpus: list[CorpusDocument], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # The same content gives the same cache key: the ODT is not converted a second time.
    again = build_corpus(tmp_path, odt_cache=odt_cache(tmp_path_factory))
    assert [d.expected for d in again] == [d.expected for d in corpus]
    for first, second in zip(corpus, again, strict=True):
        assert paragraphs(first.path) == paragraphs(second.path)


# ----------------------------------------------------------------------- hostile documents
def test_the_zip_bomb_declares_its_true_size(hostile: dict[str, Path]) -> None:
    path = hostile["zip_bomb"]
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
        assert info.file_size >= BOMB_MIB << 20
        assert path.stat().st_size < info.file_size // 500
        with archive.open(info) as part:  # the first MiB only: it is real deflated data
            start = part.read(1 << 20)
    assert start.startswith(b"<?xml") and start.endswith(b"A" * 1000)


def test_the_xml_attacks_are_in_the_main_part(hostile: dict[str, Path]) -> None:
    def main(key: str, part: str = "word/document.xml") -> str:
        return zipfile.ZipFile(hostile[key]).read(part).decode()

    assert "<!ENTITY lol9" in main("billion_laughs") and "&lol9;" in main("billion_laughs")
    assert "<!ENTITY lol9" in main("billion_laughs_odt", "content.xml")
    assert 'SYSTEM "file:///etc/passwd"' in main("external_entity")
    assert 'SYSTEM "http://' in main("external_dtd")
    assert main("deep_nesting").count("<w:tbl>") == 5_000
    tables = Document(str(hostile["ten_thousand_tables"])).tables
    assert len(tables) == 10_000


def test_the_refused_formats_are_what_they_claim(hostile: dict[str, Path]) -> None:
    for key in ("macro_docm", "macro_in_docx"):
        archive = zipfile.ZipFile(hostile[key])
        assert "word/vbaProject.bin" in archive.namelist()
        assert b"macroEnabled" in archive.read("[Content_Types].xml")
    assert hostile["macro_docm"].suffix == ".docm"
    for key in ("pdf", "pdf_renamed"):
        assert hostile[key].read_bytes().startswith(b"%PDF-")
    for key in ("doc_ole", "doc_renamed"):
        assert hostile[key].read_bytes().startswith(OLE_MAGIC)
    assert hostile["pdf_renamed"].suffix == hostile["doc_renamed"].suffix == ".docx"
    assert hostile["doc_ole"].suffix == ".doc"
    for key in ("empty", "truncated", "pdf_renamed"):
        with pytest.raises(zipfile.BadZipFile):
            zipfile.ZipFile(hostile[key])


def test_the_zip_structure_attacks(hostile: dict[str, Path]) -> None:
    assert len(zipfile.ZipFile(hostile["many_members"]).namelist()) > 100_000
    names = zipfile.ZipFile(hostile["path_traversal"]).namelist()
    assert "../../evil" in names and any(name.startswith("/") for name in names)


# ------------------------------------------------------------------ recall measurement
def perfect_plan(expected: dict[str, Any]) -> dict[str, Any]:
    """What a perfect import of a document would hold, in the plan format (docs/format.md)."""
    ids = {}
    directory = []
    for n, contact in enumerate(expected["contacts"]):
        ident = f"entree-{n}"
        ids[" ".join(x for x in (contact["prenom"], contact["nom"]) if x)] = ident
        directory.append(
            {
                "id": ident,
                "type": "personne" if contact["prenom"] else "organisme",
                "nom": contact["nom"],
                **({"prenom": contact["prenom"]} if contact["prenom"] else {}),
                "telephones": [{"numero": number} for number in contact["telephones"]],
                **({"email": contact["emails"][0]} if contact["emails"] else {}),
                **({"mssante": contact["mssante"][0]} if contact["mssante"] else {}),
            }
        )
    ars = next(c for c in expected["contacts"] if "point focal" in c["nom"])
    referents = []
    for row in expected["referents"]:
        role = "co_referent" if row["role"] == "co_referent" else "titulaire"
        referents.append({"personne": ids[row["titulaire"]], "role": role})
        if row["suppleant"]:
            referents.append({"personne": ids[row["suppleant"]], "role": "suppleant"})
    day = datetime.date.fromisoformat
    return {
        "document": {
            "version": expected["version"],
            "date_mise_a_jour": day(expected["date_mise_a_jour"]),
            "historique": [
                {"version": v["version"], "date": day(v["date"])} for v in expected["versions"]
            ],
            "transmissions": [
                {
                    "destinataire": ids[ars["nom"]] if t["destinataire"] == "ARS" else "cpam",
                    "date": t["date"],
                }
                for t in expected["transmissions"]
            ],
            "references": [{"titre": title} for title in expected["references"]],
        },
        "piloter": {
            "referents_sse": referents,
            "cellule_de_crise": {
                "fonctions": [
                    {
                        "fonction": r["code"],
                        "titulaire": ids[r["titulaire"]],
                        **({"suppleant": ids[r["suppleant"]]} if r["suppleant"] else {}),
                    }
                    for r in expected["cellule"]
                ]
            },
        },
        "adapter": {
            "reponses": [
                {
                    "typologies": [t],
                    "actions": [{"phase": "conduite", "action": f"1) {a}"} for a in actions],
                }
                for t, actions in expected["actions"].items()
            ]
        },
        "anticiper": {
            "exercices": [
                {"intitule": e["nom"], "date": day(e["date"])} for e in expected["exercices"]
            ]
        },
        "evaluer": {
            "retex": [{"intitule": r["nom"], "date": r["date"]} for r in expected["retex"]]
        },
        "glossaire": expected["glossaire"],
        "annuaire": directory,
    }


def test_recall_is_complete_for_a_perfect_import_and_nothing_for_an_empty_one(
    corpus: list[CorpusDocument],
) -> None:
    for document in corpus:
        scores = recall(document.expected, perfect_plan(document.expected))
        assert {kind: score.missing for kind, score in scores.items() if score.rate < 1} == {}
        assert all(score.total for score in scores.values()), document.name
        empty = recall(document.expected, {})
        assert all(score.found == 0 for score in empty.values()), document.name


def test_nothing_lost_is_measured_on_text_however_reflowed(corpus: list[CorpusDocument]) -> None:
    for document in corpus:
        read = paragraphs(document.path)
        text = "\n".join(read).replace("'", "\u2019").upper()
        assert missing_paragraphs(document.expected["paragraphs"], text) == []
        longest = max(document.expected["paragraphs"], key=len)
        without = "\n".join(paragraph for paragraph in read if paragraph != longest)
        assert missing_paragraphs([longest], without) == [longest]


def test_a_number_printed_otherwise_or_a_cell_split_in_fields_is_not_lost() -> None:
    cell = "Standard : 03.53.01.00.10\nAstreinte 24 h/24 : 0353010011"
    rendered = "Standard\n+33 3 53 01 00 10\nAstreinte 24 h/24\n03 53 01 00 11"
    assert (
        missing_paragraphs(
            [cell, "a@b.example / c@d.example"], rendered + "\nc@d.example a@b.example"
        )
        == []
    )
    assert missing_paragraphs([cell], rendered.replace("11", "12")) == [cell]
    assert missing_paragraphs([cell], rendered.replace("Astreinte", "")) == [cell]


def test_a_document_with_several_trapped_names_quotes_the_first_one_at_every_run(
    tmp_path: Path,
) -> None:
    """The refusal quoted whichever trapped name a set gave first: another one at another
    run (the hash seed changes the order). It now quotes the archive's first."""
    import os
    import subprocess
    import sys

    document = tmp_path / "piege.docx"
    with zipfile.ZipFile(document, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for n in range(40):
            archive.writestr(f"../piege-{n:02d}", "x")
    probe = (
        "import sys\nfrom pathlib import Path\n"
        "from cptsplan.importer.safety import check_document\n"
        "try:\n    check_document(Path(sys.argv[1]))\nexcept Exception as error:\n"
        "    print(error)\n"
    )
    said = set()
    for seed in (1, 2, 3, 4):
        environment = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run(
            [sys.executable, "-c", probe, str(document)],
            capture_output=True, text=True, env=environment, check=True,
        )  # fmt: skip
        said.add(done.stdout)
    assert len(said) == 1, said
    assert "../piege-00" in said.pop()
