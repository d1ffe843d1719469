"""Reading mistakes a coordinator makes, each in a broken copy of the complete example: one
error, on the line where the mistake is, with advice that names the cause."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cptsplan.load.loader import load_file

from .conftest import COMPLETE_EXAMPLE, run_cli

NBSP = "\u00a0"

# name -> (file, line to change, old text, new text, expected line, col, message, advice)
MISTAKES = {
    "deux-points-oublies": ("piloter.yaml", 37, "role: titulaire", "role titulaire",
                            37, 7, "il manque « : »", "« role: titulaire »"),
    "deux-points-colles": ("piloter.yaml", 341, "version: Version révisée de 2024",
                           'version:"2024"', 341, 7, "il manque une espace après « : »",
                           "mettez une espace après « : » : « version: \"2024\" »"),
    "espace-insecable": ("piloter.yaml", 38, "      missions:", NBSP + "     missions:",
                         38, 1, "U+00A0 (espace insécable) dans l'indentation",
                         "copier-coller depuis Word"),
}  # fmt: skip


def broken_copy(folder: Path, file: str, line: int, old: str, new: str) -> Path:
    plan = folder / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    path = plan / file
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return plan


def problems_of(plan: Path) -> tuple[int, list[dict]]:
    result = run_cli("validate", "--format", "json", "--date", "2026-11-23", plan)
    found = [p for doc in json.loads(result.stdout)["plans"] for p in doc["problems"]]
    return result.exit_code, found


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_one_error_on_the_right_line_with_advice(tmp_path: Path, name: str) -> None:
    file, line, old, new, at_line, at_col, message, advice = MISTAKES[name]
    code, problems = problems_of(broken_copy(tmp_path, file, line, old, new))
    errors = [p for p in problems if p["severity"] == "error"]
    assert code == 1
    assert len(errors) == 1, [p["message"] for p in errors]
    [error] = errors
    assert error["file"].endswith(file)
    assert (error["line"], error["column"]) == (at_line, at_col)
    assert message in error["message"]
    assert advice in error["hint"]


def test_curly_quotes_get_advice_about_straight_quotes(tmp_path: Path) -> None:
    plan = broken_copy(tmp_path, "plan.yaml", 13, 'version: "2.1"', "version: “2.1”")
    code, problems = problems_of(plan)
    errors = [p for p in problems if p["severity"] == "error"]
    assert code == 1 and len(errors) == 1
    advice = [p for p in problems if p["line"] == 13 and p["rule"] == "yaml-guillemets-courbes"]
    assert len(advice) == 1 and "guillemets droits" in advice[0]["hint"]


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return load_file(path, "plan.yaml")


@pytest.mark.parametrize(
    ("text", "line", "col", "advice"),
    [
        ("a:\n  b: 1\n  role titulaire\n  c: 2\n", 3, 3, "« role: titulaire »"),
        ('a:\n  version:"1.0"\n  c: 2\n', 2, 3, '« version: "1.0" »'),
        ("a:\n  - id: x\n    role titulaire\n    nom: y\n", 3, 5, "« role: titulaire »"),
        ("a:\n  b: 1\n" + NBSP + " c: 2\n  d: 3\n", 3, 1, "espace ordinaire"),
        ("a:\n  b: “x: y”\n", 2, 8, "guillemets droits"),
        ("a:\n  role titulaire\n  c: 2\n", 2, 3, "« role: titulaire »"),
    ],
)
def test_syntax_errors_point_at_the_mistake(
    tmp_path: Path, text: str, line: int, col: int, advice: str
) -> None:
    [problem] = load_text(tmp_path, text).problems
    assert (problem.location.line, problem.location.col) == (line, col)
    assert advice in (problem.hint or "")


def test_a_no_break_space_before_a_key_is_named(tmp_path: Path) -> None:
    """When the file still parses, the key would be « nom » with an invisible prefix: the
    schema would call it unknown while it looks right."""
    loaded = load_text(tmp_path, "a:\n  " + NBSP + "nom: x\n")
    assert [(p.rule, p.location.line) for p in loaded.problems] == [("yaml-espace-invisible", 2)]


def test_a_no_break_space_before_the_colon_is_named(tmp_path: Path) -> None:
    """French typing (and Word) puts a no-break space before « : »."""
    loaded = load_text(tmp_path, "cpts:\n  nom" + NBSP + ": CPTS\n")
    [problem] = loaded.problems
    assert problem.rule == "yaml-espace-invisible"
    assert (problem.location.line, problem.location.col) == (2, 3)
    assert "U+00A0 (espace insécable) après la clé « nom »" in problem.message
    assert "« nom: »" in (problem.hint or "")
