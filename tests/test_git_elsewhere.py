"""A plan folder received as an archive cannot make cptsplan read another repository of the
machine through its `.git` (docs/securite.md, « cptsplan ne lit rien hors du dépôt »): a
`.git` file or link naming another repository's git folder, or a `.git` folder whose
`commondir` or `objects/info/alternates` lead there, is refused (code 2) before git reads
anything, and nothing of the other repository is shown. What git itself makes (a linked
worktree, a submodule) still works: its git folder names the work tree back."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from .conftest import example_repository, git, run_cli

SECRET = "06 11 22 33 44 — numéro secret de l'autre dépôt"


@pytest.fixture
def other(tmp_path: Path) -> Path:
    """A repository of the machine (the reviewer's own plan), whose history holds a secret
    in a file at the same place as the received plan's."""
    plan = example_repository(tmp_path / "mon-depot")
    document = plan / "plan.yaml"
    document.write_text(document.read_text(encoding="utf-8") + f"# {SECRET}\n", "utf-8")
    git(plan.parent, "commit", "-qam", "secret")
    return plan.parent


def received(tmp_path: Path) -> Path:
    """A plan folder as unpacked from an archive, with its own history; returns the plan."""
    return example_repository(tmp_path / "recu")


def assert_refused(plan: Path) -> None:
    before = {path.name: path.read_bytes() for path in plan.iterdir() if path.is_file()}
    for args in (
        ("diff", "--depuis", "HEAD~1", plan),
        ("update", plan, "--ecrire", "--date", "2026-11-23"),
    ):
        result = run_cli(*args)
        shown = result.stdout + result.stderr
        assert result.exit_code == 2, (args, shown)
        assert "autre dépôt" in shown and ".git" in shown, shown
        assert "secret" not in shown and "Traceback" not in shown
    assert before == {path.name: path.read_bytes() for path in plan.iterdir() if path.is_file()}


def test_a_git_file_naming_another_repository_is_refused(other: Path, tmp_path: Path) -> None:
    plan = received(tmp_path)
    dotgit = plan.parent / ".git"
    os.rename(dotgit, tmp_path / "ancien-git")
    dotgit.write_text(f"gitdir: {other / '.git'}\n", encoding="utf-8")
    assert_refused(plan)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need rights on Windows")
def test_a_git_link_to_another_repository_is_refused(other: Path, tmp_path: Path) -> None:
    plan = received(tmp_path)
    dotgit = plan.parent / ".git"
    os.rename(dotgit, tmp_path / "ancien-git")
    dotgit.symlink_to(other / ".git", target_is_directory=True)
    assert_refused(plan)


def test_alternates_or_commondir_leading_to_another_repository_are_refused(
    other: Path, tmp_path: Path
) -> None:
    plan = received(tmp_path)
    alternates = plan.parent / ".git" / "objects" / "info" / "alternates"
    alternates.parent.mkdir(parents=True, exist_ok=True)
    alternates.write_text(f"{other / '.git' / 'objects'}\n", encoding="utf-8")
    assert_refused(plan)
    alternates.unlink()
    (plan.parent / ".git" / "commondir").write_text(f"{other / '.git'}\n", encoding="utf-8")
    assert_refused(plan)


def test_a_plain_git_would_have_read_the_other_repository(other: Path, tmp_path: Path) -> None:
    """The control: the planted `.git` file does lead git to the other history."""
    plan = received(tmp_path)
    dotgit = plan.parent / ".git"
    os.rename(dotgit, tmp_path / "ancien-git")
    dotgit.write_text(f"gitdir: {other / '.git'}\n", encoding="utf-8")
    assert "secret" in git(plan.parent, "log", "-p", "-1")


def test_a_linked_worktree_and_a_submodule_still_work(other: Path, tmp_path: Path) -> None:
    worktree = tmp_path / "arbre"
    git(other, "worktree", "add", "-q", str(worktree))
    result = run_cli("diff", "--depuis", "HEAD~1", worktree / "plan")
    assert result.exit_code in (0, 1), result.stderr
    assert "autre dépôt" not in result.stdout + result.stderr

    parent = tmp_path / "parent"
    parent.mkdir()
    git(parent, "init", "-q")
    git(parent, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(other), "sse")
    git(parent, "commit", "-qm", "sous-module")
    assert (parent / "sse" / ".git").is_file()
    result = run_cli("diff", "--depuis", "HEAD~1", parent / "sse" / "plan")
    assert result.exit_code in (0, 1), result.stderr
    assert "autre dépôt" not in result.stdout + result.stderr
