"""`numero-annuaire-mal-recopie`: a directory number copied into a text with a digit lost
or doubled will not answer on the day of the crisis. The diffusable edition already masked
it (privacy/near_numbers.py); the coordinator is now told, at its place, with the entry it
resembles, and never for a number that is right or is another valid number."""

from __future__ import annotations

from pathlib import Path

import pytest

from cptsplan.privacy.near_numbers import NearNumbers

from .conftest import run_cli
from .test_gdpr_rules import RESUME, plan_with, problems

RULE = "numero-annuaire-mal-recopie"
ARS = "ARS Auvergne-Rhône-Alpes – point focal régional"
"""The entry whose number, 04 65 71 00 10, the minimal example's texts copy below."""


@pytest.mark.parametrize(
    ("written", "how"),
    [
        ("04 65 71 00 1", "en moins"),
        ("4 65 71 00 10", "en moins"),
        ("04.65.71.00.1", "en moins"),
        ("+33 4 65 71 00 1", "en moins"),
        ("+ 33 4 65 71 00 1", "en moins"),
        ("0033 4 65 71 00 1", "en moins"),
        ("04 65 71 00 100", "en trop"),
        ("04 655 71 00 10", "en trop"),
    ],
)
def test_a_directory_number_copied_a_digit_short_or_long_is_told_with_its_entry(
    tmp_path: Path, written: str, how: str
) -> None:
    folder = plan_with(tmp_path, RESUME, f"      resume: Alerter l'ARS au {written} la nuit")
    (problem,) = problems(folder, RULE)
    assert f"un chiffre {how}" in problem.message and f"« {ARS} »" in problem.message
    assert written in problem.message
    assert "04 65 71 00 10" not in problem.message.replace(written, "")  # not in CI logs
    lines = (folder / "plan.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[problem.location.line - 1][problem.location.col - 1 :].startswith(written)


@pytest.mark.parametrize(
    "written",
    [
        "04 65 71 00 10",  # the number itself
        "+33 4 65 71 00 10",
        "04 65 71 00 11",  # another valid number: one digit changed
        "04 65 71 01 00",  # two digits swapped
        "04 65 71 00",  # too short to be a number
        "FINESS 046571001",  # an identifier's nine digits
        "3237",
    ],
)
def test_right_or_other_numbers_are_not_told(tmp_path: Path, written: str) -> None:
    folder = plan_with(tmp_path, RESUME, f"      resume: Voir {written} la nuit")
    assert problems(folder, RULE) == []


def test_a_mistyped_directory_mobile_is_told_once_by_the_mobile_rule(tmp_path: Path) -> None:
    """One finding per cause: « 06 39 98 20 0 » is the president's mobile a digit short,
    which `mobile-hors-annuaire` already says."""
    folder = plan_with(tmp_path, RESUME, "      resume: Appeler le 06 39 98 20 0 la nuit")
    assert problems(folder, RULE) == []
    assert len(problems(folder, "mobile-hors-annuaire")) == 1


def test_a_number_near_two_entries_names_both() -> None:
    near = NearNumbers(["+33465710010", "+33465710000"])
    assert near.match("04 65 71 00 100") == (["0465710000", "0465710010"], False)
    assert near.match("04 65 71 00 1") == (["0465710010"], True)
    assert near.match("04 65 71 00 11") is None


def test_validate_prints_it_as_a_warning_and_exits_0(tmp_path: Path) -> None:
    folder = plan_with(tmp_path, RESUME, "      resume: Alerter l'ARS au 04 65 71 00 1")
    result = run_cli("validate", folder, "--date", "2026-11-01")
    assert result.exit_code == 0, result.stdout
    assert f"avertissement [{RULE}] numéro mal recopié ?" in result.stdout
