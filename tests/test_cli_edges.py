"""Edges of the command line that gave a traceback or a wrong answer (issue 8, « Tracebacks
and wrong exit codes »): a crashing plan under --jobs, an unreadable sub-folder, `init` under
a regular file, a non-UTF-8 file name in SARIF, a `.cptsplan.yaml` from outside the plan's
repository, and which configuration was applied."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cptsplan import api
from cptsplan.config.repository_config import find_config

from .conftest import MINIMAL_EXAMPLE, run_cli

TODAY = date(2026, 11, 23)


def collection(tmp_path: Path, count: int = 4) -> Path:
    plans = tmp_path / "plans"
    for index in range(count):
        folder = plans / f"cpts-{index}"
        folder.mkdir(parents=True)
        shutil.copy(MINIMAL_EXAMPLE / "plan.yaml", folder / "plan.yaml")
    return plans


def crash_on_second(real: object) -> object:
    def check_plan(target: api.PlanTarget, rules: object = None) -> api.PlanReport:
        if target.path.name == "cpts-1":
            raise RuntimeError("panne simulée")
        return real(target, rules)  # type: ignore[operator]

    return check_plan


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_crashing_plan_becomes_its_own_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    # Worker processes are forked (Linux): they see the patched function too.
    monkeypatch.setattr(api, "check_plan", crash_on_second(api.check_plan))
    result = api.check([collection(tmp_path)], today=TODAY, jobs=jobs)
    names = [report.target.path.name for report in result.reports]
    assert names == ["cpts-0", "cpts-1", "cpts-2", "cpts-3"]
    crashed = result.reports[1]
    (problem,) = crashed.problems
    assert problem.rule == "erreur-interne"
    assert "s'est arrêtée sur une erreur de cptsplan" in problem.message
    assert "panne simulée" in problem.message
    assert [r.name for r in result.reports if r is not crashed] == ["CPTS du Plateau de Vèze"] * 3
    assert int(result.exit_code()) == 1


def test_an_unreadable_sub_folder_is_that_plan_s_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = collection(tmp_path, 2)
    locked = plans / "cpts-1"
    from cptsplan.load import source

    real = source.plan_files

    def plan_files(folder: Path) -> list[Path]:
        # chmod does not stop root (CI runs as root): the refusal is simulated.
        if folder == locked:
            raise PermissionError(13, "Permission denied", str(folder))
        return real(folder)

    from cptsplan.repository import location

    monkeypatch.setattr(source, "plan_files", plan_files)
    monkeypatch.setattr(location, "plan_files", plan_files)
    result = run_cli("validate", plans, "--format", "json", "--date", "2026-11-23")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    by_path = {Path(plan["path"]).name: plan for plan in document["plans"]}
    (problem,) = by_path["cpts-1"]["problems"]
    assert problem["rule"] == "dossier-illisible"
    assert "ne peut pas être lu (permission refusée)" in problem["message"]
    assert by_path["cpts-0"]["name"] == "CPTS du Plateau de Vèze"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_sub_folder_for_real(tmp_path: Path) -> None:
    plans = collection(tmp_path, 2)
    (plans / "cpts-1").chmod(0)
    try:
        result = run_cli("validate", plans, "--date", "2026-11-23")
    finally:
        (plans / "cpts-1").chmod(0o755)
    assert result.exit_code == 1
    assert "ne peut pas être lu" in result.stdout


def cptsplan(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cptsplan", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard, not a measure
        cwd=cwd,
    )


@pytest.mark.parametrize("where", ["fichier/depot", "fichier", "depot-avec-plan-fichier"])
def test_init_where_a_regular_file_stands_writes_nothing(tmp_path: Path, where: str) -> None:
    (tmp_path / "fichier").write_text("pas un dossier\n", encoding="utf-8")
    (tmp_path / "depot-avec-plan-fichier").mkdir()
    (tmp_path / "depot-avec-plan-fichier" / "plan").write_text("notes\n", encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = cptsplan("init", tmp_path / where, "--nom", "CPTS X", "--territoire", "Y")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "existe et n'est pas un dossier" in result.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_sarif_with_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan.mkdir()
    shutil.copy(MINIMAL_EXAMPLE / "plan.yaml", plan / "plan.yaml")
    Path(os.fsdecode(os.fsencode(plan) + b"/notes-\xff.yaml")).write_bytes(b"cpts_extra: 1\n")
    result = cptsplan("validate", "plan", "--format", "sarif", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    document = json.loads(result.stdout)
    uris = [
        location["physicalLocation"]["artifactLocation"]["uri"]
        for run in document["runs"]
        for found in run["results"]
        for location in found["locations"]
    ]
    assert "plan/notes-%FF.yaml" in uris


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """A folder writable by everyone (like /tmp), outside any repository."""
    folder = tmp_path / "partage"
    folder.mkdir()
    folder.chmod(0o1777)
    plan = folder / "cpts"
    plan.mkdir()
    shutil.copy(MINIMAL_EXAMPLE / "plan.yaml", plan / "plan.yaml")
    return folder


def test_a_configuration_in_a_shared_folder_is_not_applied(shared: Path) -> None:
    # Written by someone else: it would turn the patient-data rule off without a word.
    (shared / ".cptsplan.yaml").write_text("regles:\n  donnees-patient: false\n", "utf-8")
    assert find_config(shared / "cpts") is None
    assert find_config(shared / "cpts" / "plan.yaml") is None
    result = run_cli("validate", shared / "cpts", "--date", "2026-11-23")
    assert "configuration :" not in result.stdout


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".cptsplan.yaml").write_text("strict: true\n", "utf-8")
    repo = tmp_path / "depot"
    (repo / ".git").mkdir(parents=True)
    (repo / "plan").mkdir()
    assert find_config(repo / "plan") is None
    (repo / ".cptsplan.yaml").write_text("strict: true\n", "utf-8")
    assert find_config(repo / "plan") == repo / ".cptsplan.yaml"


def test_the_applied_configuration_is_named(tmp_path: Path) -> None:
    repo = tmp_path / "depot"
    (repo / ".git").mkdir(parents=True)
    (repo / "plan").mkdir()
    shutil.copy(MINIMAL_EXAMPLE / "plan.yaml", repo / "plan" / "plan.yaml")
    config = repo / ".cptsplan.yaml"
    config.write_text("regles:\n  transmission-ars: false\n", "utf-8")
    text = run_cli("validate", repo / "plan", "--date", "2026-11-23")
    assert text.stdout.rstrip().splitlines()[-1] == f"configuration : {config.resolve()}"
    output = run_cli("validate", repo / "plan", "--format", "json", "--date", "2026-11-23")
    (plan,) = json.loads(output.stdout)["plans"]
    assert plan["configuration"] == str(config.resolve())
    config.unlink()
    output = run_cli("validate", repo / "plan", "--format", "json", "--date", "2026-11-23")
    assert json.loads(output.stdout)["plans"][0]["configuration"] is None


def test_a_configuration_with_thousands_of_mistakes_is_answered_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each suggestion compares a name with every rule: only the listed mistakes get one
    (counted, not timed)."""
    import difflib

    from cptsplan.config import repository_config

    compared: list[str] = []
    real = difflib.get_close_matches

    def counting(word: str, *args: object, **kwargs: object) -> list[str]:
        compared.append(word)
        return real(word, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(difflib, "get_close_matches", counting)  # imported when needed
    repo = tmp_path / "depot"
    (repo / ".git").mkdir(parents=True)
    shutil.copy(MINIMAL_EXAMPLE / "plan.yaml", repo / "plan.yaml")
    # Under the loader's 1,000 keys per section: the configuration's own cap is tested.
    rules = "".join(f"  regle-inconnue-{i}: false\n" for i in range(900))
    (repo / ".cptsplan.yaml").write_text("regles:\n" + rules, "utf-8")
    result = run_cli("validate", repo / "plan.yaml")
    assert len(compared) <= 2 * repository_config.MAX_MESSAGES
    assert result.exit_code == 3
    assert "… et 880 autres règles inconnues" in result.stderr
    assert result.stderr.count("règle inconnue «") == 20
