"""Reminders before the 12-month limits: the yearly update and the contact checks."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from .conftest import MINIMAL_EXAMPLE, run_cli

UPDATED = date(2025, 12, 1)
LIMIT = date(2026, 12, 1)


def _plan(tmp_path: Path, config: str | None = None) -> Path:
    repo = tmp_path / "depot"
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(MINIMAL_EXAMPLE, repo / "plan")
    plan = repo / "plan" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("date_mise_a_jour: ") + len("date_mise_a_jour: ")
    old = text[start : start + 10]
    # The update, its history entry and every check date move to 1 December 2025.
    text = text.replace(old, UPDATED.isoformat())
    text = text.replace("verifie_le: 2026-09-14", f"verifie_le: {UPDATED.isoformat()}")
    plan.write_text(text, encoding="utf-8")
    if config is not None:
        (repo / ".cptsplan.yaml").write_text(config, encoding="utf-8")
    return repo / "plan"


def _found(plan: Path, today: date, rule: str) -> list[dict]:
    result = run_cli("validate", plan, "--format", "json", "--date", today.isoformat())
    problems = json.loads(result.stdout)["plans"][0]["problems"]
    return [p for p in problems if p["rule"] == rule]


@pytest.mark.parametrize(("days", "warned"), [(61, False), (60, True), (59, True), (0, True)])
def test_the_yearly_update_is_announced_60_days_ahead(
    tmp_path: Path, days: int, warned: bool
) -> None:
    found = _found(_plan(tmp_path), LIMIT - timedelta(days=days), "mise-a-jour-echeance")
    assert bool(found) is warned
    if warned:
        (problem,) = found
        assert problem["severity"] == "warning"
        assert "avant le 1er décembre 2026" in problem["message"]
        assert ("aujourd'hui" if days == 0 else f"dans {days} jours") in problem["message"]


def test_the_day_after_the_limit_the_error_takes_over(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    after = LIMIT + timedelta(days=1)
    assert _found(plan, after, "mise-a-jour-echeance") == []
    assert _found(plan, after, "mise-a-jour-ancienne")


def test_the_window_is_set_in_the_configuration(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "rappels:\n  jours_avant: 30\n")
    assert _found(plan, LIMIT - timedelta(days=31), "mise-a-jour-echeance") == []
    assert _found(plan, LIMIT - timedelta(days=30), "mise-a-jour-echeance")
    off = _plan(tmp_path / "sans", "rappels:\n  jours_avant: 0\n")
    assert _found(off, LIMIT - timedelta(days=1), "mise-a-jour-echeance") == []


def test_contact_checks_are_announced_entry_by_entry(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    assert "verifie_le: " in text
    found = _found(plan, LIMIT - timedelta(days=10), "contact-verification-echeance")
    assert found and all("à revérifier avant le 1er décembre 2026" in p["message"] for p in found)
    assert all(p["path"].endswith(".verifie_le") for p in found)


def test_the_summary_says_when_the_next_update_is_due(tmp_path: Path) -> None:
    result = run_cli("validate", _plan(tmp_path), "--date", "2026-06-01")
    assert "prochaine mise à jour avant le 1er décembre 2026" in result.stdout


def test_the_ci_files_of_a_new_repository_also_run_every_month(tmp_path: Path) -> None:
    import yaml

    run_cli("init", tmp_path, "--nom", "CPTS X", "--territoire", "Y")
    github = yaml.safe_load((tmp_path / ".github/workflows/plan-sse.yml").read_text("utf-8"))
    triggers = github.get("on") or github.get(True)
    assert triggers["schedule"][0]["cron"].split()[2:] == ["1", "*", "*"]
    gitlab = (tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8")
    assert '$CI_PIPELINE_SOURCE == "schedule"' in gitlab
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "chaque mois" in readme and "Pipeline schedules" in readme
