"""`cptsplan init`: a plan repository that validates into a French list of what is left to
write, never a crash; existing files are never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from cptsplan.repository.skeleton import skeleton_files

from .conftest import run_cli

EXPECTED = {
    "README.md",
    ".gitignore",
    ".cptsplan.yaml",
    ".pre-commit-config.yaml",
    ".gitlab-ci.yml",
    ".github/workflows/plan-sse.yml",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".github/dependabot.yml",
    "schemas/plan-fragment.schema.json",
    "schemas/config.schema.json",
    *(
        f"plan/{name}.yaml"
        for name in ("plan", "anticiper", "adapter", "piloter", "evaluer", "annuaire")
    ),
}


def created(folder: Path) -> set[str]:
    """The files `init` wrote (its git repository aside: tests/test_repository_commands.py)."""
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(folder).parts
    }


def test_init_then_validate_reports_only_what_is_left_to_write(tmp_path: Path) -> None:
    folder = tmp_path / "depot"
    result = run_cli("init", folder, "--nom", "CPTS des Trois Rivières", "--territoire", "Vèze")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert created(folder) == EXPECTED
    result = run_cli("validate", folder, "--format", "json")
    (report,) = json.loads(result.stdout)["plans"]
    # A draft: nothing but placeholders, as warnings, and no rule sent off on a false trail
    # (no "add a response for T1" while the T1 response is being written).
    assert {problem["rule"] for problem in report["problems"]} == {"champ-a-completer"}
    assert {problem["severity"] for problem in report["problems"]} == {"warning"}
    assert result.exit_code == 0
    assert report["name"] == "CPTS des Trois Rivières"
    assert 0 <= report["completeness"] < 0.6
    text = run_cli("validate", folder).stdout
    assert "à compléter" in text and "à écrire :" in text
    assert "Traceback" not in text


def test_skeleton_invents_no_value(tmp_path: Path) -> None:
    run_cli("init", tmp_path, "--nom", "CPTS X", "--territoire", "Y")
    plan = (tmp_path / "plan" / "plan.yaml").read_text(encoding="utf-8")
    for invented in ('"00000"', 'version: "0.1"', "taille_aci: 1", "pcs: false"):
        assert invented not in plan
    for field in ("version", "date_mise_a_jour", "code_insee", "taille_aci", "pcs"):
        assert f"{field}: A_COMPLETER" in plan
    assert "statut: brouillon" in plan


def test_skeleton_renders_as_a_draft(tmp_path: Path) -> None:
    run_cli("init", tmp_path, "--nom", "CPTS X", "--territoire", "Y")
    result = run_cli("render", tmp_path / "plan", "-f", "md", "-o", tmp_path / "brouillon.md")
    assert result.exit_code == 0, result.stdout + result.stderr
    markdown = (tmp_path / "brouillon.md").read_text(encoding="utf-8")
    assert "BROUILLON" in markdown
    assert "à compléter" in markdown and "A\\_COMPLETER" not in markdown


def test_a_skeleton_without_answers_shows_no_raw_marker_in_its_draft(tmp_path: Path) -> None:
    """No name, no territory (answers not given, as in a script): the territory is one
    placeholder, and the draft prints « à compléter », never the marker itself."""
    result = run_cli("init", tmp_path / "depot")
    assert result.exit_code == 0, result.stdout + result.stderr
    plan = yaml.safe_load((tmp_path / "depot" / "plan" / "plan.yaml").read_text("utf-8"))
    description = plan["territoire"]["description"]
    assert description.count("A_COMPLETER") == 1, description
    result = run_cli("render", tmp_path / "depot", "-f", "md", "-o", tmp_path / "brouillon.md")
    assert result.exit_code == 0, result.stdout + result.stderr
    markdown = (tmp_path / "brouillon.md").read_text(encoding="utf-8")
    assert "A\\_COMPLETER" not in markdown and "A_COMPLETER" not in markdown
    assert "à compléter : territoire couvert, géographie" in markdown.replace("*", "")


def test_skeleton_files_are_what_an_editor_and_ci_expect(tmp_path: Path) -> None:
    run_cli("init", tmp_path, "--nom", "CPTS X", "--territoire", "Y")
    settings = json.loads((tmp_path / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/plan-fragment.schema.json"] == [
        "plan/*.yaml",
        "plan/*.yml",
    ]
    for name in (".gitlab-ci.yml", ".github/workflows/plan-sse.yml", ".pre-commit-config.yaml"):
        data = yaml.safe_load((tmp_path / name).read_text(encoding="utf-8"))
        assert data, name
    workflow = (tmp_path / ".github/workflows/plan-sse.yml").read_text(encoding="utf-8")
    assert "--format sarif" in workflow and "upload-artifact" in workflow
    assert "cptsplan render" in workflow
    gitlab = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["verifier"]["artifacts"]["reports"]["junit"] == "build/cptsplan-junit.xml"
    assert "build/" in (tmp_path / ".gitignore").read_text(encoding="utf-8")
    for path in (tmp_path / "plan").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/plan-fragment.schema.json"
    assert "CPTS X" in (tmp_path / "README.md").read_text(encoding="utf-8")


def test_ci_jobs_stop_and_editors_get_their_extension(tmp_path: Path) -> None:
    """A stuck install must not run for GitHub's 6 hours; VS Code proposes the extension that
    reads `yaml.schemas` (the settings rely on it); the pinned actions are kept up to date."""
    run_cli("init", tmp_path, "--nom", "CPTS X", "--territoire", "Y")
    workflow = yaml.safe_load((tmp_path / ".github/workflows/plan-sse.yml").read_text("utf-8"))
    for job in workflow["jobs"].values():
        assert 0 < job["timeout-minutes"] <= 30
    gitlab = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["default"]["timeout"] == "20 minutes"
    assert "Dependabot" in (tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8")
    extensions = json.loads((tmp_path / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]
    settings = json.loads((tmp_path / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert "yaml.schemas" in settings  # the setting that extension reads
    dependabot = yaml.safe_load((tmp_path / ".github/dependabot.yml").read_text("utf-8"))
    assert dependabot["version"] == 2
    assert [u["package-ecosystem"] for u in dependabot["updates"]] == ["github-actions"]


def test_existing_files_are_kept_and_listed(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mon README\n", encoding="utf-8")
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "mon-plan.yaml").write_text("version_format: 1\n", encoding="utf-8")
    result = run_cli("init", tmp_path, "--nom", "CPTS X", "--territoire", "Y")
    assert result.exit_code == 0
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "mon README\n"
    assert "déjà présent, gardé tel quel" in result.stdout
    # The plan skeleton is all or nothing: no half skeleton beside an existing plan.
    assert sorted(p.name for p in (tmp_path / "plan").iterdir()) == ["mon-plan.yaml"]
    assert (tmp_path / ".cptsplan.yaml").is_file()
    again = run_cli("init", tmp_path, "--nom", "CPTS X", "--territoire", "Y")
    assert "0 fichier(s) créé(s)" in again.stdout


def test_without_a_terminal_the_name_stays_to_be_written(tmp_path: Path) -> None:
    result = run_cli("init", tmp_path)
    assert result.exit_code == 0
    text = (tmp_path / "plan" / "plan.yaml").read_text(encoding="utf-8")
    assert 'nom: "A_COMPLETER : nom de la CPTS"' in text


def test_on_a_terminal_init_asks_for_name_and_territory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from cptsplan.cli import app
    from cptsplan.cli import init as cli_init

    monkeypatch.setattr(cli_init, "_interactive", lambda: True)
    runner = CliRunner()
    result = runner.invoke(app, ["init", str(tmp_path)], input="CPTS du Lac\nBords du lac\n")
    assert result.exit_code == 0, result.output
    assert "Nom de la CPTS" in result.output
    text = (tmp_path / "plan" / "plan.yaml").read_text(encoding="utf-8")
    assert 'nom: "CPTS du Lac"' in text and "Bords du lac" in text


def test_a_name_with_quotes_stays_valid_yaml(tmp_path: Path) -> None:
    run_cli("init", tmp_path, "--nom", 'CPTS "Les Pins" : nord', "--territoire", "a: b")
    data = yaml.safe_load((tmp_path / "plan" / "plan.yaml").read_text(encoding="utf-8"))
    assert data["cpts"]["nom"] == 'CPTS "Les Pins" : nord'


def test_init_on_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "fichier"
    target.write_text("x", encoding="utf-8")
    assert run_cli("init", target, "--nom", "X", "--territoire", "Y").exit_code == 2


def test_skeleton_package_data_holds_the_dotfiles() -> None:
    assert {
        ".cptsplan.yaml",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".gitlab-ci.yml",
        ".github/workflows/plan-sse.yml",
        ".vscode/settings.json",
        ".vscode/extensions.json",
        ".github/dependabot.yml",
    } <= set(skeleton_files())


def _ci_commands(folder: Path) -> list[str]:
    """Every `cptsplan …` line the generated CI files run (GitHub steps, GitLab scripts)."""
    workflow = yaml.safe_load((folder / ".github/workflows/plan-sse.yml").read_text("utf-8"))
    gitlab = yaml.safe_load((folder / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    scripts = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    scripts += [
        line for job in gitlab.values() if isinstance(job, dict) for line in job.get("script", [])
    ]
    lines = [line.strip() for script in scripts for line in script.splitlines()]
    return [line for line in lines if line.startswith("cptsplan ") and "--version" not in line]


def test_ci_fails_on_any_error_whatever_the_hook_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """README: « L'intégration continue échoue, elle, sur toute erreur », though
    `bloquant: structure` in .cptsplan.yaml lets the pre-commit hook pass a draft: the CI's
    own validate lines, run as written in the repository, fail on a conformity error."""
    folder = tmp_path / "depot"
    run_cli("init", folder, "--nom", "CPTS X", "--territoire", "Y")
    config = folder / ".cptsplan.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "bloquant: structure\n", "utf-8")
    plan = folder / "plan" / "plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("statut: brouillon", "statut: transmis"), "utf-8"
    )
    monkeypatch.chdir(folder)
    assert run_cli("validate", "plan").exit_code == 0  # the hook's leniency, as configured
    checks = [
        line
        for line in _ci_commands(folder)
        if line.startswith("cptsplan validate") and "||" not in line
    ]
    assert len(checks) == 2  # GitHub and GitLab
    for line in checks:
        assert run_cli(*line.split()[1:]).exit_code == 1, line


def test_ci_names_each_edition_it_renders(tmp_path: Path) -> None:
    """The CI's « plan-sse-interne » artefact is the internal edition whatever the plan's
    classification says, and « plan-sse-diffusable » the diffusable one (never the reverse)."""
    run_cli("init", tmp_path, "--nom", "CPTS X", "--territoire", "Y")
    renders = [line for line in _ci_commands(tmp_path) if line.startswith("cptsplan render")]
    assert len(renders) == 4
    for line in renders:
        edition = "interne" if "plan-sse-interne" in line else "diffusable"
        assert f"--edition {edition}" in line, line
