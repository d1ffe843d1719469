"""The severity the reviewer's table prints beside a « non » is that of what the plan was
found to lack, not the worst default of every rule behind the grid line: the cell
« Fonctions de la cellule, avec titulaire et suppléant » read « non (erreur) » for a plan
whose only finding there was a warning (suppleant-identique, an error by default, had
found nothing). Seen on four plans imported from the Word corpus; shown here on the short
fixture plan, whose crisis cell has no function yet.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from .conftest import FIXTURES, run_cli

FUNCTIONS = "Piloter : Fonctions de la cellule, avec titulaire et suppléant"


def reviewer_row(tmp_path: Path, plan: Path) -> dict[str, str]:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(plan, folder / plan.name)
    table = tmp_path / "relecture.csv"
    run_cli("validate", folder, "--date", "2026-11-23", "--tableau", table)
    with table.open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle, delimiter=";"))
    return row


def test_a_warning_is_printed_as_a_warning(tmp_path: Path) -> None:
    row = reviewer_row(tmp_path, FIXTURES / "valid" / "plan-court.yaml")
    assert row[FUNCTIONS] == "non (avertissement)"


def test_an_error_found_is_still_printed_as_an_error(tmp_path: Path) -> None:
    row = reviewer_row(tmp_path, FIXTURES / "valid" / "plan-court.yaml")
    assert row["Piloter : Autorités de déclenchement"] == "non (erreur)"
