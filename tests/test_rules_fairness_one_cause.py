"""One cause, one finding, on the plans real CPTS have: a first draft or a plan read from
Word has no risk diagnostic yet, which was said as five warnings (« aucun risque du
diagnostic ne déclenche la typologie T1 », … T5) on every such plan.

Each plan is the minimal example with its risk diagnostic removed, emptied or still to
complete, read as the CPTS coordinator and the ARS reviewer would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import MINIMAL_EXAMPLE, run_cli

TODAY = "2026-11-23"
TEXT = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
DIAGNOSTIC = TEXT[TEXT.index("  diagnostic_risques:\n") : TEXT.index("  formations: # conseillé")]


def with_diagnostic(tmp_path: Path, replacement: str) -> Path:
    """The minimal example with `replacement` for its diagnostic, and its responses no
    longer citing the risks removed."""
    text = TEXT.replace(DIAGNOSTIC, replacement)
    text = "".join(
        line for line in text.splitlines(keepends=True) if not line.strip().startswith("risques: [")
    )
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    return folder


def validated(plan: Path) -> dict[str, Any]:
    result = run_cli("validate", "--format", "json", "--date", TODAY, plan)
    [report] = json.loads(result.stdout)["plans"]
    return report


def scenario_findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in report["problems"] if p["rule"] == "typologie-sans-scenario"]


def test_a_plan_without_diagnostic_is_told_once(tmp_path: Path) -> None:
    found = scenario_findings(validated(with_diagnostic(tmp_path, "")))
    assert len(found) == 1, [p["message"] for p in found]
    assert "pas de diagnostic des risques" in found[0]["message"]
    assert "T1 à T5" in found[0]["message"]
    assert "diagnostic_risques" in found[0]["hint"]


def test_a_risk_whose_typologies_are_to_complete_defers_the_verdict(tmp_path: Path) -> None:
    to_complete = (
        "  diagnostic_risques:\n    - id: canicule\n      intitule: Canicule\n"
        "      categorie: naturel\n      typologies: [A_COMPLETER]\n"
    )
    report = validated(with_diagnostic(tmp_path, to_complete))
    # The plan is « transmis »: the placeholder is its one error, said at its place.
    assert [p["rule"] for p in report["problems"] if p["severity"] == "error"] == [
        "champ-a-completer"
    ]
    assert not scenario_findings(report)


def test_a_partial_diagnostic_still_names_each_typology_missing(tmp_path: Path) -> None:
    partial = (
        "  diagnostic_risques:\n    - id: canicule\n      intitule: Canicule\n"
        "      categorie: naturel\n      typologies: [T2]\n"
    )
    found = scenario_findings(validated(with_diagnostic(tmp_path, partial)))
    assert sorted(p["message"].split("typologie ")[1][:2] for p in found) == [
        "T1",
        "T3",
        "T4",
        "T5",
    ]


def test_a_cell_without_any_function_is_told_once(tmp_path: Path) -> None:
    report = validated(Path(__file__).parent / "fixtures" / "valid" / "plan-court.yaml")
    found = [p for p in report["problems"] if p["rule"] == "cellule-fonctions"]
    assert len(found) == 1, [p["message"] for p in found]
    assert "aucune des fonctions essentielles" in found[0]["message"]
    assert "« Décision », « Pilotage et coordination », « Communication »" in found[0]["message"]


def test_no_holder_reachable_day_and_night_is_told_once_with_their_names(
    tmp_path: Path,
) -> None:
    # The minimal example without any « h24: true »: as every plan read from Word is.
    folder = tmp_path / "plan"
    folder.mkdir()
    text = TEXT.replace("        h24: true\n", "")
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    found = [p for p in validated(folder)["problems"] if p["rule"] == "cellule-joignable-h24"]
    assert len(found) == 1, [p["message"] for p in found]
    assert found[0]["path"] == "piloter.cellule_de_crise.fonctions"
    assert "aucun titulaire" in found[0]["message"] and "Élise Faure" in found[0]["message"]


def test_one_holder_without_a_night_number_is_still_named_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    # Only the first « h24: true » of the directory removed: one holder, not all.
    (folder / "plan.yaml").write_text(TEXT.replace("        h24: true\n", "", 1), encoding="utf-8")
    found = [p for p in validated(folder)["problems"] if p["rule"] == "cellule-joignable-h24"]
    assert found and all(p["path"].endswith(".titulaire") for p in found)
    assert all("le titulaire de la fonction" in p["message"] for p in found)


def test_a_directory_dating_none_of_its_entries_gets_one_reminder(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    text = "".join(
        line for line in TEXT.splitlines(keepends=True) if not line.startswith("    verifie_le:")
    )
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    found = [p for p in validated(folder)["problems"] if p["rule"] == "contact-non-verifie"]
    assert len(found) == 1, [p["message"] for p in found]
    assert found[0]["severity"] == "info"
    assert "aucune des 10 entrées de l'annuaire" in found[0]["message"]
