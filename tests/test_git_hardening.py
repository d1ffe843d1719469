"""A plan repository received from someone else (an archive with its `.git`) never makes
cptsplan run a command: every git call goes through repository/git.py, which switches off
what the repository's configuration could name (docs/securite.md).

Each program is planted for real in the repository's `.git/config` and `.gitattributes`;
plain git is shown to run some of them (so that the plant is not a dud), then cptsplan's
commands run and no marker file appears."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cptsplan.repository.git import git_command, git_environment, git_program, run_git
from cptsplan.update.gitstate import git_state

from .conftest import example_repository, git, run_cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="shell scripts as git programs")

PLANTED = ("fsmonitor", "hook", "external", "textconv", "clean", "smudge", "pager", "credential")


def plant(repo: Path, markers: Path) -> None:
    """A script per program git could run from this repository; each leaves a marker and
    passes its input through (so that a filter or a pager still works)."""
    scripts = repo / ".git" / "programmes"
    scripts.mkdir()
    for name in PLANTED:
        script = scripts / name
        script.write_text(f'#!/bin/sh\ntouch "{markers}/{name}"\ncat\n', encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    hooks = repo / ".git" / "crochets"
    hooks.mkdir()
    for hook in ("post-index-change", "pre-commit", "post-checkout", "reference-transaction"):
        shutil.copy(scripts / "hook", hooks / hook)
        shutil.copy(scripts / "hook", repo / ".git" / "hooks" / hook)
    settings = {
        "core.fsmonitor": scripts / "fsmonitor",
        "core.hooksPath": hooks,
        "diff.external": scripts / "external",
        "diff.plan.textconv": scripts / "textconv",
        "filter.plan.clean": scripts / "clean",
        "filter.plan.smudge": scripts / "smudge",
        "filter.plan.required": "true",
        "core.pager": scripts / "pager",
        "pager.log": scripts / "pager",
        "credential.helper": f"!{scripts / 'credential'}",
    }
    for key, value in settings.items():
        git(repo, "config", key, str(value))
    (repo / ".gitattributes").write_text("*.yaml diff=plan filter=plan\n", encoding="utf-8")


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """(plan folder, markers folder): a repository with two commits and planted programs;
    the plan files' times changed, as after extracting an archive (git must re-read them)."""
    plan = example_repository(tmp_path / "depot")
    repo = plan.parent
    document = plan / "plan.yaml"
    document.write_text(document.read_text(encoding="utf-8") + "# relu\n", encoding="utf-8")
    git(repo, "commit", "-qam", "retouche")
    markers = tmp_path / "marqueurs"
    markers.mkdir()
    plant(repo, markers)
    for path in plan.iterdir():
        os.utime(path, (1_000_000_000, 1_000_000_000))
    return plan, markers


def test_plain_git_runs_the_planted_programs(hostile: tuple[Path, Path]) -> None:
    """The control: the same repository makes an ordinary git run them."""
    plan, markers = hostile
    repo = plan.parent
    subprocess.run(["git", "status"], cwd=repo, capture_output=True, check=False)
    subprocess.run(["git", "log", "-p", "-2"], cwd=repo, capture_output=True, check=False)
    (plan / "plan.yaml").write_text("document: {}\n", encoding="utf-8")
    subprocess.run(["git", "diff"], cwd=repo, capture_output=True, check=False)
    ran = {marker.name for marker in markers.iterdir()}
    assert {"fsmonitor", "clean", "textconv", "external"} <= ran, ran


