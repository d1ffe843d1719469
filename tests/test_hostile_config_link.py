"""A repository's `.cptsplan.yaml` that is a symbolic link to a file of the machine: never
read (its values would be quoted by the configuration's messages into a CI log)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import MINIMAL_EXAMPLE, run_cli

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges")


def _repository(tmp_path: Path) -> Path:
    repository = tmp_path / "depot"
    (repository / ".git").mkdir(parents=True)
    shutil.copytree(MINIMAL_EXAMPLE, repository / "plan")
    return repository


def test_a_configuration_linked_out_of_the_repository_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "machine" / "jetons.yaml"
    secret.parent.mkdir()
    secret.write_text("profil: SECRET-123\nregles: {SECRET-456: off}\n", encoding="utf-8")
    repository = _repository(tmp_path)
    (repository / ".cptsplan.yaml").symlink_to(secret)
    monkeypatch.chdir(repository)
    for arguments in (("validate",), ("validate", "plan"), ("render", "plan", "-f", "md")):
        result = run_cli(*arguments)
        assert result.exit_code == 3, arguments
        assert "SECRET" not in result.stdout + result.stderr
        assert ".cptsplan.yaml est un lien vers un fichier hors du dépôt" in result.stderr
    # The user who names the file (`--config`) has it read wherever it is.
    secret.write_text("strict: true\n", encoding="utf-8")
    assert run_cli("validate", "plan", "--config", str(secret)).exit_code == 0


def test_a_configuration_linked_inside_the_repository_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = _repository(tmp_path)
    (repository / "config").mkdir()
    (repository / "config" / "cptsplan.yaml").write_text("plan: plan\n", encoding="utf-8")
    (repository / ".cptsplan.yaml").symlink_to(Path("config") / "cptsplan.yaml")
    monkeypatch.chdir(repository)
    result = run_cli("validate")
    assert result.exit_code == 0, result.stderr
    assert "valide" in result.stdout
