"""On real files: the complete example has no error, and removing one required item from it
triggers the right rule at the right file:line:col."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import COMPLETE_EXAMPLE, run_cli

DATE = "2026-11-23"


def problems(plan: Path) -> tuple[int, list[dict]]:
    result = run_cli("validate", plan, "--format", "json", "--date", DATE)
    document = json.loads(result.stdout)
    return result.exit_code, [p for report in document["plans"] for p in report["problems"]]


def test_complete_example_has_no_error_and_full_completeness() -> None:
    result = run_cli("validate", COMPLETE_EXAMPLE, "--format", "json", "--date", DATE)
    assert result.exit_code == 0
    (report,) = json.loads(result.stdout)["plans"]
    assert report["errors"] == 0 and report["warnings"] == 0, report["problems"]
    assert report["completeness"] == 1.0


def line_of(text: str, needle: str, start: int = 0) -> int:
    """1-based number of the first line at or after `start` that contains `needle`."""
    lines = text.splitlines()
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def remove_block(text: str, needle: str, after: str | None = None) -> str:
    """Remove the line containing `needle` and every more-indented line below it."""
    lines = text.splitlines()
    begin = line_of(text, after) if after else 0
    first = next(i for i in range(begin, len(lines)) if needle in lines[i])
    indent = len(lines[first]) - len(lines[first].lstrip(" "))
    last = first + 1
    while last < len(lines) and (
        not lines[last].strip() or len(lines[last]) - len(lines[last].lstrip()) > indent
    ):
        last += 1
    return "\n".join(lines[:first] + lines[last:]) + "\n"


@dataclass
class Removal:
    file: str
    needle: str
    rule: str
    at: str  # the line expected to hold the problem, found by its text
    col: int
    after: str | None = None
    # (file, needle) of other blocks to remove too: what else would satisfy the rule
    also: tuple[tuple[str, str], ...] = ()


REMOVALS = [
    Removal(
        "piloter.yaml", "    limites_moyens:", "declenchement-limites-moyens", "  declenchement:", 3
    ),
    Removal("piloter.yaml", "    autorites:", "declenchement-autorites", "  declenchement:", 3),
    Removal(
        "piloter.yaml",
        "    lieu_repli:|    mode_distanciel:",
        "cellule-lieu-repli",
        "  cellule_de_crise:",
        3,
    ),
    Removal("piloter.yaml", "  remontee_informations:", "remontee-informations", "piloter:", 1),
    Removal("piloter.yaml", "    cascade:", "alerte-cascade", "  chaine_alerte:", 3),
    Removal("piloter.yaml", "    interne:", "communication-interne", "  communication:", 3),
    Removal("piloter.yaml", "- plan: orsec", "articulation-orsec", "- plan: orsan", 5),
    Removal(
        "piloter.yaml", '      commune: "59705"', "articulation-pcs", 'code_insee: "59705"', 12
    ),
    Removal("plan.yaml", "  transmissions:", "transmission-ars", "document:", 1),
    Removal("plan.yaml", "  partenaires_redaction:", "redaction-collectivite", "document:", 1),
    Removal(
        "adapter.yaml", "    besoins:", "continuite-soins-besoins", "  continuite_des_soins:", 3
    ),
    Removal("anticiper.yaml", "  formations:", "formations", "anticiper:", 1),
    Removal("piloter.yaml", "    point_entree:", "alerte-point-entree", "  chaine_alerte:", 3),
    Removal("piloter.yaml", "    externe:", "communication-externe", "  communication:", 3),
    Removal("piloter.yaml", "    activation:", "cellule-activation", "  cellule_de_crise:", 3),
    Removal("piloter.yaml", "- plan: orsan", "articulation-orsan", "- plan: orsec", 5),
    Removal(
        "piloter.yaml",
        "    - personne: sophie-lefebvre",
        "referent-sse-suppleant",
        "    - personne: julien-vermeersch",
        5,
    ),
    # A real activation with its RETEX counts as an exercise: it goes too.
    Removal(
        "anticiper.yaml",
        "  exercices:",
        "exercices",
        "anticiper:",
        1,
        also=(("evaluer.yaml", "  activations:"),),
    ),
]


@pytest.mark.parametrize("removal", REMOVALS, ids=lambda r: r.rule)
def test_removing_a_required_item_points_at_the_right_place(
    tmp_path: Path, removal: Removal
) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    target = plan / removal.file
    text = target.read_text(encoding="utf-8")
    for needle in removal.needle.split("|"):
        text = remove_block(text, needle, removal.after)
    target.write_text(text, encoding="utf-8")
    for other, needle in removal.also:
        path = plan / other
        path.write_text(remove_block(path.read_text(encoding="utf-8"), needle), encoding="utf-8")
    exit_code, found = problems(plan)
    located = [
        (Path(p["file"]).name, p["line"], p["column"]) for p in found if p["rule"] == removal.rule
    ]
    at_file = removal.file
    if removal.rule == "articulation-pcs":
        at_file = "plan.yaml"  # the commune that has a PCS is reported where it says so
        text = (plan / at_file).read_text(encoding="utf-8")
        expected_line = line_of(text, "pcs: true", line_of(text, removal.at))
    else:
        expected_line = line_of(text, removal.at)
    assert (at_file, expected_line, removal.col) in located, found
    assert exit_code == (1 if found and any(p["severity"] == "error" for p in found) else 0)
