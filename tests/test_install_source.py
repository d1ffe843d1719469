"""Where a plan repository installs cptsplan from: never « cptsplan » by name from a package
registry (no such package is published, and the name is free), always the explicit, pinned
source its owner sets once (`CPTSPLAN_SOURCE`, `cptsplan init --source`)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from cptsplan import __version__
from cptsplan.repository.install_source import BARE_INSTALL

from .conftest import REPO, run_cli

GIT_SOURCE = "cptsplan @ git+https://forge.example/cptsplan/cptsplan.git@v0.2.0"
WHEEL_SOURCE = "https://paquets.example/cptsplan-0.2.0-py3-none-any.whl"


def generated(tmp_path: Path, *options: str) -> Path:
    folder = tmp_path / "depot"
    result = run_cli("init", folder, "--nom", "CPTS X", "--territoire", "Y", *options)
    assert result.exit_code == 0, result.stdout + result.stderr
    return folder


def bare_installs(files: list[Path]) -> list[str]:
    found = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path}: {match.group(0)}" for match in BARE_INSTALL.finditer(text)]
    return found


def test_the_pattern_finds_what_it_must() -> None:
    for bad in ("pip install cptsplan", "pip install --quiet cptsplan", "pipx install cptsplan",
                "uv tool install 'cptsplan==0.2.0'", "(pip install cptsplan)"):  # fmt: skip
        assert BARE_INSTALL.search(bad), bad
    for good in (f'pip install "{GIT_SOURCE}"', 'pip install "$CPTSPLAN_SOURCE"',
                 "pip install pre-commit", "pip install ./cptsplan-0.2.0-py3-none-any.whl",
                 'pipx install "cptsplan @ git+https://<adresse de cptsplan>@v0.2.0"'):  # fmt: skip
        assert not BARE_INSTALL.search(good), good


@pytest.mark.parametrize("options", [(), ("--source", GIT_SOURCE), ("--source", WHEEL_SOURCE)])
def test_no_file_anywhere_installs_cptsplan_by_name(tmp_path: Path, options: tuple[str]) -> None:
    folder = generated(tmp_path, *options)
    assert bare_installs([p for p in folder.rglob("*") if p.is_file()]) == []
    ours = [REPO / "README.md", REPO / "CHANGELOG.md", REPO / ".pre-commit-hooks.yaml"]
    for top in ("src", "docs", "templates"):
        ours += [p for p in (REPO / top).rglob("*") if p.is_file() and p.suffix != ".pyc"]
    assert bare_installs(ours) == []


def test_a_git_source_is_written_in_both_ci_files_and_pre_commit(tmp_path: Path) -> None:
    folder = generated(tmp_path, "--source", GIT_SOURCE)
    gitlab = yaml.safe_load((folder / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["variables"]["CPTSPLAN_SOURCE"] == GIT_SOURCE
    assert any('"$CPTSPLAN_SOURCE"' in line for line in gitlab["default"]["before_script"])
    github = yaml.safe_load((folder / ".github/workflows/plan-sse.yml").read_text("utf-8"))
    # A repository variable wins over the file's value (set once in the settings).
    assert github["env"]["CPTSPLAN_SOURCE"] == f"${{{{ vars.CPTSPLAN_SOURCE || '{GIT_SOURCE}' }}}}"
    pre_commit = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text("utf-8"))
    (repo,) = pre_commit["repos"]
    assert repo["repo"] == "https://forge.example/cptsplan/cptsplan.git"
    assert repo["rev"] == "v0.2.0"
    assert repo["hooks"] == [{"id": "cptsplan-validate"}]
    assert GIT_SOURCE in (folder / "README.md").read_text(encoding="utf-8")


def test_a_wheel_source_gives_pre_commit_a_hook_built_from_that_wheel(tmp_path: Path) -> None:
    folder = generated(tmp_path, "--source", WHEEL_SOURCE)
    pre_commit = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text("utf-8"))
    (hook,) = pre_commit["repos"][0]["hooks"]
    assert hook["language"] == "python"
    assert hook["additional_dependencies"] == [WHEEL_SOURCE]


def test_without_a_source_the_ci_job_stops_and_says_what_to_set(tmp_path: Path) -> None:
    folder = generated(tmp_path)
    gitlab = yaml.safe_load((folder / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["variables"]["CPTSPLAN_SOURCE"] == ""
    check, _install, *_ = gitlab["default"]["before_script"]
    github = yaml.safe_load((folder / ".github/workflows/plan-sse.yml").read_text("utf-8"))
    step = next(
        s for s in github["jobs"]["plan-sse"]["steps"] if "CPTSPLAN_SOURCE" in s.get("run", "")
    )
    for script in (check, step["run"]):
        empty = {"CPTSPLAN_SOURCE": "", "PATH": "/bin:/usr/bin"}
        done = subprocess.run(
            ["bash", "-c", script], env=empty, capture_output=True, text=True, check=False
        )
        assert done.returncode == 1
        message = done.stdout + done.stderr
        assert "Source de cptsplan non réglée" in message and "CPTSPLAN_SOURCE" in message
        assert "@v0.2.0" in message
    hook = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text("utf-8"))["repos"][0]
    assert hook["repo"] == "local" and hook["hooks"][0]["language"] == "system"


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("cptsplan", "PyPI"),
        ("cptsplan==0.2.0", "PyPI"),
        ("git+https://forge.example/cptsplan.git", "version précise"),
        ("cptsplan @ git+http://forge.example/cptsplan.git@v0.2.0", "https"),
        ("http://paquets.example/cptsplan-0.2.0-py3-none-any.whl", "https"),
        ("cptsplan @ git+https://forge.example/c.git@v1;rm", "caractères"),
    ],
)
def test_an_unsafe_source_is_refused_in_french(tmp_path: Path, source: str, why: str) -> None:
    result = run_cli("init", tmp_path / "d", "--nom", "X", "--territoire", "Y", "--source", source)
    assert result.exit_code == 2
    assert "source d'installation de cptsplan refusée" in result.stderr and why in result.stderr
    assert not (tmp_path / "d").exists()


def test_every_pinned_version_in_the_skeleton_and_docs_is_this_release() -> None:
    texts = [p for p in (REPO / "src/cptsplan/skeleton").rglob("*") if p.is_file()]
    texts += [
        REPO / "docs/installation.md",
        REPO / "docs/regles.md",
        REPO / ".pre-commit-hooks.yaml",
    ]
    pins = set()
    for path in texts:
        pins |= set(re.findall(r"(?:@|rev: )v(\d+\.\d+\.\d+)", path.read_text(encoding="utf-8")))
    assert pins == {__version__}
