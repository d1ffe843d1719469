"""Stable JSON output (`--format json`). Shape documented in docs/sortie-json.md; bump
`format_version` on any incompatible change."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from cptsplan import __version__
from cptsplan.api import CheckResult, PlanReport
from cptsplan.checked.verdict import fails, written_wrong
from cptsplan.findings.problems import Problem, Severity
from cptsplan.privacy.safetext import json_safe
from cptsplan.schema.placeholders import MARKER, ToComplete

FORMAT_VERSION = 1


def problem_to_dict(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.location.file,
        "line": problem.location.line,
        "column": problem.location.col,
        "severity": problem.severity.label,
        "rule": problem.rule,
        "message": problem.message,
        "path": problem.path,
        "hint": problem.hint,
    }


def plan_to_dict(report: PlanReport) -> dict[str, Any]:
    return {
        "path": report.target.display,
        "name": report.name,
        "files": report.files,
        "configuration": report.configuration,
        "valid": report.count(Severity.ERROR) == 0,
        "errors": report.count(Severity.ERROR),
        "warnings": report.count(Severity.WARNING),
        "infos": report.count(Severity.INFO),
        "completeness": report.completeness,
        "fails": fails(report),
        "status": report.status,
        # A value the schema refuses is null, not the « A_COMPLETER » the rules read it as.
        "version": None if written_wrong(report, "document.version") else _plain(report.version),
        "last_update": (
            None
            if written_wrong(report, "document.date_mise_a_jour")
            else _plain(report.last_update)
        ),
        "next_update": _plain(report.next_update),
        "source": report.source,
        "problems": [problem_to_dict(problem) for problem in report.problems],
    }


def _plain(value: object) -> str | None:
    """A date as AAAA-MM-JJ, a placeholder as "A_COMPLETER", as the plan writes them."""
    if value is None:
        return None
    if isinstance(value, ToComplete):
        return MARKER
    return value.isoformat() if isinstance(value, date) else str(value)


def report(result: CheckResult) -> str:
    document = {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "cptsplan", "version": __version__},
        "reference_date": result.today.isoformat(),
        "summary": {
            "plans": len(result.reports),
            "valid_plans": sum(1 for r in result.reports if r.count(Severity.ERROR) == 0),
            "failing_plans": sum(1 for r in result.reports if fails(r)),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO),
        },
        "plans": [plan_to_dict(plan_report) for plan_report in result.reports],
    }
    return json_safe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
