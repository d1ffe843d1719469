"""Every command that takes a plan reads a repository folder as `validate` does (its
`.cptsplan.yaml` `plan:`, else `plan/`, else the folder), writes its documents into the
repository's `build/` with readable names, and `init` starts the git history (issue 17 §1)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from cptsplan.files.names import version_part
from cptsplan.schema.placeholders import ToComplete

from .conftest import git, run_cli


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("depot") / "mon-plan"
    result = run_cli("init", folder, "--nom", "CPTS du Lac", "--territoire", "Bords du lac")
    assert result.exit_code == 0, result.stderr
    return folder


def test_render_update_diff_annuaire_and_validate_read_the_repository_init_makes(
    repository: Path,
) -> None:
    rendered = run_cli("render", repository, "-f", "md")
    assert rendered.exit_code == 0, rendered.stderr
    assert "schéma" not in rendered.stderr
    # The repository's build/, a name a person can read, nothing inside plan/.
    document = repository / "build" / "plan-sse-diffusable-brouillon.md"
    assert f"écrit : {document}" in rendered.stdout
    assert "BROUILLON" in document.read_text(encoding="utf-8")
    assert not (repository / "plan" / "build").exists()

    updated = run_cli("update", repository)  # read as a plan: refused for the plan's reason
    assert "brouillon jamais transmis (version à compléter)" in updated.stderr
    assert "schéma" not in updated.stderr
    dry_run = run_cli("update", repository, "--version", "1.0", "--forcer")
    assert dry_run.exit_code == 0, dry_run.stderr
    assert "Essai : rien n'est écrit" in dry_run.stdout

    compared = run_cli("diff", repository, "--depuis", "HEAD")
    assert compared.exit_code == 0, compared.stderr
    assert run_cli("diff", repository, repository).exit_code == 0

    exported = run_cli("annuaire", "exporter", repository, "-f", "csv")
    assert exported.exit_code == 0, exported.stderr
    assert (repository / "build" / "annuaire-interne.csv").is_file()

    validated = run_cli("validate", repository)
    assert validated.exit_code == 0
    assert f"{repository / 'plan'} : plan « CPTS du Lac »" in validated.stdout


def test_the_plan_folder_itself_writes_into_the_repository_build(repository: Path) -> None:
    result = run_cli("render", repository / "plan", "-f", "md", "--annexe", "fiches")
    assert result.exit_code == 0, result.stderr
    assert (repository / "build" / "fiches-reflexes-diffusable-brouillon.md").is_file()
    assert not (repository / "plan" / "build").exists()


@pytest.mark.parametrize(
    "command",
    [("render",), ("update",), ("diff",), ("annuaire", "exporter"), ("validate",)],
    ids=lambda command: "-".join(command),
)
def test_a_folder_without_a_plan_says_so(tmp_path: Path, command: tuple[str, ...]) -> None:
    (tmp_path / "notes.txt").write_text("rien\n", encoding="utf-8")
    result = run_cli(*command, tmp_path)
    assert result.exit_code == 2
    assert f"aucun plan dans le dossier {tmp_path}" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_configured_plan_folder_is_what_every_command_reads(tmp_path: Path) -> None:
    run_cli("init", tmp_path, "--nom", "CPTS X", "--territoire", "Y")
    (tmp_path / "plan").rename(tmp_path / "sources")
    config = tmp_path / ".cptsplan.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("plan: plan", "plan: sources"), "utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")  # not the plan
    result = run_cli("render", tmp_path, "-f", "md")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "build" / "plan-sse-diffusable-brouillon.md").is_file()
    assert str(tmp_path / "sources") in run_cli("validate", tmp_path).stdout


def test_a_plan_folder_outside_the_repository_is_refused(tmp_path: Path) -> None:
    repository = tmp_path / "depot"
    run_cli("init", repository, "--nom", "CPTS X", "--territoire", "Y")
    (repository / "plan").rename(tmp_path / "ailleurs")
    (repository / ".cptsplan.yaml").write_text("plan: ../ailleurs\n", encoding="utf-8")
    for command in (("render",), ("update",), ("validate",)):
        result = run_cli(*command, repository)
        assert result.exit_code == 3, (command, result.stderr)
        # The configuration check (config/) names the key; location.py is the second net.
        assert "hors du dépôt" in result.stderr and "plan" in result.stderr


def test_a_plan_without_repository_keeps_its_build_folder(tmp_path: Path) -> None:
    import shutil

    from .conftest import MINIMAL_EXAMPLE

    plan = tmp_path / "plan-seul"
    shutil.copytree(MINIMAL_EXAMPLE, plan)
    result = run_cli("render", plan, "-f", "md", "--brouillon")
    assert result.exit_code == 0, result.stderr
    assert [p.parent for p in (plan / "build").iterdir()] == [plan / "build"]


@pytest.mark.parametrize(
    ("version", "part"),
    [
        ("2.1", "-v2.1"),
        ("v3", "-v3"),
        (ToComplete(), ""),
        ("à compléter", ""),
        ("A_COMPLETER", ""),
        ("2026 révisé", "-v2026-revise"),
        ("é/è", "-ve-e"),
        ("???", ""),
        (None, ""),
        ("9" * 80, "-v" + "9" * 40),
    ],
)
def test_file_names_carry_a_readable_version(version: object, part: str) -> None:
    assert version_part(version) == part


# -- init and git ---------------------------------------------------------------------------


def test_init_commits_the_files_it_wrote_and_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "depot"
    folder.mkdir()
    (folder / "contacts-personnels.txt").write_text("06 12 34 56 78\n", encoding="utf-8")
    result = run_cli("init", folder, "--nom", "CPTS X", "--territoire", "Y")
    assert result.exit_code == 0
    assert "dépôt git créé, premier commit fait" in result.stdout
    assert git(folder, "log", "--format=%s").splitlines() == [
        "Plan SSE : dépôt créé par cptsplan init"
    ]
    committed = set(git(folder, "ls-files").splitlines())
    assert "plan/plan.yaml" in committed and ".gitignore" in committed
    assert "contacts-personnels.txt" not in committed
    assert git(folder, "status", "--porcelain") == "?? contacts-personnels.txt\n"


@pytest.mark.parametrize(
    "path",
    [
        "build/plan-sse-v1.0-interne.pdf",
        "envoi-ars/plan-sse-2026.pdf",
        "plan-sse-v1.0-interne.docx",
        "copies/plan-sse-v1.0-interne-brouillon.pdf",
        "annuaire-v1.0-interne.vcf",
        "annuaire.csv",
    ],
)
def test_the_gitignore_keeps_documents_and_personal_exports_out(
    repository: Path, path: str
) -> None:
    done = subprocess.run(
        ["git", "check-ignore", "--no-index", "-q", path], cwd=repository, check=False
    )
    assert done.returncode == 0, f"{path} n'est pas ignoré"


def test_the_gitignore_keeps_the_plan_in(repository: Path) -> None:
    for path in ("plan/plan.yaml", "plan/annuaire.yaml", ".cptsplan.yaml", "README.md"):
        done = subprocess.run(["git", "check-ignore", "-q", path], cwd=repository, check=False)
        assert done.returncode == 1, f"{path} est ignoré"


def test_without_a_git_identity_the_commit_says_who_made_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "maison"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("GIT_COMMITTER_EMAIL", raising=False)
    folder = tmp_path / "depot"
    result = run_cli("init", folder, "--nom", "CPTS X", "--territoire", "Y")
    assert "au nom de « cptsplan »" in result.stdout
    assert "git config --global user.name" in result.stdout
    author = subprocess.run(
        ["git", "log", "--format=%an <%ae>"], cwd=folder, capture_output=True, text=True
    ).stdout
    assert author == "cptsplan <cptsplan@localhost>\n"


def test_init_runs_no_hook_of_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A global hooks path (or one the folder's configuration names) is never run: the
    commit turns hooks off for itself."""
    hooks = tmp_path / "crochets"
    hooks.mkdir()
    witness = tmp_path / "execute"
    hook = hooks / "pre-commit"
    hook.write_text(f"#!/bin/sh\ntouch {witness}\n", encoding="utf-8")
    hook.chmod(0o755)
    global_config = tmp_path / "gitconfig"
    global_config.write_text(
        f"[core]\n\thooksPath = {hooks}\n[user]\n\tname = A\n\temail = a@b.c\n", "utf-8"
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(global_config))
    result = run_cli("init", tmp_path / "depot", "--nom", "CPTS X", "--territoire", "Y")
    assert "premier commit fait" in result.stdout
    assert not witness.exists()


