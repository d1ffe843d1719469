"""The published pre-commit hook (`.pre-commit-hooks.yaml`), run by `pre-commit try-repo` on the
repository `cptsplan init` creates: an untouched skeleton can be committed (its placeholders
are shown, the commit is allowed), a YAML syntax error stops the commit, and a mkdocs.yml at
the repository root never becomes a plan.

The fast tests run the hook file as published except for `language: system` (the cptsplan of
this environment instead of one pre-commit installs): pre-commit's own install of cptsplan and
its dependencies takes minutes on a shared machine, for what `language: python` alone adds.
That install is tested once, by the `lent` test (`make test-lent`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPO, git, run_cli

OFFLINE_SIGNS = (
    "NewConnectionError",
    "Temporary failure in name resolution",
    "No matching distribution found",
    "Network is unreachable",
    "ConnectionError",
)
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the module: its hook clones are made once."""
    return tmp_path_factory.mktemp("pre-commit-store")


@pytest.fixture(scope="module")
def system_hook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding the published hook file, with `language: system`."""
    if not (BIN / "pre-commit").exists():
        pytest.skip("pre-commit n'est pas installé dans cet environnement")
    folder = tmp_path_factory.mktemp("crochet")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["language"] for hook in hooks] == ["python"]
    hooks[0]["language"] = "system"
    (folder / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump(hooks), encoding="utf-8")
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "crochet")
    return folder


def try_repo(hook_repo: Path, folder: Path, store: Path) -> subprocess.CompletedProcess[str]:
    git(folder, "add", "-A")
    environment = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(store),
    }
    command = [str(BIN / "pre-commit"), "try-repo", str(hook_repo), "cptsplan-validate"]
    completed = subprocess.run(
        [*command, "--all-files", "--color", "never"],
        cwd=folder, env=environment, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    output = completed.stdout + completed.stderr
    if completed.returncode != 0 and any(sign in output for sign in OFFLINE_SIGNS):
        pytest.skip("registre de paquets injoignable : pre-commit ne peut pas installer cptsplan")
    return completed


@pytest.fixture
def skeleton(tmp_path: Path) -> Path:
    """An untouched `cptsplan init` repository, committed once."""
    folder = tmp_path / "depot"
    assert run_cli("init", folder, "--nom", "CPTS X", "--territoire", "Y").exit_code == 0
    # `init` made the repository and its first commit.
    assert git(folder, "log", "--format=%s").strip() == "Plan SSE : dépôt créé par cptsplan init"
    return folder


def test_an_untouched_skeleton_can_be_committed_and_shows_what_is_left(
    system_hook: Path, skeleton: Path, store: Path
) -> None:
    passed = try_repo(system_hook, skeleton, store)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    # verbose: the placeholders are listed even though the commit is allowed.
    assert "champ-a-completer" in passed.stdout and "plan/plan.yaml" in passed.stdout


def test_a_yaml_syntax_error_stops_the_commit(
    system_hook: Path, skeleton: Path, store: Path
) -> None:
    plan = skeleton / "plan" / "anticiper.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + 'risques: "pas fermé\n', "utf-8")
    failed = try_repo(system_hook, skeleton, store)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "plan/anticiper.yaml" in failed.stdout


def test_a_mkdocs_file_at_the_root_is_not_a_plan(
    system_hook: Path, skeleton: Path, store: Path
) -> None:
    (skeleton / "mkdocs.yml").write_text("site_name: Plan SSE\nnav: []\n", encoding="utf-8")
    passed = try_repo(system_hook, skeleton, store)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "mkdocs.yml" not in passed.stdout


def test_a_repository_that_asks_for_strict_blocks_the_draft(
    system_hook: Path, skeleton: Path, store: Path
) -> None:
    config = skeleton / ".cptsplan.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "bloquant: tout\n", "utf-8")
    failed = try_repo(system_hook, skeleton, store)
    assert failed.returncode == 1 and "champ-a-completer" in failed.stdout


@pytest.mark.lent
def test_pre_commit_installs_the_published_hook_and_it_lets_a_draft_through(
    skeleton: Path, store: Path
) -> None:
    """The hook as published (`language: python`): pre-commit installs cptsplan from this
    repository's committed state, with its dependencies from the package registry."""
    if not (BIN / "pre-commit").exists():
        pytest.skip("pre-commit n'est pas installé dans cet environnement")
    passed = try_repo(REPO, skeleton, store)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "champ-a-completer" in passed.stdout
