"""Référents SSE per typology (« Référent T1 et T4 : Laëtitia Bertin, suppléant Sébastien
Denis »), a shape real plans have: the titulaire of one typology may be the suppléant of
another. The rule judged them « titulaire et suppléant » (four errors the coordinator never
wrote on the corpus's ODT plan), and the import dropped the typologies that explain it."""

from __future__ import annotations

from typing import Any

import pytest

from .import_corpus import CorpusDocument, session_corpus
from .import_recall import unordered
from .test_rules import complete_data, findings


def _with_referents(*lines: tuple[str, str, list[str] | None]) -> dict[str, Any]:
    data = complete_data()
    referents = []
    for person, role, typologies in lines:
        item: dict[str, Any] = {"personne": person, "role": role}
        if typologies is not None:
            item["typologies"] = typologies
        referents.append(item)
    data["piloter"]["referents_sse"] = referents
    return data


def _referent_findings(data: dict[str, Any]) -> list[str]:
    return [f.message for f in findings("suppleant-identique", data) if "référent SSE" in f.message]


def test_titulaire_of_one_typology_may_be_suppleant_of_another() -> None:
    data = _with_referents(
        ("julien-vermeersch", "titulaire", ["T1", "T4"]),
        ("claire-vandamme", "suppleant", ["T1", "T4"]),
        ("claire-vandamme", "titulaire", ["T2"]),
        ("julien-vermeersch", "suppleant", ["T2"]),
    )
    assert _referent_findings(data) == []


def test_titulaire_and_suppleant_of_the_same_typology_is_an_error() -> None:
    data = _with_referents(
        ("julien-vermeersch", "titulaire", ["T1", "T4"]),
        ("julien-vermeersch", "suppleant", ["T4", "T5"]),
    )
    assert len(messages := _referent_findings(data)) == 1
    assert "(T4)" in messages[0]


def test_without_typologies_a_referent_covers_them_all() -> None:
    data = _with_referents(
        ("julien-vermeersch", "titulaire", None),
        ("julien-vermeersch", "suppleant", ["T2"]),
    )
    assert len(_referent_findings(data)) == 1
    data = _with_referents(
        ("julien-vermeersch", "titulaire", None),
        ("julien-vermeersch", "suppleant", None),
    )
    assert len(_referent_findings(data)) == 1


@pytest.fixture(scope="module")
def odt(tmp_path_factory: pytest.TempPathFactory) -> CorpusDocument:
    corpus = session_corpus(tmp_path_factory)
    return next(document for document in corpus if document.name == "libreoffice-odt")


def test_the_import_keeps_each_referents_typologies(odt: CorpusDocument) -> None:
    from cptsplan.importer.build import import_document

    plan = import_document(odt.path).draft.data
    names = {
        e["id"]: unordered(f"{e.get('prenom') or ''} {e.get('nom') or ''}")
        for e in plan["annuaire"]
    }
    found = {
        (names[r["personne"]], r["role"], tuple(r.get("typologies", [])))
        for r in plan["piloter"]["referents_sse"]
    }
    for expected in odt.expected["referents"]:
        codes = tuple(sorted(f"T{n}" for n in expected["role"] if n.isdigit()))
        assert codes, expected
        assert (unordered(expected["titulaire"]), "titulaire", codes) in found
        assert (unordered(expected["suppleant"]), "suppleant", codes) in found
