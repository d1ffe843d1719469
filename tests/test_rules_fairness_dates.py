"""Time-based verdicts near their boundaries and a forgotten update date, as a coordinator
meets them: the limit the summary announces is the one the rules apply (29 February
included), and a plan whose history dates the current version later than
`date_mise_a_jour` is told to copy that date, not to redo its annual update.

Each plan is the minimal example (updated 18 September 2026, contacts checked 14 September
2026) with an exact edit.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from .conftest import MINIMAL_EXAMPLE, run_cli

UPDATED = "  date_mise_a_jour: 2026-09-18 # exigé\n"


def shaped(tmp_path: Path, edits: list[tuple[str, str]]) -> Path:
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) >= 1, old
        text = text.replace(old, new)
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    return folder


def problems(plan: Path, on: str) -> list[dict[str, Any]]:
    result = run_cli("validate", "--format", "json", "--date", on, plan)
    document = json.loads(result.stdout)
    return [p for report in document["plans"] for p in report["problems"]]


def rules(plan: Path, on: str) -> list[str]:
    return [p["rule"] for p in problems(plan, on)]


@pytest.mark.parametrize(
    ("on", "due", "late"),
    [
        ("2028-02-28", True, False),  # the announced limit, the last day
        ("2028-02-29", False, True),  # the day after it: late (was neither due nor late)
    ],
)
def test_the_limit_announced_is_the_limit_applied_on_29_february(
    tmp_path: Path, on: str, due: bool, late: bool
) -> None:
    plan = shaped(tmp_path, [(UPDATED, "  date_mise_a_jour: 2027-02-28\n")])
    found = rules(plan, on)
    assert ("mise-a-jour-echeance" in found) is due
    assert ("mise-a-jour-ancienne" in found) is late


def test_contacts_checked_on_28_february_are_old_on_29_february(tmp_path: Path) -> None:
    plan = shaped(tmp_path, [("    verifie_le: 2026-09-14\n", "    verifie_le: 2027-02-28\n")])
    found = rules(plan, "2028-02-29")
    assert "contact-verification-ancienne" in found
    assert "contact-verification-echeance" not in found


def test_a_plan_updated_on_29_february_is_late_on_1_march(tmp_path: Path) -> None:
    plan = shaped(tmp_path, [(UPDATED, "  date_mise_a_jour: 2024-02-29\n")])
    assert "mise-a-jour-ancienne" not in rules(plan, "2025-02-28")
    assert "mise-a-jour-ancienne" in rules(plan, "2025-03-01")


def test_a_forgotten_update_date_is_told_to_copy_the_history_date(tmp_path: Path) -> None:
    # The history dates version 1.0 on 18 September 2026; the date was left at 2024.
    plan = shaped(tmp_path, [(UPDATED, "  date_mise_a_jour: 2024-03-01\n")])
    found = problems(plan, "2026-11-23")
    [stale] = [p for p in found if p["rule"] == "mise-a-jour-ancienne"]
    assert "l'historique date la version 1.0 du 18 septembre 2026" in stale["hint"]
    assert "faites la mise à jour annuelle" not in stale["hint"]
    # One cause, one finding: not again as an incoherent history.
    assert not [p for p in found if p["rule"] == "historique-incoherent"]


def test_an_update_date_before_the_current_version_is_said(tmp_path: Path) -> None:
    # Not 12 months old, so no error: but the deadline announced (15 January 2027) is false.
    plan = shaped(tmp_path, [(UPDATED, "  date_mise_a_jour: 2026-01-15\n")])
    found = problems(plan, "2026-11-23")
    [warning] = [p for p in found if p["rule"] == "historique-incoherent"]
    assert warning["severity"] == "warning"
    assert "(15 janvier 2026)" in warning["message"]
    assert "version courante 1.0" in warning["message"]
    assert "18 septembre 2026" in warning["message"]


def test_a_history_dated_by_month_is_not_said_to_be_later(tmp_path: Path) -> None:
    plan = shaped(
        tmp_path,
        [
            (
                '    - version: "1.0"\n      date: 2026-09-18\n',
                '    - version: "1.0"\n      date: 2026-09\n',
            )
        ],
    )
    assert "historique-incoherent" not in rules(plan, "2026-11-23")


def test_the_example_plans_get_no_new_history_finding() -> None:
    for plan in (MINIMAL_EXAMPLE,):
        assert "historique-incoherent" not in rules(plan, date(2026, 11, 23).isoformat())


def test_the_summary_does_not_announce_a_past_limit_as_ahead() -> None:
    # Was « prochaine mise à jour avant le 18 septembre 2027 » in 2030.
    late = run_cli("validate", "--date", "2030-01-01", MINIMAL_EXAMPLE).stdout.splitlines()[-1]
    assert "limite de la mise à jour annuelle dépassée : 18 septembre 2027" in late
    assert "prochaine mise à jour" not in late
    ahead = run_cli("validate", "--date", "2026-11-23", MINIMAL_EXAMPLE).stdout.splitlines()[-1]
    assert "prochaine mise à jour avant le 18 septembre 2027" in ahead


FIRST_YEAR = Path(__file__).parent / "fixtures" / "premiere-annee" / "plan.yaml"
HELD = (
    "      intitule: Premier test de la chaîne d'alerte, avant l'adoption du plan\n"
    "      date: 2026-09-08\n"
)
PLANNED = (
    "      intitule: Premier test de la chaîne d'alerte\n      date: 2027-01\n      statut: prevu\n"
)


def first_year_with_exercise_planned(tmp_path: Path) -> Path:
    text = FIRST_YEAR.read_text(encoding="utf-8")
    assert text.count(HELD) == 1
    folder = tmp_path / "premiere-annee"
    folder.mkdir()
    (folder / "plan.yaml").write_text(text.replace(HELD, PLANNED), encoding="utf-8")
    return folder


def test_a_first_year_plan_with_its_first_exercise_planned_is_not_late(tmp_path: Path) -> None:
    # First version 18 September 2026, first exercise planned for January 2027: was
    # « aucun exercice depuis le 23 novembre 2025 », a date before the plan existed.
    from cptsplan.api import load_checked_plan

    plan = first_year_with_exercise_planned(tmp_path)
    assert "exercice-annuel" not in rules(plan, "2026-11-23")
    report = load_checked_plan(plan, today=date(2026, 11, 23))
    grid = {item.item: item.answer for item in report.grid or []}
    assert grid["Exercice dans les 12 derniers mois"] == "non"  # said, not reported


def test_after_its_first_year_a_planned_exercise_no_longer_excuses(tmp_path: Path) -> None:
    plan = first_year_with_exercise_planned(tmp_path)
    assert "exercice-annuel" in rules(plan, "2027-10-01")


@pytest.mark.parametrize(
    ("updated", "on"),
    [
        ("2026-09-18", "0001-01-01"),  # --date at the first day there is: « year 0 »
        ("9999-12-31", "2026-11-23"),  # « 9999-12-31 » written for « no end »: « year 10000 »
    ],
)
def test_dates_at_the_ends_of_the_calendar_do_not_stop_the_check(
    tmp_path: Path, updated: str, on: str
) -> None:
    plan = shaped(tmp_path, [(UPDATED, f"  date_mise_a_jour: {updated}\n")])
    found = rules(plan, on)
    assert "erreur-interne" not in found
    assert "date-future" in found  # the one thing to say: the date is after the reference
