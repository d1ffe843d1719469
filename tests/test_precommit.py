"""The published pre-commit hook (`.pre-commit-hooks.yaml`) runs `cptsplan validate` on a plan
in a temporary git repository: it passes on a valid plan and fails on a broken one.

`pre-commit try-repo` installs cptsplan from this repository's committed state into a fresh
environment, with its dependencies from the package registry: slow the first time (it is
cached afterwards), skipped when the registry cannot be reached.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINIMAL_EXAMPLE, REPO

pytestmark = pytest.mark.lent

OFFLINE_SIGNS = (
    "NewConnectionError",
    "Temporary failure in name resolution",
    "No matching distribution found",
    "Network is unreachable",
    "ConnectionError",
)


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(folder), *args],
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@t",
        },
    )


def try_repo(folder: Path) -> subprocess.CompletedProcess[str]:
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit n'est pas installé dans cet environnement")
    completed = subprocess.run(
        [
            str(pre_commit),
            "try-repo",
            str(REPO),
            "cptsplan-validate",
            "--all-files",
            "--color",
            "never",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = completed.stdout + completed.stderr
    if completed.returncode != 0 and any(sign in output for sign in OFFLINE_SIGNS):
        pytest.skip("registre de paquets injoignable : pre-commit ne peut pas installer cptsplan")
    return completed


@pytest.fixture
def plan_repository(tmp_path: Path) -> Path:
    """A git repository holding one plan at its root, and a configuration that keeps the
    test from ageing (the yearly-update rule uses today's date)."""
    folder = tmp_path / "depot"
    folder.mkdir()
    git(folder, "init", "-q")
    shutil.copy(MINIMAL_EXAMPLE / "plan.yaml", folder / "plan.yaml")
    (folder / ".cptsplan.yaml").write_text(
        "regles:\n  mise-a-jour-ancienne: false\n  date-future: false\n", encoding="utf-8"
    )
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "plan")
    return folder


def test_hook_passes_on_a_valid_plan_and_fails_on_a_broken_one(plan_repository: Path) -> None:
    passed = try_repo(plan_repository)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "cptsplan" in passed.stdout
    plan = plan_repository / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  interne:", "  interne_:", 1), encoding="utf-8")
    git(plan_repository, "add", ".")
    failed = try_repo(plan_repository)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "schema-cle-inconnue" in failed.stdout
