"""A command reads and checks the repository's `.cptsplan.yaml` once (issue 20): locating the
plan, the repository folder and the rules' settings used to read it up to three times, each
time parsing it, checking it against its schema and the rule registry. Counted, not timed."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from cptsplan.config import repository_config
from cptsplan.errors import ConfigurationError
from tests.conftest import COMPLETE_EXAMPLE, git, run_cli

CONFIG = "plan: plan\nstrict: false\nregles:\n  formations: warning\n"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[Path]:
    counted: Counter[Path] = Counter()
    original = repository_config._read_config

    def counting(path: Path) -> repository_config.Config:
        counted[path.resolve()] += 1
        return original(path)

    monkeypatch.setattr(repository_config, "_CHECKED", {})
    monkeypatch.setattr(repository_config, "_read_config", counting)
    return counted


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository as `init` lays it out: `.cptsplan.yaml` naming `plan/`."""
    root = tmp_path / "depot"
    shutil.copytree(COMPLETE_EXAMPLE, root / "plan")
    (root / ".cptsplan.yaml").write_text(CONFIG, encoding="utf-8")
    git(root, "init", "-q")
    return root


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{root}"],
        ["validate", "{root}/plan"],
        ["render", "{root}", "-f", "md"],
        ["render", "{root}/plan", "-f", "md"],
    ],
)
def test_one_command_reads_the_configuration_once(
    repository: Path, reads: Counter[Path], command: list[str]
) -> None:
    args = [part.format(root=repository) for part in command]
    result = run_cli(*args, "--date", "2026-11-23")
    assert result.exit_code in (0, 1), result.stderr
    assert "configuration" in result.stdout + result.stderr or command[0] == "render"
    assert reads == {(repository / ".cptsplan.yaml").resolve(): 1}


def test_a_changed_configuration_is_read_again(repository: Path, reads: Counter[Path]) -> None:
    """Same size, same second: the content is the key, so the change is seen (a preview
    running for hours reads every change)."""
    path = repository / ".cptsplan.yaml"
    assert repository_config.load_config(path).strict is False
    path.write_text(CONFIG.replace("false", "true "), encoding="utf-8")
    assert repository_config.load_config(path).strict is True
    assert repository_config.load_config(path).strict is True
    assert reads[path.resolve()] == 2


def test_a_broken_configuration_is_refused_every_time_it_is_asked_for(
    repository: Path, reads: Counter[Path]
) -> None:
    path = repository / ".cptsplan.yaml"
    path.write_text("strict: peut-etre\n", encoding="utf-8")
    messages = []
    for _ in range(3):
        with pytest.raises(ConfigurationError) as error:
            repository_config.load_config(path)
        messages.append((error.value.message, error.value.hint))
    assert len(set(messages)) == 1 and "strict" in messages[0][0]
    assert reads[path.resolve()] == 1
    result = run_cli("validate", repository)
    assert result.exit_code == 3
    assert ".cptsplan.yaml" in result.stdout + result.stderr
