"""`cptsplan init` run a second time, once Git is installed (the first run, without git,
told to make the history): the repository is created and the files already there are said
still to commit, with the commands; none is committed in the coordinator's place."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import git, run_cli


def test_init_again_once_git_is_installed_says_the_files_are_not_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cptsplan.repository import skeleton

    folder = tmp_path / "mon plan"
    with monkeypatch.context() as without_git:
        without_git.setattr(skeleton, "git_program", lambda: None)
        first = run_cli("init", folder, "--nom", "CPTS X", "--territoire", "Y")
    assert first.exit_code == 0 and "git n'est pas installé" in first.stdout
    plan = folder / "plan" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# écrit entre-temps\n", "utf-8")
    again = run_cli("init", folder, "--nom", "CPTS X", "--territoire", "Y")
    assert again.exit_code == 0, again.stderr
    # Before: « dépôt git créé (aucun fichier nouveau à enregistrer) » and no commit: the
    # coordinator believed the history made.
    assert "aucun fichier nouveau" not in again.stdout
    assert "ne sont pas enregistrés à votre place" in again.stdout
    assert "git add -A" in again.stdout and "git commit" in again.stdout
    assert (folder / ".git").is_dir()
    assert "# écrit entre-temps" in plan.read_text(encoding="utf-8")
    assert git(folder, "status", "--porcelain").startswith("??")  # nothing committed
