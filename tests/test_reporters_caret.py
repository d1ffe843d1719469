"""The text output shows the source line with a caret under the column (golden file), and
only the text output: the machine formats stay as they were.

Regenerate the golden file after an intended change with:
    CPTSPLAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reporters_caret.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cptsplan.findings.problems import Location, Problem, Severity
from cptsplan.reporters.snippet import WIDTH
from cptsplan.reporters.text import format_problem

from .conftest import run_cli

GOLDEN = Path(__file__).resolve().parent / "golden" / "caret.text"

LINES = [
    "document:",
    '  titre: "Plan SSE"',
    "\tversion: 1.0",  # a tab: the caret follows the expanded line
    "  resume: " + "mot " * 60 + "ICI " + "fin " * 40,  # a long line, cut around the column
    "  nom: \x1b[31mrouge",  # a control character, shown escaped
    "",
]


def problem(line: int, col: int, file: str = "plan.yaml") -> Problem:
    return Problem(Location(file, line, col), Severity.ERROR, "essai", "message", "chemin")


def test_caret_display_matches_its_golden_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("plan.yaml").write_text("\n".join(LINES), encoding="utf-8")
    column_of_ici = LINES[3].index("ICI") + 1
    blocks = [
        format_problem(problem(2, 10)),
        format_problem(problem(3, 2)),
        format_problem(problem(4, column_of_ici)),
        format_problem(problem(4, 3)),
        format_problem(problem(5, LINES[4].index("rouge") + 1)),
        # No line to show: past the end, an empty line, a missing file, a folder.
        format_problem(problem(40, 1)),
        format_problem(problem(6, 1)),
        format_problem(problem(1, 1, "absent.yaml")),
        format_problem(problem(1, 1, ".")),
    ]
    text = "\n".join(blocks) + "\n"
    if os.environ.get("CPTSPLAN_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_the_caret_is_under_the_column_and_long_lines_are_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("plan.yaml").write_text("\n".join(LINES), encoding="utf-8")
    block = format_problem(problem(4, LINES[3].index("ICI") + 1)).splitlines()
    source, caret = block[1], block[2]
    assert source[caret.index("^") :].startswith("ICI")
    assert len(source) < WIDTH + 20 and source.endswith("…")
    escaped = format_problem(problem(5, LINES[4].index("rouge") + 1)).splitlines()
    assert "\x1b" not in "".join(escaped)
    assert escaped[1][escaped[2].index("^") :].startswith("rouge")


def test_validate_text_output_shows_the_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("document:\n  titre: 'Plan'\n  titre: 'Plan'\n", encoding="utf-8")
    result = run_cli("validate", plan)
    assert result.exit_code == 1
    assert "    3 |   titre: 'Plan'\n      |   ^\n" in result.stdout
    for fmt in ("json", "github", "sarif", "junit"):
        assert "|   ^" not in run_cli("validate", plan, "--format", fmt).stdout


def test_nothing_is_shown_of_a_file_the_tool_did_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link that leaves the file's folder (here to a secret next to it) and a file the
    loader refused or set aside show no line: only what was read may be printed."""
    monkeypatch.chdir(tmp_path)
    Path("secret.txt").write_text("mot de passe: hunter2\n", encoding="utf-8")
    Path("plan").mkdir()
    Path("plan/notes.yaml").symlink_to(tmp_path / "secret.txt")
    Path("plan/dedans.yaml").write_text("cle: valeur\n", encoding="utf-8")
    Path("plan/lien.yaml").symlink_to(tmp_path / "plan" / "dedans.yaml")
    assert "hunter2" not in format_problem(problem(1, 1, "plan/notes.yaml"))
    assert "    1 | cle: valeur" in format_problem(problem(1, 1, "plan/lien.yaml"))
    for rule in ("fichier-refuse", "fichier-ignore"):
        refused = Problem(Location("plan/dedans.yaml", 1, 1), Severity.ERROR, rule, "refusé")
        assert " | " not in format_problem(refused)
    result = run_cli("validate", "plan")
    assert "fichier-refuse" in result.stdout and "hunter2" not in result.stdout
