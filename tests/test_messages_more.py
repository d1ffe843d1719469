"""More mistakes a coordinator makes on Windows (Notepad, VS Code, copies from Word), each in
a copy of the complete example: the plan gets one message for the cause, on its line, whose
advice is the fix (issue « the message leads to the right fix », second round)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import COMPLETE_EXAMPLE
from .test_messages_wrong_fix import Case, broken_copy, messages


def copy(tmp_path: Path) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    return plan


def one_message(found: list[dict]) -> dict:
    assert len(found) == 1, [(p["rule"], p["line"], p["message"]) for p in found]
    return found[0]


def text_of(message: dict) -> str:
    return f"{message['message']} {message['hint'] or ''}"


def test_a_plan_file_saved_with_txt_is_one_error_naming_its_sections(tmp_path: Path) -> None:
    """Windows hides « .txt »: plan.yaml.txt holds four required sections, one rename fixes
    them all (there were four « créez le fichier cpts.yaml » errors)."""
    plan = copy(tmp_path)
    (plan / "plan.yaml").rename(plan / "plan.yaml.txt")
    code, found = messages(plan)
    assert code == 1
    [error] = [p for p in found if p["severity"] == "error"]
    assert Path(error["file"]).name == "plan.yaml.txt"
    for section in ("« document »", "« cpts »", "« territoire »", "« version_format »"):
        assert section in error["message"]
    assert "renommez-le en « plan.yaml »" in error["hint"]
    assert "créez le fichier" not in text_of(error)


def test_an_uppercase_extension_is_blamed_too(tmp_path: Path) -> None:
    plan = copy(tmp_path)
    (plan / "plan.yaml").rename(plan / "Plan.YAML")
    _, found = messages(plan)
    [error] = [p for p in found if p["severity"] == "error"]
    assert Path(error["file"]).name == "Plan.YAML"
    assert "renommez-le en « Plan.yaml »" in error["hint"]


def test_word_lock_file_beside_the_plan_is_not_read(tmp_path: Path) -> None:
    """Word leaves `~$plan.yaml` (binary) while the file is open in it."""
    plan = copy(tmp_path)
    (plan / "~$plan.yaml").write_bytes(b"\x0bjulien   \x00\x00\x00")
    (plan / ".~lock.plan.yaml#").write_text("Julien,DESKTOP,07.12.2026 03:30;\n")
    code, found = messages(plan)
    assert (code, found) == (0, [])
