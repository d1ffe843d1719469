"""JUnit XML (`--format junit`), for GitLab's test report (`artifacts:reports:junit`).

One `<testsuite>` per plan. In it, one test case per problem (failed for an error or a
warning, passed with the message in `system-out` for an info), and one passing test case per
conformity rule that found nothing, so the report also shows what was checked. A plan that
could not be read has only its problems. Each failure names file:line:col. Every text taken
from a plan goes through `safetext.visible`: one control character would make the whole report
invalid XML, which GitLab drops.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..api import CheckResult, PlanReport
from ..problems import Problem, Severity
from ..safetext import visible, xml_document_safe
from .catalog import check_info


def _problem_case(suite: ET.Element, plan: PlanReport, problem: Problem) -> bool:
    """Add one test case; True when it is a failure."""
    location = visible(str(problem.location))
    case = ET.SubElement(
        suite,
        "testcase",
        name=f"{visible(problem.rule)} {location}",
        classname=visible(plan.target.display),
        file=visible(problem.location.file),
        line=str(problem.location.line),
        time="0",
    )
    message = visible(problem.message)
    details = [f"{location}: {problem.severity.label_fr} [{visible(problem.rule)}] {message}"]
    if problem.path:
        details.append(f"chemin : {visible(problem.path)}")
    if problem.hint:
        details.append(f"aide : {visible(problem.hint)}")
    if problem.severity == Severity.INFO:
        ET.SubElement(case, "system-out").text = "\n".join(details)
        return False
    failure = ET.SubElement(
        case, "failure", message=f"{location}: {message}", type=problem.severity.label
    )
    failure.text = "\n".join(details)
    return True


def _suite(root: ET.Element, plan: PlanReport) -> tuple[int, int]:
    suite = ET.SubElement(root, "testsuite", name=visible(plan.target.display))
    failures = sum(_problem_case(suite, plan, problem) for problem in plan.problems)
    tests = len(plan.problems)
    if plan.completeness is not None:  # the conformity rules ran on this plan
        from ..rules import all_rules

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
