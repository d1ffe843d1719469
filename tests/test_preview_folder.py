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
