"""The compiled validator (jsonschema-rs) decides whether a plan is valid; `jsonschema` explains
the errors. A plan accepted by one and refused by the other would be either a false « valide »
or an error with no message: they must agree on every example and fixture, and on the values
where format checkers and references differ most between implementations."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cptsplan.load.source import load_plan
from cptsplan.schema.plan_schema import compiled_accepts, explained_errors
from cptsplan.schema.references import collect_ids

from .conftest import EXAMPLES, FIXTURES, MINIMAL_EXAMPLE, REPO


def plan_targets() -> list[Path]:
    """Every example folder, every fixture file, and every fixture folder of YAML files."""
    examples = sorted(path for path in EXAMPLES.iterdir() if path.is_dir())
    files = sorted(FIXTURES.rglob("*.yaml"))
    folders = sorted({path.parent for path in files if path.parent.name == "petit-plan"})
    return [*examples, *folders, *(f for f in files if f.parent not in folders)]


def decisions(data: dict) -> tuple[bool | None, bool]:
    ids = collect_ids(data)
    return compiled_accepts(data, ids), not explained_errors(data, ids, limit=1)


@pytest.mark.parametrize("target", plan_targets(), ids=lambda path: str(path.relative_to(REPO)))
def test_both_validators_accept_and_refuse_the_same_plans(target: Path) -> None:
    source = load_plan(target)
    if not isinstance(source.data, dict) or not source.data:
        pytest.skip("pas de données (fichier illisible ou vide : refusé avant le schéma)")
    compiled, explained = decisions(source.data)
    assert compiled is explained


def test_the_fixtures_hold_both_valid_and_invalid_plans() -> None:
    """The agreement above is not vacuous: some plans pass, some fail the schema."""
    answers = set()
    for target in plan_targets():
        data = load_plan(target).data
        if isinstance(data, dict) and data:
            answers.add(decisions(data)[1])
    assert answers == {True, False}


MINIMAL = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
EMAIL = "coordination@cpts-plateau-de-veze.example"
DATE_LINE = re.search(r"date_mise_a_jour: (\S+)", MINIMAL)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (EMAIL, "coordination@@cpts.example"),
        (EMAIL, "coordination cpts@cpts.example"),
        (EMAIL, "coordination@cpts"),
        (EMAIL, "A_COMPLETER"),
        (EMAIL, "prénom.nom@cpts.example"),
        (EMAIL, "prenom..nom@cpts.example"),
        ("date_mise_a_jour: ", "date_mise_a_jour: 2026-02-30 #"),
        ("date_mise_a_jour: ", "date_mise_a_jour: '2026-1-01' #"),
        ("date_mise_a_jour: ", "date_mise_a_jour: A_COMPLETER #"),
        ("date_mise_a_jour: ", "date_mise_a_jour: '2026-10-05\n' #"),
    ],
)
def test_formats_and_placeholders_decided_alike(tmp_path: Path, old: str, new: str) -> None:
    assert old in MINIMAL and DATE_LINE is not None
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    source = load_plan(plan)
    compiled, explained = decisions(source.data)
    assert compiled is explained


def test_unknown_reference_refused_by_both(tmp_path: Path) -> None:
    text = MINIMAL.replace("titulaire: dr-faure", "titulaire: dr-inconnu", 1)
    assert text != MINIMAL
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    assert decisions(load_plan(plan).data) == (False, False)


def test_a_valid_plan_is_checked_without_importing_jsonschema() -> None:
    """jsonschema costs about 150 ms to import: only a plan with errors needs it."""
    code = (
        "import sys; from datetime import date; from cptsplan import api; "
        f"result = api.check([__import__('pathlib').Path({str(MINIMAL_EXAMPLE)!r})], "
        "today=date(2026, 11, 23)); "
        "print(result.count(3), 'jsonschema' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.split() == ["0", "False"], done.stderr