def test_no_command_of_the_repository_runs(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    plan, markers = hostile
    date = ["--date", "2026-11-23"]
    runs = [
        ("validate", plan, *date),
        ("update", plan, *date),
        ("diff", "--depuis", "HEAD~1", plan),
        ("render", plan, "--depuis", "HEAD~1", "-f", "html", "-o", tmp_path / "p.html", *date),
        ("update", plan, "--ecrire", "--forcer", *date),
        ("diff", "--depuis", "HEAD", plan),
    ]
    for args in runs:
        result = run_cli(*args)
        assert result.exit_code in (0, 1), (args, result.stderr)
        assert sorted(m.name for m in markers.iterdir()) == [], args
    assert git_state(sorted(plan.iterdir())).unknown is None


def test_inherited_git_variables_do_not_redirect_the_repository(
    hostile: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inside a git hook (pre-commit), GIT_DIR and GIT_INDEX_FILE name the hook's repository;
    GIT_CONFIG_* and GIT_EXTERNAL_DIFF would add programs."""
    plan, markers = hostile
    other = tmp_path / "autre"
    other.mkdir()
    git(other, "init", "-q")
    script = plan.parent / ".git" / "programmes" / "external"
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git" / "index"))
    monkeypatch.setenv("GIT_EXTERNAL_DIFF", str(script))
    monkeypatch.setenv("GIT_PAGER", str(script))
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "core.fsmonitor")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", str(script))
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Coordinatrice")
    environment = git_environment()
    assert not {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG_COUNT"} & set(environment)
    assert environment["GIT_AUTHOR_NAME"] == "Coordinatrice"
    assert environment["GIT_TERMINAL_PROMPT"] == "0"
    top = run_git(plan, "rev-parse", "--show-toplevel").stdout.decode().strip()
    assert Path(top).resolve() == plan.parent.resolve()
    result = run_cli("diff", "--depuis", "HEAD~1", plan)
    assert result.exit_code == 0, result.stderr
    assert sorted(m.name for m in markers.iterdir()) == []


def test_the_command_is_built_in_one_place(tmp_path: Path) -> None:
    command = git_command(tmp_path, "status")
    assert command[1:3] == ["-C", str(tmp_path)] and command[-1] == "status"
    for option in (
        "core.fsmonitor=",
        f"core.hooksPath={os.devnull}",
        "diff.external=",
        "credential.helper=",
        "protocol.allow=never",
    ):
        assert option in command
    assert "--no-pager" in command
    assert git_environment()["GIT_NO_LAZY_FETCH"] == "1"


def test_git_in_the_current_folder_is_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows looks for a program in the current folder first: a `git` left in a plan
    folder (or a relative PATH entry) is not the machine's git."""
    fake = tmp_path / "git"
    fake.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", os.pathsep.join([".", "", os.environ["PATH"]]))
    found = git_program()
    assert found is not None and Path(found).parent != tmp_path


def test_filter_drivers_of_the_repository_are_emptied(hostile: tuple[Path, Path]) -> None:
    """A filter marked `required` with its command emptied would stop git; it is not."""
    plan, markers = hostile
    done = run_git(plan, "status", "--porcelain")
    assert done.returncode == 0, done.stderr
    assert list(markers.iterdir()) == []


def test_drivers_planted_between_two_commands_are_emptied_too(tmp_path: Path) -> None:
    """The drivers git is asked about once per repository and configuration are asked again
    when the configuration changes: planted after a first command of the same process, a
    filter still never runs."""
    plan = example_repository(tmp_path / "depot")
    assert run_git(plan, "status", "--porcelain").returncode == 0
    markers = tmp_path / "marqueurs"
    markers.mkdir()
    plant(plan.parent, markers)
    for path in plan.iterdir():
        os.utime(path, (1_000_000_000, 1_000_000_000))
    done = run_git(plan, "status", "--porcelain")
    assert done.returncode == 0, done.stderr
    assert list(markers.iterdir()) == []


def test_update_asks_git_for_the_drivers_once(
    hostile: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`update` runs about ten git commands in the plan's repository; the drivers are listed
    once, not before each (they doubled its git processes)."""
    import cptsplan.repository.git as git_module

    plan, markers = hostile
    git_module._DRIVERS_SEEN.clear()
    commands: list[list[str]] = []
    original = git_module._run

    def counted(command: list[str], *args: object) -> object:
        commands.append(command)
        return original(command, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(git_module, "_run", counted)
    code, _, stderr = _update(plan)
    assert code in (0, 1), stderr
    listings = [c for c in commands if "--get-regexp" in c]
    assert len(commands) >= 5 and len(listings) == 1
    assert len([c for c in commands if "--show-toplevel" in c]) == 1  # asked twice before
    # The commit of the version sent comes from git's own log: not verified again.
    assert [c for c in commands if "--verify" in c] == []
    assert list(markers.iterdir()) == []


def _update(plan: Path, *more: str) -> tuple[int, str, str]:
    result = run_cli("update", plan, "--date", "2026-11-23", *more)
    return result.exit_code, result.stdout, result.stderr


def test_when_git_cannot_answer_update_refuses_to_write(tmp_path: Path) -> None:
    """A `.git` that git cannot read: the dirty-tree check does not know, so `--ecrire`
    refuses (code 2), says why and how, and leaves the files as they were."""
    plan = example_repository(tmp_path / "depot")
    shutil.rmtree(plan.parent / ".git")
    (plan.parent / ".git").write_text("gitdir: /nulle/part\n", encoding="utf-8")
    before = {path.name: path.read_bytes() for path in plan.iterdir() if path.is_file()}
    code, _, stderr = _update(plan, "--ecrire")
    assert code == 2
    assert "git ne peut pas dire" in stderr and "--forcer" in stderr
    assert "git config --global --add safe.directory" in stderr
    assert before == {path.name: path.read_bytes() for path in plan.iterdir() if path.is_file()}
    code, stdout, stderr = _update(plan)  # the dry run says it, and writes nothing
    assert code == 0 and "--ecrire refusera" in stdout + stderr
    assert _update(plan, "--ecrire", "--forcer")[0] == 0


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_a_repository_of_another_owner_is_refused_like_git_refuses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """« dubious ownership »: a mounted folder (Docker, WSL, a CI container running as root)
    belongs to another account; git refuses to read it, and `update --ecrire` with it."""
    plan = example_repository(tmp_path / "depot")
    home = tmp_path / "maison"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("SUDO_UID", raising=False)
    for path in [plan.parent, *plan.parent.rglob("*")]:
        os.lchown(path, 12345, 12345)
    code, _, stderr = _update(plan, "--ecrire")
    assert code == 2 and "dubious ownership" in stderr, stderr
    assert f"safe.directory {plan.parent.resolve().as_posix()}" in stderr.replace("\n", " ")
    git(home, "config", "--global", "--add", "safe.directory", plan.parent.resolve().as_posix())
    assert _update(plan, "--ecrire")[0] == 0
