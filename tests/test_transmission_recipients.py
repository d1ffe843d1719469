"""A transmission to an organisation whose name says it is the ARS (« ARS Occitanie –
DD31 ») counts as sent to the ARS whether or not the entry writes « categorie: ars ». Before,
three of the six Word plans of the import corpus recorded their transmission to the ARS and
the grid still said « Transmission à l'ARS : non » (the import created the recipient without
its category), and a hand-written plan marked « transmis » got the error transmission-ars."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from cptsplan.diff.load import sent_version
from cptsplan.rules import get_rule, rule_ids
from cptsplan.rules.base import RuleContext

from .conftest import run_cli
from .import_corpus import CorpusDocument, session_corpus
from .test_periods import _data, _plan

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[CorpusDocument]:
    return session_corpus(tmp_path_factory)


def _sent_to_an_unlabelled_ars() -> dict[str, Any]:
    data = copy.deepcopy(_data())
    document = data["document"]
    document["statut"] = "transmis"
    version = str(document["version"])
    data["annuaire"] = [
        entry for entry in data.get("annuaire", []) if entry.get("categorie") not in ("ars",)
    ] + [{"id": "delegation-31", "type": "organisme", "nom": "ARS Occitanie – DD31"}]
    document["transmissions"] = [
        {"destinataire": "delegation-31", "date": date(2026, 10, 1), "version": version}
    ]
    return data


def _messages(rule_id: str, data: dict[str, Any]) -> list[str]:
    rule = get_rule(rule_id)
    assert rule is not None
    ctx = RuleContext(today=TODAY, requirements=None, known_rules=rule_ids())
    return [finding.message for finding in rule.check(_plan(data), ctx) if finding.reported]


def test_a_recipient_named_as_the_ars_counts_as_the_ars() -> None:
    data = _sent_to_an_unlabelled_ars()
    assert _messages("transmission-ars", data) == []
    assert sent_version(data) == str(data["document"]["version"])


def test_a_recipient_named_otherwise_does_not_count() -> None:
    data = _sent_to_an_unlabelled_ars()
    data["annuaire"][-1]["nom"] = "Mairie de Toulouse"
    assert _messages("transmission-ars", data) != []
    assert sent_version(data) is None


def test_imported_plans_say_their_recorded_transmission_to_the_ars(
    corpus: list[CorpusDocument], tmp_path: Path
) -> None:
    for document in corpus:
        target = tmp_path / document.name
        imported = run_cli("import", document.path, "-o", target)
        assert imported.exit_code == 0, imported.stderr
        data: dict[str, Any] = {}
        for path in sorted((target / "plan").glob("*.yaml")):
            data.update(yaml.safe_load(path.read_text("utf-8")) or {})
        directory = {entry["id"]: entry for entry in data.get("annuaire", [])}
        recipients = [
            directory[item["destinataire"]]
            for item in data["document"].get("transmissions") or []
            if item.get("destinataire") in directory
        ]
        # An organisation whose every word has its capital is not a person (« Groupe
        # hospitalier Yvette-Orge » was imported as one).
        people = [e["nom"] for e in directory.values() if e.get("type") == "personne"]
        assert not [name for name in people if "hospitalier" in name.lower()], document.name
        ars = [entry for entry in recipients if entry["nom"].startswith("ARS")]
        assert ars, document.name
        assert all(entry.get("categorie") == "ars" for entry in ars), (document.name, ars)
        report = run_cli("validate", target, "-f", "json", "--date", "2026-11-23")
        assert report.exit_code in (0, 1), report.stderr
        rules = {p["rule"] for plan in json.loads(report.stdout)["plans"] for p in plan["problems"]}
        assert "transmission-ars" not in rules, document.name
