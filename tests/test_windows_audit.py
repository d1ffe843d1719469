"""What a coordinator on Windows meets, forced on Linux (second audit, after
test_windows_simulated.py): a `.cptsplan.yaml` written on Windows and read by a Linux CI,
read-only files and files held open by another program (Windows refuses to replace or
delete them), characters a code page lacks. Each test forces the Windows behaviour; what
only Windows itself can confirm is listed in docs/installation.md."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import MINIMAL_EXAMPLE, run_cli

# -- `plan:` in .cptsplan.yaml, written on Windows, read everywhere ---------------------------


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose plan lies in `plan/sous-dossier`, the current folder."""
    root = tmp_path / "depot"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(MINIMAL_EXAMPLE, root / "plan" / "sous-dossier")
    monkeypatch.chdir(root)
    return root


def configure(root: Path, value: str) -> None:
    (root / ".cptsplan.yaml").write_text(f"plan: '{value}'\n", encoding="utf-8")


def test_a_plan_folder_written_with_backslashes_is_found_on_linux(repository: Path) -> None:
    """Typed on Windows, `plan\\sous-dossier` worked there; the Linux CI read one file name
    with a backslash in it: « chemin introuvable » (or, given the folder, « lien symbolique
    vers un fichier absent »)."""
    configure(repository, "plan\\sous-dossier")
    for args in (("validate",), ("validate", ".")):
        result = run_cli(*args, "--bloquant", "structure")
        assert result.exit_code == 0, (args, result.stderr)
        assert "plan/sous-dossier" in result.stdout
    assert run_cli("render", ".", "-f", "md").exit_code == 0
    assert [p.suffix for p in (repository / "build").iterdir()] == [".md"]


@pytest.mark.parametrize(
    "value", ["C:\\plans", "C:plan", "\\\\serveur\\partage\\plan", "\\plan", "/plan"]
)
def test_a_drive_or_a_share_is_refused_as_outside_the_repository(
    repository: Path, value: str
) -> None:
    """On Windows `C:\\plans` is another folder of the disk: refused there, and on Linux too,
    where it used to pass the check as a name inside the repository."""
    configure(repository, value)
    result = run_cli("validate")
    assert result.exit_code == 3
    assert "la clé « plan »" in result.stderr and "hors du dépôt" in result.stderr


def test_a_plan_folder_spelt_in_another_case_is_refused_with_its_spelling(
    repository: Path,
) -> None:
    """Windows finds `Plan/Sous-Dossier` when the folder is `plan/sous-dossier`; the CI on
    Linux then finds nothing. Refused on every system, with the disk's spelling."""
    configure(repository, "Plan\\Sous-Dossier")
    for args in (("validate",), ("render", ".", "-f", "md")):
        result = run_cli(*args)
        assert result.exit_code == 3, (args, result.stderr)
        assert "s'écrit « plan/sous-dossier » sur le disque" in result.stderr
        assert "écrivez « plan: plan/sous-dossier »" in result.stderr
    assert not (repository / "build").exists()


def test_a_missing_plan_folder_is_a_configuration_error(repository: Path) -> None:
    configure(repository, "plan/nulle-part")
    for args in (("validate",), ("validate", "."), ("render", ".", "-f", "md")):
        result = run_cli(*args)
        assert result.exit_code == 3, (args, result.stderr)
        assert "le dossier du plan (« plan: »)" in result.stderr
        assert "n'existe pas" in result.stderr and "lien symbolique" not in result.stderr
