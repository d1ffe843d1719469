"""The conformity grid (annex of the rendered plan) and the rule catalogue's documentation."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from cptsplan.rules import completeness, conformity_grid
from cptsplan.rules.grille import TEMPLATE

from .conftest import REPO
from .test_rules import REFERENCE, complete_data, plan_of

AWAITED = "Avis favorable de l'ARS sur la version en vigueur"


def test_complete_example_covers_every_item_and_says_where() -> None:
    grid = conformity_grid(plan_of(complete_data()), REFERENCE)
    assert len(grid) == len(TEMPLATE) == 48
    for item in grid:
        assert item.theme and item.item and item.source
        if item.item == AWAITED:
            # The ARS's answer to version 2.1 is awaited: « non », no content of the plan.
            assert not item.covered and not item.reported and not item.counted
            continue
        assert item.covered is True
        assert item.where and ".yaml:" in item.where, item
    assert completeness(grid) == 1.0
    themes = {item.theme for item in grid}
    assert themes == {
        "Maîtrise du document",
        "Anticiper",
        "Adapter",
        "Piloter",
        "Évaluer",
        "Annuaire de crise",
    }


def test_a_missing_typology_is_one_uncovered_item() -> None:
    data = complete_data()
    data["adapter"]["reponses"] = [
        r for r in data["adapter"]["reponses"] if "T3" not in r["typologies"]
    ]
    grid = conformity_grid(plan_of(data), REFERENCE)
    missing = [item for item in grid if not item.covered and item.item != AWAITED]
    assert [item.item.split(" :")[0] for item in missing] == ["Réponse T3", "Volet ORSAN REB"]
    assert all(item.where is None for item in missing)
    counted = [item for item in grid if item.counted]
    assert completeness(grid) == (len(counted) - 2) / len(counted)


def test_the_grid_uses_the_reference_date() -> None:
    grid = conformity_grid(plan_of(complete_data()), date(2028, 1, 1))
    stale = [item.item for item in grid if not item.covered]
    assert "Mise à jour de moins de 12 mois" in stale


def test_rule_catalogue_in_docs_is_up_to_date() -> None:
    completed = subprocess.run(
        [sys.executable, str(REPO / "tools" / "regles_doc.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout


def test_every_rule_is_in_docs_with_its_source_its_severity_and_why() -> None:
    """docs/regles.md lists each registered rule, with its source, its default severity
    and why it has that severity (the source's default, or the reason of the exception)."""
    from cptsplan.rules import all_rules
    from cptsplan.rules.base import DEFAULT_SEVERITIES, severity_reason

    text = (REPO / "docs" / "regles.md").read_text(encoding="utf-8")
    for rule in all_rules():
        reason = severity_reason(rule)
        assert reason, rule.id
        row = (
            f"| [`{rule.id}`](#{rule.id}) | {rule.severity.label_fr} | {rule.source.value} | "
            f"{rule.description} | {reason} |"
        )
        assert row in text, rule.id
        assert f"#### {rule.id}\n" in text, rule.id
        default, _ = DEFAULT_SEVERITIES[rule.source]
        if rule.severity != default and rule.source.name != "PRATIQUE":
            assert rule.why, f"{rule.id}: pourquoi pas la sévérité de sa source ?"
