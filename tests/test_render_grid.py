"""The conformity annex of the rendered document comes from the same check as `validate`:
same reference date, so a plan that has aged says so in its grid."""

from __future__ import annotations

from pathlib import Path

from .conftest import COMPLETE_EXAMPLE, run_cli


def grid_row(markdown: str, item: str) -> list[str]:
    line = next(line for line in markdown.splitlines() if f"| {item} |" in line)
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_grid_annex_follows_the_reference_date(tmp_path: Path) -> None:
    fresh = tmp_path / "a-jour.md"
    result = run_cli("render", COMPLETE_EXAMPLE, "-f", "md", "-o", fresh, "--date", "2026-11-23")
    assert result.exit_code == 0, result.stdout + result.stderr
    text = fresh.read_text(encoding="utf-8")
    assert "# Annexe E : grille de conformité" in text
    row = grid_row(text, "Mise à jour de moins de 12 mois")
    assert row[3] == "oui" and row[4] == "§ 1.2 Le plan et son suivi"

    aged = tmp_path / "vieilli.md"
    result = run_cli(
        "render", COMPLETE_EXAMPLE, "-f", "md", "-o", aged, "--date", "2028-03-01", "--brouillon"
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    assert grid_row(aged.read_text(encoding="utf-8"), "Mise à jour de moins de 12 mois")[3] == "non"
