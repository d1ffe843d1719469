"""Regional profiles: shipped as data, named in .cptsplan.yaml, they raise guide items."""

from __future__ import annotations

import shutil
from pathlib import Path

from cptsplan.config.profiles import available_profiles
from cptsplan.findings.problems import Severity
from cptsplan.rules import all_rules
from cptsplan.rules.base import Source

from .conftest import MINIMAL_EXAMPLE, run_cli

CONFIGURED = {"exigence-regionale-annuaire", "exigence-regionale-section"}


def test_guide_and_good_practice_rules_are_warnings_by_default() -> None:
    """ACI and CNAM requirements are errors; what only a guide asks for is a warning."""
    for rule in all_rules():
        if rule.source in (Source.GUIDE, Source.PRATIQUE) and rule.id not in CONFIGURED:
            assert rule.severity <= Severity.WARNING, rule.id


def _plan_with_config(tmp_path: Path, config: str) -> Path:
    plan = tmp_path / "depot" / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, plan)
    (tmp_path / "depot" / ".git").mkdir()
    (tmp_path / "depot" / ".cptsplan.yaml").write_text(config, encoding="utf-8")
    # Without the SAMU entry: a warning nationally, an error under the profile.
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(text.replace("categorie: samu", "categorie: autre"), "utf-8")
    return plan


def _severity_of(plan: Path, rule_id: str) -> list[str]:
    import json

    result = run_cli("validate", plan, "--format", "json", "--date", "2026-11-01")
    problems = json.loads(result.stdout)["plans"][0]["problems"]
    return [p["severity"] for p in problems if p["rule"] == rule_id]


def test_a_profile_raises_its_items_and_the_repository_has_the_last_word(tmp_path: Path) -> None:
    assert "guide-paca-2023" in available_profiles()
    national = _plan_with_config(tmp_path / "a", "strict: false\n")
    assert _severity_of(national, "annuaire-samu") == ["warning"]
    regional = _plan_with_config(tmp_path / "b", "profil: guide-paca-2023\n")
    assert _severity_of(regional, "annuaire-samu") == ["error"]
    # The profile's required sections apply too.
    assert _severity_of(regional, "exigence-regionale-section")
    own = _plan_with_config(
        tmp_path / "c", "profil: guide-paca-2023\nregles:\n  annuaire-samu: info\n"
    )
    assert _severity_of(own, "annuaire-samu") == ["info"]


def test_an_unknown_profile_is_a_configuration_error(tmp_path: Path) -> None:
    plan = _plan_with_config(tmp_path, "profil: guide-atlantide\n")
    result = run_cli("validate", plan)
    assert result.exit_code == 3
    assert "profil régional inconnu" in result.stdout + result.stderr
    assert "guide-paca-2023" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
