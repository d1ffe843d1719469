"""The import corpus checks itself: every document opens, and its ground truth
(`expected.json`) says only what a reader finds in it, and all of it (tests/import_corpus)."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import phonenumbers
import pytest

from .import_corpus import CATEGORIES, CorpusDocument, build_corpus
from .import_corpus.model import e164, long_date, short_date
from .import_corpus.reading import docx_furniture, docx_paragraphs


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[CorpusDocument]:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


def _text(document: CorpusDocument) -> str:
    return "\n".join(docx_paragraphs(document.path))


def _docx(corpus: list[CorpusDocument]) -> list[CorpusDocument]:
    return [document for document in corpus if document.path.suffix == ".docx"]


def test_at_least_six_structures_each_with_every_category(corpus: list[CorpusDocument]) -> None:
    assert len({document.structure for document in corpus}) >= 2
    for document in corpus:
        assert set(CATEGORIES) <= set(document.expected), document.name
        expected = document.expected
        assert 8 <= len(expected["contacts"]) <= 20, document.name
        assert all(expected["actions"][t] for t in ("T1", "T2", "T3", "T4", "T5")), document.name
        assert expected["referents"] and expected["cellule"] and expected["exercices"]
        assert expected["versions"][-1]["version"] == expected["version"]
        assert {t["destinataire"] for t in expected["transmissions"]} == {"ARS", "CPAM"}


def test_expected_json_is_written_beside_each_document(corpus: list[CorpusDocument]) -> None:
    for document in corpus:
        written = json.loads((document.path.parent / "expected.json").read_text("utf-8"))
        assert written == document.expected


def test_paragraphs_are_exactly_what_python_docx_reads(corpus: list[CorpusDocument]) -> None:
    """« Nothing lost » can be measured: the ground truth lists every paragraph and cell,
    and nothing else (headers, footers and the cached table of contents are `furniture`)."""
    for document in _docx(corpus):
        read = docx_paragraphs(document.path)
        expected = document.expected["paragraphs"]
        furniture = set(document.expected["furniture"])
        body = [text for text in read if text not in furniture]
        assert sorted(body) == sorted(expected), document.name
        assert set(docx_furniture(document.path)) <= furniture


def test_every_contact_detail_is_in_the_document(corpus: list[CorpusDocument]) -> None:
    for document in _docx(corpus):
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
    for document in _docx(corpus):
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


def test_printed_numbers_read_as_their_e164_form() -> None:
    from .import_corpus.model import Phone

    for style in ("espaces", "points", "collé", "tirets", "international", "international0"):
        for number in ("+33612340001", "+33465711234", "+33199001234", "+33781001234"):
            assert e164(Phone(number, style).printed) == number, style
    assert re.fullmatch(r"\+33 \(0\)6 12 34 00 01", Phone("+33612340001", "international0").printed)


def test_the_corpus_is_the_same_at_every_build(
    corpus: list[CorpusDocument], tmp_path: Path
) -> None:
    again = build_corpus(tmp_path)
    assert [d.expected for d in again] == [d.expected for d in corpus]
