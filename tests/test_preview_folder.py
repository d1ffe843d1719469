"""`cptsplan apercu` while the plan folder is renamed or moved away (a coordinator tidying
her folders, a sync tool): the line says the folder is missing, in those words, and the
preview comes back when the folder does."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

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


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT envoyé par os.kill : POSIX")
def test_the_preview_follows_a_new_plan_folder_named_in_the_configuration(
    tmp_path: Path,
) -> None:
    """`cptsplan apercu DÉPÔT`, then « plan: » of .cptsplan.yaml changed to another folder:
    the preview shows that plan from the next save of the configuration on. Before: the old
    folder stayed watched, and its document kept being rewritten."""
    from tests.test_preview import Running, first_pages_text

    repository = tmp_path / "depot"
    shutil.copytree(COMPLETE_EXAMPLE, repository / "plan-a")
    shutil.copytree(COMPLETE_EXAMPLE, repository / "plan-b")
    plan_b = repository / "plan-b" / "plan.yaml"
    text = plan_b.read_text(encoding="utf-8")
    plan_b.write_text(text.replace("- nom: Merlinghem-sur-Lys", "- nom: Zorglubville-sur-Lys"))
    config = repository / ".cptsplan.yaml"
    config.write_text("plan: plan-a\n", encoding="utf-8")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    running = Running(repository, temporary)
    try:
        first = running.next_refresh()
        assert "mis à jour" in first and "plan-a" in first, first
        config.write_text("plan: plan-c\n", encoding="utf-8")  # being typed: no such folder
        kept = running.next_refresh()
        assert "conservé" in kept and "plan-c" in kept, kept
        config.write_text("plan: plan-b\n", encoding="utf-8")
        line = running.next_refresh()
        assert "mis à jour" in line and "plan-b" in line, running.seen
        assert any("dossier du plan a changé" in seen for seen in running.seen), running.seen
        assert "Zorglubville" in first_pages_text(repository / "plan-b" / "build" / "apercu.pdf")
        # From now on the new plan's saves are followed.
        text = plan_b.read_text(encoding="utf-8")
        plan_b.write_text(text.replace("Zorglubville", "Bidulemont"), encoding="utf-8")
        line = running.next_refresh()
        assert "mis à jour" in line, line
        assert "Bidulemont" in first_pages_text(repository / "plan-b" / "build" / "apercu.pdf")
    finally:
        code = running.stop()
    assert code == 130, running.seen
