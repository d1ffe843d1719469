"""« A_COMPLETER »: any field can say "not known yet", and nothing takes it for a fact.

Property-style: the complete example with every value (or a random share of them) replaced
by the placeholder still passes the schema, gives no traceback, is reported field by field
by `champ-a-completer` alone (nothing else is inferred from a value not known), and renders.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from cptsplan.api import PlanTarget, check_plan, conformity_rules
from cptsplan.config.repository_config import ConfigFinder
from cptsplan.load.source import load_plan
from cptsplan.messages.dates import parse_reference_date
from cptsplan.schema.placeholders import is_marker

from .conftest import COMPLETE_EXAMPLE, MINIMAL_EXAMPLE, run_cli

FORMAT_RULE_PREFIXES = ("yaml-", "schema-", "reference-", "identifiant-")
NOT_VALUES = {"id", "version_format", "silences", "fichier"}


def _leaves(value: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [p for k, v in value.items() if k not in NOT_VALUES for p in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


def _dedupe(value: Any) -> None:
    """Two placeholders in a list of unique values would be a (true) duplicate: keep one."""
    if isinstance(value, dict):
        for item in value.values():
            _dedupe(item)
    elif isinstance(value, list):
        for item in value:
            _dedupe(item)
        seen: list[Any] = []
        for item in list(value):
            if isinstance(item, dict | list):
                continue
            if item in seen:
                value.remove(item)
            else:
                seen.append(item)


def _with_placeholders(share: float, seed: int) -> dict[str, Any]:
    data = copy.deepcopy(load_plan(COMPLETE_EXAMPLE, "x").data)
    data.pop("figures", None)  # image files stay next to the example, not in tmp_path
    chance = random.Random(seed)
    for path in _leaves(data):
        if share >= 1 or chance.random() < share:
            parent = data
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = "A_COMPLETER"
    _dedupe(data)
    return data


def _check(data: dict[str, Any], folder: Path) -> Any:
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    today = parse_reference_date("2026-11-23")
    return check_plan(PlanTarget(path, str(path)), conformity_rules(today, ConfigFinder()))


def test_lower_case_french_is_prose_not_a_placeholder() -> None:
    assert is_marker("A_COMPLETER") and is_marker("A_COMPLETER : adresse du siège")
    assert is_marker("À COMPLÉTER")
    for prose in ("la fiche NRC est à compléter", "a_completer", "ZA_COMPLETER"):
        assert not is_marker(prose)


def test_every_value_to_complete_is_reported_once_and_nothing_else(tmp_path: Path) -> None:
    report = _check(_with_placeholders(1.0, 0), tmp_path)
    rules = {problem.rule for problem in report.problems}
    assert rules == {"champ-a-completer"}
    paths = [problem.path for problem in report.problems]
    assert len(paths) == len(set(paths)) > 1000
    # Not one grid item is judged « oui » on values not known yet.
    assert report.grid is not None
    assert not [item.item for item in report.grid if item.answer == "oui"]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_any_share_of_placeholders_passes_the_schema_without_a_crash(
    tmp_path: Path, seed: int
) -> None:
    report = _check(_with_placeholders(random.Random(seed).random(), seed), tmp_path)
    assert report.schema_valid
    assert not [p for p in report.problems if p.rule.startswith(FORMAT_RULE_PREFIXES)]


def test_a_plan_of_placeholders_renders_as_a_draft_that_shows_them(tmp_path: Path) -> None:
    data = _with_placeholders(1.0, 0)
    data["document"]["statut"] = "brouillon"
    (tmp_path / "plan.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = run_cli("render", tmp_path / "plan.yaml", "-f", "md", "-o", tmp_path / "p.md")
    assert result.exit_code == 0, result.stderr
    markdown = (tmp_path / "p.md").read_text(encoding="utf-8")
    assert markdown.count("*à compléter*") > 100
    assert "A\\_COMPLETER" not in markdown and "A_COMPLETER" not in markdown


def test_a_yes_no_value_to_complete_is_never_printed_as_yes(tmp_path: Path) -> None:
    """« 24 h/24 » or « PCS : oui » for a value not known would send someone to a dead
    number or a plan that does not exist."""
    from .conftest import MINIMAL_EXAMPLE

    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    text = text.replace("h24: true", "h24: A_COMPLETER").replace("pcs: true", "pcs: A_COMPLETER")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = run_cli(
        "render", tmp_path / "plan.yaml", "-f", "md", "--brouillon", "-o", tmp_path / "p.md"
    )
    assert result.exit_code == 0, result.stderr
    markdown = (tmp_path / "p.md").read_text(encoding="utf-8")
    directory = markdown.split("# Annexe A : annuaire de crise", 1)[1].split("# Annexe B")[0]
    assert "Téléphones" in directory and "24 h/24" not in directory
    communes = markdown.split(" Communes\n", 1)[1].split("###", 1)[0]
    assert "| oui" not in communes and "non renseigné" in communes


def test_text_written_before_the_marker_is_kept_in_the_document(tmp_path: Path) -> None:
    from .conftest import MINIMAL_EXAMPLE

    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  departement: Cantal (15)",
        '  departement: Cantal (15)\n  forme_juridique: "Association loi 1901, A_COMPLETER : date"',
    )
    assert "A_COMPLETER : date" in text
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    result = run_cli(
        "render", tmp_path / "plan.yaml", "-f", "md", "--brouillon", "-o", tmp_path / "p.md"
    )
    assert result.exit_code == 0, result.stderr
    assert "Association loi 1901 *à compléter*" in (tmp_path / "p.md").read_text("utf-8")


def test_a_list_not_known_yet_keeps_its_brackets_as_the_readme_says(tmp_path: Path) -> None:
    """README: « typologies: [A_COMPLETER] » is accepted; written without its brackets, the
    advice gives that very form."""
    plan = tmp_path / "plan"
    plan.mkdir()
    text = (MINIMAL_EXAMPLE / "plan.yaml").read_text(encoding="utf-8")
    assert "      typologies: [T1]\n" in text
    (plan / "plan.yaml").write_text(
        text.replace("      typologies: [T1]\n", "      typologies: [A_COMPLETER]\n", 1),
        encoding="utf-8",
    )
    result = run_cli("validate", "--format", "json", plan)
    problems = json.loads(result.stdout)["plans"][0]["problems"]
    # Only the value to complete is reported (an error in a plan that is not a draft).
    assert [(p["rule"], p["path"]) for p in problems] == [
        ("champ-a-completer", "anticiper.diagnostic_risques[2].typologies[0]")
    ]
    (plan / "plan.yaml").write_text(
        text.replace("      typologies: [T1]\n", "      typologies: A_COMPLETER\n", 1),
        encoding="utf-8",
    )
    result = run_cli("validate", "--format", "json", plan)
    [problem] = json.loads(result.stdout)["plans"][0]["problems"]
    assert "« [A_COMPLETER] »" in problem["hint"]


def test_a_second_marker_in_a_hint_reads_as_the_first() -> None:
    """« A_COMPLETER : siège. A_COMPLETER : téléphone »: the hint the draft prints says
    « à compléter » both times, never the raw marker."""
    from cptsplan.schema.placeholders import to_complete

    hint = to_complete("A_COMPLETER : siège. A_COMPLETER : téléphone du siège").hint
    assert hint == "siège. à compléter : téléphone du siège"
    assert to_complete("A_COMPLETER : adresse").hint == "adresse"
