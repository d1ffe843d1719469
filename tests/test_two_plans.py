"""Two plans in one folder (last year's files copied beside this year's, a colleague's
version beside the coordinator's): one error that says so and names both sets of files.
Before: nine « la section ... est déjà écrite » errors, one per section, and no word of why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .conftest import EXAMPLES, MINIMAL_EXAMPLE, run_cli


def _messages(folder: Path) -> list[dict[str, object]]:
    result = run_cli("validate", folder, "-f", "json", "--date", "2026-11-23")
    assert result.exit_code == 1, result.stderr
    return [
        problem
        for plan in json.loads(result.stdout)["plans"]
        for problem in plan["problems"]
        if problem["rule"] == "plan-section-dupliquee"
    ]


def test_a_second_plan_in_the_folder_is_one_error_naming_both(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, folder)
    for path in sorted((EXAMPLES / "cpts-du-val-de-lys").glob("*.yaml")):
        shutil.copy(path, folder / f"{path.stem}-2025.yaml")
    [problem] = _messages(folder)
    message, hint = str(problem["message"]), str(problem["hint"])
    assert message.startswith("deux plans dans le même dossier ? La section « document »")
    assert "comme 8 autres sections" in message
    assert "plan-2025.yaml" in hint and "(plan.yaml)" in hint and "archives/" in hint


def test_one_section_written_twice_keeps_its_own_error(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    shutil.copytree(MINIMAL_EXAMPLE, folder)
    (folder / "annuaire-bis.yaml").write_text(
        "annuaire:\n  - id: samu-99\n    type: organisme\n    nom: SAMU 99\n", encoding="utf-8"
    )
    [problem] = _messages(folder)
    assert str(problem["message"]).startswith("la section « annuaire » est déjà écrite dans")
