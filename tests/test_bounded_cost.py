"""The format check (schema, references, messages) stays near linear and bounded on a plan
of any size under the file limit (issue 8, « Bounded cost »): 4,000 small items in a
`uniqueItems` list took 39 s, 1,000 unknown references 71 s (the suggestions). Costs are
those of the format check alone, compared between two sizes in CPU time (tests/cost.py):
reading the YAML is measured by the loader's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from cptsplan.load.source import PlanSource, load_plan
from cptsplan.schema.plan_schema import canonical
from cptsplan.schema_check.format_check import MAX_ERRORS, MAX_VALUES, format_problems

from .conftest import MINIMAL_EXAMPLE
from .cost import LINEAR, growth

MINIMAL = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
DIRECTORY = (
    "annuaire: # exigé : au moins une entrée ; chaque identifiant cité plus haut doit y figurer\n"
)


def plan_with(tmp_path: Path, neighbours: list[str], entries: int = 0) -> PlanSource:
    items = "".join(f"    - {item}\n" for item in neighbours)
    text = MINIMAL.replace("territoire: # exigé\n", f"territoire:\n  cpts_voisines:\n{items}", 1)
    directory = "".join(
        f"  - {{id: entree-{i}, type: organisme, nom: S{i}, categorie: autre}}\n"
        for i in range(entries)
    )
    text = text.replace(DIRECTORY, "annuaire:\n" + directory, 1)
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


def rules_of(source: PlanSource) -> list[str]:
    return [problem.rule for problem in format_problems(source).problems]


def test_unique_items_of_sections_in_linear_time(tmp_path: Path) -> None:
    small = plan_with(tmp_path / "petit", [f"{{a: {i}}}" for i in range(400)])
    large = plan_with(tmp_path / "grand", [f"{{a: {i}}}" for i in range(4000)])
    assert growth(lambda: format_problems(small), lambda: format_problems(large)) < LINEAR
    assert "schema-doublon" not in rules_of(large)  # all different


@pytest.mark.parametrize(
    ("items", "repeated"),
    [
        (["{a: 1, b: 2}", "{b: 2, a: 1}"], True),
        # Text fields keep what was typed (scalars.py): « 1 » and « 1.0 » are two texts.
        (["1", "1.0"], False),
        (["true", "1"], False),
        # « '1' » and « 1 » in a text list are the same text once typed from the schema.
        (["x", "'1'", "1"], True),
        (["[1, 2]", "[1, 2]"], True),
    ],
)
def test_unique_items_compares_like_json(tmp_path: Path, items: list[str], repeated: bool) -> None:
    assert ("schema-doublon" in rules_of(plan_with(tmp_path, items))) is repeated


def test_canonical_form() -> None:
    assert canonical({"b": 1, "a": [1.0, True]}) == canonical({"a": [1, True], "b": 1})
    assert canonical(True) != canonical(1)


def test_a_thousand_unknown_references_are_cut_short(tmp_path: Path) -> None:
    """Past MAX_ERRORS nothing more is described: ten times the unknown references (and
    directory entries to compare them with) cost about ten times, not a hundred."""
    small = plan_with(tmp_path / "petit", [f"entree-inconnue-{i}" for i in range(100)], 100)
    large = plan_with(tmp_path / "grand", [f"entree-inconnue-{i}" for i in range(1000)], 1000)
    assert growth(lambda: format_problems(small), lambda: format_problems(large)) < LINEAR
    rules = rules_of(large)
    assert len(rules) == MAX_ERRORS + 1
    assert rules[-1] == "trop-d-erreurs"


def test_suggestions_stay_bounded_on_a_huge_directory(tmp_path: Path) -> None:
    # Near-identical ids: every comparison is a full one (the slow case of difflib).
    unknown = [f"entree-inconnue-{i}" for i in range(300)]
    small = plan_with(tmp_path / "petit", unknown, entries=400)
    large = plan_with(tmp_path / "grand", unknown, entries=4000)
    assert growth(lambda: format_problems(small), lambda: format_problems(large)) < LINEAR
    assert rules_of(large).count("reference-inconnue") == MAX_ERRORS


def test_a_plan_of_absurd_size_gets_one_clear_error(tmp_path: Path) -> None:
    # Built in memory: the YAML loader refuses a list this long before this stage.
    source = plan_with(tmp_path, [])
    source.data["territoire"]["cpts_voisines"] = [f"entree-{i}" for i in range(MAX_VALUES)]
    assert rules_of(source) == ["plan-trop-grand"]  # counted, then nothing is checked
    (problem,) = format_problems(source).problems
    assert "plus de 40 000 valeurs" in problem.message
    assert problem.hint and "quelques milliers" in problem.hint
