"""`cptsplan rules` and the progress bar of `validate`."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from cptsplan.rules import all_rules

from .conftest import MINIMAL_EXAMPLE, run_cli


def test_rules_lists_every_rule_with_severity_and_source() -> None:
    result = run_cli("rules")
    assert result.exit_code == 0
    for rule in all_rules():
        line = next(line for line in result.stdout.splitlines() if line.startswith(f"  {rule.id} "))
        assert rule.severity.label_fr in line and rule.source.value in line
    assert f"{len(all_rules())} règles" in result.stdout


def test_rules_explains_one_rule_with_an_example() -> None:
    result = run_cli("rules", "articulation-pcs")
    assert result.exit_code == 0
    assert result.stdout.startswith("articulation-pcs : ")
    assert "Sévérité par défaut : erreur (error)" in result.stdout
    assert "Source : ACI" in result.stdout
    assert "Exemple" in result.stdout


def test_unknown_rule_is_a_usage_error_with_a_suggestion() -> None:
    result = run_cli("rules", "articulation-pc")
    assert result.exit_code == 2
    assert "règle inconnue : articulation-pc" in result.stderr
    assert "vouliez-vous dire « articulation-pcs » ?" in result.stderr


def test_progress_bar_only_on_a_terminal_for_several_plans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cptsplan.cli.validation import progress_bar

    for name in ("a", "b"):
        shutil.copytree(MINIMAL_EXAMPLE, tmp_path / name)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar() as (start, advance):
        start(2)
        advance(None)
        advance(None)
    assert "Vérification des plans" in terminal.getvalue()
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    with progress_bar() as (start, advance):
        start(1)
        advance(None)
    assert quiet.getvalue() == ""


def test_bad_reference_date_is_a_usage_error() -> None:
    result = run_cli("validate", MINIMAL_EXAMPLE, "--date", "23/11/2026")
    assert result.exit_code == 2
    assert "date de référence invalide" in result.stderr
