"""A misspelt top-level key (`anuaire:` for `annuaire:`): what it holds is checked at once,
as the section the key certainly stands for, instead of after the coordinator fixes the key
and runs the check again."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from cptsplan.api import load_checked_plan
from cptsplan.findings.problems import Problem, Severity
from tests.conftest import COMPLETE_EXAMPLE

TODAY = date(2026, 11, 23)


def copy_with(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    text = (plan / name).read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    (plan / name).write_text(text, encoding="utf-8")
    return plan


def errors(plan: Path) -> list[Problem]:
    report = load_checked_plan(plan, "plan", today=TODAY)
    return [p for p in report.problems if p.severity == Severity.ERROR]


def test_the_content_of_a_misspelt_section_is_checked_as_the_section_meant(
    tmp_path: Path,
) -> None:
    plan = copy_with(
        tmp_path,
        "annuaire.yaml",
        ("\nannuaire:\n", "\nanuaire:\n"),
        ("    type: organisme\n", "    type: organism\n"),
        ("usage: standard\n        h24: false\n", "usage: standard\n        h24: peut-etre\n"),
    )
    found = errors(plan)
    assert [(p.rule, p.location.line) for p in found] == [
        ("schema-cle-inconnue", 8),
        ("schema-valeur", 11),
        ("schema-valeur", 34),
    ], found
    unknown, kind, h24 = found
    assert unknown.hint == "vouliez-vous dire « annuaire » ?"  # as before
    assert "« organism »" in kind.message and "« peut-etre »" in h24.message
    for problem in (kind, h24):
        assert "lu comme « annuaire: »" in problem.message
        assert problem.location.file.endswith("annuaire.yaml")
        assert problem.path.startswith("anuaire[")  # the path as written


def test_a_valid_misspelt_section_gives_the_unknown_key_alone(tmp_path: Path) -> None:
    # Its values typed as the section's fields take them (`h24: false` is no, not a text).
    plan = copy_with(tmp_path, "annuaire.yaml", ("\nannuaire:\n", "\nanuaire:\n"))
    assert [p.rule for p in errors(plan)] == ["schema-cle-inconnue"]
    plan = copy_with(tmp_path / "2", "plan.yaml", ("\ncpts:\n", "\ncpst:\n"))
    assert [p.rule for p in errors(plan)] == ["schema-cle-inconnue"]


def test_an_uncertain_suggestion_checks_nothing_under_it(tmp_path: Path) -> None:
    # « evaluation » is the noun of « evaluer » (suggested), too far to be certain.
    plan = copy_with(
        tmp_path,
        "evaluer.yaml",
        ("\nevaluer:\n", "\nevaluation:\n"),
        ("  retex:\n", "  retexx:\n"),
    )
    found = errors(plan)
    assert [p.rule for p in found] == ["schema-cle-inconnue"], found
    assert "« evaluer »" in (found[0].hint or "")


def test_nothing_is_said_about_what_an_unread_file_would_have_held(tmp_path: Path) -> None:
    # The directory cannot be read: the misspelt section's references to its entries are
    # unknown, not mistakes.
    plan = copy_with(tmp_path, "anticiper.yaml", ("\nanticiper:\n", "\nanticper:\n"))
    directory = plan / "annuaire.yaml"
    text = directory.read_text(encoding="utf-8")
    directory.write_text(text.replace("    commune: Lille\n", "    commune Lille\n", 1), "utf-8")
    assert sorted(p.rule for p in errors(plan)) == ["schema-cle-inconnue", "yaml-syntaxe"]
