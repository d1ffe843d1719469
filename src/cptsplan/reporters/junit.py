"""JUnit XML (`--format junit`), for GitLab's test report (`artifacts:reports:junit`).

One `<testsuite>` per plan. In it, one test case per problem and one passing test case per
conformity rule that found nothing, so the report also shows what was checked. Only what
fails the check is a failed test case (an error; with `--strict` a warning too): the rest is
a passed one with its message in `system-out` (GitLab shows it in the test case's details),
so that a job that exits 0 does not show failed tests, and one that exits 1 shows why. A
plan that could not be read has only its problems. Test-case names are
unique in a suite (rule and file:line:col, numbered when one rule reports twice at one
place): GitLab merges cases of the same name. The report is valid against the common JUnit
XSD (Jenkins' junit-10.xsd, which GitLab also reads): a test case has no `file` or `line`
attribute there, so file:line:col is in its name and in its failure message, where GitLab
and Jenkins show them. Every text taken from a plan goes through
`safetext.visible`: one control character would make the whole report invalid XML, which
GitLab drops.
"""

from __future__ import annotations

from collections import Counter
from xml.etree import ElementTree as ET

from cptsplan.api import CheckResult, PlanReport
from cptsplan.checked.verdict import blocking
from cptsplan.findings.problems import Problem
from cptsplan.privacy.safetext import visible, xml_document_safe
from cptsplan.reporters.catalog import check_info


def _problem_case(suite: ET.Element, plan: PlanReport, problem: Problem, name: str) -> bool:
    """Add one test case; True when it is a failure (an error)."""
    location = visible(str(problem.location))
    case = ET.SubElement(
        suite,
        "testcase",
        name=name,
        classname=visible(plan.target.display),
        time="0",
    )
    message = visible(problem.message)
    details = [f"{location}: {problem.severity.label_fr} [{visible(problem.rule)}] {message}"]
    if problem.path:
        details.append(f"chemin : {visible(problem.path)}")
    if problem.hint:
        details.append(f"aide : {visible(problem.hint)}")
    if not blocking(plan, problem):
        ET.SubElement(case, "system-out").text = "\n".join(details)
        return False
    failure = ET.SubElement(
        case, "failure", message=f"{location}: {message}", type=problem.severity.label
    )
    failure.text = "\n".join(details)
    return True


def _names(problems: list[Problem]) -> list[str]:
    """Rule and place; a second problem of one rule at one place gets « (2) »."""
    seen: Counter[str] = Counter()
    names = []
    for problem in problems:
        name = f"{visible(problem.rule)} {visible(str(problem.location))}"
        seen[name] += 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def _suite(root: ET.Element, plan: PlanReport) -> tuple[int, int]:
    suite = ET.SubElement(root, "testsuite", name=visible(plan.target.display))
    names = _names(plan.problems)
    failures = sum(
        _problem_case(suite, plan, problem, name)
        for problem, name in zip(plan.problems, names, strict=True)
    )
    tests = len(plan.problems)
    if plan.completeness is not None:  # the conformity rules ran on this plan
        from cptsplan.rules import all_rules

        found = {problem.rule for problem in plan.problems}
        for rule in all_rules():
            if rule.id not in found:
                ET.SubElement(
                    suite,
                    "testcase",
                    name=rule.id,
                    classname=visible(plan.target.display),
                    time="0",
                )
                tests += 1
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    suite.set("time", "0")
    return tests, failures


def report(result: CheckResult) -> str:
    root = ET.Element("testsuites", name="cptsplan")
    totals = [_suite(root, plan) for plan in result.reports]
    root.set("tests", str(sum(tests for tests, _ in totals)))
    root.set("failures", str(sum(failures for _, failures in totals)))
    root.set("errors", "0")
    root.set("time", "0")
    ET.indent(root)
    document = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
    return xml_document_safe(document)


__all__ = ["check_info", "report"]
