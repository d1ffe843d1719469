"""What GitLab and GitHub make of the JUnit and SARIF reports on the plans coordinators have:
an untouched `init` skeleton (warnings only, the job is green) and the complete example."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from .conftest import COMPLETE_EXAMPLE, SHARED_DATA, run_cli

DATE = "2026-11-01"


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("depot")
    run_cli("init", folder, "--nom", "CPTS X", "--territoire", "Y")
    return folder / "plan"


def report(plan: Path, fmt: str) -> tuple[int, str]:
    result = run_cli("validate", plan, "--format", fmt, "--date", DATE)
    return result.exit_code, result.stdout


def test_junit_of_a_green_job_has_no_failed_test_and_keeps_the_warnings(skeleton: Path) -> None:
    exit_code, text = report(skeleton, "junit")
    assert exit_code == 0
    root = ET.fromstring(text.encode("utf-8"))
    (suite,) = root.findall("testsuite")
    assert suite.findall("testcase/failure") == [] and suite.get("failures") == "0"
    assert root.get("failures") == "0"
    outputs = [out.text or "" for out in suite.findall("testcase/system-out")]
    warnings = [text for text in outputs if "avertissement [champ-a-completer]" in text]
    assert len(warnings) >= 60  # every placeholder is still listed, with its place


@pytest.mark.parametrize("plan", ["skeleton", "complete"])
def test_junit_test_case_names_are_unique_and_counts_add_up(plan: str, skeleton: Path) -> None:
    folder = skeleton if plan == "skeleton" else COMPLETE_EXAMPLE
    _, text = report(folder, "junit")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        names = [case.get("name") for case in cases]
        assert all(names) and len(set(names)) == len(names)
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(len(suite.findall("testcase/failure")))
        for case in cases:
            # The JUnit schema's shape: only these children, a failure only for an error.
            assert {child.tag for child in case} <= {"failure", "system-out"}
            for failure in case.findall("failure"):
                assert failure.get("type") == "error" and failure.get("message")


# The attributes junit-10.xsd (Jenkins; GitLab reads the same) allows on a test case: anything
# else (`file`, `line`) makes the report invalid against it. Checked here without the XSD too.
JUNIT_TESTCASE_ATTRIBUTES = {"name", "time", "classname", "group"}


@pytest.mark.parametrize("plan", ["skeleton", "complete"])
def test_junit_is_valid_against_the_common_junit_xsd(plan: str, skeleton: Path) -> None:
    folder = skeleton if plan == "skeleton" else COMPLETE_EXAMPLE
    _, text = report(folder, "junit")
    root = ET.fromstring(text.encode("utf-8"))
    for case in root.iter("testcase"):
        assert set(case.attrib) <= JUNIT_TESTCASE_ATTRIBUTES, case.attrib
    # file:line:col stays where GitLab and Jenkins show it: the name and the failure message.
    failures = root.findall(".//testcase/failure")
    if plan == "complete":
        assert failures == []
    for case in root.iter("testcase"):
        for failure in case.findall("failure"):
            place = failure.get("message", "").split(": ")[0]
            assert re.search(r":\d+:\d+$", place) and place in (case.get("name") or "")
    if plan == "skeleton":
        names = [case.get("name") or "" for case in root.iter("testcase")]
        assert any(re.search(r"\.yaml:\d+:\d+", name) for name in names)
    xsd = SHARED_DATA / "junit-10.xsd"
    if not xsd.is_file():
        pytest.skip(f"XSD JUnit absent : {xsd} (données partagées non fournies)")
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(xsd)))
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log


def test_sarif_rules_have_a_name_and_no_placeholder_address(skeleton: Path) -> None:
    _, text = report(skeleton, "sarif")
    driver = json.loads(text)["runs"][0]["tool"]["driver"]
    # No project address exists yet: no placeholder a tool would try to open.
    assert "informationUri" not in driver and ".example" not in text
    names = [rule["name"] for rule in driver["rules"]]
    for rule in driver["rules"]:
        assert rule["name"] != rule["id"]
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", rule["name"]), rule["name"]
    assert len(set(names)) == len(names)
    champ = next(rule for rule in driver["rules"] if rule["id"] == "champ-a-completer")
    assert champ["name"] == "ChampACompleter"


def test_sarif_of_the_complete_example_is_valid_sarif(monkeypatch: pytest.MonkeyPatch) -> None:
    schema_file = SHARED_DATA / "sarif-schema-2.1.0.json"
    if not schema_file.is_file():
        pytest.skip(f"schéma SARIF absent : {schema_file} (données partagées non fournies)")
    from jsonschema import Draft7Validator

    monkeypatch.chdir(COMPLETE_EXAMPLE.parent.parent)
    _, text = report(Path("examples") / COMPLETE_EXAMPLE.name, "sarif")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert list(Draft7Validator(schema).iter_errors(json.loads(text))) == []


@pytest.mark.parametrize("options", [(), ("--strict",), ("--bloquant", "structure")])
def test_junit_failures_are_what_fails_the_job(options: tuple[str, ...]) -> None:
    """With --strict the job failed on warnings while JUnit showed no failed test; with
    --bloquant structure it passed while JUnit showed the rules' errors as failures."""
    plan = Path(__file__).resolve().parent / "fixtures" / "rules" / "petit-plan"
    result = run_cli("validate", plan, "-f", "junit", "--date", "2026-11-23", *options)
    root = ET.fromstring(result.stdout)
    failures = int(root.get("failures") or 0)
    assert (failures > 0) == (result.exit_code == 1)
    failed = {f.get("type") for f in root.iter("failure")}
    assert failed == (
        {"error", "warning"} if options == ("--strict",) else {"error"} if failures else set()
    )
