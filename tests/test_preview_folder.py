"""`cptsplan apercu` while the plan folder is renamed or moved away (a coordinator tidying
her folders, a sync tool): the line says the folder is missing, in those words, and the
preview comes back when the folder does."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from tests.conftest import COMPLETE_EXAMPLE


def test_a_renamed_plan_folder_is_said_missing_and_the_preview_resumes(tmp_path: Path) -> None:
    from cptsplan.preview import refresh

    plan = tmp_path / "plan sse été"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    preview = refresh.Preview(refresh.Settings(plan, str(plan), today=date(2026, 11, 23)))
    try:
        plan.rename(tmp_path / "plan-2027")
        missing = preview.refresh()
        assert not missing.written
        assert "introuvable" in missing.line and "renommé" in missing.line
        assert "cptsplan apercu" in missing.line  # how to follow it under its new name
        assert "lien symbolique" not in missing.line  # before: « un lien symbolique vers un
        assert "1 erreur" not in missing.line  # fichier absent », counted as a plan error
        (tmp_path / "plan-2027").rename(plan)
        back = preview.refresh()
    finally:
        preview.close()
    assert back.written, back.line
    assert (plan / "build" / "apercu.pdf").is_file()


def test_a_folder_without_a_plan_is_refused_as_by_every_command(tmp_path: Path) -> None:
    """`cptsplan apercu dossier-vide` (a typo in the folder name's parent, the repository's
    parent): exit 2 with the words every command uses, at once. Before: watched for ever,
    « aucun fichier YAML » printed as a plan error."""
    import subprocess
    import sys

    empty = tmp_path / "mes documents"
    empty.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "cptsplan", "apercu", str(empty)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr
    assert "aucun plan dans le dossier" in done.stderr
    assert "cptsplan init" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(empty.iterdir()) == []  # no build/ made
