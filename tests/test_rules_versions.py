"""The plan's version against its history: one mistake, one finding. Before, `version: 2`
written after 2.1 gave an error and one warning per later entry of the history (« 2.0 est
postérieure à 2 », although 2 and 2.0 are one number)."""

from __future__ import annotations

from datetime import date

from cptsplan.rules import get_rule, rule_ids
from cptsplan.rules.base import RuleContext
from cptsplan.rules.document_facts import version_key

from .test_periods import _data, _plan

TODAY = date(2026, 11, 23)


def _findings(rule_id: str, data: dict[str, object]) -> list[tuple[str, str]]:
    rule = get_rule(rule_id)
    assert rule is not None
    ctx = RuleContext(today=TODAY, requirements=None, known_rules=rule_ids())
    return [(finding.message, finding.hint or "") for finding in rule.check(_plan(data), ctx)]


def _history(data: dict[str, object], *versions: str) -> None:
    document = data["document"]
    assert isinstance(document, dict)
    document["historique"] = [
        {"version": version, "date": date(2020 + index, 10, 1), "resume": f"Version {version}."}
        for index, version in enumerate(versions)
    ]
    document["transmissions"] = []


def test_trailing_zeros_do_not_make_a_version_later() -> None:
    assert version_key("2") == version_key("2.0") == version_key("2.0.0")
    assert version_key("2.1") > version_key("2.0") > version_key("1.10")


def test_a_number_behind_the_history_is_one_error_with_both_ways_out() -> None:
    data = _data()
    _history(data, "1.0", "2.0", "2.1")
    data["document"]["version"] = "2"  # type: ignore[index]
    current = _findings("historique-version-courante", data)
    assert len(current) == 1
    message, hint = current[0]
    assert "la version courante 2 n'a pas d'entrée" in message
    assert "va déjà jusqu'à la version 2.1" in hint and "numérotez-la après 2.1" in hint
    assert _findings("historique-incoherent", data) == []


def test_later_versions_in_the_history_are_one_warning_naming_them_all() -> None:
    data = _data()
    _history(data, "1.0", "2.1", "2.2", "2.3")
    data["document"]["version"] = "2.1"  # type: ignore[index]
    later = _findings("historique-incoherent", data)
    assert [message for message, _ in later] == [
        "l'historique a les versions 2.2 et 2.3 postérieures à la version courante 2.1 du document"
    ]
    assert _findings("historique-version-courante", data) == []
    _history(data, "2.1", "3.0")
    assert [message for message, _ in _findings("historique-incoherent", data)] == [
        "l'historique a la version 3.0 postérieure à la version courante 2.1 du document"
    ]


def test_a_history_in_order_up_to_the_current_version_gets_nothing() -> None:
    data = _data()
    _history(data, "1.0", "2.0", "2.1")
    data["document"]["version"] = "2.1"  # type: ignore[index]
    assert _findings("historique-incoherent", data) == []
    assert _findings("historique-version-courante", data) == []


def test_a_version_written_twice_in_the_history_is_said_once() -> None:
    """The current version entered twice (two yearly reviews under one number): nothing was
    said (r6's probe). « 2 » and « 2.0 » are one version."""
    data = _data()
    _history(data, "1.0", "2.0", "2.1", "2.1")
    data["document"]["version"] = "2.1"  # type: ignore[index]
    assert [message for message, _ in _findings("historique-incoherent", data)] == [
        "la version 2.1 est écrite deux fois dans l'historique"
    ]
    _history(data, "1.0", "2", "2.0", "2.1")
    assert [message for message, _ in _findings("historique-incoherent", data)] == [
        "la version 2.0 est écrite deux fois dans l'historique"
    ]
