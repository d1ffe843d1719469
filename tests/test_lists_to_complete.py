"""A whole list written « A_COMPLETER »: the schema takes it for every list that needs items
(the responses, a response's actions, the directory, the référents...), so every command
must too. `adapter.reponses: A_COMPLETER` stopped `validate` on an internal error and
`render` on a traceback; `communes: A_COMPLETER` printed a table of empty cells. A list of
sections that may be empty (the risks) is refused, with advice that leads somewhere (the
empty list), not to « - id: A_COMPLETER », which the schema refuses in turn."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from cptsplan import api
from cptsplan.render.document import plan_markdown
from cptsplan.render.figures import load_figures
from cptsplan.render.resources import template_dirs

from .conftest import COMPLETE_EXAMPLE, run_cli

REFERENCE_DATE = "2026-11-23"

LISTS = {
    "plan.yaml": [("document", "historique"), ("territoire", "communes")],
    "adapter.yaml": [("adapter", "reponses"), ("adapter", "reponses", 0, "actions")],
    "piloter.yaml": [("piloter", "referents_sse"), ("piloter", "articulation_plans")],
    "evaluer.yaml": [("evaluer", "listes_de_controle", 0, "points")],
    "annuaire.yaml": [("annuaire",)],
}
CASES = [(name, path) for name, paths in LISTS.items() for path in paths]

EMPTY_ROW = re.compile(r"^\|(?:\s*\|)+\s*$", re.MULTILINE)


def _with_list_to_complete(tmp_path: Path, name: str, path: tuple[Any, ...]) -> Path:
    """The complete example with the list at `path` of `name` written « A_COMPLETER »."""
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    data = yaml.safe_load((plan / name).read_text(encoding="utf-8"))
    node = data
    for part in path[:-1]:
        node = node[part]
    assert isinstance(node[path[-1]], list) and node[path[-1]]
    node[path[-1]] = "A_COMPLETER"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (plan / name).write_text(text, encoding="utf-8")
    return plan


@pytest.mark.parametrize(("name", "path"), CASES, ids=["/".join(map(str, p)) for _, p in CASES])
def test_a_list_to_complete_is_one_finding_and_one_line_of_the_document(
    tmp_path: Path, name: str, path: tuple[Any, ...]
) -> None:
    plan = _with_list_to_complete(tmp_path, name, path)
    result = run_cli("validate", plan, "--date", REFERENCE_DATE, "-f", "json")
    problems = json.loads(result.stdout)["plans"][0]["problems"]
    assert not [p for p in problems if p["rule"] == "erreur-interne"], problems
    assert [p for p in problems if p["rule"] == "champ-a-completer"], problems

    report = api.load_checked_plan(plan, today=date.fromisoformat(REFERENCE_DATE))
    assert report.plan is not None
    markdown = plan_markdown(
        report.plan, "interne", True, template_dirs(plan, None), None, load_figures(report.plan)
    )
    # No table of empty cells where the list was: its one « à compléter » instead.
    assert not EMPTY_ROW.findall(markdown)
    assert "*à compléter*" in markdown


def test_responses_to_complete_give_documents_not_tracebacks(tmp_path: Path) -> None:
    plan = _with_list_to_complete(tmp_path, "adapter.yaml", ("adapter", "reponses"))
    out = tmp_path / "out"
    for index, options in enumerate(([], ["-e", "diffusable"], ["--annexe", "fiches"])):
        target = out / f"plan{index}"
        result = run_cli(
            "render", plan, "--brouillon", "-f", "md", *options, "-o", target,
            "--date", REFERENCE_DATE,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        text = target.with_suffix(".md").read_text(encoding="utf-8")
        # The plan says its responses are still to write; the fiches stand on their own.
        assert "à compléter" in text if index < 2 else "Réception d’une alerte" in text


@pytest.mark.parametrize("written", ["A_COMPLETER", "[A_COMPLETER]"])
def test_a_list_of_risks_to_complete_is_told_to_stay_empty(tmp_path: Path, written: str) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    anticiper = yaml.safe_load((plan / "anticiper.yaml").read_text(encoding="utf-8"))
    anticiper["anticiper"]["diagnostic_risques"] = "PLACE"
    text = yaml.safe_dump(anticiper, allow_unicode=True, sort_keys=False)
    (plan / "anticiper.yaml").write_text(text.replace("PLACE", written), encoding="utf-8")
    result = run_cli("validate", plan, "--date", REFERENCE_DATE)
    assert result.exit_code == 1
    assert "« [] »" in result.stdout
    # The advice must not lead to a value the schema refuses in turn.
    assert "- id: A_COMPLETER" not in result.stdout


def test_an_empty_list_of_risks_is_a_draft_the_rules_speak_of(tmp_path: Path) -> None:
    """What the advice above leads to (README: « s'écrit vide, `[]` : les règles disent ce
    qui y manque »): no format error, and the missing diagnostic said by a rule."""
    plan = tmp_path / "plan"
    shutil.copytree(COMPLETE_EXAMPLE, plan)
    anticiper = yaml.safe_load((plan / "anticiper.yaml").read_text(encoding="utf-8"))
    anticiper["anticiper"]["diagnostic_risques"] = []
    text = yaml.safe_dump(anticiper, allow_unicode=True, sort_keys=False)
    (plan / "anticiper.yaml").write_text(text, encoding="utf-8")
    result = run_cli("validate", plan, "--date", REFERENCE_DATE, "-f", "json")
    problems = json.loads(result.stdout)["plans"][0]["problems"]
    at_risks = [p for p in problems if p["path"] == "anticiper.diagnostic_risques"]
    assert not [p for p in at_risks if p["rule"].startswith("schema-")], at_risks
    assert any("pas de diagnostic des risques" in p["message"] for p in at_risks), problems
