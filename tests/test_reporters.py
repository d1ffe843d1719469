"""Golden tests of every output format on a small plan with a fixed reference date, and the
checks the CI systems make: SARIF 2.1.0 schema, JUnit XML shape, GitHub escaping.

Regenerate the golden files after an intended change with:
    CPTSPLAN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reporters.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from cptsplan.findings.problems import Location, Problem, Severity
from cptsplan.reporters import REPORTERS
from cptsplan.reporters.github import annotation, escape_data, escape_property

from .conftest import REPO, SHARED_DATA, run_cli

GOLDEN = Path(__file__).resolve().parent / "golden"
PLAN = "tests/fixtures/rules/petit-plan"
DATE = "2026-11-23"


def output(fmt: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(REPO)  # relative paths in the output, as in CI
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = run_cli("validate", PLAN, "--format", fmt, "--date", DATE)
    return result.exit_code, result.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_output_matches_its_golden_file(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    exit_code, text = output(fmt, monkeypatch)
    assert exit_code == 1
    golden = GOLDEN / f"petit-plan.{fmt}"
    if os.environ.get("CPTSPLAN_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_every_format_is_registered() -> None:
    assert set(REPORTERS) == {"text", "resume", "json", "github", "sarif", "junit"}


def test_sarif_is_valid_sarif_2_1_0(monkeypatch: pytest.MonkeyPatch) -> None:
    schema_file = SHARED_DATA / "sarif-schema-2.1.0.json"
    if not schema_file.is_file():
        pytest.skip(f"schéma SARIF absent : {schema_file} (données partagées non fournies)")
    from jsonschema import Draft7Validator

    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    _, text = output("sarif", monkeypatch)
    document = json.loads(text)
    errors = list(Draft7Validator(schema).iter_errors(document))
    assert errors == [], [e.message for e in errors]
    run = document["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        # What GitHub code scanning needs: a known rule, a relative URI, a start line.
        assert ids[result["ruleIndex"]] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"]["startLine"] >= 1


def test_junit_has_one_suite_per_plan_and_failures_with_their_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, text = output("junit", monkeypatch)
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    failures = suite.findall("testcase/failure")
    assert int(suite.get("failures", "0")) == len(failures) == 1  # the one error
    assert int(suite.get("tests", "0")) == len(suite.findall("testcase"))
    assert any("plan.yaml:281:17" in (f.get("message") or "") for f in failures)


def test_github_escapes_per_the_runner_rules() -> None:
    assert escape_data("50 % : a\nb\r") == "50 %25 : a%0Ab%0D"
    assert escape_property("dossier:a,b") == "dossier%3Aa%2Cb"
    problem = Problem(
        Location("plans/cpts,1/plan.yaml", 3, 7),
        Severity.INFO,
        "contact-non-verifie",
        "message : 100 %",
        "annuaire[0]",
        "aide",
    )
    assert annotation(problem) == (
        "::notice file=plans/cpts%2C1/plan.yaml,line=3,col=7,"
        "title=cptsplan [contact-non-verifie]::message : 100 %25%0Aaide"
    )


def test_github_is_chosen_inside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("validate", PLAN, "--date", DATE)
    assert result.stdout.startswith("::")
    result = run_cli("validate", PLAN, "--date", DATE, "--format", "text")
    assert not result.stdout.startswith("::")


def test_the_json_documented_is_the_json_written() -> None:
    """docs/sortie-json.md's example has every key `--format json` writes, and no other."""
    from .conftest import MINIMAL_EXAMPLE

    text = (REPO / "docs" / "sortie-json.md").read_text(encoding="utf-8")
    example = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])
    written = json.loads(run_cli("validate", MINIMAL_EXAMPLE, "-f", "json").stdout)
    assert set(example) == set(written)
    assert set(example["summary"]) == set(written["summary"])
    assert set(example["plans"][0]) == set(written["plans"][0])
