"""`validate --resume`: what is left to do, grouped by theme in the order of the plan."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_cli

THEMES_IN_ORDER = [
    "Maîtrise du document, la CPTS et son territoire (plan.yaml)",
    "Anticiper (anticiper.yaml)",
    "Adapter (adapter.yaml)",
    "Piloter (piloter.yaml)",
    "Évaluer (evaluer.yaml)",
    "Annuaire de crise (annuaire.yaml)",
]


def test_a_fresh_skeleton_is_summarised_by_theme_in_the_plan_order(tmp_path: Path) -> None:
    run_cli("init", tmp_path, "--nom", "CPTS X", "--territoire", "Y")
    result = run_cli("validate", tmp_path, "--resume")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    headings = [line for line in lines if line.endswith("à compléter") and "(" in line]
    assert [h.split(" : ")[0] for h in headings] == THEMES_IN_ORDER
    (report,) = json.loads(run_cli("validate", tmp_path, "--format", "json").stdout)["plans"]
    items = [line for line in lines if line.startswith("  · ")]
    # Every problem is there, once, on one line; the counts add up.
    assert len(items) == len(report["problems"])
    counted = sum(int(h.rsplit(" : ", 1)[1].split()[0]) for h in headings)
    assert counted == len(report["problems"])
    text_lines = run_cli("validate", tmp_path).stdout.count("\n")
    assert len(lines) < text_lines / 2


def test_the_summary_of_a_complete_plan_says_nothing_is_left() -> None:
    from .conftest import COMPLETE_EXAMPLE

    result = run_cli("validate", COMPLETE_EXAMPLE, "--resume", "--date", "2026-11-23")
    assert result.exit_code == 0
    assert "Rien : le plan est complet" in result.stdout