def test_without_git_init_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cptsplan.repository import skeleton

    monkeypatch.setattr(skeleton, "git_program", lambda: None)  # as on a machine without git
    result = run_cli("init", tmp_path / "depot", "--nom", "CPTS X", "--territoire", "Y")
    assert result.exit_code == 0
    assert "git n'est pas installé" in result.stdout
    assert "git init" in result.stdout and "git-scm.com" in result.stdout
    assert not (tmp_path / "depot" / ".git").exists()
    assert (tmp_path / "depot" / "plan" / "plan.yaml").is_file()


def test_inside_an_existing_repository_init_commits_nothing(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    result = run_cli("init", tmp_path / "sous-dossier", "--nom", "CPTS X", "--territoire", "Y")
    assert "déjà suivi par git" in result.stdout
    assert not (tmp_path / "sous-dossier" / ".git").exists()
    assert subprocess.run(["git", "log"], cwd=tmp_path, capture_output=True).returncode != 0


def test_answers_piped_on_standard_input_are_used(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cptsplan.cli import app

    folder = tmp_path / "depot"
    result = CliRunner().invoke(app, ["init", str(folder)], input="CPTS du Lac\nBords du lac\n")
    assert result.exit_code == 0, result.output
    assert "CPTS du Lac (lu sur l'entrée standard)" in result.stdout
    text = (folder / "plan" / "plan.yaml").read_text(encoding="utf-8")
    assert 'nom: "CPTS du Lac"' in text and "Bords du lac" in text


def test_without_answers_init_says_they_were_not_given(tmp_path: Path) -> None:
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "cptsplan", "init", str(tmp_path / "depot")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "pas de terminal ni de réponse sur l'entrée standard" in done.stderr
    assert "A_COMPLETER : nom de la CPTS" in done.stderr


def test_the_commands_of_the_created_readme_work_from_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README `init` writes lists commands run from the repository's root: each works
    there as written, and the documents land in its build/."""
    import re
    import shlex

    folder = tmp_path / "depot"
    run_cli("init", folder, "--nom", "CPTS X", "--territoire", "Y")
    text = (folder / "README.md").read_text(encoding="utf-8")
    block = text[text.index("```sh\n") + 6 :]
    commands = [re.sub(r"\s+#\s.*$", "", line) for line in block[: block.index("```")].splitlines()]
    assert commands[-1] == "cptsplan render ."
    monkeypatch.chdir(folder)
    for command in commands:
        result = run_cli(*shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.stderr)
    assert sorted(p.name for p in (folder / "build").iterdir()) == [
        "plan-sse-diffusable-brouillon.docx",
        "plan-sse-diffusable-brouillon.pdf",
    ]
    assert git(folder, "status", "--porcelain") == ""  # build/ stays out of git
