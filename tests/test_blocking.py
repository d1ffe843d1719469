"""What fails a check: `--bloquant structure|erreurs|tout` and `bloquant:` in
`.cptsplan.yaml` (the stricter wins), and the plan folder `validate` checks without a path
(`plan:`), so that a draft can be committed and a mkdocs.yml never becomes a plan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cptsplan.findings.blocking import Blocking, effective

from .conftest import FIXTURES, run_cli

RULE_ERROR_PLAN = FIXTURES / "rules" / "petit-plan"
"""One conformity error (a malformed phone number), no structure error."""


@pytest.fixture
def skeleton(tmp_path: Path) -> Path:
    folder = tmp_path / "depot"
    run_cli("init", folder, "--nom", "CPTS X", "--territoire", "Y")
    assert (folder / ".git").is_dir()  # from init: the configuration search stops there
    return folder


def test_the_stricter_of_command_line_and_configuration_wins() -> None:
    assert effective() is Blocking.ERRORS
    assert effective(Blocking.STRUCTURE, None) is Blocking.STRUCTURE
    assert effective(Blocking.STRUCTURE, Blocking.ALL) is Blocking.ALL
    assert effective(Blocking.ALL, Blocking.STRUCTURE) is Blocking.ALL


def test_structure_lets_a_conformity_error_through_and_the_default_does_not() -> None:
    args = ("validate", RULE_ERROR_PLAN, "--date", "2026-11-01")
    assert run_cli(*args).exit_code == 1
    lenient = run_cli(*args, "--bloquant", "structure")
    assert lenient.exit_code == 0
    assert "telephone-mal-forme" in lenient.stdout  # shown, not hidden
    assert run_cli(*args, "--bloquant", "erreurs").exit_code == 1


def test_an_untouched_skeleton_passes_unless_everything_blocks(skeleton: Path) -> None:
    plan = skeleton / "plan"
    assert run_cli("validate", plan, "--bloquant", "structure").exit_code == 0
    strict = run_cli("validate", plan, "--bloquant", "tout")
    assert strict.exit_code == 1 and "champ-a-completer" in strict.stdout


def test_a_schema_error_blocks_even_a_draft(skeleton: Path) -> None:
    plan = skeleton / "plan" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("cpts:", "cpts_:", 1), "utf-8")
    result = run_cli("validate", skeleton / "plan", "--bloquant", "structure")
    assert result.exit_code == 1 and "schema-cle-inconnue" in result.stdout


def test_the_configuration_can_ask_for_more_than_the_hook(skeleton: Path) -> None:
    config = skeleton / ".cptsplan.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "bloquant: tout\n", encoding="utf-8")
    assert run_cli("validate", skeleton / "plan", "--bloquant", "structure").exit_code == 1
    config.write_text("strict: true\n", encoding="utf-8")
    assert run_cli("validate", skeleton / "plan", "--bloquant", "structure").exit_code == 1


def test_a_config_asking_for_less_than_the_default_is_obeyed(tmp_path: Path) -> None:
    plan = tmp_path / "petit-plan"
    shutil.copytree(RULE_ERROR_PLAN, plan)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".cptsplan.yaml").write_text("bloquant: structure\n", encoding="utf-8")
    assert run_cli("validate", plan, "--date", "2026-11-01").exit_code == 0


def test_unknown_values_are_refused_in_french(skeleton: Path) -> None:
    result = run_cli("validate", skeleton / "plan", "--bloquant", "rien")
    assert result.exit_code == 2
    assert "valeur inconnue pour --bloquant : rien" in result.stderr
    assert "structure, erreurs, tout" in result.stderr
    (skeleton / ".cptsplan.yaml").write_text("bloquant: rien\n", encoding="utf-8")
    assert run_cli("validate", skeleton / "plan").exit_code == 3


def test_without_a_path_the_configured_plan_folder_is_checked(
    skeleton: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (skeleton / "mkdocs.yml").write_text("site_name: Plan SSE\nnav: []\n", encoding="utf-8")
    monkeypatch.chdir(skeleton)
    result = run_cli("validate", "--bloquant", "structure", "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert '"plan/plan.yaml"' in result.stdout and "mkdocs.yml" not in result.stdout
    # Another folder, named in the configuration (relative to it).
    (skeleton / "plan").rename(skeleton / "plan-sse")
    config = skeleton / ".cptsplan.yaml"
    text = config.read_text(encoding="utf-8").replace("plan: plan", "plan: plan-sse")
    config.write_text(text, encoding="utf-8")
    result = run_cli("validate", "--bloquant", "structure", "--format", "json")
    assert result.exit_code == 0 and '"plan-sse/plan.yaml"' in result.stdout


def test_without_a_configuration_a_plan_folder_is_preferred_to_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(RULE_ERROR_PLAN, tmp_path / "plan")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "--format", "json", "--date", "2026-11-01")
    assert '"plan/plan.yaml"' in result.stdout and "mkdocs.yml" not in result.stdout
